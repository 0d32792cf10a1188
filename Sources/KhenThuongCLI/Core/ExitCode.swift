import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The documented exit codes of `khenthuong`.
package enum ExitCode: Int32, Sendable {
    /// Done.
    case success = 0
    /// The workflow refused the event (or an audit failed).
    case refused = 1
    /// The command line is wrong: unknown command or option, missing argument.
    case usage = 2
    /// Bad data or a store problem: malformed file, unknown dossier, busy or broken store.
    case dataError = 3
}
