import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Every terminal transcript in `README.md` and `docs/*.md` is what the tool prints today.
///
/// The convention (docs/README.md, "Transcripts"): a ```` ```console ```` block is run; a
/// ```` ```sh ```` or ```` ```text ```` block is not. In a console block, in order, in one fresh
/// temporary folder that holds links to the repository's `workflows/`, `Tests/` and `docs/` (so paths read
/// as from the repository root) and with no `KHENTHUONG_*` variable set:
///
/// - `$ khenthuong ARGS` runs the built binary (ARGS split as a shell would: `'…'`, `"…"`, `\`,
///   `# comment`; no pipes, redirections or expansions);
///   the lines up to the next `$ ` line are what it prints, standard output and standard error
///   together, as a terminal shows them;
/// - `$ export NAME=VALUE` sets a variable for the commands after it (`KHENTHUONG_NOW` fixes the
///   clock, `KHENTHUONG_STORE` the store);
/// - `$ echo $?` prints the previous command's exit code;
/// - a line that is only `…` stands for any number of lines (to show the end of a long output);
///   a `…` inside a line stands for any text in that line (a key id, a hash that differs on
///   every machine because the keys do).
///
/// Lines are compared without trailing spaces; blank lines before the next `$ ` are not output.
@Suite struct DocTranscriptTests {
    /// One ```` ```console ```` block.
    struct Block: Sendable, CustomTestStringConvertible {
        var file: String
        /// Line of the opening fence (1-based).
        var line: Int
        var lines: [String]
        var testDescription: String { "\(file):\(line)" }
    }

    /// One `$ …` step and the lines after it.
    struct Step {
        var line: Int
        var command: String
        var expected: [String]
    }

    static let documents: [String] = {
        let docs = CLIHarness.repository.appendingPathComponent("docs")
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + pages
    }()

