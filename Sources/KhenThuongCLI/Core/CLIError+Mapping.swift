import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension CLIError {
    /// The one place where library errors become messages and exit codes.
    ///
    /// No command maps an error type to an exit code itself: it lets the error reach
    /// `KhenThuongMain.run` (or calls this) and this switch decides.
    /// - Parameter input: the file the command was reading: named in the location of errors
    ///   that carry a line (a CSV import), and in the message of any other failure to read it.
    static func from(_ error: any Error, language: Language, input: String? = nil) -> CLIError {
        switch error {
        case let e as CLIError:
            return e
        case let e as RunnerError:
            switch e {
            case .refused, .creationRefused, .ineligible:
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .refused)
            default:
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .dataError)
            }
        case MovementError.invalidDefinition(let file, let findings):
            return CLIError(MovementError.invalidDefinition(file: file, findings: findings).text, at: file,
                            fix: .init(vi: "sửa các lỗi trên (tệp:dòng:cột: đường dẫn JSON)", en: "fix the findings above (file:line:column: JSON path)"),
                            exit: .dataError, details: findings.map { $0.rendered(language) })
        case let e as MovementError:
            return CLIError(e.text, exit: .refused)
        case let e as StoreError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .dataError)
        case DefinitionsPartError.guardPolicy(let path, let findings):
            return CLIError(.init(vi: "chính sách kiểm tra điều kiện \(path) có lỗi", en: "the eligibility guard policy \(path) has errors"),
                            fix: .init(vi: "sửa các lỗi trên", en: "fix the findings above"), exit: .dataError,
                            details: findings.map { $0.rendered(language) })
        case DefinitionsPartError.rules(let directory, let findings):
            return CLIError(.init(vi: "quy tắc trong \(directory) có lỗi", en: "the rules in \(directory) have errors"),
                            fix: .init(vi: "sửa các lỗi trên rồi chạy `khenthuong rules lint`", en: "fix the findings above, then run `khenthuong rules lint`"),
                            exit: .dataError, details: findings.map { $0.rendered(language) })
        case let e as DirectoryError:
            return CLIError(e.message, at: e.field, fix: e.fix, exit: .dataError)
        case let e as CouncilError:
            return CLIError(e.message, exit: e.kind == .refused ? .refused : .dataError)
        case let e as ScenarioError:
            return CLIError(e.message, at: "\(e.file):\(e.position)", exit: .dataError)
        case let e as ScenarioFileError:
            return CLIError(e.message, exit: .dataError)
        case let e as PublicationError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), at: e.isOutput ? "--out" : nil, exit: .dataError)
        case let e as ComplaintError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: e.isRefusal ? .refused : e.isUsage ? .usage : .dataError)
        case let e as DateError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .usage)
        case let e as DossierImport.Problem:
            let column = language == .vi ? "cột" : "column"
            return CLIError(e.message, at: input.map { "\($0):\(e.line), \(column) \(e.column)" },
                            fix: .init(vi: "sửa ô đó rồi nhập lại; chưa có gì được ghi", en: "fix that cell and import again; nothing was written"), exit: .dataError)
        case let e as CSVReader.SyntaxError:
            return CLIError(.init(vi: "tệp CSV sai cú pháp: \(e.message)", en: "malformed CSV: \(e.message)"), at: input.map { "\($0):\(e.line)" },
                            fix: .init(vi: "sửa dòng đó rồi nhập lại; chưa có gì được ghi", en: "fix that line and import again; nothing was written"), exit: .dataError)
        case let e as DefinitionsError:
            return CLIError(.init(vi: "định nghĩa trong \(e.directory) có lỗi", en: "the definitions in \(e.directory) have errors"),
                            fix: .init(vi: "sửa các lỗi trên rồi chạy `khenthuong workflow lint`", en: "fix the findings above, then run `khenthuong workflow lint`"),
                            exit: .dataError, details: e.findings.map { $0.rendered(language) })
        case let e as AtomicFileError:
            return CLIError(.init(vi: "không ghi được \(e.path): \(e.detail)", en: "cannot write \(e.path): \(e.detail)"),
                            fix: .init(vi: "kiểm tra thư mục và quyền ghi", en: "check the folder and write permission"), exit: .dataError)
        default:
            if let input {
                return CLIError(.init(vi: "không đọc được \(input)", en: "cannot read \(input)"), fix: .init(vi: "kiểm tra đường dẫn", en: "check the path"), exit: .dataError)
            }
            return CLIError(.init(vi: "lỗi không mong đợi: \(error)", en: "unexpected error: \(error)"),
                            fix: .init(vi: "chạy `khenthuong verify`; nếu lỗi lặp lại, báo cho người quản trị kèm thông báo này",
                                       en: "run `khenthuong verify`; if it happens again, report it with this message"),
                            exit: .dataError)
        }
    }
}
