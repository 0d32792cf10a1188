import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongKit
@testable import KhenThuongStore

/// Two and three separate stores (CĐCS, LĐLĐ, TLĐ), each with the sample directory imported,
/// exchanging signed envelopes (docs/exchange.md).
@Suite struct ExchangeCLITests {
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"
    static let chair = "--as=council_chair@LDLD-HN:pham.thi.dung"
    static let signer = "--as=signer@LDLD-HN:pham.d"
    static let tld = "--as=secretariat@TLD:cao.thi.tam"

    /// The LĐLĐ council's outcome, as only `council vote` may record it: the sample council,
    /// a session with ten members present, ten votes for.
    static func councilVote(_ level: Level, _ id: String) {
        level.ok([secretariat, "council", "create", CLIHarness.workflows + "/samples/council-ldld-hn.json"])
        level.ok([secretariat, "council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB", "--date", "2025-12-16",
                  "--present", CouncilGoldenTests.ten, id])
        level.ok([chair, "council", "vote", "01/BB", id, "--yes", "10", "--no", "0"])
    }

    /// The TLĐ decides a proposal it imported: its own council chair and signer (granted in its
    /// store) appraise, vote in session 07/BB-TLĐ and issue decision 99/QĐ-TLĐ.
    static func tldDecides(_ tld: Level, _ id: String) throws {
        let key = try #require(tld.ok(["key", "show", tld.h.keyring + "/pham.thi.dung.pem"]).split(separator: " ").first { $0.hasPrefix("ed25519:") })
        for role in ["council_chair@TLD", "signer@TLD"] {
            tld.ok(["--key", tld.h.keyring + "/admin.pem", "grant", role, "--key", String(key).trimmingCharacters(in: .whitespacesAndNewlines),
                    "--user", "pham.thi.dung", "--name", "Phạm Thị Dung"])
        }
        for e in ["receive", "start_appraisal", "send_to_council"] { tld.ok([Self.tld, "dossier", "act", id, e]) }
        tld.ok([Self.tld, "council", "create", CLIHarness.workflows + "/samples/council-tld.json"])
        tld.ok([Self.tld, "council", "session", "open", "HĐTĐKT-TLĐ", "--id", "07/BB-TLĐ", "--date", "2025-12-21",
                "--present", "truong.van.phuc,lam.thi.quynh,ha.van.son,cao.thi.tam,kieu.van.uy,pham.van.an", id])
        tld.ok(["--as=council_chair@TLD:pham.thi.dung", "council", "vote", "07/BB-TLĐ", id, "--yes", "5", "--no", "0"])
        tld.ok(["--as=signer@TLD:pham.thi.dung", "decision", "issue", "--number", "99/QĐ-TLĐ", "--date", "2025-12-22", "--signer", "Phạm Thị Dung",
                "--authority", "Đoàn Chủ tịch Tổng Liên đoàn", id])
    }

    /// One level's store, in its own folder.
    struct Level {
        var h: CLIHarness

        init(now: String = "2025-12-01T02:00:00Z", workflows: String? = nil) throws {
            h = try CLIHarness(now: now)
            if let workflows { h.environment["KHENTHUONG_WORKFLOWS"] = workflows }
            h.initialise()
        }

        @discardableResult
        func ok(_ args: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
            let r = h.run(args)
            #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
            return r.out
        }

        func run(_ args: [String]) -> CLIHarness.Run { h.run(args) }

        /// A file in this level's folder.
        func file(_ name: String, _ text: String) throws -> String {
            let path = h.directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func path(_ name: String) -> String { h.directory.appendingPathComponent(name).path }

        /// The store's event count and the names in its files folder: what "nothing written" compares.
        func snapshot() throws -> [String] {
            let store = try EventStore(path: h.storePath)
            let files = (FileManager.default.enumerator(atPath: h.storePath + "-files")?.allObjects as? [String]) ?? []
            return ["\(try store.eventCount())"] + files.sorted()
        }

        func state(_ id: String) throws -> String? { try EventStore(path: h.storePath).dossier(id)?.state }
    }

