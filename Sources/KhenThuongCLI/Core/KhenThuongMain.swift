import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The `khenthuong` command line: reads the global options (`GlobalOptions`), finds the command and runs it.
///
/// `main` is the whole program; the executable only calls it. Tests call it in-process
/// with their own console, environment and clock.
public enum KhenThuongMain {
    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           console: Console = .standard(), now: @escaping @Sendable () -> Date = { Date() }) -> Int32 {
        // An empty passphrase is an answer ("the key is not encrypted"), not an unset variable.
        let keyPassphrase = environment["KHENTHUONG_KEY_PASSPHRASE"]
        let environment = environment.filter { !$0.value.isEmpty }
        let options = GlobalOptions(arguments)
        let environmentLanguage = environment["KHENTHUONG_LANG"].flatMap(Language.init(rawValue:)) ?? .vi
        if let problem = options.languageProblem {
            console.error(problem.rendered(environmentLanguage))
            return problem.exitCode.rawValue
        }
        let language = options.language ?? environmentLanguage
        var context: Context
        do throws(CLIError) {
            if let problem = options.problem { throw problem }
            context = try Context(options, language: language, environment: environment, console: console, now: now)
            context.keyPassphrase = keyPassphrase
        } catch {
            console.error(error.rendered(language))
            return error.exitCode.rawValue
        }
        let commandWords = options.commandWords
        let positionals = commandWords.prefix { !$0.hasPrefix("-") }
        guard let command = Commands.match(Array(positionals)) else {
            return groupHelpOrError(Array(positionals), help: options.help, context: context)
        }
        if options.help {
            console.line(Help.command(command, context.language, definitions: command.definitionHelp?(context)))
            return ExitCode.success.rawValue
        }
        var args = ArgumentList(Array(commandWords.dropFirst(command.path.count)), command: command.name)
        do {
            // CSV files the command reads are read in the encoding named, if any (`CSVInput`).
            return try CSVInput.$encoding.withValue(options.encoding) { try command.run(&args, context).rawValue }
        } catch {
            let e = CLIError.from(error, language: language)
            console.error(e.rendered(language))
            return e.exitCode.rawValue
        }
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
