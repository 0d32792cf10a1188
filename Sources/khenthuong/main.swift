import Foundation
import KhenThuongCLI

exit(KhenThuongMain.run(Array(CommandLine.arguments.dropFirst())))
