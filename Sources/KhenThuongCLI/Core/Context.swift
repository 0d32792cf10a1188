import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What every command gets: global options, the clock, and access to definitions and store.
struct Context {
    var language: Language
    var json: Bool
    var storePath: String
    /// Whether the store is a file that exists, or a PostgreSQL database (which `openStore`
    /// checks when it connects).
    var storeMayExist: Bool { PostgresEventLog.isLocation(storePath) || FileManager.default.fileExists(atPath: storePath) }
    var actorText: String?
    /// The acting key file: `--key` / `--signing-key`, else `KHENTHUONG_KEY`.
    var keyPath: String?
    /// A folder of private keys (`KHENTHUONG_KEYRING`), one per person, for demos and tests
    /// where one machine plays several people: `--as ROLE@UNIT:USER` picks the key holding
    /// that grant. Acting still needs the private key.
    var keyring: String?
    /// The store opened by this run and who acts on it, shared by every copy of the context:
    /// a command opens the store once, and the acting key signs every write to it.
    final class Session {
        var store: (any EventLog)?
        var acting: Acting?
    }
    private(set) var session = Session()
    /// Where the definitions folder is; see `WorkflowsLocation` for the order it is looked for in.
    var workflows: WorkflowsLocation
    var now: () -> Date
    var console: Console
    /// How long a writer waits for another process's lock before "store busy".
    var busyTimeoutMilliseconds: Int32 = 5000
    /// The parameter override file every command uses (`KHENTHUONG_PARAMS`); a command's own
    /// `--params` takes its place.
    var parameterFile: String?
    /// `KHENTHUONG_KEY_PASSPHRASE`, read before empty variables are dropped: set and empty
    /// means "no passphrase", unset means "ask on the terminal if there is one".
    var keyPassphrase: String?
    /// `KHENTHUONG_COMPUTED_CALENDAR=accept` (or `1`): count deadlines in years whose days off
    /// are computed from the law, not confirmed in `calendar.json` (see docs/workflows.md).
    var acceptComputedCalendar = false

    /// The context of one run: the global options read once (`GlobalOptions`), then the
    /// environment for what they leave out.
    init(_ options: GlobalOptions, language: Language, environment: [String: String], console: Console,
         now: @escaping @Sendable () -> Date) throws(CLIError) {
        var clock: () -> Date = now
        if let fixed = environment["KHENTHUONG_NOW"] {
            guard let t = Timestamp.parse(fixed) else {
                throw CLIError(.init(vi: "KHENTHUONG_NOW=“\(fixed)” không phải thời điểm hợp lệ", en: "KHENTHUONG_NOW=“\(fixed)” is not a valid time"),
                               fix: .init(vi: "dùng dạng 2025-12-01T08:30:00Z", en: "use the form 2025-12-01T08:30:00Z"), exit: .usage)
            }
            clock = { t }
        }
        self.language = language
        self.json = options.json
        self.storePath = options.store ?? environment["KHENTHUONG_STORE"] ?? "khenthuong.sqlite"
        // An empty path would open SQLite's temporary database: nothing would be kept.
        if storePath.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CLIError(.init(vi: "đường dẫn kho dữ liệu rỗng (--store hoặc KHENTHUONG_STORE)", en: "the store path is empty (--store or KHENTHUONG_STORE)"),
                           fix: .init(vi: "ghi tên tệp, ví dụ --store khenthuong.sqlite", en: "give a file name, e.g. --store khenthuong.sqlite"), exit: .usage)
        }
        self.actorText = options.actor ?? environment["KHENTHUONG_ACTOR"]
        self.keyPath = options.key ?? environment["KHENTHUONG_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        self.keyring = environment["KHENTHUONG_KEYRING"].flatMap { $0.isEmpty ? nil : $0 }
        self.workflows = WorkflowsLocation(option: options.workflows, environment: environment)
        self.now = clock
        self.console = console
        self.parameterFile = environment["KHENTHUONG_PARAMS"]
        self.acceptComputedCalendar = ["accept", "1"].contains(environment["KHENTHUONG_COMPUTED_CALENDAR"] ?? "")
        if let ms = environment["KHENTHUONG_BUSY_TIMEOUT_MS"].flatMap(Int32.init), ms >= 0 { self.busyTimeoutMilliseconds = ms }
    }

    var vi: Bool { language == .vi }

    /// This run's options on another store, with a session of its own (no store opened, nobody
    /// acting yet): `demo --hierarchy` drives the commands on its three stores in one process.
    func onStore(_ path: String) -> Context {
        var c = self
        c.storePath = path
        c.session = Session()
        return c
    }

    /// The definitions folder, or an error naming where it was looked for (exit 3).
    var workflowsDirectory: String {
        get throws(CLIError) { try workflows.resolved(language) }
    }

    /// The current time, truncated to the millisecond the store keeps (as the store truncates).
    func clock() -> Date {
        StoreTime.truncated(now())
    }

    /// The acting person, proven by a key (see `acting(in:)`): the store is opened, its
    /// directory read, and the acting key set to sign every write of this run.
    func actor() throws(CLIError) -> Actor {
        try actingOnStore().actor
    }

    /// `acting(in:)` on this run's store, once; the key then signs the store's writes.
    func actingOnStore() throws(CLIError) -> Acting {
        if let acting = session.acting { return acting }
        let store = try openStore()
        let acting = try acting(in: store)
        store.signer = acting.signer
        session.acting = acting
        return acting
    }

