import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongKit
@testable import KhenThuongStore

/// The hierarchy as the witness of every store (issue 12 item 4, docs/exchange.md#receipts):
/// three separate stores (CĐCS, LĐLĐ, TLĐ) with the sample directory's keys; receipts coming
/// back in the next envelope; `verify --witnesses` catching a store rewritten after reporting up.
@Suite struct WitnessCLITests {
    typealias Level = ExchangeCLITests.Level
    static let officer = ExchangeCLITests.officer
    static let secretariat = ExchangeCLITests.secretariat
    static let tld = ExchangeCLITests.tld

    /// Every private key of a level's key ring, by public key text.
    static func keys(_ level: Level) throws -> [String: PrivateKey] { try keys(folder: level.h.keyring) }

    /// Every private key in a folder of `.pem` files, by public key text.
    static func keys(folder: String) throws -> [String: PrivateKey] {
        var out: [String: PrivateKey] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".pem") {
            let pem = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let key = try PrivateKey.load(pem: pem, passphrase: nil)
            out[key.publicKey.text] = key
        }
        return out
    }

    static func key(_ level: Level, _ user: String) throws -> PrivateKey {
        try PrivateKey.load(pem: try String(contentsOfFile: level.h.keyring + "/\(user).pem", encoding: .utf8), passphrase: nil)
    }

    /// Rewrites history as the holder of the file and of every key would: event `seq` gets
    /// another reason, every later event its recomputed link and hash, and every commit from
    /// there on its new head, signed again by its own key. The result reads intact to `verify`.
    static func rewrite(_ level: Level, seq: Int64, reason: String) throws {
        try rewrite(store: level.h.storePath, keys: level.h.keyring, seq: seq, reason: reason)
    }

    /// `rewrite` of the store at `path`, with the private keys in the folder `keys`.
    static func rewrite(store path: String, keys keyFolder: String, seq: Int64, reason: String) throws {
        var events: [StoredEvent] = []
        let (commits, storeID): ([StoredCommit], String)
        do {
            let store = try EventStore(path: path)
            try store.scan { events.append($0) }
            commits = try store.commits(from: 1)
            storeID = try store.storeID()
        }
        let keys = try keys(folder: keyFolder)
        var head: (seq: Int64, hash: String)? = events.first { $0.seq == seq - 1 }.map { ($0.seq, $0.hash) }
        var hashes: [Int64: String] = [:]
        var sql = "BEGIN;\n"
        func quoted(_ s: String?) -> String { s.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }
        for e in events where e.seq >= seq {
            let r = e.seq == seq ? reason : e.reason
            let next = EventChain.event(after: head, dossierID: e.dossierID, kind: e.kind, event: e.event, from: e.fromState, to: e.toState,
                                        actor: e.actor, at: e.at, reason: r, payload: e.payload)
            sql += "UPDATE events SET reason = \(quoted(r)), prev_hash = '\(next.prevHash)', hash = '\(next.hash)' WHERE seq = \(e.seq);\n"
            hashes[e.seq] = next.hash
            head = (next.seq, next.hash)
        }
        for c in commits where c.lastSeq >= seq {
            let key = try #require(keys[c.publicKey.text])
            let newHead = try #require(hashes[c.lastSeq])
            let statement = CommitStatement(storeID: storeID, firstSeq: c.firstSeq, lastSeq: c.lastSeq, headHash: newHead, at: c.at, publicKey: c.publicKey)
            let signature = Data(try key.sign(statement.bytes)).base64EncodedString()
            sql += "UPDATE commits SET head_hash = '\(newHead)', signature = '\(signature)' WHERE last_seq = \(c.lastSeq);\n"
        }
        try SQLiteTamper.execute(path, sql + "COMMIT;")
    }

    /// A season over three stores: a CĐCS submission to the LĐLĐ, the LĐLĐ's proposal upward to
    /// the TLĐ, the TLĐ's decision back down to the LĐLĐ (with its receipt for the LĐLĐ's
    /// checkpoint), the result down to the CĐCS (with the LĐLĐ's receipt for the CĐCS's).
    func season() throws -> (cdcs: Level, ldld: Level, tld: Level, id: String) {
        let (cdcs, ldld, tld) = (try Level(), try Level(), try Level())
        let (id, up) = try ExchangeCLITests().submission(cdcs, award: "bang_khen_tong_lien_doan", nominee: ("ly.van.bao", "Lý Văn Bảo"))
        ldld.ok([Self.secretariat, "exchange", "import", up])
        for e in ["receive", "start_appraisal", "send_to_council"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        ExchangeCLITests.councilVote(ldld, id)
        let proposal = ldld.path("proposal.ktx")
        let sent = ldld.ok([Self.secretariat, "exchange", "export", "--to", "TLD", "--out", proposal, id])
        #expect(!sent.contains("biên nhận"), "the TLĐ sent nothing to the LĐLĐ yet: no receipt owed")
        tld.ok([Self.tld, "exchange", "import", proposal])
        try ExchangeCLITests.tldDecides(tld, id)
        let decided = tld.path("decided.ktx")
        #expect(tld.ok([Self.tld, "exchange", "export", "--to", "LDLD-HN", "--out", decided, id]).contains("1 biên nhận"))
        #expect(ldld.ok([Self.secretariat, "exchange", "import", decided]).contains(" (TLD): đồng ký mốc"))
        let result = ldld.path("result.ktx")
        #expect(ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", result, id]).contains("1 biên nhận"))
        #expect(cdcs.ok([Self.officer, "exchange", "import", result]).contains(" (LDLD-HN): đồng ký mốc"))
        return (cdcs, ldld, tld, id)
    }

    @Test("Three stores over a season: each receipt cosigns the checkpoint the sender sent, is kept by the sender, and verify --witnesses passes on untouched stores")
    func seasonReceipts() throws {
        let (cdcs, ldld, tld, _) = try season()
        // The CĐCS keeps the LĐLĐ's cosignature of exactly the checkpoint its submission carried.
        let kept = try EventStore(path: cdcs.h.storePath).records(Receipt.self)
        let imported = try EventStore(path: ldld.h.storePath).records(EnvelopeImported.self).filter { $0.from == "CDCS-DHBK" }
        #expect(kept.count == 1 && imported.count == 1)
        #expect(kept.first?.checkpoint.text == imported.first?.checkpoint)
        #expect(kept.first?.witness == "LDLD-HN" && kept.first?.signatureIsValid == true)
        let cdcsVerify = cdcs.run(["verify", "--witnesses"])
        #expect(cdcsVerify.code == 0 && cdcsVerify.out.contains("Chứng kiến: 1 biên nhận của LDLD-HN"), "\(cdcsVerify.out)\(cdcsVerify.err)")
        let ldldVerify = ldld.run(["verify", "--witnesses"])
        #expect(ldldVerify.code == 0 && ldldVerify.out.contains("Chứng kiến: 1 biên nhận của TLD"), "\(ldldVerify.out)\(ldldVerify.err)")
        #expect(tld.run(["verify", "--witnesses"]).out.contains("chưa có biên nhận nào"))
    }

    @Test("A CĐCS that rewrites its history after reporting upward reads intact to plain verify, but verify --witnesses fails (exit 3) naming the LĐLĐ's receipt and the size")
    func rewriteCaught() throws {
        let (cdcs, ldld, _, id) = try season()
        let receipt = try #require(try EventStore(path: cdcs.h.storePath).records(Receipt.self).first)
        let receiptSeq = try #require(try EventStore(path: cdcs.h.storePath).records(named: Receipt.kind).first?.seq)
        let submit = try #require(try EventStore(path: cdcs.h.storePath).events(dossierID: id).first { $0.event == "submit" })
        #expect(submit.seq <= receipt.checkpoint.eventCount, "the edited event is inside the cosigned checkpoint")
        try Self.rewrite(cdcs, seq: submit.seq, reason: "Hồ sơ mẫu (sửa lại sau)")
        let plain = cdcs.run(["verify"])
        #expect(plain.code == 0, "the rewritten store reads intact without its witnesses: \(plain.out)\(plain.err)")
        let witnessed = cdcs.run(["verify", "--witnesses"])
        #expect(witnessed.code == 3)
        #expect(witnessed.out.contains("HỎNG: biên nhận #\(receiptSeq) của LDLD-HN"))
        #expect(witnessed.out.contains("kích thước \(receipt.checkpoint.eventCount)") && witnessed.out.contains("lịch sử đã bị viết lại"))
        let english = cdcs.run(["--lang", "en", "verify", "--witnesses", "--json"])
        #expect(english.code == 3 && english.out.contains("history was rewritten after reporting to LDLD-HN"))
        // The federation, untouched, still passes.
        #expect(ldld.run(["verify", "--witnesses"]).code == 0)
        // And it refuses the rewritten union's next envelope: its chain shows another hash at the number the federation holds.
        let again = cdcs.path("again.ktx")
        cdcs.ok([Self.officer, "exchange", "export", "--to", "LDLD-HN", "--out", again, id])
        let before = try ldld.snapshot()
        let refused = ldld.run([Self.secretariat, "exchange", "import", again])
        #expect(refused.code == 3 && refused.err.contains("kho của CDCS-DHBK không còn nối tiếp mốc \(receipt.checkpoint.eventCount) sự kiện")
                && refused.err.contains("again.ktx: checkpoint") && refused.err.contains("cách khắc phục"), "\(refused.err)")
        #expect(try ldld.snapshot() == before)
    }

    // MARK: Bad receipts: refused with what, where and how; nothing written

    /// The LĐLĐ's envelope down to the CĐCS, sealed again by the LĐLĐ's secretariat with its
    /// receipts replaced by `receipts(genuine)`.
    func resealed(_ ldld: Level, _ envelope: String, name: String, _ receipts: ([Receipt]) throws -> [Receipt]) throws -> String {
        let e = try Envelope.read(envelope)
        let genuine = (e.manifest["receipts"]?.elements ?? []).compactMap(Receipt.init(json:))
        #expect(!genuine.isEmpty)
        guard case .object(let members) = e.manifest else { Issue.record("the manifest is not an object"); return envelope }
        var fields: [(String, JSONValue)] = members.map { ($0.key, $0.value.value) }
        let i = try #require(fields.firstIndex { $0.0 == "receipts" })
        fields[i].1 = .list(try receipts(genuine).map(\.json))
        let blobs = (e.manifest["attachments"]?.elements ?? []).compactMap { b in b["sha256"]?.string.flatMap { s in b["size"]?.int.map { (sha256: s, size: $0) } } }
        let out = ldld.path(name)
        _ = try Envelope.write(manifest: .fields(fields), attachments: blobs, folder: AttachmentFolder(storePath: ldld.h.storePath),
                               signer: try Self.key(ldld, "tran.thu.ha"), to: out)
        return out
    }

    /// A CĐCS whose submission the LĐLĐ answered with a request for supplement (the envelope down carries one receipt).
    func answered() throws -> (cdcs: Level, ldld: Level, down: String) {
        let (cdcs, ldld) = (try Level(), try Level())
        let (id, up) = try ExchangeCLITests().submission(cdcs)
        ldld.ok([Self.secretariat, "exchange", "import", up])
        for e in ["receive", "start_appraisal"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        ldld.ok([Self.secretariat, "dossier", "act", id, "request_supplement", "--reason", "Thiếu"])
        let down = ldld.path("down.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, id])
        return (cdcs, ldld, down)
    }

    @Test("A receipt signed by a key without a grant at the witnessing unit, a receipt of a checkpoint the store never issued, a forged receipt signature, a receipt in the name of a unit not in the directory: each refused, nothing written")
    func badReceipts() throws {
        let (cdcs, ldld, down) = try answered()
        let ldldKey = try Self.key(ldld, "tran.thu.ha")
        let witness = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.thu.ha")
        let before = try cdcs.snapshot()
        // 1. Signed by the CĐCS officer's key, which holds no grant at LDLD-HN.
        let ungranted = try resealed(ldld, down, name: "ungranted.ktx") { g in
            [try Receipt.make(g[0].checkpoint, by: witness, signer: try Self.key(ldld, "le.thi.cuc"), at: g[0].at)]
        }
        let r1 = cdcs.run([Self.officer, "exchange", "import", ungranted])
        #expect(r1.code == 3 && r1.err.contains("không có quyền nào tại LDLD-HN") && r1.err.contains("receipts[0]") && r1.err.contains("cách khắc phục"), "\(r1.err)")
        // 2. A checkpoint of another store (the LĐLĐ's own), well signed and cosigned.
        let foreign = try Checkpoint.make(try EventStore(path: ldld.h.storePath), signer: ldldKey, at: Date(timeIntervalSince1970: 1_764_554_400))
        let neverIssued = try resealed(ldld, down, name: "never.ktx") { g in [try Receipt.make(foreign, by: witness, signer: ldldKey, at: g[0].at)] }
        let r2 = cdcs.run([Self.officer, "exchange", "import", neverIssued])
        #expect(r2.code == 3 && r2.err.contains("mốc kiểm tra mà kho này chưa từng phát ra") && r2.err.contains("receipts[0]"), "\(r2.err)")
        // 3. The genuine receipt with another signature.
        let forged = try resealed(ldld, down, name: "forged.ktx") { g in
            var f = g[0]
            f.signature[0] ^= 0x01
            return [f]
        }
        let r3 = cdcs.run([Self.officer, "exchange", "import", forged])
        #expect(r3.code == 3 && r3.err.contains("bị giả hoặc bị sửa") && r3.err.contains("receipts[0]"), "\(r3.err)")
        // 4. A receipt in the name of a unit not in the directory (nor the sender).
        let stranger = try resealed(ldld, down, name: "stranger.ktx") { g in
            [try Receipt.make(g[0].checkpoint, by: Actor(role: "secretariat", unit: "LDLD-XX", user: "ai.do"), signer: ldldKey, at: g[0].at)]
        }
        let r4 = cdcs.run([Self.officer, "exchange", "import", stranger])
        #expect(r4.code == 3 && r4.err.contains("là của LDLD-XX, không phải của đơn vị gửi LDLD-HN") && r4.err.contains("receipts[0]"), "\(r4.err)")
        #expect(try cdcs.snapshot() == before)
        // The genuine envelope is accepted, and its receipt kept.
        cdcs.ok([Self.officer, "exchange", "import", down])
        #expect(try EventStore(path: cdcs.h.storePath).records(Receipt.self).count == 1)
    }
}
