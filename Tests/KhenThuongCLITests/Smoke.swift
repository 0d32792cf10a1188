import Testing
@testable import KhenThuongKit
