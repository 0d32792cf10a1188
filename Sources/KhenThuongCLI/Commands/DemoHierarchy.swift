import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `demo --hierarchy DIR`: the hierarchy as the witness of every store (issue 12 item 4,
/// docs/exchange.md#three-stores-over-a-season). Three stores in DIR — the grassroots union
/// (`cdcs.sqlite`), the city federation (`ldld.sqlite`) and the Tổng Liên đoàn (`tld.sqlite`) —
/// each set up as the one-store demo is (`DemoKeys`: the sample directory recorded by the demo
/// administrator, the demo keys in `<store>-keys/`), exchange signed envelopes over a season.
/// Every step runs a command's own implementation in this process, on that level's store, as the
/// person who acts there (their key from that store's key folder), at the step's time; then
/// `verify --witnesses` runs on each store.
struct DemoHierarchy {
    /// One level: its unit and its store.
    struct Level {
        var unit: String
        var path: String
        var file: String { (path as NSString).lastPathComponent }
        var keys: String { DemoKeys.folder(for: path) }
    }

    let ctx: Context
    let folder: String
    let cdcs: Level, ldld: Level, tld: Level
    private var definitions: Definitions
    private var directory = Directory()

    static let storeFiles = ["cdcs.sqlite", "ldld.sqlite", "tld.sqlite"]

    init(_ ctx: Context, folder: String) throws(CLIError) {
        self.ctx = ctx
        self.folder = folder
        let path = { (name: String) in (folder as NSString).appendingPathComponent(name) }
        cdcs = Level(unit: "CDCS-DHBK", path: path(Self.storeFiles[0]))
        ldld = Level(unit: "LDLD-HN", path: path(Self.storeFiles[1]))
        tld = Level(unit: "TLD", path: path(Self.storeFiles[2]))
        definitions = try ctx.definitions()
    }

    // MARK: The walk

    /// Runs the season; success when every step went through and `verify --witnesses` passes on
    /// the three stores, exit 3 when one fails.
    mutating func run() throws(CLIError) -> ExitCode {
        try prepareFolder()
        let vi = ctx.vi
        let samples = DefinitionsLayout(directory: try ctx.workflowsDirectory).samples
        let sample = { (name: String) in (samples as NSString).appendingPathComponent(name) }
        let start = Self.time("2025-12-01T09:00:00+07:00")
        for level in [cdcs, ldld, tld] {
            let c = ctx.onStore(level.path)
            let store = try c.openStore(create: true)
            _ = try DemoKeys.setUp(store, directoryFile: sample("directory.json"), at: start, c)
        }
        directory = try DirectoryCommands.load(try log(cdcs), ctx)
        let setUpEvents = try Runner.perform(ctx) { try log(cdcs).eventCount() }
        ctx.console.line(vi ? "Ba kho qua một mùa xét: CĐCS → LĐLĐ → Tổng Liên đoàn và trở về (dữ liệu mẫu)" : "Three stores over a season: CĐCS → LĐLĐ → Tổng Liên đoàn and back (sample data)")
        ctx.console.line((vi ? "Thư mục: " : "Folder: ") + folder + "\n")
        line(start, vi ? "Lập ba kho, mỗi đơn vị một kho trên máy của mình: \(unit(cdcs.unit)) (\(cdcs.file)), \(unit(ldld.unit)) (\(ldld.file)), \(unit(tld.unit)) (\(tld.file)); mỗi kho ghi danh mục đơn vị và quyền mẫu (\(setUpEvents) sự kiện), khóa mẫu trong thư mục <kho>-keys."
                         : "Three stores, one per unit on its own computer: \(unit(cdcs.unit)) (\(cdcs.file)), \(unit(ldld.unit)) (\(ldld.file)), \(unit(tld.unit)) (\(tld.file)); each records the sample unit and grant directory (\(setUpEvents) events), demo keys in the folder <store>-keys.")

        // 1. The CĐCS: a dossier with its facts and three files, submitted, sent up.
        let officer = "union_officer@CDCS-DHBK:le.thi.cuc"
        var t = Self.time("2025-12-01T14:00:00+07:00")
        try command(cdcs, as: officer, ["dossier", "create", "--award", "bang_khen_tong_lien_doan", "--year", "2025", "--nominee-id", "do.thi.hang",
                                        "--nominee-name", "Đỗ Thị Hằng", "--addressee", ldld.unit], at: t)
        guard let id = try Runner.perform(ctx, { try log(cdcs).dossiers(state: nil, award: nil, unit: nil, year: nil).first?.id }) else {
            throw CLIError(.init(vi: "bản chạy thử ba kho: không thấy hồ sơ vừa lập", en: "three-store demo: the new dossier is not there"), exit: .dataError)
        }
        try command(cdcs, as: officer, ["dossier", "facts", id, "--nominees", sample("demo-nominees.json")], at: t)
        let attachments = (folder as NSString).appendingPathComponent("cdcs-tep")
        try InitCommand.makeFolder(attachments, ctx)
        for (document, name) in [("cover_letter", "to-trinh.pdf"), ("achievement_report", "bao-cao-thanh-tich.pdf"), ("review_minutes", "bien-ban-binh-xet.pdf")] {
            let file = (attachments as NSString).appendingPathComponent(name)
            try ctx.write("%PDF-1.4\n% \(document) — \(id) (tệp mẫu)\n", to: file)
            try command(cdcs, as: officer, ["dossier", "attach", id, file, "--as-document", document], at: t)
        }
        try command(cdcs, as: officer, ["dossier", "submit", id], at: t)
        let dossier = try dossierLine(cdcs, id)
        line(t, cdcs, "le.thi.cuc", vi ? "lập hồ sơ \(id): \(dossier); ghi dữ kiện, đính kèm 3 tệp, nộp (đủ điều kiện) → \(try state(cdcs, id))"
                                       : "opens dossier \(id): \(dossier); records the facts, attaches 3 files, submits (eligible) → \(try state(cdcs, id))")
        t = Self.time("2025-12-01T14:10:00+07:00")
        let up = try export(cdcs, as: officer, id, to: ldld, "1-cdcs-gui-ldld.ktx", at: t)
        line(t, cdcs, "le.thi.cuc", sent(up, to: ldld))

        // 2. The LĐLĐ: receives, appraises, its council votes, it proposes upward.
        let secretariat = "secretariat@LDLD-HN:tran.thu.ha"
        t = Self.time("2025-12-02T08:30:00+07:00")
        line(t, ldld, "tran.thu.ha", try received(ldld, as: secretariat, up, from: cdcs, id, at: t))
        t = Self.time("2025-12-02T08:40:00+07:00")
        line(t, ldld, "tran.thu.ha", try act(ldld, as: secretariat, id, ["receive", "start_appraisal", "send_to_council"], at: t))
        t = Self.time("2025-12-16T09:00:00+07:00")
        try command(ldld, as: secretariat, ["council", "create", sample("council-ldld-hn.json")], at: t)
        let ldldPresent = ["pham.van.an", "ngo.thi.binh", "do.van.cuong", "le.thi.dung", "vu.van.em", "hoang.thi.giang", "bui.van.hai", "dang.thi.khanh",
                           "trinh.van.long", "mai.thi.minh"]
        try command(ldld, as: secretariat, ["council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB-LĐLĐ", "--date", "2025-12-16",
                                            "--present", ldldPresent.joined(separator: ","), id], at: t)
        t = Self.time("2025-12-16T10:00:00+07:00")
        try command(ldld, as: "council_chair@LDLD-HN:pham.thi.dung", ["council", "vote", "01/BB-LĐLĐ", id, "--yes", "10", "--no", "0"], at: t)
        line(t, ldld, "pham.thi.dung", vi ? "Hội đồng Thi đua – Khen thưởng phiên 01/BB-LĐLĐ (10 thành viên có mặt) bỏ phiếu kín: 10 đồng ý, 0 không → \(try state(ldld, id))"
                                          : "the Emulation and Commendation Council in session 01/BB-LĐLĐ (10 members present), secret ballot: 10 for, 0 against → \(try state(ldld, id))")
        t = Self.time("2025-12-17T09:00:00+07:00")
        let proposal = try export(ldld, as: secretariat, id, to: tld, "2-ldld-gui-tld.ktx", at: t)
        line(t, ldld, "tran.thu.ha", sent(proposal, to: tld))

        // 3. The TLĐ: receives, grants its chair, appraises, votes, decides, sends the decision down.
        let tldSecretariat = "secretariat@TLD:cao.thi.tam"
        t = Self.time("2025-12-18T09:00:00+07:00")
        line(t, tld, "cao.thi.tam", try received(tld, as: tldSecretariat, proposal, from: ldld, id, at: t))
        t = Self.time("2025-12-18T09:05:00+07:00")
        let chair = (user: "truong.van.phuc", name: "Trương Văn Phúc")
        let chairKey = try DemoKeys.ensure(chair.user, name: chair.name, in: tld.keys)
        let roles = DirectoryCommands.roleNames(ctx)
        for role in ["council_chair", "signer"] {
            try command(tld, as: nil, ["grant", "\(role)@\(tld.unit)", "--key", chairKey.publicKey.text, "--user", chair.user, "--name", chair.name], at: t)
        }
        line(t, vi ? "\(unit(tld.unit)) (Quản trị viên) — cấp quyền cho \(chair.name) tại kho của mình: \(roles["council_chair"]?[ctx.language] ?? "council_chair"), \(roles["signer"]?[ctx.language] ?? "signer")"
                   : "\(unit(tld.unit)) (Administrator) — grants \(chair.name) in its own store: \(roles["council_chair"]?[ctx.language] ?? "council_chair"), \(roles["signer"]?[ctx.language] ?? "signer")")
        t = Self.time("2025-12-18T09:10:00+07:00")
        line(t, tld, "cao.thi.tam", try act(tld, as: tldSecretariat, id, ["receive", "start_appraisal", "send_to_council"], at: t))
        t = Self.time("2025-12-21T09:00:00+07:00")
        try command(tld, as: tldSecretariat, ["council", "create", sample("council-tld.json")], at: t)
        try command(tld, as: tldSecretariat, ["council", "session", "open", "HĐTĐKT-TLĐ", "--id", "07/BB-TLĐ", "--date", "2025-12-21",
                                              "--present", "truong.van.phuc,lam.thi.quynh,ha.van.son,cao.thi.tam,kieu.van.uy,pham.van.an", id], at: t)
        t = Self.time("2025-12-21T10:00:00+07:00")
        try command(tld, as: "council_chair@TLD:\(chair.user)", ["council", "vote", "07/BB-TLĐ", id, "--yes", "5", "--no", "0"], at: t)
        line(t, tld, chair.user, vi ? "Hội đồng Thi đua – Khen thưởng Tổng Liên đoàn phiên 07/BB-TLĐ (6 thành viên có mặt) bỏ phiếu kín: 5 đồng ý, 0 không → \(try state(tld, id))"
                                    : "the Tổng Liên đoàn's Emulation and Commendation Council in session 07/BB-TLĐ (6 members present), secret ballot: 5 for, 0 against → \(try state(tld, id))")
        t = Self.time("2025-12-22T09:00:00+07:00")
        try command(tld, as: "signer@TLD:\(chair.user)", ["decision", "issue", "--number", "99/QĐ-TLĐ", "--date", "2025-12-22", "--signer", chair.name,
                                                         "--authority", "Đoàn Chủ tịch Tổng Liên đoàn", id], at: t)
        line(t, tld, chair.user, vi ? "ký Quyết định số 99/QĐ-TLĐ ngày 22/12/2025 khen thưởng \(id) → \(try state(tld, id))"
                                    : "signs Decision 99/QĐ-TLĐ of 2025-12-22 awarding \(id) → \(try state(tld, id))")
        t = Self.time("2025-12-22T14:00:00+07:00")
        let decided = try export(tld, as: tldSecretariat, id, to: ldld, "3-tld-gui-ldld.ktx", at: t)
        line(t, tld, "cao.thi.tam", sent(decided, to: ldld))

        // 4. The LĐLĐ keeps the TLĐ's receipt, and sends the result down with its own receipt.
        t = Self.time("2025-12-23T08:30:00+07:00")
        line(t, ldld, "tran.thu.ha", try received(ldld, as: secretariat, decided, from: tld, id, at: t))
        t = Self.time("2025-12-23T09:00:00+07:00")
        let result = try export(ldld, as: secretariat, id, to: cdcs, "4-ldld-gui-cdcs.ktx", at: t)
        line(t, ldld, "tran.thu.ha", sent(result, to: cdcs))
        t = Self.time("2025-12-24T08:30:00+07:00")
        line(t, cdcs, "le.thi.cuc", try received(cdcs, as: officer, result, from: ldld, id, at: t))

        // 5. Each store checked with its witnesses.
        ctx.console.line("")
        var failed: [String] = []
        for level in [cdcs, ldld, tld] {
            let (code, out) = try command(level, as: nil, ["verify", "--witnesses"], at: t, expect: nil)
            let events = try Runner.perform(ctx) { try log(level).eventCount() }
            let receipts = try Runner.perform(ctx) { try log(level).records(named: Receipt.kind).map { ($0.seq, try $0.record(Receipt.self)) } }
            let checked = receipts.map { seq, r in
                vi ? "#\(seq) của \(unit(r.witness)) (mốc \(r.checkpoint.eventCount) sự kiện)" : "#\(seq) from \(unit(r.witness)) (checkpoint of \(r.checkpoint.eventCount) events)"
            }
            let what = checked.isEmpty ? (vi ? "chưa có biên nhận nào (chưa đơn vị nào nhận phong bì của kho này rồi gửi lại)"
                                             : "no receipt yet (no unit has received this store's envelope and written back)")
                                       : (vi ? "biên nhận đã đối chiếu: " : "receipts checked: ") + checked.joined(separator: ", ")
            if code == .success {
                ctx.console.line(vi ? "Kiểm tra \(level.file) (verify --witnesses): ĐẠT — \(events) sự kiện, chuỗi băm và chữ ký khớp; \(what)."
                                    : "Check of \(level.file) (verify --witnesses): PASSED — \(events) events, hash chain and signatures match; \(what).")
            } else {
                failed.append(level.file)
                ctx.console.line(vi ? "Kiểm tra \(level.file) (verify --witnesses): KHÔNG ĐẠT (mã thoát \(code.rawValue)); \(what):"
                                    : "Check of \(level.file) (verify --witnesses): FAILED (exit \(code.rawValue)); \(what):")
                for l in out.split(separator: "\n") { ctx.console.line("      " + l) }
            }
        }
        ctx.console.line(vi ? "Xem tiếp: khenthuong --store \(cdcs.path) verify --witnesses · dossier history \(id)"
                            : "Next: khenthuong --store \(cdcs.path) verify --witnesses · dossier history \(id)")
        return failed.isEmpty ? .success : .dataError
    }

    // MARK: Steps

    /// `exchange export --to LEVEL --out DIR/NAME ID` on `level`, as `actor`; its summary.
    private func export(_ level: Level, as actor: String, _ id: String, to: Level, _ name: String, at t: Date) throws(CLIError) -> Sent {
        let out = (folder as NSString).appendingPathComponent(name)
        let (_, json) = try command(level, as: actor, ["exchange", "export", "--to", to.unit, "--out", out, id], at: t, json: true)
        let fields = Self.fields(json)
        return Sent(file: name, from: level, dossiers: fields["dossiers"] ?? "?", events: fields["events"] ?? "?", attachments: fields["attachments"] ?? "?",
                    receipts: Int(fields["receipts"] ?? "") ?? 0)
    }

    struct Sent {
        var file: String
        var from: Level
        var dossiers: String, events: String, attachments: String
        var receipts: Int
    }

    /// The line for an envelope sent: what it carries, and the receipt it returns, if any.
    private func sent(_ s: Sent, to: Level) -> String {
        let vi = ctx.vi
        var text = vi ? "gửi phong bì đã ký \(s.file) cho \(unit(to.unit)): \(s.dossiers) hồ sơ, \(s.events) sự kiện, \(s.attachments) tệp đính kèm, mốc kiểm tra của kho \(s.from.file)"
                      : "sends the signed envelope \(s.file) to \(unit(to.unit)): \(s.dossiers) dossier(s), \(s.events) events, \(s.attachments) attachment(s), the checkpoint of \(s.from.file)"
        if s.receipts == 0 {
            text += vi ? "; chưa có biên nhận nào để trả (\(unit(to.unit)) chưa gửi gì đến)" : "; no receipt to return yet (\(unit(to.unit)) has sent nothing here)"
        } else {
            let kept = (try? log(s.from).records(EnvelopeImported.self).filter { $0.from == to.unit }.last).flatMap { $0 }
            let size = kept.flatMap { try? Checkpoint(parsing: $0.checkpoint) }.map { "\($0.eventCount)" } ?? "?"
            text += vi ? "; kèm \(s.receipts) biên nhận: đồng ký mốc \(size) sự kiện mà \(unit(to.unit)) đã gửi lên"
                       : "; with \(s.receipts) receipt: a cosignature of the checkpoint of \(size) events \(unit(to.unit)) sent up"
        }
        return text
    }

    /// `exchange import` of `s` on `level`: the line saying what was checked, opened or advanced,
    /// and which checkpoint and receipt were kept.
    private func received(_ level: Level, as actor: String, _ s: Sent, from: Level, _ id: String, at t: Date) throws(CLIError) -> String {
        let vi = ctx.vi
        let (_, json) = try command(level, as: actor, ["exchange", "import", (folder as NSString).appendingPathComponent(s.file)], at: t, json: true)
        let opened = Self.fields(json)["opened"] == "1"
        let record = try Runner.perform(ctx) { try log(level).records(EnvelopeImported.self).last }
        let checkpoint = record.flatMap { try? Checkpoint(parsing: $0.checkpoint) }.map { "\($0.eventCount)" } ?? "?"
        var text = vi ? "nhập phong bì \(s.file) của \(unit(from.unit)): mã băm, chữ ký và quyền của bên gửi đều khớp; \(opened ? "lập hồ sơ" : "hồ sơ") \(id) → \(try state(level, id)); giữ mốc kiểm tra \(checkpoint) sự kiện của kho \(from.file)"
                      : "imports \(s.file) from \(unit(from.unit)): every hash, signature and the sender's grant check out; \(opened ? "opens dossier" : "dossier") \(id) → \(try state(level, id)); keeps the checkpoint of \(checkpoint) events of \(from.file)"
        if s.receipts > 0 {
            let receipt = try Runner.perform(ctx) { try log(level).records(Receipt.self).last }
            let size = receipt.map { "\($0.checkpoint.eventCount)" } ?? "?"
            text += vi ? "; giữ biên nhận của \(unit(from.unit)) cho mốc \(size) sự kiện của kho này"
                       : "; keeps \(unit(from.unit))'s receipt for this store's checkpoint of \(size) events"
        }
        return text
    }

    /// `dossier act ID EVENT` for each event; the line naming the events and the state reached.
    private func act(_ level: Level, as actor: String, _ id: String, _ events: [String], at t: Date) throws(CLIError) -> String {
        for event in events { try command(level, as: actor, ["dossier", "act", id, event], at: t) }
        let workflow = try Runner.perform(ctx) { try log(level).dossier(id) }.flatMap { definitions.workflows[$0.workflowID] }
        let labels = events.map { workflow?.eventLabel($0, ctx.language) ?? $0 }
        return "\(id): \(labels.joined(separator: ", ")) → \(try state(level, id))"
    }

    // MARK: Running a command on a level

    /// Runs `words` (a command and its arguments) on `level`'s store through the command's own
    /// implementation, as `actor` (`--as`; nil: the store's administrator) with the keys in the
    /// level's key folder, at `time`. Unless `expect` is nil, any other exit stops the demo with
    /// what the command said.
    @discardableResult
    private func command(_ level: Level, as actor: String?, _ words: [String], at time: Date, json: Bool = false,
                         expect: ExitCode? = .success) throws(CLIError) -> (code: ExitCode, out: String) {
        guard let command = Commands.match(words) else {
            throw CLIError(.init(vi: "bản chạy thử ba kho: không có lệnh \(words.joined(separator: " "))", en: "three-store demo: no command \(words.joined(separator: " "))"), exit: .dataError)
        }
        final class Buffer: @unchecked Sendable { var text = "" }
        let buffer = Buffer()
        var c = ctx.onStore(level.path)
        c.keyring = level.keys
        c.keyPath = nil
        c.actorText = actor
        c.json = json
        c.now = { time }
        c.console = Console(out: { buffer.text += $0 }, err: { buffer.text += $0 }, errIsTerminal: false)
        var args = ArgumentList(Array(words.dropFirst(command.path.count)), command: command.name)
        let code: ExitCode
        do throws(CLIError) { code = try command.run(&args, c) } catch {
            var e = error
            e.what = .init(vi: "\(level.file), khenthuong \(command.name): \(error.what.vi)", en: "\(level.file), khenthuong \(command.name): \(error.what.en)")
            throw e
        }
        if let expect, code != expect {
            throw CLIError(.init(vi: "\(level.file), khenthuong \(command.name) thoát với mã \(code.rawValue): \(buffer.text)",
                                 en: "\(level.file), khenthuong \(command.name) exited with \(code.rawValue): \(buffer.text)"), exit: code)
        }
        return (code, buffer.text)
    }

    // MARK: Reading

    private func log(_ level: Level) throws(CLIError) -> any EventLog {
        try Runner.perform(ctx) { try Context.openLog(level.path, create: false, busyTimeoutMilliseconds: ctx.busyTimeoutMilliseconds) }
    }

    /// The dossier's state at `level`, by its label.
    private func state(_ level: Level, _ id: String) throws(CLIError) -> String {
        guard let d = try Runner.perform(ctx, { try log(level).dossier(id) }) else { return "—" }
        return definitions.workflows[d.workflowID]?.stateLabel(d.state, ctx.language) ?? d.state
    }

    /// “Award for nominee”, by the award's label.
    private func dossierLine(_ level: Level, _ id: String) throws(CLIError) -> String {
        guard let d = try Runner.perform(ctx, { try log(level).dossier(id) }) else { return id }
        let award = definitions.awards.award(d.awardID)?.name[ctx.language] ?? d.awardID
        return ctx.vi ? "\(award) cho đồng chí \(d.nominee.name)" : "\(award) for \(d.nominee.name)"
    }

    private func unit(_ code: String) -> String { directory.unit(code)?.name ?? code }

    /// `user`'s name as `level`'s own directory records it (the TLĐ grants its chair in its store only).
    private func person(_ user: String, at level: Level) -> String {
        let directory = (try? log(level)).flatMap { try? DirectoryCommands.load($0, ctx) }
        return directory?.allGrants.first { $0.user == user }?.name ?? user
    }

    private func line(_ t: Date, _ level: Level, _ user: String, _ text: String) {
        line(t, "\(unit(level.unit)) (\(person(user, at: level))) — \(text)")
    }

    private func line(_ t: Date, _ text: String) {
        ctx.console.line("• [\(Timestamp.local(t, ctx.language))] \(text)")
    }

    private static func time(_ text: String) -> Date { Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0) }

    /// A `--json` object of strings.
    private static func fields(_ json: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String] ?? [:]
    }

    /// DIR is new or empty: the demo never writes beside files it did not write.
    private func prepareFolder() throws(CLIError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            let entries = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
            guard isDirectory.boolValue, entries.isEmpty else {
                throw CLIError(.init(vi: "\(folder) đã có và không rỗng; bản chạy thử ba kho chỉ ghi vào một thư mục mới hoặc rỗng",
                                     en: "\(folder) exists and is not empty; the three-store demo writes only into a new or empty folder"),
                               at: "--hierarchy", fix: .init(vi: "chỉ một thư mục chưa có, ví dụ --hierarchy ba-kho-moi", en: "name a folder that does not exist yet, e.g. --hierarchy three-stores-new"),
                               exit: .dataError)
            }
        } else {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw CLIError(.init(vi: "không tạo được thư mục \(folder)", en: "cannot create the folder \(folder)"), at: "--hierarchy",
                               fix: .init(vi: "kiểm tra quyền ghi", en: "check write permission"), exit: .dataError)
            }
        }
    }
}
