import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// An error a person reads: what is wrong, where, and how to fix it, with its exit code.
///
/// Every failure of every command is turned into one of these in one place
/// (`CLIError.from(_:)`), so messages and exit codes stay consistent.
package struct CLIError: Error, Sendable {
    package var what: LocalizedText
    package var location: String?
    package var fix: LocalizedText?
    package var exitCode: ExitCode
    /// Extra lines printed after the message (lint findings, refusal details).
    package var details: [String]

    package init(_ what: LocalizedText, at location: String? = nil, fix: LocalizedText? = nil,
                exit: ExitCode, details: [String] = []) {
        self.what = what
        self.location = location
        self.fix = fix
        self.exitCode = exit
        self.details = details
    }

    /// A usage error (exit 2) with a hint to the command's help.
    static func usage(_ what: LocalizedText, command: String) -> CLIError {
        let c = command.isEmpty ? "khenthuong" : "khenthuong \(command)"
        return CLIError(what, fix: .init(vi: "xem `\(c) --help`", en: "see `\(c) --help`"), exit: .usage)
    }

    /// The message as printed on standard error.
    package func rendered(_ language: Language) -> String {
        let vi = language == .vi
        // A refusal already says so ("Từ chối: …"); it gets no second label in front.
        let text = what[language]
        let refusal = text.hasPrefix(vi ? "Từ chối:" : "Refused:")
        var s = refusal ? "khenthuong: \(text)" : "khenthuong: \(vi ? "lỗi" : "error"): \(text)"
        if let location { s += " (\(location))" }
        for d in details { s += "\n  \(d)" }
        if let fix { s += "\n  \(vi ? "cách khắc phục" : "how to fix"): \(fix[language])" }
        return s
    }
}
