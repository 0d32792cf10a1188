import CSQLite
import KhenThuongCore

/// Why the event store could not do what was asked: what went wrong, on which store file,
/// and how to fix it (`message(_:)`).
public enum StoreError: Error, Sendable, Equatable {
    /// The store file could not be opened or created (missing folder, no permission…).
    case cannotOpen(path: String, detail: String)
    /// The file exists but is not an event store: not SQLite, or another program's database.
    case notAStore(String)
    /// The store was written by a newer version of the program, with a newer schema.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Another process holds the store's write lock and did not release it within the busy timeout.
    case busy(String)
    /// SQLite failed; `code` is SQLite's extended result code.
    case sqlite(path: String, code: Int32, detail: String)
    /// A dossier with this id already exists (creation refused).
    case dossierExists(path: String, id: String)
    /// No dossier has this id.
    case unknownDossier(path: String, id: String)
    /// The dossier is no longer in the state the transition starts from (changed since it was read).
    case staleDossier(path: String, id: String, expected: String, actual: String)
    /// The dossier given as the result of a transition is not the stored dossier with the
    /// transition applied; `fields` names the columns that differ.
    case inconsistentDossier(path: String, id: String, fields: [String])
    /// The transition cannot be recorded (e.g. two tallies in one event).
    case unsupportedTransition(path: String, id: String, detail: String)
    /// A stored event cannot be read back (its payload or a column is malformed).
    /// `path` is `nil` when the event was read outside a store.
    case corruptEvent(path: String?, seq: Int64, detail: String)
    /// A stored record's payload does not decode as its kind (`decision_issued`…): `field` is
    /// the JSON path of the member at fault (`$` for the whole payload, `subject` for the event's
    /// subject). `path` is `nil` when the event was read outside a store.
    case corruptRecord(path: String?, seq: Int64, kind: String, field: String, detail: String)
    /// A row of the `dossiers` projection cannot be read back.
    case corruptProjection(path: String, id: String, detail: String)
    /// `write` was called inside another `write` on the same store.
    case nestedWrite(String)
    /// A `StoreTransaction` was used after its `write` block ended.
    case transactionEnded(String)
    /// The store holds signed commits, and a write came without a key to sign it.
    case signatureRequired(String)
    /// The clock is earlier than the newest event by more than `StoreTransaction.clockTolerance`:
    /// the write would back-date the record.
    case clockBehind(path: String, newest: String, now: String)
    /// The key could not sign the commit.
    case signingFailed(path: String, detail: String)
    /// The PostgreSQL server cannot be reached, or refused the connection (wrong password,
    /// unknown role or database); `detail` is libpq's message.
    case cannotConnect(path: String, detail: String)
    /// A PostgreSQL store location carries a password: passwords go in `~/.pgpass` or
    /// `PGPASSWORD`, never on the command line (`path` is the location without it).
    case passwordInLocation(String)
    /// The PostgreSQL database holds no store yet (`khenthuong init` creates it).
    case notInitialized(String)
    /// A copy's destination already holds events, commits or dossiers.
    case destinationNotEmpty(String)
    /// The PostgreSQL server refused a statement; `sqlstate` is its SQLSTATE code.
    case postgres(path: String, sqlstate: String, detail: String)

    /// A sentence saying what went wrong, where, and how to fix it.
    public func message(_ language: Language) -> String {
        let text = localized
        return text[language]
    }

    /// The store file the error concerns, when there is one.
    public var path: String? {
        switch self {
        case .cannotOpen(let p, _), .notAStore(let p), .newerSchema(let p, _, _), .busy(let p), .sqlite(let p, _, _),
             .dossierExists(let p, _), .unknownDossier(let p, _), .staleDossier(let p, _, _, _),
             .inconsistentDossier(let p, _, _), .unsupportedTransition(let p, _, _), .corruptProjection(let p, _, _),
             .nestedWrite(let p), .transactionEnded(let p), .signatureRequired(let p), .clockBehind(let p, _, _),
             .signingFailed(let p, _), .cannotConnect(let p, _), .passwordInLocation(let p), .notInitialized(let p),
             .destinationNotEmpty(let p), .postgres(let p, _, _):
            return p
        case .corruptEvent(let p, _, _), .corruptRecord(let p, _, _, _, _):
            return p
        }
    }

