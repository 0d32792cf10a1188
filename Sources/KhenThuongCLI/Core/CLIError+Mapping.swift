import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension CLIError {
    /// The one place where library errors become messages and exit codes.
    static func from(_ error: any Error, language: Language) -> CLIError {
        switch error {
        case let e as CLIError:
            return e
        case let e as StoreError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .dataError)
        case let e as CouncilError:
            return CLIError(e.message, exit: e.kind == .refused ? .refused : .dataError)
        case let e as ScenarioFileError:
            return CLIError(e.message, exit: .dataError)
        case let e as PublicationError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .dataError)
        case let e as ComplaintError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: e.isRefusal ? .refused : e.isUsage ? .usage : .dataError)
        case let e as DateError:
            return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .usage)
        case let e as DefinitionsError:
            return CLIError(.init(vi: "định nghĩa trong \(e.directory) có lỗi", en: "the definitions in \(e.directory) have errors"),
                            fix: .init(vi: "sửa các lỗi trên rồi chạy `khenthuong workflow lint`", en: "fix the findings above, then run `khenthuong workflow lint`"),
                            exit: .dataError, details: e.findings.map { $0.rendered(language) })
        default:
            return CLIError(.init(vi: "lỗi không mong đợi: \(error)", en: "unexpected error: \(error)"),
                            fix: .init(vi: "chạy `khenthuong verify`; nếu lỗi lặp lại, báo cho người quản trị kèm thông báo này",
                                       en: "run `khenthuong verify`; if it happens again, report it with this message"),
                            exit: .dataError)
        }
    }
}
