import Foundation
import KhenThuongKit
import KhenThuongStore

/// Units by their names from the directory, as a person reads them (codes stay in `--json`).
enum UnitNames {
    /// A lookup from unit code to name; nil when the directory does not know the code (the code is shown then).
    static func lookup(_ log: any EventLog) -> (String) -> String? {
        let directory = try? Directory.load(from: log)
        return { directory?.unit($0)?.name }
    }
}