    private var localized: LocalizedText {
        switch self {
        case .cannotOpen(let path, let detail):
            return .init(vi: "không mở được kho dữ liệu \(path) (\(detail)); hãy kiểm tra thư mục có tồn tại và có quyền ghi",
                         en: "cannot open the store \(path) (\(detail)); check that the folder exists and is writable")
        case .notAStore(let path):
            return .init(vi: "tệp \(path) không phải là kho dữ liệu khen thưởng (không phải SQLite, hoặc là cơ sở dữ liệu của chương trình khác); hãy chỉ đúng tệp kho bằng --store hoặc dùng một tên tệp mới",
                         en: "the file \(path) is not a KhenThuong store (not SQLite, or another program's database); point --store at the right file or use a new file name")
        case .newerSchema(let path, let found, let supported):
            return .init(vi: "kho dữ liệu \(path) có lược đồ phiên bản \(found), chương trình này chỉ đọc được đến phiên bản \(supported); hãy cập nhật khenthuong",
                         en: "the store \(path) has schema version \(found), this program reads up to version \(supported); update khenthuong")
        case .busy(let path):
            return .init(vi: "kho dữ liệu \(path) đang được một tiến trình khác sử dụng (đang ghi); hãy đợi tiến trình đó xong rồi thử lại",
                         en: "the store \(path) is in use by another process (it is writing); wait for it to finish and retry")
        case .sqlite(let path, let code, let detail):
            let (vi, en) = Self.advice(code)
            return .init(vi: "lỗi SQLite \(code) trên kho dữ liệu \(path): \(detail); \(vi)",
                         en: "SQLite error \(code) on the store \(path): \(detail); \(en)")
        case .dossierExists(let path, let id):
            return .init(vi: "hồ sơ \(id) đã có trong kho \(path); hãy dùng một mã hồ sơ khác",
                         en: "dossier \(id) already exists in the store \(path); use another dossier id")
        case .unknownDossier(let path, let id):
            return .init(vi: "không có hồ sơ \(id) trong kho \(path); hãy kiểm tra mã hồ sơ (xem danh sách hồ sơ)",
                         en: "there is no dossier \(id) in the store \(path); check the id (list the dossiers)")
        case .staleDossier(let path, let id, let expected, let actual):
            return .init(vi: "hồ sơ \(id) trong kho \(path) đang ở trạng thái \(actual), không phải \(expected) như khi được đọc; hãy đọc lại hồ sơ rồi thử lại",
                         en: "dossier \(id) in the store \(path) is in state \(actual), not \(expected) as when it was read; read it again and retry")
        case .inconsistentDossier(let path, let id, let fields):
            let list = fields.joined(separator: ", ")
            return .init(vi: "hồ sơ \(id) gửi vào kho \(path) không khớp với hồ sơ đã lưu cộng chuyển trạng thái (khác ở: \(list)); hãy tính hồ sơ mới bằng Dossier.applying(_:at:) trên hồ sơ đọc từ kho",
                         en: "the dossier \(id) given to the store \(path) is not the stored dossier with the transition applied (differs in: \(list)); compute it with Dossier.applying(_:at:) on the dossier read from the store")
        case .unsupportedTransition(let path, let id, let detail):
            return .init(vi: "không ghi được chuyển trạng thái của hồ sơ \(id) vào kho \(path): \(detail); mỗi sự kiện chỉ ghi tối đa một kết quả kiểm phiếu và một thời hạn",
                         en: "cannot record the transition of dossier \(id) in the store \(path): \(detail); an event records at most one tally and one deadline")
        case .corruptEvent(let path, let seq, let detail):
            let place = path.map { " trong kho \($0)" } ?? "", placeEn = path.map { " in the store \($0)" } ?? ""
            return .init(vi: "sự kiện số \(seq)\(place) không đọc được (\(detail)); hãy chạy kiểm tra chuỗi băm (verify) và khôi phục kho từ bản sao lưu",
                         en: "event \(seq)\(placeEn) cannot be read (\(detail)); run verify on the hash chain and restore the store from a backup")
        case .corruptRecord(let path, let seq, let kind, let field, let detail):
            let place = path.map { " trong kho \($0)" } ?? "", placeEn = path.map { " in the store \($0)" } ?? ""
            return .init(vi: "bản ghi \(kind) ở sự kiện số \(seq)\(place) không đọc được (trường \(field): \(detail)); hãy chạy kiểm tra chuỗi băm (verify): nếu chuỗi còn nguyên thì bản ghi đã được ghi sai, hãy ghi một bản ghi \(kind) mới, đúng định dạng; nếu không, khôi phục kho từ bản sao lưu",
                         en: "the \(kind) record in event \(seq)\(placeEn) cannot be read (field \(field): \(detail)); run verify on the hash chain: if it is intact the record was written malformed, so record a new, well-formed \(kind); otherwise restore the store from a backup")
        case .corruptProjection(let path, let id, let detail):
            return .init(vi: "bảng hồ sơ của kho \(path) có dòng \(id) không đọc được (\(detail)); hãy dựng lại bảng từ sự kiện (rebuild)",
                         en: "the dossier table of the store \(path) has an unreadable row \(id) (\(detail)); rebuild it from the events (rebuild)")
        case .nestedWrite(let path):
            return .init(vi: "đã có một giao dịch ghi đang mở trên kho \(path); hãy làm mọi thay đổi trong cùng một khối write",
                         en: "a write transaction is already open on the store \(path); make every change inside that one write block")
        case .transactionEnded(let path):
            return .init(vi: "giao dịch ghi trên kho \(path) đã kết thúc; chỉ dùng StoreTransaction bên trong khối write của nó",
                         en: "the write transaction on the store \(path) has ended; use a StoreTransaction only inside its write block")
        case .signatureRequired(let path):
            return .init(vi: "kho \(path) chỉ nhận thay đổi có chữ ký; hãy chỉ khóa của mình bằng --key TỆP hoặc biến KHENTHUONG_KEY",
                         en: "the store \(path) accepts signed changes only; give your key with --key FILE or KHENTHUONG_KEY")
        case .clockBehind(let path, let newest, let now):
            return .init(vi: "đồng hồ (\(now)) sớm hơn sự kiện mới nhất trong kho \(path) (\(newest)): không được ghi lùi ngày; hãy chỉnh đồng hồ máy tính (hoặc bỏ biến KHENTHUONG_NOW) rồi thử lại",
                         en: "the clock (\(now)) is earlier than the newest event in the store \(path) (\(newest)): the record cannot be back-dated; set the computer's clock right (or unset KHENTHUONG_NOW) and retry")
        case .signingFailed(let path, let detail):
            return .init(vi: "không ký được thay đổi trên kho \(path) (\(detail)); không có gì được ghi; hãy kiểm tra tệp khóa",
                         en: "could not sign the change to the store \(path) (\(detail)); nothing was written; check the key file")
        case .cannotConnect(let path, let detail):
            let (vi, en) = Self.connectAdvice(detail)
            return .init(vi: "không kết nối được kho PostgreSQL \(path) (\(detail)); \(vi)",
                         en: "cannot connect to the PostgreSQL store \(path) (\(detail)); \(en)")
        case .passwordInLocation(let path):
            return .init(vi: "địa chỉ kho \(path) có kèm mật khẩu: mật khẩu trên dòng lệnh lộ ra cho mọi người dùng máy (danh sách tiến trình, lịch sử lệnh); hãy bỏ mật khẩu khỏi địa chỉ và ghi nó vào ~/.pgpass (quyền 0600) hoặc biến PGPASSWORD",
                         en: "the store location \(path) carries a password: a password on the command line shows to every user of the machine (process list, shell history); remove it from the location and put it in ~/.pgpass (mode 0600) or PGPASSWORD")
        case .notInitialized(let path):
            return .init(vi: "cơ sở dữ liệu \(path) chưa có kho khen thưởng; hãy tạo bằng `khenthuong init --store \(path)`",
                         en: "the database \(path) holds no KhenThuong store yet; create it with `khenthuong init --store \(path)`")
        case .destinationNotEmpty(let path):
            return .init(vi: "kho đích \(path) đã có dữ liệu; chỉ sao chép vào một kho trống (một tệp mới, hoặc cơ sở dữ liệu mới chưa chạy init)",
                         en: "the destination store \(path) already holds data; copy only into an empty store (a new file, or a new database where init has not run)")
        case .postgres(let path, let sqlstate, let detail):
            let (vi, en) = Self.postgresAdvice(sqlstate)
            return .init(vi: "PostgreSQL từ chối trên kho \(path) (SQLSTATE \(sqlstate)): \(detail); \(vi)",
                         en: "PostgreSQL refused on the store \(path) (SQLSTATE \(sqlstate)): \(detail); \(en)")
        }
    }

