import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The `khenthuong` command line: parses global options, finds the command and runs it.
///
/// `main` is the whole program; the executable only calls it. Tests call it in-process
/// with their own console, environment and clock.
public enum KhenThuongMain {
    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           console: Console = .standard(), now: @escaping @Sendable () -> Date = { Date() }) -> Int32 {
        let environment = environment.filter { !$0.value.isEmpty }
        var words = arguments
        var language: Language = environment["KHENTHUONG_LANG"].flatMap(Language.init(rawValue:)) ?? .vi
        // --lang is read first so that even errors in the other options are in the right language.
        if let i = words.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
            let value: String? = words[i] == "--lang" ? (i + 1 < words.count ? words[i + 1] : nil) : String(words[i].dropFirst(7))
            guard let value, let l = Language(rawValue: value) else {
                console.error(CLIError.usage(.init(vi: "--lang phải là vi hoặc en", en: "--lang must be vi or en"), command: "").rendered(language))
                return ExitCode.usage.rawValue
            }
            language = l
            words.removeSubrange(i...(words[i] == "--lang" ? i + 1 : i))
        }
        var global = ArgumentList(words, command: "")
        let context: Context
        let rest: [String]
        let help: Bool
        do throws(CLIError) {
            let store = try global.value("store") ?? environment["KHENTHUONG_STORE"] ?? "khenthuong.sqlite"
            let actor = try global.value("as") ?? environment["KHENTHUONG_ACTOR"]
            let workflows = WorkflowsLocation(option: try global.value("workflows"), environment: environment)
            let json = global.flag("json")
            help = global.flag("help") || global.flag("h") || words.contains("-h")
            rest = words.filter { $0 != "-h" }
            var clock = now
            if let fixed = environment["KHENTHUONG_NOW"] {
                guard let t = Timestamp.parse(fixed) else {
                    throw CLIError(.init(vi: "KHENTHUONG_NOW=“\(fixed)” không phải thời điểm hợp lệ", en: "KHENTHUONG_NOW=“\(fixed)” is not a valid time"),
                                   fix: .init(vi: "dùng dạng 2025-12-01T08:30:00Z", en: "use the form 2025-12-01T08:30:00Z"), exit: .usage)
                }
                clock = { t }
            }
            var ctx = Context(language: language, json: json, storePath: store, actorText: actor,
                              workflows: workflows, now: clock, console: console)
            ctx.parameterFile = environment["KHENTHUONG_PARAMS"]
            if let ms = environment["KHENTHUONG_BUSY_TIMEOUT_MS"].flatMap(Int32.init), ms >= 0 { ctx.busyTimeoutMilliseconds = ms }
            context = ctx
        } catch {
            console.error(error.rendered(language))
            return error.exitCode.rawValue
        }
        // Strip the global options from what the command sees.
        let commandWords = strippingGlobals(rest)
        let positionals = commandWords.prefix { !$0.hasPrefix("-") }
        guard let command = Commands.match(Array(positionals)) else {
            return groupHelpOrError(Array(positionals), help: help, context: context)
        }
        if help {
            console.line(Help.command(command, context.language))
            return ExitCode.success.rawValue
        }
        var args = ArgumentList(Array(commandWords.dropFirst(command.path.count)), command: command.name)
        do {
            return try command.run(&args, context).rawValue
        } catch {
            let e = CLIError.from(error, language: language)
            console.error(e.rendered(language))
            return e.exitCode.rawValue
        }
    }

    static let globalValueOptions = ["store", "as", "workflows"]
    static let globalFlags = ["json", "help", "h"]

    static func strippingGlobals(_ words: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if globalValueOptions.contains(where: { w == "--\($0)" }) { i += 2; continue }
            if globalValueOptions.contains(where: { w.hasPrefix("--\($0)=") }) || globalFlags.contains(where: { w == "--\($0)" }) { i += 1; continue }
            out.append(w)
            i += 1
        }
        return out
    }

    static func groupHelpOrError(_ words: [String], help: Bool, context: Context) -> Int32 {
        let group = Commands.all.filter { $0.path.starts(with: words.prefix(1)) }
        if words.isEmpty || (words.count == 1 && !group.isEmpty && help) || (words.count == 1 && !group.isEmpty) {
            let text = words.isEmpty ? Help.overview(context.language) : Help.group(words[0], group, context.language)
            if help || words.isEmpty {
                context.console.line(text)
                return help ? ExitCode.success.rawValue : ExitCode.usage.rawValue
            }
            context.console.error(text)
            return ExitCode.usage.rawValue
        }
        let attempted = words.joined(separator: " ")
        let suggestion = Commands.all.map(\.name).min { editDistance($0, attempted) < editDistance($1, attempted) } ?? "--help"
        let err = CLIError(.init(vi: "không có lệnh “\(attempted)”", en: "there is no command “\(attempted)”"),
                           fix: .init(vi: "có phải ý bạn là `khenthuong \(suggestion)`? Xem `khenthuong --help`",
                                      en: "did you mean `khenthuong \(suggestion)`? See `khenthuong --help`"),
                           exit: .usage)
        context.console.error(err.rendered(context.language))
        return ExitCode.usage.rawValue
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }
}
