import KhenThuongCore
import KhenThuongKit

/// The global options of a command line (`--store`, `--as`, `--workflows`, `--json`, `--lang`,
/// `--help`), read in one pass wherever they stand; every other word is the command's.
///
/// This is the only place the global options are parsed: `KhenThuongMain.run` builds the
/// `Context` from this value and hands the command `commandWords`.
struct GlobalOptions {
    var language: Language?
    var store: String?
    var actor: String?
    /// The acting key file (`--key`, or `--signing-key` where a command's own `--key` names
    /// another key: `grant ROLE@UNIT --key PUBLIC-KEY`).
    var key: String?
    var workflows: String?
    /// The encoding of CSV files read (`--encoding`); `nil` lets the reader decide (``CSVInput``).
    var encoding: CSVEncoding?
    var json = false
    var help = false
    /// The words left for the command: its path, its options and its arguments, in order.
    var commandWords: [String] = []
    /// A `--lang` that is not vi or en (reported in the environment's language).
    var languageProblem: CLIError?
    /// The first other problem: a missing value or an option given twice (reported in
    /// `language`, so even errors in the other options come in the language asked for).
    var problem: CLIError?

    static let valueOptions = ["lang", "store", "as", "workflows", "key", "signing-key", "encoding"]

    /// Commands whose own `--key` option names a key other than the acting one.
    static let commandsWithOwnKeyOption: Set<String> = ["grant", "check-award"]

    init(_ words: [String]) {
        var i = 0
        while i < words.count {
            let w = words[i]
            switch w {
            case "--json": json = true
            case "--help", "--h", "-h": help = true
            default:
                let ownKey = commandWords.first.map(Self.commandsWithOwnKeyOption.contains) ?? false
                guard let name = Self.valueOptions.first(where: { w == "--\($0)" || w.hasPrefix("--\($0)=") }),
                      !(name == "key" && ownKey) else {
                    commandWords.append(w)
                    i += 1
                    continue
                }
                let value: String?
                if w == "--\(name)" {
                    value = i + 1 < words.count ? words[i + 1] : nil
                    i += 1
                } else {
                    value = String(w.dropFirst(name.count + 3))
                }
                set(name, value)
            }
            i += 1
        }
    }

    private mutating func set(_ name: String, _ value: String?) {
        if name == "lang" {
            guard let l = value.flatMap(Language.init(rawValue:)) else {
                if languageProblem == nil { languageProblem = CLIError.usage(.init(vi: "--lang phải là vi hoặc en", en: "--lang must be vi or en"), command: "") }
                return
            }
            if language != nil { twice(name) }
            language = l
            return
        }
        guard let value else {
            note(.init(vi: "tuỳ chọn --\(name) cần một giá trị", en: "the option --\(name) needs a value"))
            return
        }
        switch name {
        case "store":
            if store != nil { twice(name) }
            store = value
        case "as":
            if actor != nil { twice(name) }
            actor = value
        case "key", "signing-key":
            if key != nil { twice(name) }
            key = value
        case "encoding":
            if encoding != nil { twice(name) }
            guard let e = CSVEncoding(named: value) else {
                let known = CSVEncoding.allCases.map(\.rawValue).joined(separator: ", ")
                return note(.init(vi: "--encoding phải là một trong: \(known); không phải “\(value)”", en: "--encoding must be one of: \(known); not “\(value)”"))
            }
            encoding = e
        default:
            if workflows != nil { twice(name) }
            workflows = value
        }
    }

    private mutating func twice(_ name: String) {
        note(.init(vi: "tuỳ chọn --\(name) chỉ được dùng một lần", en: "the option --\(name) may be given once only"))
    }

    private mutating func note(_ what: LocalizedText) {
        if problem == nil { problem = CLIError.usage(what, command: "") }
    }
}
