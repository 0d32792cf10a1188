import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The words of a command line after the command path, with typed access to options.
///
/// Options are `--name value` or `--name=value`; flags are `--name`. Unknown options and
/// missing values are usage errors naming the option. Every option a command reads is
/// declared by reading it; `finish()` then rejects anything left over.
struct ArgumentList {
    private var words: [String]
    private var used: [Bool]
    /// The option names the command has asked for so far (for "did you mean").
    private var declared: [String] = []
    let command: String

    init(_ words: [String], command: String) {
        self.words = words
        self.used = Array(repeating: false, count: words.count)
        self.command = command
    }

    /// The value(s) of `--name`; repeated options give several values.
    mutating func values(_ name: String) throws(CLIError) -> [String] {
        declared.append(name)
        var out: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if !used[i], w == "--\(name)" {
                guard i + 1 < words.count, !used[i + 1] else {
                    throw CLIError.usage(.init(vi: "tuỳ chọn --\(name) cần một giá trị", en: "the option --\(name) needs a value"), command: command)
                }
                used[i] = true
                used[i + 1] = true
                out.append(words[i + 1])
                i += 2
                continue
            }
            if !used[i], w.hasPrefix("--\(name)=") {
                used[i] = true
                out.append(String(w.dropFirst(name.count + 3)))
            }
            i += 1
        }
        return out
    }

    /// The single value of `--name`, or `nil`.
    mutating func value(_ name: String) throws(CLIError) -> String? {
        let v = try values(name)
        guard v.count <= 1 else {
            throw CLIError.usage(.init(vi: "tuỳ chọn --\(name) chỉ được dùng một lần", en: "the option --\(name) may be given once only"), command: command)
        }
        return v.first
    }

    /// The value of `--name`, which must be given.
    mutating func required(_ name: String) throws(CLIError) -> String {
        guard let v = try value(name), !v.isEmpty else {
            throw missing(name)
        }
        return v
    }

    /// An integer option.
    mutating func int(_ name: String) throws(CLIError) -> Int? {
        guard let v = try value(name) else { return nil }
        guard let n = Int(v) else {
            throw CLIError.usage(.init(vi: "--\(name) phải là số nguyên, không phải “\(v)”", en: "--\(name) must be an integer, not “\(v)”"), command: command)
        }
        return n
    }

    /// An integer option that must be given.
    mutating func requiredInt(_ name: String) throws(CLIError) -> Int {
        guard let n = try int(name) else {
            throw missing(name)
        }
        return n
    }

    /// The years a command accepts: the range the civil calendar covers (docs/cli.md).
    static let years = CivilDate.supportedYears

    /// A year option (`--year`): an integer inside ``years``, else a usage error (exit 2) that
    /// names the option, the value and the range — a two-digit `25` is not taken for 2025.
    mutating func year(_ name: String = "year") throws(CLIError) -> Int? {
        guard let n = try int(name) else { return nil }
        guard Self.years.contains(n) else {
            throw CLIError.usage(.init(vi: "--\(name) \(n) nằm ngoài khoảng \(Self.years.lowerBound)–\(Self.years.upperBound); ghi năm đủ 4 chữ số, ví dụ 2025",
                                       en: "--\(name) \(n) is outside \(Self.years.lowerBound)–\(Self.years.upperBound); write the year with 4 digits, e.g. 2025"), command: command)
        }
        return n
    }

    /// A year option that must be given.
    mutating func requiredYear(_ name: String = "year") throws(CLIError) -> Int {
        guard let n = try year(name) else {
            throw missing(name)
        }
        return n
    }

    /// A date option (`--due`, `--as-of`, `--date`, `--from`…), written YYYY-MM-DD or DD/MM/YYYY.
    ///
    /// A value that is not a date is a usage error (exit 2) naming the option, the value and the
    /// forms accepted; a day not in the calendar (2025-02-29) names the option and the day.
    mutating func date(_ name: String) throws(CLIError) -> CivilDate? {
        guard let text = try value(name) else { return nil }
        do { return try CivilDate(parsing: text) } catch {
            // The message (the value, and for a malformed one the accepted forms) and the exit
            // code (2) are the map's; the option is named here.
            var e = CLIError.from(error, language: .vi)
            e.location = "--\(name)"
            throw e
        }
    }

    /// A date option that must be given.
    mutating func requiredDate(_ name: String) throws(CLIError) -> CivilDate {
        guard let d = try date(name) else {
            throw missing(name)
        }
        return d
    }

    /// Whether the flag `--name` is present.
    mutating func flag(_ name: String) -> Bool {
        declared.append(name)
        var found = false
        for i in words.indices where !used[i] && words[i] == "--\(name)" {
            used[i] = true
            found = true
        }
        return found
    }

    /// The next positional word (not starting with `--`), or `nil`.
    mutating func positional() -> String? {
        for i in words.indices where !used[i] && !words[i].hasPrefix("--") {
            used[i] = true
            return words[i]
        }
        return nil
    }

    /// A positional word that must be there.
    mutating func requiredPositional(_ what: LocalizedText) throws(CLIError) -> String {
        guard let p = positional() else {
            throw CLIError.usage(.init(vi: "thiếu \(what.vi)", en: "missing \(what.en)"), command: command)
        }
        return p
    }

    /// Every remaining positional word.
    mutating func remainingPositionals() -> [String] {
        var out: [String] = []
        while let p = positional() { out.append(p) }
        return out
    }

    /// Rejects anything not read.
    func finish() throws(CLIError) {
        if let i = words.indices.first(where: { !used[$0] }) {
            let w = words[i]
            if w.hasPrefix("--") { throw unknown(w, suggestion: Self.nearest(to: Self.optionName(w), among: declared)) }
            throw CLIError.usage(.init(vi: "thừa tham số: “\(w)”", en: "unexpected argument: “\(w)”"), command: command)
        }
    }

    /// The error for a required option that is missing: when an unknown option close to it was
    /// given (`--nominee` for `--nominee-id`), that one is named with the suggestion instead.
    private func missing(_ name: String) -> CLIError {
        for i in words.indices where !used[i] && words[i].hasPrefix("--") {
            let given = Self.optionName(words[i])
            if Self.nearest(to: given, among: [name]) != nil { return unknown(words[i], suggestion: name) }
        }
        return CLIError.usage(.init(vi: "thiếu tuỳ chọn bắt buộc --\(name)", en: "the required option --\(name) is missing"), command: command)
    }

    private func unknown(_ word: String, suggestion: String?) -> CLIError {
        let hint = suggestion.map { (vi: "; có phải ý là --\($0)?", en: "; did you mean --\($0)?") }
        return CLIError.usage(.init(vi: "tuỳ chọn không được hỗ trợ: \(word)\(hint?.vi ?? "")", en: "unknown option: \(word)\(hint?.en ?? "")"),
                              command: command)
    }

    /// `--name=value` → `name`.
    private static func optionName(_ word: String) -> String {
        String(word.dropFirst(2).prefix { $0 != "=" })
    }

    /// The declared option `name` most likely meant: one that begins with it or it with one
    /// (`nominee` → `nominee-id`), else one at most two edits away.
    static func nearest(to name: String, among declared: [String]) -> String? {
        guard !name.isEmpty else { return nil }
        let candidates = Set(declared).subtracting([name]).sorted()
        if let p = candidates.first(where: { $0.hasPrefix(name) || name.hasPrefix($0) }) { return p }
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let saved = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = saved
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        return candidates.map { ($0, distance(Array(name), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}
