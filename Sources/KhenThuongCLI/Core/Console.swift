import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Where a command writes: standard output for results, standard error for messages and
/// progress. Tests capture both by passing their own closures.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether standard error is a terminal (progress is shown only then).
    package let errIsTerminal: Bool
    /// Whether standard input is a terminal (a key's passphrase is asked for only then).
    package let inputIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, errIsTerminal: Bool, inputIsTerminal: Bool = false) {
        self.writeOut = out
        self.writeErr = err
        self.errIsTerminal = errIsTerminal
        self.inputIsTerminal = inputIsTerminal
    }

    /// The process's own standard output and error.
    public static func standard() -> Console {
        Console(out: { s in FileHandle.standardOutput.write(Data(s.utf8)) },
                err: { s in FileHandle.standardError.write(Data(s.utf8)) },
                errIsTerminal: isatty(2) != 0, inputIsTerminal: isatty(0) != 0)
    }

    /// Asks for a secret on the terminal without echoing it (`getpass`, which reads the
    /// controlling terminal); `nil` when standard input is not a terminal or nothing can be read.
    package func askSecret(_ prompt: String) -> String? {
        guard inputIsTerminal, let answer = getpass(prompt) else { return nil }
        defer { memset(answer, 0, strlen(answer)) }
        return String(cString: answer)
    }

    /// Writes a line to standard output.
    package func line(_ s: String = "") { writeOut(s + "\n") }
    /// Writes text to standard output as it is (streamed results).
    package func raw(_ s: String) { writeOut(s) }
    /// Writes a line to standard error.
    package func error(_ s: String) { writeErr(s + "\n") }
    /// Writes raw text to standard error (progress redraws).
    package func errRaw(_ s: String) { writeErr(s) }
}

/// A progress line on a terminal: `verify 420000/1000000 (42%)`, redrawn in place at
/// most ten times a second; silent when standard error is not a terminal or in `--json`.
final class Progress {
    private let console: Console
    private let label: String
    private let enabled: Bool
    private var last = Date.distantPast

    init(console: Console, label: String, enabled: Bool) {
        self.console = console
        self.label = label
        self.enabled = enabled && console.errIsTerminal
    }

    func update(_ done: Int64, _ total: Int64) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.1 || done == total else { return }
        last = now
        let pct = total > 0 ? Int(done * 100 / total) : 100
        console.errRaw("\r\(label) \(done)/\(total) (\(pct)%)")
    }

    func finish() {
        guard enabled else { return }
        console.errRaw("\r\u{1B}[K")
    }
}