    /// A CĐCS dossier with its three required documents attached as files, submitted, exported to LĐLĐ Hà Nội.
    func submission(_ cdcs: Level, award: String = "lao_dong_tien_tien", nominee: (String, String) = ("nguyen.thi.hoa", "Nguyễn Thị Hoa"),
                    id: String? = nil) throws -> (id: String, envelope: String) {
        let out = cdcs.ok([Self.officer, "dossier", "create", "--award", award, "--year", "2025", "--nominee-id", nominee.0,
                           "--nominee-name", nominee.1, "--addressee", "LDLD-HN"] + (id.map { ["--id", $0] } ?? []))
        let dossier = try #require(out.components(separatedBy: "hồ sơ ").dropFirst().first.map { String($0.prefix { $0 != ":" }) })
        for (doc, name) in [("cover_letter", "to-trinh.pdf"), ("achievement_report", "bao-cao.pdf"), ("review_minutes", "bien-ban.pdf")] {
            let file = try cdcs.file("\(dossier)-\(name)", "%PDF-1.4 \(doc) của \(dossier)")
            cdcs.ok([Self.officer, "dossier", "attach", dossier, file, "--as-document", doc])
        }
        cdcs.ok([Self.officer, "dossier", "submit", dossier, "--override-eligibility", "--reason", "Hồ sơ mẫu"])
        let envelope = cdcs.path("\(dossier)-up.ktx")
        cdcs.ok([Self.officer, "exchange", "export", "--to", "LDLD-HN", "--out", envelope, dossier])
        return (dossier, envelope)
    }

    @Test("A new dossier's id carries its proposing unit and year, so ids are unique across stores")
    func globalIDs() throws {
        let cdcs = try Level()
        let out = cdcs.ok([Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee-id", "a.b",
                           "--nominee-name", "Nguyễn Văn B", "--addressee", "LDLD-HN"])
        #expect(out.contains("CDCS-DHBK-2025-000001"))
        let mayhn = try Level()
        let other = mayhn.ok(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                              "--nominee-id", "a.c", "--nominee-name", "Nguyễn Văn C", "--addressee", "LDLD-HN"])
        #expect(other.contains("CDCS-MAYHN-2025-000001"))
    }

    @Test("Submission CĐCS → LĐLĐ: the dossier opens at the receiving level where its secretariat may act, with the attached files, the eligibility record and a clean verify")
    func submissionOpensAtReceiver() throws {
        let (cdcs, ldld) = (try Level(), try Level())
        let (id, envelope) = try submission(cdcs)
        let bytes = try #require(FileManager.default.contents(atPath: envelope))
        #expect(String(decoding: bytes, as: UTF8.self).contains("eligibility_override"))
        let imported = ldld.ok([Self.secretariat, "exchange", "import", envelope])
        #expect(imported.contains("Lập hồ sơ \(id): Đã nộp"))
        let shown = ldld.ok([Self.secretariat, "dossier", "show", id])
        #expect(shown.contains("Tiếp nhận hồ sơ (receive)"))
        #expect(shown.contains("Đơn vị đề nghị:     Công đoàn Đại học Bách khoa Hà Nội (CDCS-DHBK)"))
        let sent = try EventStore(path: cdcs.h.storePath).records(Attachment.self, subject: .dossier(id)).map(\.sha256).sorted()
        #expect(sent.count == 3)
        for sha in sent {
            #expect(shown.contains("sha256 \(sha)"))
            #expect(FileManager.default.fileExists(atPath: AttachmentFolder(storePath: ldld.h.storePath).path(of: sha)))
        }
        #expect(ldld.run(["verify"]).code == 0)
        // The second import of the same envelope is refused by its id, and writes nothing.
        let before = try ldld.snapshot()
        let again = ldld.run([Self.secretariat, "exchange", "import", envelope])
        #expect(again.code == 1 && again.err.contains("đã được nhập"))
        #expect(try ldld.snapshot() == before)
    }