    /// What to do about a failed PostgreSQL connection, from libpq's message.
    private static func connectAdvice(_ detail: String) -> (String, String) {
        let d = detail.lowercased()
        if d.contains("password") {
            return ("mật khẩu của vai trò (role) sai hoặc chưa có: ghi nó vào tệp ~/.pgpass (quyền 0600) hoặc biến PGPASSWORD, không bao giờ ghi trên dòng lệnh",
                    "the role's password is wrong or missing: put it in ~/.pgpass (mode 0600) or PGPASSWORD, never on the command line")
        }
        if d.contains("database") && d.contains("does not exist") {
            return ("cơ sở dữ liệu chưa có: quản trị viên tạo bằng `createdb TÊN`, hoặc sửa tên trong địa chỉ --store / PGDATABASE",
                    "the database does not exist: an administrator creates it with `createdb NAME`, or fix the name in --store / PGDATABASE")
        }
        if d.contains("role") && d.contains("does not exist") {
            return ("vai trò (role) không có trên máy chủ: sửa tên người dùng trong địa chỉ --store hoặc PGUSER, hoặc quản trị viên tạo bằng `createuser`",
                    "the role does not exist on the server: fix the user in the --store location or PGUSER, or an administrator creates it with `createuser`")
        }
        return ("hãy kiểm tra máy chủ PostgreSQL đang chạy và máy, cổng trong địa chỉ --store hoặc biến PGHOST, PGPORT",
                "check that the PostgreSQL server is running, and the host and port in the --store location or PGHOST, PGPORT")
    }

