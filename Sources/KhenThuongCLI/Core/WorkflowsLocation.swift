import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongKit

/// Where the definitions folder (`workflows/`) is, and how it was found.
///
/// Looked for in order: `--workflows DIR`, then `KHENTHUONG_WORKFLOWS`, then `./workflows` when it
/// holds any workflow definition, then beside the installed binary
/// (`<folder of the executable>/../share/khenthuong/workflows`, for the executable as invoked and
/// with its symbolic links resolved). A folder named by the option or the variable is taken as it
/// is: a wrong one is reported by the loader with its own findings. Nothing is looked up from the
/// source tree the binary was built from.
///
/// Commands that never read a definition (`verify`, `--help`) run without one; the others
/// get an error saying where it looked and how to fix it (exit 3) from `resolved(_:)`.
struct WorkflowsLocation: Sendable {
    /// The folder, or nil when none was found.
    let directory: String?
    /// The folders looked at, in order, when none was given.
    let looked: [String]

    /// Finds the folder.
    /// - Parameters:
    ///   - option: the value of `--workflows`, if given.
    ///   - environment: the environment (its `KHENTHUONG_WORKFLOWS`).
    ///   - currentDirectory: the folder `./workflows` is looked for in.
    ///   - executablePaths: the running binary's paths (as invoked, resolved); see `runningExecutable()`.
    init(option: String?, environment: [String: String], currentDirectory: String = ".",
         executablePaths: [String] = WorkflowsLocation.runningExecutable()) {
        if let given = option ?? environment["KHENTHUONG_WORKFLOWS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            directory = given
            looked = []
            return
        }
        let local = (currentDirectory as NSString).appendingPathComponent("workflows")
        var candidates = [local == "./workflows" ? "workflows" : local]
        for executable in executablePaths {
            let bin = (executable as NSString).deletingLastPathComponent
            let share = ((bin as NSString).appendingPathComponent("../share/khenthuong/workflows") as NSString).standardizingPath
            if !candidates.contains(share) { candidates.append(share) }
        }
        directory = candidates.first(where: Self.holdsDefinitions)
        looked = candidates
    }

    /// Whether `directory` holds any workflow definition.
    static func holdsDefinitions(_ directory: String) -> Bool {
        !DefinitionsLayout(directory: directory).workflowFiles.isEmpty
    }

    /// The running binary: as invoked (when the name has a folder) and with symbolic links resolved.
    static func runningExecutable() -> [String] {
        var paths: [String] = []
        if let invoked = CommandLine.arguments.first, invoked.contains("/") {
            paths.append(URL(fileURLWithPath: invoked).standardizedFileURL.path)
        }
        if let real = Bundle.main.executableURL?.resolvingSymlinksInPath().path, !paths.contains(real) {
            paths.append(real)
        }
        return paths
    }

    /// The folder, or what was not found, where it was looked for and how to fix it (exit 3).
    func resolved(_ language: Language) throws(CLIError) -> String {
        if let directory { return directory }
        let list = looked.map { $0 == "workflows" ? "./workflows" : $0 }.joined(separator: ", ")
        throw CLIError(
            .init(vi: "không tìm thấy thư mục định nghĩa quy trình (workflows/)",
                  en: "the definitions folder (workflows/) was not found"),
            fix: .init(vi: "chỉ thư mục bằng --workflows DIR hoặc KHENTHUONG_WORKFLOWS=DIR, chạy lệnh từ thư mục chứa workflows/, hoặc cài các định nghĩa vào …/share/khenthuong/workflows cạnh thư mục bin của khenthuong",
                       en: "name it with --workflows DIR or KHENTHUONG_WORKFLOWS=DIR, run from the folder that holds workflows/, or install the definitions in …/share/khenthuong/workflows beside khenthuong's bin folder"),
            exit: .dataError,
            details: [language == .vi ? "đã tìm: --workflows (không có), KHENTHUONG_WORKFLOWS (chưa đặt), \(list)"
                                      : "looked at: --workflows (not given), KHENTHUONG_WORKFLOWS (not set), \(list)"])
    }
}