    @Test("Supplement LĐLĐ → CĐCS with its reason and deadline, and the supplement coming back")
    func supplementRoundTrip() throws {
        let (cdcs, ldld) = (try Level(), try Level())
        let (id, up) = try submission(cdcs)
        ldld.ok([Self.secretariat, "exchange", "import", up])
        ldld.ok([Self.secretariat, "dossier", "act", id, "receive"])
        ldld.ok([Self.secretariat, "dossier", "act", id, "start_appraisal"])
        ldld.ok([Self.secretariat, "dossier", "act", id, "request_supplement", "--reason", "Thiếu bản sao sáng kiến"])
        let down = ldld.path("down.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, "--reason", "Thiếu bản sao sáng kiến", "--deadline", "2025-12-15", id])
        #expect(cdcs.ok([Self.officer, "exchange", "import", down]).contains("[Nhận yêu cầu bổ sung của cấp trên]"))
        #expect(try cdcs.state(id) == "needs_supplement")
        let history = cdcs.ok(["dossier", "history", id])
        #expect(history.contains("Thiếu bản sao sáng kiến") && history.contains("hạn 2025-12-15"))
        // The proposer answers with a file as the supplement; the document counts for resubmit.
        let file = try cdcs.file("sang-kien.pdf", "%PDF-1.4 sáng kiến")
        cdcs.ok([Self.officer, "dossier", "attach", id, file, "--as-document", "supplement"])
        cdcs.ok([Self.officer, "dossier", "act", id, "resubmit"])
        let back = cdcs.path("back.ktx")
        cdcs.ok([Self.officer, "exchange", "export", "--to", "LDLD-HN", "--out", back, id])
        #expect(ldld.ok([Self.secretariat, "exchange", "import", back]).contains("[Nhận hồ sơ bổ sung từ cấp dưới]"))
        #expect(try ldld.state(id) == "appraisal")
        #expect(ldld.ok(["dossier", "show", id]).contains("sang-kien.pdf"))
        #expect(ldld.run(["verify"]).code == 0 && cdcs.run(["verify"]).code == 0)
    }

    @Test("Decision LĐLĐ → CĐCS: the decision and the published result put the award in the CĐCS store")
    func decisionComesDown() throws {
        let (cdcs, ldld) = (try Level(), try Level())
        let (id, up) = try submission(cdcs)
        ldld.ok([Self.secretariat, "exchange", "import", up])
        for e in ["receive", "start_appraisal", "send_to_council"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        Self.councilVote(ldld, id)
        ldld.ok([Self.signer, "decision", "issue", "--number", "12/QĐ-LĐLĐ", "--date", "2025-12-20", "--signer", "Phạm D",
                 "--authority", "Ban Thường vụ LĐLĐ Hà Nội", id])
        let down = ldld.path("result.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, id])
        #expect(String(decoding: try #require(FileManager.default.contents(atPath: down)), as: UTF8.self).contains("12/QĐ-LĐLĐ"))
        #expect(cdcs.ok([Self.officer, "exchange", "import", down]).contains("[Nhận quyết định khen thưởng của cấp trên]"))
        #expect(try cdcs.state(id) == "published")
        #expect(cdcs.run(["verify"]).code == 0)
    }

    @Test("Proposal LĐLĐ → TLĐ replaces the package, and the TLĐ's decision comes back down to LĐLĐ and CĐCS")
    func upwardAndBack() throws {
        let (cdcs, ldld, tld) = (try Level(), try Level(), try Level())
        let (id, up) = try submission(cdcs, award: "bang_khen_tong_lien_doan", nominee: ("ly.van.bao", "Lý Văn Bảo"))
        ldld.ok([Self.secretariat, "exchange", "import", up])
        // Not yet proposed upward: the level above is not a destination.
        let early = ldld.run([Self.secretariat, "exchange", "export", "--to", "TLD", "--out", ldld.path("early.ktx"), id])
        #expect(early.code == 1 && early.err.contains("proposed_upward"))
        for e in ["receive", "start_appraisal", "send_to_council"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        Self.councilVote(ldld, id)
        let proposal = ldld.path("proposal.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "TLD", "--out", proposal, id])
        #expect(tld.ok([Self.tld, "exchange", "import", proposal]).contains("Lập hồ sơ \(id): Đã nộp"))
        let atTLD = try #require(try EventStore(path: tld.h.storePath).dossier(id))
        #expect(atTLD.proposerUnit == "LDLD-HN" && atTLD.addresseeUnit == "TLD")
        // The TLĐ's own council and signer (granted in its store) decide.
        try ExchangeCLITests.tldDecides(tld, id)
        let decided = tld.path("decided.ktx")
        tld.ok([Self.tld, "exchange", "export", "--to", "LDLD-HN", "--out", decided, id])
        #expect(ldld.ok([Self.secretariat, "exchange", "import", decided]).contains("[Nhận quyết định khen thưởng của cấp trên]"))
        #expect(try ldld.state(id) == "published")
        let result = ldld.path("result.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", result, id])
        cdcs.ok([Self.officer, "exchange", "import", result])
        #expect(try cdcs.state(id) == "published")
        for level in [cdcs, ldld, tld] { #expect(level.run(["verify"]).code == 0) }
    }

    @Test("A dossier numbered per store before global ids travels under its unit's prefix: two unions' HS-2025-000001 never collide, and the answer finds the original")
    func legacyIDsDoNotCollide() throws {
        let (dhbk, mayhn, ldld) = (try Level(), try Level(), try Level())
        let (_, first) = try submission(dhbk, id: "HS-2025-000001")
        mayhn.ok(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "create", "--id", "HS-2025-000001", "--award", "lao_dong_tien_tien", "--year", "2025",
                  "--nominee-id", "vo.thi.lan", "--nominee-name", "Võ Thị Lan", "--addressee", "LDLD-HN",
                  "--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"])
        mayhn.ok(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "submit", "HS-2025-000001", "--override-eligibility", "--reason", "Hồ sơ mẫu"])
        let second = mayhn.path("up.ktx")
        mayhn.ok(["--as=union_officer@CDCS-MAYHN:pham.van.an", "exchange", "export", "--to", "LDLD-HN", "--out", second, "HS-2025-000001"])
        ldld.ok([Self.secretariat, "exchange", "import", first])
        ldld.ok([Self.secretariat, "exchange", "import", second])
        #expect(try ldld.state("CDCS-DHBK-HS-2025-000001") == "submitted")
        #expect(try ldld.state("CDCS-MAYHN-HS-2025-000001") == "submitted")
        ldld.ok([Self.secretariat, "dossier", "act", "CDCS-DHBK-HS-2025-000001", "receive"])
        ldld.ok([Self.secretariat, "dossier", "act", "CDCS-DHBK-HS-2025-000001", "start_appraisal"])
        ldld.ok([Self.secretariat, "dossier", "act", "CDCS-DHBK-HS-2025-000001", "request_supplement", "--reason", "Thiếu"])
        let down = ldld.path("down.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, "CDCS-DHBK-HS-2025-000001"])
        dhbk.ok([Self.officer, "exchange", "import", down])
        #expect(try dhbk.state("HS-2025-000001") == "needs_supplement")
    }

    @Test("An exchange transition cannot be fired by hand")
    func exchangeEventsOnlyByImport() throws {
        let cdcs = try Level()
        let (id, _) = try submission(cdcs)
        let r = cdcs.run([Self.officer, "dossier", "act", id, "supplement_requested"])
        #expect(r.code == 1 && r.err.contains("exchange import"))
    }

    // MARK: Bad input: each refused with what, where and how, non-zero, nothing written

    @Test("An envelope for another unit is refused, naming the destination")
    func wrongDestination() throws {
        let (cdcs, other) = (try Level(), try Level())
        let (_, up) = try submission(cdcs)
        let before = try other.snapshot()
        let r = other.run(["--as=secretariat@LDLD-KG:pham.c", "exchange", "import", up])
        #expect(r.code == 1)
        #expect(r.err.contains("phong bì gửi LDLD-HN, không phải LDLD-KG") && r.err.contains(": to") && r.err.contains("cách khắc phục"))
        #expect(try other.snapshot() == before)
    }

    @Test("An envelope from a unit the receiver's directory lacks is refused")
    func senderNotInDirectory() throws {
        let cdcs = try Level()
        let (_, up) = try submission(cdcs)
        let receiver = try Level()
        // This receiver's own directory knows only the federation and its secretariat.
        let small = try receiver.file("small.json", """
            {"units": [{"code": "TLD", "name": "Tổng Liên đoàn", "kind": "tld"},
                       {"code": "LDLD-HN", "name": "LĐLĐ Hà Nội", "kind": "ldld_tinh", "parent": "TLD"}],
             "people": [{"user": "tran.thu.ha", "name": "Trần Thu Hà", "grants": ["secretariat@LDLD-HN"]}]}
            """)
        var fresh = try CLIHarness()
        fresh.environment["KHENTHUONG_KEYRING"] = receiver.h.keyring
        #expect(fresh.run(["init"]).code == 0)
        #expect(fresh.run(["directory", "import", small, "--keys", receiver.h.keyring]).code == 0)
        let before = try Level.snapshot(fresh)
        let r = fresh.run([Self.secretariat, "exchange", "import", up])
        #expect(r.code == 3 && r.err.contains("đơn vị gửi CDCS-DHBK không có trong danh bạ") && r.err.contains(": from"))
        #expect(try Level.snapshot(fresh) == before)
    }

    @Test("An envelope signed by a key whose grant at the sending unit was revoked is refused")
    func keyWithoutGrant() throws {
        let (cdcs, ldld) = (try Level(), try Level())
        let (_, up) = try submission(cdcs)
        ldld.ok(["--key", ldld.h.keyring + "/admin.pem", "grant", "revoke", "union_officer@CDCS-DHBK", "--user", "le.thi.cuc", "--reason", "Chuyển công tác"])
        let before = try ldld.snapshot()
        let r = ldld.run([Self.secretariat, "exchange", "import", up])
        #expect(r.code == 3 && r.err.contains("không có quyền nào tại CDCS-DHBK") && r.err.contains(": signature"))
        #expect(try ldld.snapshot() == before)
    }

    @Test("A supplement for a dossier never received is refused as out of order")
    func outOfOrder() throws {
        let (cdcs, ldld, elsewhere) = (try Level(), try Level(), try Level())
        let (id, up) = try submission(cdcs)
        ldld.ok([Self.secretariat, "exchange", "import", up])
        for e in ["receive", "start_appraisal"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        ldld.ok([Self.secretariat, "dossier", "act", id, "request_supplement", "--reason", "Thiếu"])
        let down = ldld.path("down.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, id])
        cdcs.ok([Self.officer, "exchange", "import", down])
        cdcs.ok([Self.officer, "dossier", "attach", id, try cdcs.file("bs.pdf", "%PDF bổ sung"), "--as-document", "supplement"])
        cdcs.ok([Self.officer, "dossier", "act", id, "resubmit"])
        let back = cdcs.path("back.ktx")
        cdcs.ok([Self.officer, "exchange", "export", "--to", "LDLD-HN", "--out", back, id])
        // A federation store that never received the submission.
        let before = try elsewhere.snapshot()
        let r = elsewhere.run([Self.secretariat, "exchange", "import", back])
        #expect(r.code == 3 && r.err.contains("chưa từng được nhận ở đây") && r.err.contains("sai thứ tự") && r.err.contains("dossier \(id)"))
        #expect(try elsewhere.snapshot() == before)
    }

    @Test("A decision for a dossier the receiver never proposed is refused")
    func decisionNeverProposed() throws {
        let (cdcs, ldld, stranger) = (try Level(), try Level(), try Level())
        let (id, up) = try submission(cdcs)
        ldld.ok([Self.secretariat, "exchange", "import", up])
        for e in ["receive", "start_appraisal", "send_to_council"] { ldld.ok([Self.secretariat, "dossier", "act", id, e]) }
        Self.councilVote(ldld, id)
        ldld.ok([Self.signer, "decision", "issue", "--number", "12/QĐ-LĐLĐ", "--date", "2025-12-20", "--signer", "Phạm D", "--authority", "BTV", id])
        let down = ldld.path("result.ktx")
        ldld.ok([Self.secretariat, "exchange", "export", "--to", "CDCS-DHBK", "--out", down, id])
        let before = try stranger.snapshot()
        let r = stranger.run([Self.officer, "exchange", "import", down])
        #expect(r.code == 3 && r.err.contains("CDCS-DHBK chưa từng trình"))
        #expect(try stranger.snapshot() == before)
    }

    @Test("A tampered envelope names the event, a changed or missing attachment byte names the file; nothing is written")
    func tampering() throws {
        let (cdcs, ldld) = (try Level(), try Level())
        let (id, up) = try submission(cdcs)
        let original = try #require(FileManager.default.contents(atPath: up))
        let before = try ldld.snapshot()
        func attempt(_ bytes: Data, _ name: String) -> CLIHarness.Run {
            let path = ldld.path(name)
            _ = FileManager.default.createFile(atPath: path, contents: bytes)
            return ldld.run([Self.secretariat, "exchange", "import", path])
        }
        // An event's nominee changed inside the manifest (same length, so the file still parses).
        var text = String(decoding: original, as: UTF8.self)
        text = text.replacingOccurrences(of: "nguyen.thi.hoa", with: "nguyen.thi.hox")
        let edited = attempt(Data(text.utf8), "edited.ktx")
        #expect(edited.code == 3 && edited.err.contains("dossier \(id), event #") && edited.err.contains("đã bị sửa"))
        // One byte of the last attachment changed.
        var flipped = original
        flipped[flipped.count - 1] ^= 0x01
        let changed = attempt(flipped, "changed.ktx")
        #expect(changed.code == 3 && changed.err.contains("bien-ban.pdf") && changed.err.contains("attachments["))
        // The last attachment cut off.
        let cut = attempt(original.prefix(original.count - 5), "cut.ktx")
        #expect(cut.code == 3 && cut.err.contains("bien-ban.pdf"))
        #expect(try ldld.snapshot() == before)
    }

    @Test("An attachment over the size limit is refused at attach and at import")
    func sizeLimit() throws {
        // The receiver's limits are smaller than the sender's.
        let workflows = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-wf-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: CLIHarness.workflows, toPath: workflows)
        try #"{"maxBytes": 20, "mediaTypes": {"pdf": "application/pdf"}}"#.write(toFile: workflows + "/exchange/attachments.json", atomically: true, encoding: .utf8)
        let (cdcs, ldld) = (try Level(), try Level(workflows: workflows))
        let (_, up) = try submission(cdcs)
        let before = try ldld.snapshot()
        let r = ldld.run([Self.secretariat, "exchange", "import", up])
        #expect(r.code == 3 && r.err.contains("giới hạn 20 byte") && r.err.contains("attachments[0]"))
        #expect(try ldld.snapshot() == before)
        // At attach, in the small-limit store.
        ldld.ok(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                 "--nominee-id", "x.y", "--nominee-name", "Ngô Văn Y", "--addressee", "LDLD-HN"])
        let big = try ldld.file("big.pdf", String(repeating: "x", count: 21))
        let snapshot = try ldld.snapshot()
        let refused = ldld.run(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "attach", "CDCS-MAYHN-2025-000001", big, "--as-document", "cover_letter"])
        #expect(refused.code == 1 && refused.err.contains("quá giới hạn 20 byte") && refused.err.contains("big.pdf"))
        let odd = try ldld.file("a.exe", "x")
        let type = ldld.run(["--as=union_officer@CDCS-MAYHN:pham.van.an", "dossier", "attach", "CDCS-MAYHN-2025-000001", odd, "--as-document", "cover_letter"])
        #expect(type.code == 1 && type.err.contains("application/pdf"))
        #expect(try ldld.snapshot() == snapshot)
    }

    @Test("verify detects an attached file that changed or went missing, naming the event and the file")
    func verifyAttachments() throws {
        let cdcs = try Level()
        let (id, _) = try submission(cdcs)
        #expect(cdcs.run(["verify"]).code == 0)
        let files = try EventStore(path: cdcs.h.storePath).records(Attachment.self, subject: .dossier(id))
        let folder = AttachmentFolder(storePath: cdcs.h.storePath)
        let first = folder.path(of: files[0].sha256), second = folder.path(of: files[1].sha256)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: first)
        try "%PDF-1.4 đã sửa".write(toFile: first, atomically: false, encoding: .utf8)
        let changed = cdcs.run(["verify"])
        #expect(changed.code == 3 && changed.out.contains("HỎNG: tệp đính kèm \(files[0].name)") && changed.out.contains("đã bị thay đổi"))
        try FileManager.default.removeItem(atPath: second)
        let missing = cdcs.run(["verify"])
        #expect(missing.code == 3 && missing.out.contains("\(files[1].name) của hồ sơ \(id) (sự kiện #") && missing.out.contains("không còn"))
    }
}

extension ExchangeCLITests.Level {
    static func snapshot(_ h: CLIHarness) throws -> [String] {
        let store = try EventStore(path: h.storePath)
        let files = (FileManager.default.enumerator(atPath: h.storePath + "-files")?.allObjects as? [String]) ?? []
        return ["\(try store.eventCount())"] + files.sorted()
    }
}