    /// The fenced blocks of `language` in `file` (relative to the repository).
    static func fencedBlocks(_ language: String, in file: String) -> [Block] {
        let url = CLIHarness.repository.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var blocks: [Block] = []
        var current: Block?
        var fence: String?
        var indent = 0
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let f = fence {
                if trimmed == f {
                    if let c = current { blocks.append(c) }
                    current = nil
                    fence = nil
                } else {
                    // A block indented in a list item: its lines lose the fence's indentation.
                    let spaces = min(indent, line.prefix { $0 == " " }.count)
                    current?.lines.append(String(line.dropFirst(spaces)))
                }
            } else if trimmed.hasPrefix("```") {
                let ticks = String(trimmed.prefix { $0 == "`" })
                fence = ticks
                indent = line.prefix { $0 == " " }.count
                if trimmed.dropFirst(ticks.count).trimmingCharacters(in: .whitespaces) == language {
                    current = Block(file: file, line: i + 1, lines: [])
                }
            }
        }
        return blocks
    }

    static let blocks: [Block] = documents.flatMap { fencedBlocks("console", in: $0) }

    /// The steps of a block; lines before the first `$ ` are an error.
    static func steps(_ block: Block) -> (steps: [Step], stray: [Int]) {
        var steps: [Step] = []
        var stray: [Int] = []
        for (i, line) in block.lines.enumerated() {
            let number = block.line + 1 + i
            if line.hasPrefix("$ ") {
                steps.append(Step(line: number, command: String(line.dropFirst(2)), expected: []))
            } else if steps.isEmpty {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { stray.append(number) }
            } else {
                steps[steps.count - 1].expected.append(line)
            }
        }
        return (steps, stray)
    }

    /// Splits a command line as a POSIX shell would, without expansions; a `#` starting a word
    /// starts a comment. Nil for an unclosed quote, or a pipe, redirection, `;` or `&` that only a
    /// shell understands.
    static func words(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "#" where !inWord:
                chars = []
            case "|", ">", "<", ";", "&":
                return nil
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else { return nil }
                word += String(chars[..<end])
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let e = chars.first, "\"\\$`".contains(e) { word.append(e); chars = chars.dropFirst(); continue }
                    word.append(d)
                }
                if !closed { return nil }
            case "\\":
                inWord = true
                guard let e = chars.popFirst() else { return nil }
                word.append(e)
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Whether `actual` matches `expected`, where a `…` line stands for any number of lines.
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "…" {
            let rest = expected.dropFirst()
            return (actual.startIndex...actual.endIndex).contains { matches(rest, actual[$0...]) }
        }
        guard let a = actual.first, lineMatches(first, a) else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    /// Whether one printed line matches one expected line, where `…` stands for any text.
    static func lineMatches(_ expected: String, _ actual: String) -> Bool {
        guard expected.contains("…") else { return expected == actual }
        let parts = expected.components(separatedBy: "…")
        guard actual.hasPrefix(parts[0]), actual.hasSuffix(parts[parts.count - 1]),
              actual.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var rest = Substring(actual.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    /// Lines without trailing spaces, without the blank lines at the end.
    static func normalised(_ lines: [String]) -> [String] {
        var out = lines.map { line in
            var l = Substring(line)
            while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
            return String(l)
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    /// A line diff (`-` expected, `+` printed), from their longest common subsequence.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        let n = expected.count, m = actual.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] { out.append("  " + expected[i]); i += 1; j += 1 }
            else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] { out.append("- " + expected[i]); i += 1 }
            else { out.append("+ " + actual[j]); j += 1 }
        }
        return out.joined(separator: "\n")
    }

    /// A fresh folder with `workflows`, `Tests` and `docs` linked from the repository.
    static func workspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["workflows", "Tests", "docs"] {
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent(name),
                                                       withDestinationURL: CLIHarness.repository.appendingPathComponent(name))
        }
        return directory
    }

    /// Runs the built binary in `directory`; standard output and standard error share one pipe.
    static func run(_ args: [String], in directory: URL, environment: [String: String]) throws -> (code: Int32, lines: [String]) {
        let p = Process()
        p.executableURL = CLIHarness.binary
        p.arguments = args
        p.currentDirectoryURL = directory
        p.environment = environment
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self).components(separatedBy: "\n"))
    }

    /// With `KHENTHUONG_DOC_RECORD=DIR`, a step whose output no longer matches leaves what it
    /// printed in `DIR/<file>:<line>.txt` (first line: how many document lines it replaces), for a
    /// person to apply and then elide what differs on every machine (key ids, hashes) with `…`.
    static func recordForRewrite(_ file: String, line: Int, replacing count: Int, with actual: [String]) {
        guard let folder = ProcessInfo.processInfo.environment["KHENTHUONG_DOC_RECORD"] else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = file.replacingOccurrences(of: "/", with: "_") + ":\(line).txt"
        try? ([String(count)] + actual).joined(separator: "\n").write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test("README.md and docs/ hold console transcripts to check")
    func thereAreTranscripts() {
        #expect(Self.documents.contains("docs/README.md"))
        #expect(Self.blocks.contains { $0.file == "README.md" })
    }

    @Test("A console transcript in the README or docs prints today what it shows", arguments: blocks)
    func transcript(_ block: Block) throws {
        let (steps, stray) = Self.steps(block)
        #expect(stray.isEmpty, "\(block.file):\(stray.first ?? 0): a console block starts with a `$ ` command line")
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KHENTHUONG_") }
        var lastCode: Int32?
        for step in steps {
            let location = "\(block.file):\(step.line)"
            guard let words = Self.words(step.command), let program = words.first else {
                Issue.record("\(location): cannot split `\(step.command)`: an unclosed quote, or a pipe, redirection, `;` or `&` that only a shell runs (show those in a ```sh block)")
                return
            }
            let expected = Self.normalised(step.expected)
            var actual: [String]
            switch program {
            case "khenthuong":
                let r = try Self.run(Array(words.dropFirst()), in: directory, environment: environment)
                lastCode = r.code
                actual = Self.normalised(r.lines)
            case "export" where words.count == 2 && words[1].contains("="):
                let pair = words[1].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                environment[String(pair[0])] = String(pair[1])
                actual = []
            case "echo" where words == ["echo", "$?"]:
                guard let code = lastCode else {
                    Issue.record("\(location): `echo $?` before any khenthuong command")
                    return
                }
                actual = ["\(code)"]
            default:
                Issue.record("\(location): `\(step.command)` is not a khenthuong command, `export NAME=VALUE` or `echo $?`; show shell-only steps in a ```sh block")
                return
            }
            if !Self.matches(expected[...], actual[...]) {
                Self.recordForRewrite(block.file, line: step.line, replacing: expected.count, with: actual)
                Issue.record("""
                    \(location): `$ \(step.command)` (block at line \(block.line)) prints something else today \
                    (- in the document, + printed):
                    \(Self.diff(expected, actual))
                    """)
            }
        }
    }

    @Test("Every Mermaid diagram in the README and docs is what `workflow diagram` draws from the shipped definitions")
    func diagrams() throws {
        var drawn: Set<[String]> = []
        for id in ["yearly", "adhoc"] {
            for language in ["vi", "en"] {
                let h = try CLIHarness()
                let r = h.run(["--lang", language, "workflow", "diagram", id])
                #expect(r.code == 0)
                drawn.insert(Self.normalised(r.out.components(separatedBy: "\n")))
            }
        }
        let blocks = Self.documents.flatMap { Self.fencedBlocks("mermaid", in: $0) }
        #expect(!blocks.isEmpty)
        for block in blocks {
            #expect(drawn.contains(Self.normalised(block.lines)),
                    "\(block.file):\(block.line): this Mermaid diagram is not what `khenthuong workflow diagram yearly|adhoc --lang vi|en` draws today")
        }
    }

    @Test("The transcript reader splits words as a shell does and `…` stands for any lines")
    func reader() {
        #expect(Self.words(#"khenthuong --as a@B:c dossier create --nominee-name 'Nguyễn Thị Hoa' --reason "Hợp đồng \"mới\"" a\ b"#)
                == ["khenthuong", "--as", "a@B:c", "dossier", "create", "--nominee-name", "Nguyễn Thị Hoa", "--reason", "Hợp đồng \"mới\"", "a b"])
        #expect(Self.words("echo 'open") == nil)
        #expect(Self.words("khenthuong verify | tee x") == nil)
        #expect(Self.words("khenthuong verify '|' # a comment") == ["khenthuong", "verify", "|"])
        #expect(Self.matches(["a", "…", "z"], ["a", "b", "c", "z"]))
        #expect(Self.matches(["a", "…", "z"], ["a", "z"]))
        #expect(!Self.matches(["a", "…", "z"], ["a", "b"]))
        #expect(Self.diff(["a", "b"], ["a", "c"]) == "  a\n- b\n+ c")
    }
}
