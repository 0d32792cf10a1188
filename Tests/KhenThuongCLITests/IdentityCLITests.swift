import CSQLite
import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Identity through the built binary: every write is signed by the acting person's key and
/// taken from that key's grants; a store edited behind the tool's back stops `verify` and the
/// official outputs. Each test is an attack that an unsigned store would let through.
@Suite struct IdentityCLITests {
    let h: CLIHarness

    init() throws {
        h = try CLIHarness()
        for args in h.setUp {
            let r = try h.exec(args)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
    }

    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let admin = "--as=administrator@*:admin"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"

    /// `dossier create` of a yearly award for `nominee` (id and name), proposed by CDCS-DHBK.
    static func create(_ nominee: String = "nguyen.thi.hoa", name: String = "Nguyễn Thị Hoa") -> [String] {
        ["dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee-id", nominee,
         "--nominee-name", name, "--addressee", "LDLD-HN"]
    }

    func events() throws -> Int64 { try EventStore(path: h.storePath).eventCount() }

    /// Runs `args` and expects exit 0.
    @discardableResult
    func ok(_ args: [String], extraEnvironment: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CLIHarness.Run {
        let r = try h.exec(args, extraEnvironment: extraEnvironment)
        #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        return r
    }

    /// A text as an SQL literal.
    static func sql(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    /// Appends, by raw SQL, a correctly chained event after the store's head: a record about
    /// dossier `dossierID` claiming `actor`.
    func forgeEvent(dossierID: String, actor: Actor, at: String) throws -> StoredEvent {
        let head: (seq: Int64, hash: String)?
        let state: String
        do {
            let store = try EventStore(path: h.storePath)
            head = try store.head()
            state = try #require(try store.dossier(dossierID)).state
        }
        let e = EventChain.event(after: head, dossierID: dossierID, kind: .record, event: "note", from: nil, to: state,
                                 actor: actor, at: try #require(StoreTime.parseDate(at)), reason: nil, payload: #"{"n":1}"#)
        let values = [String(e.seq), Self.sql(e.dossierID), Self.sql(e.kind.rawValue), Self.sql(e.event), Self.sql(e.fromState),
                      Self.sql(e.toState), Self.sql(e.actor.role), Self.sql(e.actor.unit), Self.sql(e.actor.user),
                      Self.sql(StoreTime.iso(e.at)), Self.sql(e.reason), Self.sql(e.payload), Self.sql(e.prevHash), Self.sql(e.hash)]
        try SQLiteTamper.execute(h.storePath, "INSERT INTO events (\(StoreSchema.eventColumns)) VALUES (\(values.joined(separator: ", ")))")
        return e
    }

    // MARK: 10–11, 15–16: who may act

    @Test("A fresh key with no grant is refused before anything is written; --as naming another's grant with one's own key is refused")
    func impostorKeyRefused() throws {
        let before = try events()
        let keyFile = h.directory.appendingPathComponent("impostor.pem").path
        try ok(["key", "new", "--out", keyFile, "--name", "Kẻ Mạo Danh"])
        let bare = try h.exec(["--lang", "en", "--key", keyFile] + Self.create())
        #expect(bare.code == 1, "\(bare.err)")
        #expect(bare.err.contains("holds no grant") && bare.err.contains("This key may act as: nothing"), "\(bare.err)")
        #expect(try events() == before)
        // Claiming le.thi.cuc's grant does not lend the impostor her key.
        let claimed = try h.exec(["--lang", "en", "--key", keyFile, Self.officer] + Self.create())
        #expect(claimed.code == 1, "\(claimed.err)")
        #expect(claimed.err.contains("holds no grant union_officer@CDCS-DHBK:le.thi.cuc"), "\(claimed.err)")
        // Someone who does hold grants, with their own key, claiming another person's grant.
        let own = h.keyring + "/tran.thu.ha.pem"
        let other = try h.exec(["--lang", "en", "--key", own, Self.officer] + Self.create())
        #expect(other.code == 1, "\(other.err)")
        #expect(other.err.contains("holds no grant union_officer@CDCS-DHBK:le.thi.cuc")
                && other.err.contains("This key may act as: secretariat@LDLD-HN:tran.thu.ha"), "\(other.err)")
        #expect(try events() == before)
        // Her own key, with her own grant, is accepted.
        try ok(["--key", h.keyring + "/le.thi.cuc.pem"] + Self.create())
        #expect(try events() == before + 1)
    }

    @Test("A grant revoked between two commands: the second command is refused and nothing is written")
    func revokedGrantRefusedNextCommand() throws {
        try ok([Self.officer] + Self.create())
        try ok([Self.admin, "grant", "revoke", "union_officer@CDCS-DHBK", "--user", "le.thi.cuc", "--reason", "Chuyển công tác"])
        let before = try events()
        let r = try h.exec(["--lang", "en", Self.officer, "dossier", "act", "CDCS-DHBK-2025-000001", "withdraw", "--reason", "Rút hồ sơ"])
        #expect(r.code == 1, "\(r.out) \(r.err)")
        #expect(r.err.contains("union_officer@CDCS-DHBK:le.thi.cuc"), "\(r.err)")
        let direct = try h.exec(["--lang", "en", "--key", h.keyring + "/le.thi.cuc.pem"] + Self.create("x.y", name: "X Y"))
        #expect(direct.code == 1 && direct.err.contains("holds no grant") && direct.err.contains("(revoked)"), "\(direct.err)")
        #expect(try events() == before)
    }

    @Test("A command dated a week before the newest event is refused and writes nothing")
    func backDatedCommandRefused() throws {
        try ok([Self.officer] + Self.create())
        let before = try events()
        let r = try h.exec([Self.officer] + Self.create("x.y", name: "X Y"), extraEnvironment: ["KHENTHUONG_NOW": "2025-11-24T02:00:00Z"])
        #expect(r.code == 3, "\(r.out) \(r.err)")
        #expect(r.err.contains("2025-12-01T02:00:00.000Z"), "\(r.err)")
        #expect(try events() == before)
        #expect(try h.exec(["verify"]).code == 0)
    }

    @Test("The nominee's key is refused on their own dossier under another user name it holds")
    func nomineeRefusedUnderAnyUserName() throws {
        // tran.van.minh (person tran.van.minh, secretariat@LDLD-HN) is nominated by CDCS-DHBK.
        try ok([Self.officer] + Self.create("tran.van.minh", name: "Trần Văn Minh"))
        let pem = try String(contentsOfFile: h.keyring + "/tran.van.minh.pem", encoding: .utf8)
        let key = try PrivateKey.load(pem: pem, passphrase: nil).publicKey
        // The administrator gives the same key a proposer's grant under another user name.
        try ok([Self.admin, "grant", "union_officer@CDCS-DHBK", "--key", key.text, "--user", "minh.tv", "--name", "Trần Văn Minh"])
        let before = try events()
        let withdraw = try h.exec(["--lang", "en", "--as=union_officer@CDCS-DHBK:minh.tv", "dossier", "act", "CDCS-DHBK-2025-000001", "withdraw",
                                   "--reason", "Tự rút"])
        #expect(withdraw.code == 1, "\(withdraw.out) \(withdraw.err)")
        #expect(withdraw.err.contains("may never act on their own dossier"), "\(withdraw.err)")
        let submit = try h.exec(["--lang", "en", "--as=union_officer@CDCS-DHBK:minh.tv", "dossier", "submit", "CDCS-DHBK-2025-000001",
                                 "--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"])
        #expect(submit.code == 1 && submit.err.contains("may never act on their own dossier"), "\(submit.err)")
        #expect(try events() == before)
        // Another officer of the unit may.
        try ok(["--as=union_officer@CDCS-DHBK:nguyen.a", "dossier", "act", "CDCS-DHBK-2025-000001", "withdraw", "--reason", "Rút hồ sơ"])
    }

    // MARK: 12–14, 17: the file edited behind the tool's back

    @Test("A signature byte flipped in the file: verify exits 3 naming the commit's event and the signer's name")
    func flippedSignatureCaughtByVerify() throws {
        try ok([Self.officer] + Self.create())
        let seq = try events()
        let store = try EventStore(path: h.storePath)
        var signature = try #require(try store.commits(from: seq).first).signature
        signature[5] ^= 0x80
        try SQLiteTamper.execute(h.storePath, "UPDATE commits SET signature = '\(Data(signature).base64EncodedString())' WHERE last_seq = \(seq)")
        let r = try h.exec(["verify"])
        #expect(r.code == 3)
        #expect(r.out.contains("HỎNG: chữ ký của sự kiện số \(seq), ký bằng khóa"), "\(r.out)")
        #expect(r.out.contains("(Lê Thị Cúc)") && r.out.contains("chữ ký không khớp"), "\(r.out)")
    }

    @Test("An event inserted by raw SQL with a correct hash: verify exits 3 on the missing signature; publish and decision list refuse")
    func forgedEventStopsVerifyAndOfficialOutputs() throws {
        try ok([Self.officer] + Self.create())
        // A clean store first: the official outputs run, and leave a verified mark.
        try ok(["decision", "list"])
        let forged = try forgeEvent(dossierID: "CDCS-DHBK-2025-000001", actor: Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc"),
                                    at: "2025-12-01T02:00:00.000Z")
        let r = try h.exec(["--lang", "en", "verify"])
        #expect(r.code == 3)
        #expect(r.out.contains("BROKEN: the signature of event \(forged.seq): not signed"), "\(r.out)")
        let site = h.directory.appendingPathComponent("site").path
        let publish = try h.exec(["--lang", "en", "publish", "--out", site])
        #expect(publish.code == 3 && publish.err.contains("no official output") && publish.err.contains("event \(forged.seq)"), "\(publish.err)")
        #expect(!FileManager.default.fileExists(atPath: site + "/index.html"))
        let list = try h.exec(["decision", "list"])
        #expect(list.code == 3 && list.err.contains("không lập văn bản chính thức"), "\(list.err)")
    }

    @Test("checkpoint --out, then the store truncated: verify --checkpoint exits 3 naming the removed events; emptied: the same")
    func checkpointCatchesTruncation() throws {
        try ok([Self.officer] + Self.create())
        try ok([Self.officer] + Self.create("x.y", name: "X Y"))
        let count = try events()
        let cp = h.directory.appendingPathComponent("cp.txt").path
        try ok([Self.secretariat, "checkpoint", "--out", cp])
        let clean = try ok(["--lang", "en", "verify", "--checkpoint", cp])
        #expect(clean.out.contains("the store still extends it"))

        try SQLiteTamper.execute(h.storePath, "DELETE FROM events WHERE seq = \(count); DELETE FROM commits WHERE last_seq = \(count)")
        // The chain alone reads intact, but the dossier the removed event created is still in the
        // table: verify compares the table with the events and names it.
        let alone = try h.exec(["--lang", "en", "verify"])
        #expect(alone.code == 3 && alone.out.contains("CDCS-DHBK-2025-000002: in the dossier table but created by no event"), "\(alone.out)")
        let cut = try h.exec(["--lang", "en", "verify", "--checkpoint", cp])
        #expect(cut.code == 3)
        #expect(cut.out.contains("BROKEN: checkpoint \(cp): the store has only \(count - 1) events, the checkpoint \(count): events from \(count) on were removed"),
                "\(cut.out)")

        try SQLiteTamper.execute(h.storePath, "DELETE FROM events; DELETE FROM commits; DELETE FROM dossiers")
        let plain = try h.exec(["verify"])
        #expect(plain.code == 0 && plain.out.contains("Toàn vẹn: 0 sự kiện"), "the emptied store reads intact by itself: \(plain.out)")
        let empty = try h.exec(["verify", "--checkpoint", cp])
        #expect(empty.code == 3)
        #expect(empty.out.contains("kho chỉ còn 0 sự kiện, mốc kiểm tra có \(count)"), "\(empty.out)")
    }

    @Test("checkpoint --out, then an event edited and the chain recomputed: verify --checkpoint exits 3")
    func checkpointCatchesRecomputedChain() throws {
        try ok([Self.officer] + Self.create())
        let cp = h.directory.appendingPathComponent("cp.txt").path
        try ok([Self.secretariat, "checkpoint", "--out", cp])
        // The attacker rewrites the nominee's name in the last event and recomputes its hash.
        let store = try EventStore(path: h.storePath)
        let head = try #require(try store.head())
        var last: StoredEvent?
        try store.scan(from: head.seq) { e throws(StoreError) in last = e }
        let e = try #require(last)
        let prev = try #require(try store.hash(at: head.seq - 1))
        let edited = EventChain.event(after: (head.seq - 1, prev), dossierID: e.dossierID, kind: e.kind, event: e.event, from: e.fromState,
                                      to: e.toState, actor: e.actor, at: e.at, reason: e.reason,
                                      payload: e.payload.replacingOccurrences(of: "Nguyễn Thị Hoa", with: "Nguyễn Thị Hoà"))
        #expect(edited.hash != e.hash)
        try SQLiteTamper.execute(h.storePath, "UPDATE events SET payload = \(Self.sql(edited.payload)), hash = '\(edited.hash)' WHERE seq = \(head.seq)")
        let r = try h.exec(["--lang", "en", "verify", "--checkpoint", cp])
        #expect(r.code == 3)
        #expect(r.out.contains("BROKEN: the signature of event \(head.seq)"), "the commit no longer holds the head: \(r.out)")
    }

    // MARK: What the incremental check before official outputs does not re-hash

    @Test("A dossier's projection row edited by raw SQL (state, nominee) stops the official output that reads it, although the chain is intact")
    func editedProjectionStopsOfficialOutputs() throws {
        try ok([Self.officer] + Self.create())
        try ok([Self.secretariat, "decision", "list"]) // leaves the verified mark at the head
        try SQLiteTamper.execute(h.storePath, "UPDATE dossiers SET state = 'published', nominee_name = 'Người Khác' WHERE id = 'CDCS-DHBK-2025-000001'")
        let out = h.directory.appendingPathComponent("goi.json").path
        let r = try h.exec(["--lang", "en", "package", "export", "CDCS-DHBK-2025-000001", "--out", out])
        #expect(r.code == 3)
        #expect(r.err.contains("CDCS-DHBK-2025-000001") && r.err.contains("differs from its events in nominee_name, state"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // The chain itself is intact, but verify compares the table with the events too.
        let verify = try h.exec(["--lang", "en", "verify"])
        #expect(verify.code == 3, "only the derived table was edited, and verify sees it: \(verify.out)")
        #expect(verify.out.contains("BROKEN: the dossier table (projection) does not match the events") && verify.out.contains("CDCS-DHBK-2025-000001: state"), "\(verify.out)")
    }

    @Test("An event edited before the verified mark, its hash left as it was, stops the official output that reads it")
    func editBeforeMarkCaughtOnRead() throws {
        try ok([Self.officer] + Self.create())
        try ok([Self.secretariat, "decision", "list"]) // mark at the head
        let created = try #require(try EventStore(path: h.storePath).events(dossierID: "CDCS-DHBK-2025-000001").first)
        try SQLiteTamper.execute(h.storePath, "UPDATE events SET payload = replace(payload, 'Nguyễn Thị Hoa', 'Người Khác') WHERE seq = \(created.seq)")
        let r = try h.exec(["--lang", "en", "package", "export", "CDCS-DHBK-2025-000001", "--out", h.directory.appendingPathComponent("goi.json").path])
        #expect(r.code == 3)
        #expect(r.err.contains("event \(created.seq)") && r.err.contains("no longer matches its hash"), "\(r.err)")
        #expect(try h.exec(["verify"]).code == 3, "verify, which re-hashes everything, says so too")
    }

    @Test("A chain recomputed after an edit, with the store's verified mark moved to the new head, still stops official outputs")
    func movedMarkRefused() throws {
        try ok([Self.officer] + Self.create())
        try ok([Self.secretariat, "decision", "list"])
        // The attacker edits the newest event, recomputes its hash and writes the mark to match.
        let store = try EventStore(path: h.storePath)
        let head = try #require(try store.head())
        var last: StoredEvent?
        try store.scan(from: head.seq) { e throws(StoreError) in last = e }
        let e = try #require(last)
        let edited = EventChain.event(after: (head.seq - 1, try #require(try store.hash(at: head.seq - 1))), dossierID: e.dossierID,
                                      kind: e.kind, event: e.event, from: e.fromState, to: e.toState, actor: e.actor, at: e.at,
                                      reason: e.reason, payload: e.payload.replacingOccurrences(of: "Nguyễn Thị Hoa", with: "Người Khác"))
        try SQLiteTamper.execute(h.storePath, "UPDATE events SET payload = \(Self.sql(edited.payload)), hash = '\(edited.hash)' WHERE seq = \(head.seq)")
        let mark = try #require(try store.verifiedMark())
        try SQLiteTamper.execute(h.storePath, "UPDATE meta SET value = '\(head.seq) \(edited.hash) \(mark.signedFrom.map(String.init) ?? "-")' WHERE key = 'verified_mark'")
        let r = try h.exec(["--lang", "en", "decision", "list"])
        #expect(r.code == 3)
        #expect(r.err.contains("no official output is made from it") && r.err.contains("the chain was recomputed after signing"), "\(r.err)")
    }

    @Test("A checkpoint signed by a key nobody in the store's directory holds is refused by verify --checkpoint")
    func checkpointByUnknownKeyRefused() throws {
        try ok([Self.officer] + Self.create())
        let stranger = h.directory.appendingPathComponent("stranger.pem").path
        try ok(["key", "new", "--out", stranger], extraEnvironment: ["KHENTHUONG_KEY_PASSPHRASE": ""])
        // A checkpoint of this very store, honestly made, but signed by an unknown key.
        let store = try EventStore(path: h.storePath)
        let key = try KeyFile.read(stranger, passphrase: nil).key
        let cp = h.directory.appendingPathComponent("cp.txt").path
        try Checkpoint.make(store, signer: key, at: Date()).text.write(toFile: cp, atomically: true, encoding: .utf8)
        let r = try h.exec(["--lang", "en", "verify", "--checkpoint", cp])
        #expect(r.code == 3)
        #expect(r.out.contains("signed by key \(key.publicKey.id), which nobody in this store's directory holds"), "\(r.out)")
        // The same checkpoint signed by the secretariat's key passes.
        try ok([Self.secretariat, "checkpoint", "--out", cp])
        #expect(try h.exec(["verify", "--checkpoint", cp]).code == 0)
    }

    @Test("A version-2 store opened by the CLI: its events are reported unsigned with their hashes unchanged; init then records the administrator")
    func version2StoreOpenedByCLI() throws {
        let old = try CLIHarness()
        // A store from before signatures: two unsigned events, then made version 2.
        do {
            let store = try EventStore(path: old.storePath)
            let at = try #require(StoreTime.parseDate("2025-11-01T02:00:00.000Z"))
            for i in 1...2 {
                _ = try store.write(signedBy: nil) { tx in
                    try tx.appendRecord(subject: "note:\(i)", event: "note", actor: Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.thu.ha"),
                                        at: at, payload: "{}")
                }
            }
        }
        try SQLiteTamper.execute(old.storePath, """
            DROP TABLE commits; DELETE FROM meta WHERE key = 'store_id';
            UPDATE meta SET value = '2' WHERE key = 'schema_version'
            """)
        var db: OpaquePointer?
        #expect(sqlite3_open_v2(old.storePath, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        var s: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT hash FROM events ORDER BY seq", -1, &s, nil)
        var hashes: [String] = []
        while sqlite3_step(s) == SQLITE_ROW { hashes.append(String(cString: sqlite3_column_text(s, 0))) }
        sqlite3_finalize(s)
        sqlite3_close(db)
        #expect(hashes.count == 2)

        let verify = try old.exec(["--lang", "en", "verify"])
        #expect(verify.code == 0, "\(verify.out) \(verify.err)")
        #expect(verify.out.contains("Intact: 2 events") && verify.out.contains("Head hash: \(hashes[1])"), "\(verify.out)")
        #expect(verify.out.contains("Signatures: none; 2 events unsigned (before signatures)."), "\(verify.out)")
        var after: [String] = []
        try EventStore(path: old.storePath).scan { after.append($0.hash) }
        #expect(after == hashes)

        let initialise = try old.exec(["init"])
        #expect(initialise.code == 0, "\(initialise.err)")
        let directory = try Directory.load(from: try EventStore(path: old.storePath))
        #expect(directory.administrators.map(\.user) == ["admin"])
        let again = try old.exec(["--lang", "en", "verify"])
        #expect(again.code == 0, "\(again.out)")
        #expect(again.out.contains("Intact: 3 events") && again.out.contains("1 events in 1 commits") && again.out.contains("2 events unsigned"), "\(again.out)")
    }
}