    /// The person `--as` or `KHENTHUONG_ACTOR` names (`ROLE@UNIT:USER`), as claimed: for
    /// reading (which events someone may fire), and for stores without a key directory.
    func claimedActor() throws(CLIError) -> Actor {
        guard let text = actorText else {
            throw CLIError(.init(vi: "chưa rõ ai thực hiện thao tác này", en: "who is acting is not known"),
                           fix: .init(vi: "thêm --as VAI_TRÒ@ĐƠN_VỊ:NGƯỜI_DÙNG (ví dụ --as secretariat@LDLD-HN:tran.b) hoặc đặt biến KHENTHUONG_ACTOR",
                                      en: "add --as ROLE@UNIT:USER (for example --as secretariat@LDLD-HN:tran.b) or set KHENTHUONG_ACTOR"),
                           exit: .usage)
        }
        guard let actor = Actor(parsing: text) else {
            throw CLIError(.init(vi: "“\(text)” không đúng dạng VAI_TRÒ@ĐƠN_VỊ:NGƯỜI_DÙNG", en: "“\(text)” is not of the form ROLE@UNIT:USER"),
                           at: "--as", fix: .init(vi: "ví dụ: --as union_officer@CDCS-DHBK:nguyen.a", en: "for example: --as union_officer@CDCS-DHBK:nguyen.a"),
                           exit: .usage)
        }
        return actor
    }

    /// Loads and lints the definitions; any lint error stops the command (exit 3). Vote
    /// thresholds that name a parameter follow `overrides` (a command's `--params`), else
    /// `KHENTHUONG_PARAMS`.
    func definitions(parameterOverrides overrides: String? = nil) throws(CLIError) -> Definitions {
        let file = overrides ?? parameterFile
        let workflowsDirectory = try workflowsDirectory
        do {
            var definitions = try Definitions.load(directory: workflowsDirectory, parameterOverrides: file)
            definitions.actorIdentities = session.acting?.identities ?? []
            if acceptComputedCalendar { definitions.calendar.computedYears = .accept }
            return definitions
        } catch {
            // `workflow lint` reads the override file from KHENTHUONG_PARAMS only: name it.
            let lint = file.map { "KHENTHUONG_PARAMS=\($0) khenthuong workflow lint" } ?? "khenthuong workflow lint"
            throw CLIError(.init(vi: "định nghĩa quy trình trong \(workflowsDirectory) có lỗi", en: "the definitions in \(workflowsDirectory) have errors"),
                           fix: .init(vi: "sửa các lỗi trên rồi chạy `\(lint)`", en: "fix the findings above, then run `\(lint)`"),
                           exit: .dataError, details: error.findings.map { $0.rendered(language) })
        }
    }

    /// Opens the store; unless `create`, the file must already exist.
    func openStore(create: Bool = false) throws(CLIError) -> any EventLog {
        if !create && !storeMayExist {
            throw CLIError(.init(vi: "không có kho dữ liệu tại \(storePath)", en: "there is no store at \(storePath)"),
                           fix: .init(vi: "tạo kho bằng `khenthuong init --store \(storePath)` hoặc chỉ đúng tệp bằng --store / KHENTHUONG_STORE",
                                      en: "create it with `khenthuong init --store \(storePath)` or point --store / KHENTHUONG_STORE at the right file"),
                           exit: .dataError)
        }
        if let store = session.store { return store }
        do {
            let store = try Self.openLog(storePath, create: create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            session.store = store
            return store
        } catch {
            throw CLIError.from(error, language: language)
        }
    }

    /// The store at `location`: a PostgreSQL database (`postgresql://…`, its schema created
    /// when `create`) or an SQLite file (created when missing). The one place the command line
    /// names its backends.
    static func openLog(_ location: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(StoreError) -> any EventLog {
        if PostgresEventLog.isLocation(location) {
            return try PostgresEventLog(location: location, create: create, lockTimeoutMilliseconds: Int(busyTimeoutMilliseconds))
        }
        return try EventStore(path: location, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// Writes `text` as the whole file `path` (given by `--out`), all of it or nothing
    /// (`AtomicFile`); a failure names `--out`.
    func write(_ text: String, to path: String) throws(CLIError) {
        do { try AtomicFile.write(text, to: path) } catch {
            var e = CLIError.from(error, language: language)
            e.location = "--out"
            throw e
        }
    }

    /// Writes `value` as pretty JSON with sorted keys on standard output.
    func printJSON<T: Encodable>(_ value: T) {
        console.line(JSONOutput.encode(value))
    }
}

enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(StoreTime.iso(date))
        }
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Timestamps as people read them (ISO text is `StoreTime.iso`, the store's own writer).
enum Timestamp {
    /// Vietnamese local time: `01/12/2025 15:30` (vi) or `2025-12-01 15:30 (UTC+7)` (en).
    static func local(_ date: Date, _ language: Language) -> String {
        let shifted = date.addingTimeInterval(TimeInterval(CivilDate.vietnamOffset))
        let secs = Int(shifted.timeIntervalSince1970.rounded(.down))
        let day = CivilDate(dayNumber: secs >= 0 ? secs / 86400 : (secs - 86399) / 86400)
        let sod = secs - day.dayNumber * 86400
        let hm = String(format: "%02d:%02d", sod / 3600, sod / 60 % 60)
        return language == .vi ? "\(day.vietnamese) \(hm)" : "\(day) \(hm) (UTC+7)"
    }

    /// Parses an instant for `KHENTHUONG_NOW`: ISO 8601 with `Z` or an offset, or a date (midnight UTC+7).
    static func parse(_ text: String) -> Date? {
        if let d = try? CivilDate(parsing: text) {
            return Date(timeIntervalSince1970: TimeInterval(d.dayNumber * 86400 - CivilDate.vietnamOffset))
        }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
