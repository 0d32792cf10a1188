import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One command of `khenthuong`: its words, its help, and what it does.
struct Command: Sendable {
    /// The words that name it, e.g. `["dossier", "act"]`.
    var path: [String]
    /// Synopsis after the command words, e.g. `ID EVENT [--reason TEXT]`.
    var synopsis: String
    var summary: LocalizedText
    /// Longer help: options and examples, one per line.
    var help: LocalizedText
    /// Help read from the definitions when `--help` is asked (what a workflow defines, e.g. the
    /// documents an event requires), shown after `help`; `nil` when there is none.
    var definitionHelp: (@Sendable (Context) -> String?)? = nil
    var run: @Sendable (inout ArgumentList, Context) throws(CLIError) -> ExitCode

    var name: String { path.joined(separator: " ") }
}
