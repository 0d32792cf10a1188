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
            case .refused(let r, _) where r.reasons.contains(where: { if case .calendarNotConfirmed = $0 { true } else { false } }):
                // Not the workflow's refusal but missing data: the calendar file must be extended.
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), at: "calendar.json",
                                fix: .init(vi: "thêm năm đó vào workflows/calendar.json", en: "add that year to workflows/calendar.json"), exit: .dataError)
            case .unknownDocument:
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), at: "--attach", exit: .usage)
            case .refused, .creationRefused, .ineligible, .oneAward:
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .refused)
            default:
                return CLIError(.init(vi: e.message(.vi), en: e.message(.en)), exit: .dataError)
            }
        case MovementError.invalidDefinition(let file, let findings):
            return CLIError(MovementError.invalidDefinition(file: file, findings: findings).text, at: file,
                            fix: .init(vi: "sửa các lỗi trên (tệp:dòng:cột: đường dẫn JSON)", en: "fix the findings above (file:line:column: JSON path)"),
                            exit: .dataError, details: findings.map { $0.rendered(language) })
        case let e as MovementError:
            if case .figureOutOfRange = e { return CLIError(e.text, exit: .dataError) }
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
        case let e as ExchangeError:
            return CLIError(e.message, at: e.location, fix: e.fix, exit: e.isDataError ? .dataError : .refused)
        case let e as AttachmentError:
            let input: String? = switch e {
            case .unreadable(let p), .unwritable(let p), .tooLarge(let p, _, _), .mediaType(let p, _, _): p
            case .unknownDocument: "--as-document"
            case .limits(let f, _): f
            }
            let exit: ExitCode = switch e { case .tooLarge, .mediaType, .unknownDocument: .refused; default: .dataError }
            return CLIError(e.message, at: input, fix: e.fix, exit: exit)
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
        case let e as PastAwardImport.Problem:
            let column = e.name.isEmpty ? "" : (language == .vi ? ", cột \(e.name)" : ", column \(e.name)")
            return CLIError(e.message, at: input.map { "\($0):\(e.line):\(e.column)\(column)" },
                            fix: .init(vi: "sửa ô đó rồi nhập lại; chưa có gì được ghi", en: "fix that cell and import again; nothing was written"), exit: .dataError)
        case let e as CSVReader.SyntaxError:
            return CLIError(.init(vi: "tệp CSV sai cú pháp: \(e.message)", en: "malformed CSV: \(e.message)"), at: input.map { e.column > 1 ? "\($0):\(e.line):\(e.column)" : "\($0):\(e.line)" },
                            fix: .init(vi: "sửa dòng đó rồi nhập lại; chưa có gì được ghi", en: "fix that line and import again; nothing was written"), exit: .dataError)
        case let e as DefinitionsError:
            return CLIError(.init(vi: "định nghĩa trong \(e.directory) có lỗi", en: "the definitions in \(e.directory) have errors"),
                            fix: .init(vi: "sửa các lỗi trên rồi chạy `khenthuong workflow lint`", en: "fix the findings above, then run `khenthuong workflow lint`"),
                            exit: .dataError, details: e.findings.map { $0.rendered(language) })
        case let e as SigningError:
            return signing(e, file: input)
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

    /// A key that cannot be made, read, written or used: what is wrong with it, the file
    /// (`file`, the path the command was given, unless the error names its own), and what to do.
    /// What the person typed (a passphrase, which file) is a usage error (2); a file that is
    /// not a usable key, or a failure to read or write it, a data error (3).
    static func signing(_ error: SigningError, file: String?) -> CLIError {
        let redo = LocalizedText(vi: "tạo khóa mới bằng `khenthuong key new` và gửi khóa công khai mới cho người quản trị",
                                 en: "make a new key with `khenthuong key new` and give the new public key to the administrator")
        let report = LocalizedText(vi: "báo cho người quản trị kèm thông báo này", en: "report it to the administrator with this message")
        switch error {
        case .malformedPublicKey(let detail):
            return CLIError(.init(vi: "không phải khóa công khai hợp lệ", en: "not a valid public key"), at: file,
                            fix: .init(vi: "khóa công khai có dạng ed25519:<base64 của 32 byte> hoặc khối PEM “BEGIN PUBLIC KEY”; chép lại nguyên dòng “Khóa công khai” mà `khenthuong key show` in ra",
                                       en: "a public key reads ed25519:<base64 of 32 bytes> or is a PEM “BEGIN PUBLIC KEY” block; copy the whole “Public key” line `khenthuong key show` prints"),
                            exit: file == nil ? .usage : .dataError, details: [detail])
        case .signingFailed(let detail):
            return CLIError(.init(vi: "không ký được bằng khóa", en: "signing with the key failed"), at: file, fix: report, exit: .dataError, details: [detail])
        case .keyGenerationFailed(let detail):
            return CLIError(.init(vi: "không tạo được khóa mới", en: "no new key could be made"), at: file, fix: report, exit: .dataError, details: [detail])
        case .encodingFailed(let detail):
            return CLIError(.init(vi: "không ghi được khóa dưới dạng PEM", en: "the key could not be written as PEM"), at: file, fix: report, exit: .dataError, details: [detail])
        case .passphraseRequired:
            return CLIError(.init(vi: "khóa bí mật được mã hoá nhưng chưa có mật khẩu", en: "the private key is encrypted and no passphrase was given"), at: file,
                            fix: .init(vi: "đặt biến môi trường KHENTHUONG_KEY_PASSPHRASE bằng mật khẩu của khóa, hoặc chạy lệnh trên cửa sổ dòng lệnh để được hỏi mật khẩu",
                                       en: "set the environment variable KHENTHUONG_KEY_PASSPHRASE to the key's passphrase, or run the command on a terminal to be asked for it"),
                            exit: .usage)
        case .wrongPassphrase:
            return CLIError(.init(vi: "mật khẩu không mở được khóa bí mật", en: "the passphrase does not open the private key"), at: file,
                            fix: .init(vi: "kiểm tra mật khẩu (KHENTHUONG_KEY_PASSPHRASE hoặc mật khẩu đã nhập); quên mật khẩu thì không mở lại được khóa: \(redo.vi)",
                                       en: "check the passphrase (KHENTHUONG_KEY_PASSPHRASE or what was typed); a forgotten passphrase cannot be recovered: \(redo.en)"),
                            exit: .usage)
        case .publicKeyGiven:
            return CLIError(.init(vi: "đây là khóa công khai, không phải khóa bí mật để ký", en: "this is a public key, not a private key to sign with"), at: file,
                            fix: .init(vi: "chỉ tệp khóa bí mật do `khenthuong key new` tạo (dòng “BEGIN … PRIVATE KEY”)",
                                       en: "give the private key file `khenthuong key new` made (the “BEGIN … PRIVATE KEY” line)"),
                            exit: .usage)
        case .malformedKey(let detail):
            return CLIError(.init(vi: "không đọc được khóa bí mật: tệp bị cắt cụt, hỏng hoặc không phải tệp khóa", en: "the private key cannot be read: the file is truncated, damaged or not a key file"),
                            at: file, fix: .init(vi: "dùng bản sao lưu nguyên vẹn của tệp khóa, hoặc \(redo.vi)", en: "use an intact backup of the key file, or \(redo.en)"),
                            exit: .dataError, details: [detail])
        case .unsupportedAlgorithm(let name):
            return CLIError(.init(vi: "khóa \(name) không được hỗ trợ: khenthuong chỉ ký bằng khóa Ed25519", en: "\(name) keys are not supported: khenthuong signs with Ed25519 keys only"),
                            at: file, fix: .init(vi: "tạo khóa Ed25519 bằng `khenthuong key new`", en: "make an Ed25519 key with `khenthuong key new`"), exit: .dataError)
        case .unreadableFile(let path, let detail):
            let vi = ["no such file": "không có tệp này", "permission denied": "không có quyền đọc", "is a folder": "đây là một thư mục"][detail] ?? detail
            return CLIError(.init(vi: "không đọc được tệp khóa: \(vi)", en: "cannot read the key file: \(detail)"), at: path,
                            fix: .init(vi: "kiểm tra đường dẫn và quyền đọc tệp", en: "check the path and the permission to read it"), exit: .dataError)
        case .unwritableFile(let path, let detail):
            return CLIError(.init(vi: "không ghi được tệp khóa: \(detail)", en: "cannot write the key file: \(detail)"), at: path,
                            fix: .init(vi: "kiểm tra thư mục và quyền ghi; chưa có tệp nào được tạo", en: "check the folder and write permission; no file was left behind"), exit: .dataError)
        case .fileExists(let path):
            return CLIError(.init(vi: "đã có tệp ở đây; khenthuong không ghi đè lên tệp có sẵn", en: "a file is already there; khenthuong never writes over an existing file"), at: path,
                            fix: .init(vi: "chọn tên tệp khác cho --out (tệp cũ vẫn nguyên vẹn)", en: "choose another name for --out (the existing file is untouched)"), exit: .usage)
        }
    }
}