    /// What to do about a PostgreSQL SQLSTATE.
    private static func postgresAdvice(_ sqlstate: String) -> (String, String) {
        switch sqlstate {
        case "42501":
            return ("vai trò (role) đang dùng thiếu quyền; quản trị viên cơ sở dữ liệu chạy: GRANT SELECT, INSERT ON events, commits TO vai_trò; GRANT SELECT, INSERT, UPDATE, DELETE ON dossiers, meta TO vai_trò (xem docs/postgres.md); chưa có gì được ghi",
                    "the role in use lacks a privilege; the database administrator runs: GRANT SELECT, INSERT ON events, commits TO the_role; GRANT SELECT, INSERT, UPDATE, DELETE ON dossiers, meta TO the_role (see docs/postgres.md); nothing was written")
        case "P0001":
            return ("sự kiện và chữ ký chỉ được ghi thêm; không sửa, không xóa", "events and signatures are append-only; nothing may be changed or deleted")
        case "40001", "40P01", "55P03":
            return ("kho đang bận vì nhiều người cùng ghi; chưa có gì được ghi, hãy thử lại", "the store is busy with other writers; nothing was written, retry")
        case "23505":
            return ("một người khác vừa ghi cùng lúc; chưa có gì được ghi, hãy thử lại", "another writer wrote at the same moment; nothing was written, retry")
        default:
            if sqlstate.hasPrefix("08") || sqlstate.hasPrefix("57") {
                return ("mất kết nối tới máy chủ PostgreSQL; giao dịch đã bị hủy, lệnh này chưa ghi gì; kiểm tra máy chủ rồi thử lại",
                        "the connection to the PostgreSQL server was lost; the transaction was rolled back and this command wrote nothing; check the server and retry")
            }
            if sqlstate.hasPrefix("53") {
                return ("máy chủ hết tài nguyên (ổ đĩa, bộ nhớ, số kết nối); báo quản trị viên cơ sở dữ liệu", "the server ran out of a resource (disk, memory, connections); tell the database administrator")
            }
            return ("hãy thử lại; nếu lỗi lặp lại, hãy chạy verify và báo cho quản trị viên",
                    "retry; if it happens again, run verify and tell the administrator")
        }
    }

    /// What to do about an SQLite result code.
    private static func advice(_ code: Int32) -> (String, String) {
        switch code & 0xff {
        case SQLITE_FULL:
            return ("ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại", "the disk is full; free some space and retry")
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH:
            return ("hãy kiểm tra quyền ghi trên tệp kho, tệp -wal, -shm và thư mục chứa chúng",
                    "check write permission on the store file, its -wal and -shm files and their folder")
        case SQLITE_CORRUPT:
            return ("tệp kho bị hỏng; hãy khôi phục từ bản sao lưu", "the store file is damaged; restore it from a backup")
        case SQLITE_IOERR:
            return ("lỗi đọc/ghi đĩa; hãy kiểm tra ổ đĩa rồi thử lại", "a disk read/write failed; check the disk and retry")
        case SQLITE_CONSTRAINT:
            return ("dữ liệu vi phạm ràng buộc của kho (sự kiện chỉ được ghi thêm); hãy chạy verify",
                    "the data breaks a store constraint (events are append-only); run verify")
        default:
            return ("hãy thử lại; nếu lỗi lặp lại, hãy chạy verify và báo cho quản trị viên",
                    "retry; if it happens again, run verify and tell the administrator")
        }
    }

    /// The store error for an SQLite failure on the store at `path`.
    init(_ failure: SQLiteFailure, path: String) {
        switch failure.code {
        case SQLITE_BUSY, SQLITE_LOCKED: self = .busy(path)
        case SQLITE_NOTADB: self = .notAStore(path)
        default: self = .sqlite(path: path, code: failure.extendedCode, detail: failure.message)
        }
    }
}
