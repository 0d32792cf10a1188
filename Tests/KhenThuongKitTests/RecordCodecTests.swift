import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Every record kind round-trips (encode → decode equal), and writes exactly the bytes the
/// code before typed records wrote: each pinned text below was copied from a store written by
/// that code (the demo season, and `council create` / `movement …` / `package import` runs).
@Suite struct RecordCodecTests {
    static let actor = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
    static let at = Date(timeIntervalSince1970: 1_766_000_000)

    /// Checks `value` against its pinned kind, subject and payload, and reads the pinned payload
    /// back as a stored event equal to `value`.
    func check<R: StoreRecord & Equatable>(_ value: R, kind: String, subject: String, pinned: String,
                                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(R.kind == kind, sourceLocation: sourceLocation)
        #expect(value.subject.stored == subject, sourceLocation: sourceLocation)
        #expect(RecordSubject(stored: subject) == value.subject, sourceLocation: sourceLocation)
        #expect(value.canonicalPayload == pinned, sourceLocation: sourceLocation)
        let event = StoredEvent(seq: 42, dossierID: subject, kind: .record, event: kind, fromState: nil, toState: "",
                                actor: Self.actor, at: Self.at, reason: nil, payload: pinned, prevHash: "", hash: "")
        let back = try event.record(R.self)
        #expect(back == value, sourceLocation: sourceLocation)
        #expect(back.canonicalPayload == pinned, sourceLocation: sourceLocation)
    }

    // MARK: Councils

    @Test("council_defined: a council, subject council:<id>")
    func council() throws {
        let text = #"""
            {"id": "HĐ-X", "unit": "LDLD-X", "name": {"vi": "Hội đồng X", "en": "Council X"}, "authority": {"vi": "Ban Thường vụ X", "en": "Standing Committee X"},
             "place": "Hà Nội", "quorum": {"numerator": 1, "denominator": 2, "source": "quy chế \"X\""}, "recuseSameUnit": true, "decides": ["lao_dong_tien_tien"],
             "noticeWorkingDays": 5, "noticeSource": "NĐ 98",
             "members": [{"id": "a", "name": "Nguyễn A", "role": "chair", "unit": "LDLD-X", "title": "Chủ tịch"}, {"id": "b", "name": "Lê B", "role": "member", "unit": "CDCS-Y"}]}
            """#
        let council = try Council.parse(text, file: "c.json")
        #expect(council.members.map(\.role) == [.chair, .member] && council.quorumSource == #"quy chế "X""#)
        try check(council, kind: "council_defined", subject: "council:HĐ-X", pinned: #"{"authority":{"en":"Standing Committee X","vi":"Ban Thường vụ X"},"decides":["lao_dong_tien_tien"],"id":"HĐ-X","members":[{"id":"a","name":"Nguyễn A","role":"chair","title":"Chủ tịch","unit":"LDLD-X"},{"id":"b","name":"Lê B","role":"member","title":"","unit":"CDCS-Y"}],"name":{"en":"Council X","vi":"Hội đồng X"},"noticeSource":"NĐ 98","noticeWorkingDays":5,"place":"Hà Nội","quorum":{"denominator":2,"numerator":1,"source":"quy chế \"X\""},"recuseSameUnit":true,"unit":"LDLD-X"}"#)
    }

    @Test("council_session_opened: attendance and agenda, subject council:<id>; who opened it comes from the event")
    func session() throws {
        let present = ["pham.van.an", "ngo.thi.binh", "do.van.cuong", "le.thi.dung", "vu.van.em", "hoang.thi.giang", "bui.van.hai",
                       "dang.thi.khanh", "trinh.van.long", "tran.van.nam"]
        var session = CouncilSession(id: "01/BB-HĐTĐKT", councilID: "HĐTĐKT-LĐLĐ-HN", date: CivilDate(unchecked: 2025, 12, 26), present: present,
                                     absent: ["mai.thi.minh"], agenda: ["HS-2025-000001", "HS-2025-000002", "HS-2025-000003", "HS-2025-000007"])
        session.openedBy = Self.actor
        session.openedAt = Self.at
        try check(session, kind: "council_session_opened", subject: "council:HĐTĐKT-LĐLĐ-HN", pinned: #"{"absent":["mai.thi.minh"],"agenda":["HS-2025-000001","HS-2025-000002","HS-2025-000003","HS-2025-000007"],"council":"HĐTĐKT-LĐLĐ-HN","date":"2025-12-26","present":["pham.van.an","ngo.thi.binh","do.van.cuong","le.thi.dung","vu.van.em","hoang.thi.giang","bui.van.hai","dang.thi.khanh","trinh.van.long","tran.van.nam"],"session":"01/BB-HĐTĐKT"}"#)
    }

    @Test("ballot_count: the counts of one dossier's vote, subject the dossier")
    func ballot() throws {
        let voters = ["pham.van.an", "ngo.thi.binh", "do.van.cuong", "le.thi.dung", "vu.van.em", "hoang.thi.giang", "bui.van.hai",
                      "dang.thi.khanh", "trinh.van.long", "tran.van.nam"]
        let count = BallotCount(recused: [], voters: voters, writtenAbsent: 0, tally: Tally(members: 11, present: 10, yes: 9, no: 1, invalid: 0),
                                percent: 50, base: "total", source: "no special rule found: simple majority of all members (parameter)")
        let ballot = BallotRecord(session: "01/BB-HĐTĐKT", council: "HĐTĐKT-LĐLĐ-HN", dossier: "HS-2025-000001", count: count, outcome: "approve")
        try check(ballot, kind: "ballot_count", subject: "HS-2025-000001", pinned: #"{"base":"total","council":"HĐTĐKT-LĐLĐ-HN","invalid":0,"members":11,"no":1,"outcome":"approve","passed":true,"percent":50,"present":10,"recused":[],"session":"01/BB-HĐTĐKT","source":"no special rule found: simple majority of all members (parameter)","voters":["pham.van.an","ngo.thi.binh","do.van.cuong","le.thi.dung","vu.van.em","hoang.thi.giang","bui.van.hai","dang.thi.khanh","trinh.van.long","tran.van.nam"],"writtenAbsent":0,"yes":9}"#)
    }

    // MARK: Decisions and packages

    @Test("decision_issued: the decision and its recipients, subject decision:<number>")
    func decision() throws {
        func recipient(_ dossier: String, _ id: String, _ name: String, _ unit: String) -> Decision.Recipient {
            Decision.Recipient(dossier: dossier, nomineeID: id, nomineeName: name, nomineeKind: .individual, unit: unit, award: "lao_dong_tien_tien",
                               year: 2025, amountVND: 702_000, multiplier: 0.3, baseSalaryVND: 2_340_000)
        }
        let decision = Decision(number: "125/QĐ-LĐLĐ", date: CivilDate(unchecked: 2025, 12, 29), signer: "Đỗ Minh Châu", level: "LDLD-HN",
                                authority: "Ban Thường vụ Liên đoàn Lao động thành phố Hà Nội",
                                recipients: [recipient("HS-2025-000001", "nguyen.thi.hoa", "Nguyễn Thị Hoa", "CDCS-DHBK"),
                                             recipient("HS-2025-000003", "le.van.nam", "Lê Văn Nam", "CDCS-MAYHN")])
        try check(decision, kind: "decision_issued", subject: "decision:125/QĐ-LĐLĐ", pinned: #"{"authority":"Ban Thường vụ Liên đoàn Lao động thành phố Hà Nội","date":"2025-12-29","level":"LDLD-HN","number":"125/QĐ-LĐLĐ","recipients":[{"amountVND":702000,"award":"lao_dong_tien_tien","baseSalaryVND":2340000,"dossier":"HS-2025-000001","multiplier":0.3,"nomineeID":"nguyen.thi.hoa","nomineeKind":"individual","nomineeName":"Nguyễn Thị Hoa","unit":"CDCS-DHBK","year":2025},{"amountVND":702000,"award":"lao_dong_tien_tien","baseSalaryVND":2340000,"dossier":"HS-2025-000003","multiplier":0.3,"nomineeID":"le.van.nam","nomineeKind":"individual","nomineeName":"Lê Văn Nam","unit":"CDCS-MAYHN","year":2025}],"signer":"Đỗ Minh Châu"}"#)
    }

    @Test("revocation: ground, amount and decision, subject the dossier")
    func revocation() throws {
        let revocation = Revocation(dossier: "HS-2025-000003", ground: "b", groundText: "Cung cấp thông tin sai sự thật, làm giả hồ sơ, giấy tờ",
                                    amountVND: 702_000, decision: "125/QĐ-LĐLĐ", revokedBy: "signer@LDLD-HN:do.minh.chau")
        try check(revocation, kind: "revocation", subject: "HS-2025-000003", pinned: #"{"amountVND":702000,"decision":"125/QĐ-LĐLĐ","ground":"b","groundText":"Cung cấp thông tin sai sự thật, làm giả hồ sơ, giấy tờ","revokedBy":"signer@LDLD-HN:do.minh.chau"}"#)
    }

    @Test("package_imported: the package's digest, the source head and the dossiers opened, subject package:<sha256>")
    func packageImported() throws {
        let sha = "efe6f09171c702a4b4ad5247bd79c0b8fbcff4ebf8c4fd1e0416c68c5a6996c9"
        let imported = PackageImport(sha256: sha, headSeq: 61, headHash: "4a30ae196cb183e9f88d72ae034a3e261b437bcd6a856814aeee2123b550f2f3",
                                     dossiers: [.init(id: "HS-2025-000007", sourceUnit: "LDLD-HN", sourceEvents: 9,
                                                      sourceLastHash: "f01045ed5f8ca85d1c92c76e2e085c5a6d61576a303ba51f1a0e30f5b8783cee")])
        try check(imported, kind: "package_imported", subject: "package:" + sha, pinned: #"{"dossiers":[{"id":"HS-2025-000007","sourceEvents":9,"sourceLastHash":"f01045ed5f8ca85d1c92c76e2e085c5a6d61576a303ba51f1a0e30f5b8783cee","sourceUnit":"LDLD-HN"}],"sha256":"efe6f09171c702a4b4ad5247bd79c0b8fbcff4ebf8c4fd1e0416c68c5a6996c9","sourceHead":{"hash":"4a30ae196cb183e9f88d72ae034a3e261b437bcd6a856814aeee2123b550f2f3","seq":61}}"#)
    }

    // MARK: Comments and complaints

    @Test("comment, complaint_filed, complaint_resolved: subject the dossier")
    func complaints() throws {
        try check(PublicComment(dossier: "HS-2025-000002", from: "Lê Văn An", text: "Nhất trí đề nghị; sáng kiến đã áp dụng ở cả khoa"),
                  kind: "comment", subject: "HS-2025-000002", pinned: #"{"from":"Lê Văn An","text":"Nhất trí đề nghị; sáng kiến đã áp dụng ở cả khoa"}"#)
        try check(PublicComment(dossier: "HS-2025-000002", from: nil, text: "Đồng ý"),
                  kind: "comment", subject: "HS-2025-000002", pinned: #"{"from":null,"text":"Đồng ý"}"#)
        try check(ComplaintFiling(dossier: "HS-2025-000002", deferred: true, from: "Trần Văn Bình", text: "Sáng kiến chưa được Hội đồng sáng kiến công nhận"),
                  kind: "complaint_filed", subject: "HS-2025-000002", pinned: #"{"deferred":true,"from":"Trần Văn Bình","text":"Sáng kiến chưa được Hội đồng sáng kiến công nhận"}"#)
        try check(ComplaintResolution(dossier: "HS-2025-000002", complaint: 18, outcome: .dismissed, resumed: true),
                  kind: "complaint_resolved", subject: "HS-2025-000002", pinned: #"{"complaint":18,"outcome":"dismissed","resumed":true}"#)
    }

    // MARK: Eligibility

    @Test("nominee_facts, eligibility_verdict, eligibility_override: subject the dossier")
    func eligibility() throws {
        let facts = NomineeFacts.individual(Individual(id: "le.van.nam", name: "Lê Văn Nam", unit: "CDCS-MAYHN", hireDate: CivilDate(unchecked: 2025, 8, 1),
                                                       years: [2025: YearRecord(duty: .good, monthsWorked: 5)]))
        try check(NomineeFactsRecord(dossier: "HS-2025-000003", facts: facts, source: "demo-nominees.json"),
                  kind: "nominee_facts", subject: "HS-2025-000003", pinned: #"{"nominee":{"awards":[],"hireDate":"2025-08-01","id":"le.van.nam","initiatives":[],"kind":"individual","name":"Lê Văn Nam","proceedings":[],"unit":"CDCS-MAYHN","years":{"2025":{"duty":"HTTNV","monthsWorked":5}}},"source":"demo-nominees.json"}"#)
        let noRuleSet = EligibilityCheck(award: "bang_khen_dot_xuat", year: 2026, asOf: CivilDate(unchecked: 2026, 1, 5), finding: .noRuleSet, factsSeq: nil)
        try check(EligibilityVerdictRecord(dossier: "HS-2026-000005", check: noRuleSet),
                  kind: "eligibility_verdict", subject: "HS-2026-000005", pinned: #"{"asOf":"2026-01-05","award":"bang_khen_dot_xuat","factsSeq":null,"failing":[],"outcome":"no-rule-set","regime":null,"ruleSetVersion":null,"year":2026}"#)
        let overridden = EligibilityVerdictRecord(dossier: "HS-2025-000003", award: "lao_dong_tien_tien", year: 2025, asOf: CivilDate(unchecked: 2025, 12, 1),
                                                  factsSeq: 24, failing: ["ldtt.new_recruit"], outcome: "not-eligible", regime: "luat2022-2024",
                                                  ruleSetVersion: "1.0.0")
        try check(EligibilityOverrideRecord(verdict: overridden),
                  kind: "eligibility_override", subject: "HS-2025-000003", pinned: #"{"asOf":"2025-12-01","award":"lao_dong_tien_tien","factsSeq":24,"failing":["ldtt.new_recruit"],"outcome":"not-eligible","regime":"luat2022-2024","ruleSetVersion":"1.0.0","year":2025}"#)
    }

    // MARK: Movements

    @Test("movement_defined: the definition file canonically, subject movement:<id>")
    func movementDefined() throws {
        let text = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json", encoding: .utf8)
        let record = try MovementLoader.record(text, file: "kg.json")
        #expect(MovementDefinitionRecord.kind == "movement_defined" && record.subject.stored == "movement:KG-VT-2022-01-trieu-sang-kien")
        // The 4864 bytes the earlier code recorded for this file.
        let bytes = Array(record.canonicalPayload.utf8)
        #expect(bytes.count == 4864 && SHA256Digest.hex(bytes) == "21f164d471cd509319be5d22bdd7917e8007f2cb6d28a8c7496761148063700a")
        let event = StoredEvent(seq: 1, dossierID: record.subject.stored, kind: .record, event: "movement_defined", fromState: nil, toState: "",
                                actor: Self.actor, at: Self.at, reason: nil, payload: record.canonicalPayload, prevHash: "", hash: "")
        #expect(try event.record(MovementDefinitionRecord.self) == record)
    }

    @Test("movement_target, movement_registration, movement_observation, movement_link: subject movement:<id>")
    func movementFacts() throws {
        let m = "KG-VT-2022-01-trieu-sang-kien", subject = "movement:KG-VT-2022-01-trieu-sang-kien"
        let share = MovementTarget(id: "t9", kind: .share, text: LocalizedText(vi: "Trên 66,5% đạt", en: "Over 66.5%"), comparison: .greaterThan,
                                   goal: 66.5, from: CivilDate(unchecked: 2022, 1, 1), deadline: CivilDate(unchecked: 2022, 12, 31), yearly: true)
        try check(MovementTargetRecord(movementID: m, target: share), kind: "movement_target", subject: subject,
                  pinned: #"{"comparison":"greaterThan","deadline":"2022-12-31","from":"2022-01-01","goal":66.5,"id":"t9","kind":"share","text":{"en":"Over 66.5%","vi":"Trên 66,5% đạt"},"yearly":true}"#)
        let count = MovementTarget(id: "t10", kind: .count, text: LocalizedText(vi: "Ít nhất 10 sáng kiến", en: "Ít nhất 10 sáng kiến"), goal: 10)
        try check(MovementTargetRecord(movementID: m, target: count), kind: "movement_target", subject: subject,
                  pinned: #"{"comparison":"atLeast","goal":10,"id":"t10","kind":"count","text":{"en":"Ít nhất 10 sáng kiến","vi":"Ít nhất 10 sáng kiến"},"yearly":false}"#)
        try check(MovementRegistrationRecord(movementID: m, registration: MovementRegistration(unit: "CDCS-THPT", compact: "Khối giáo dục")),
                  kind: "movement_registration", subject: subject, pinned: #"{"compact":"Khối giáo dục","person":null,"phase":null,"unit":"CDCS-THPT"}"#)
        try check(MovementRegistrationRecord(movementID: m, registration: MovementRegistration(unit: "CDCS-UBND", person: "le.van.tam")),
                  kind: "movement_registration", subject: subject, pinned: #"{"compact":null,"person":"le.van.tam","phase":null,"unit":"CDCS-UBND"}"#)
        try check(MovementObservationRecord(movementID: m, observation: MovementObservation(target: "tong-quat-5pct-dang-ky", unit: "CDCS-THPT", value: 4, of: 60,
                                                                                           date: CivilDate(unchecked: 2022, 3, 1))),
                  kind: "movement_observation", subject: subject, pinned: #"{"date":"2022-03-01","of":60,"target":"tong-quat-5pct-dang-ky","unit":"CDCS-THPT","value":4}"#)
        try check(MovementObservationRecord(movementID: m, observation: MovementObservation(target: "50-sang-kien-den-31-5-2022", unit: "CDCS-UBND", value: 9,
                                                                                           date: CivilDate(unchecked: 2022, 3, 1))),
                  kind: "movement_observation", subject: subject, pinned: #"{"date":"2022-03-01","of":null,"target":"50-sang-kien-den-31-5-2022","unit":"CDCS-UBND","value":9}"#)
        try check(MovementLinkRecord(movementID: m, link: MovementLink(dossier: "HS-2022-000001")),
                  kind: "movement_link", subject: subject, pinned: #"{"dossier":"HS-2022-000001","phase":null}"#)
    }

    // MARK: The contract around the codecs

    @Test("Subjects read back from the column: a dossier id, or kind:id of a known kind (the id may hold “:”)")
    func subjects() {
        #expect(RecordSubject(stored: "HS-2025-000001") == .dossier("HS-2025-000001"))
        #expect(RecordSubject(stored: "decision:12:QĐ") == .decision("12:QĐ"))
        #expect(RecordSubject(stored: "package:abc") == .package("abc") && RecordSubject(stored: "movement:M") == .movement("M"))
        #expect(RecordSubject(stored: "council:HĐ") == .council("HĐ") && RecordSubject(stored: "colour:red") == nil)
    }

    @Test("A payload that does not decode is an error naming the event, the kind and the field; so is the wrong subject or kind")
    func decodingErrors() {
        func event(_ name: String, _ subject: String, _ payload: String) -> StoredEvent {
            StoredEvent(seq: 9, dossierID: subject, kind: .record, event: name, fromState: nil, toState: "", actor: Self.actor, at: Self.at,
                        reason: nil, payload: payload, prevHash: "", hash: "")
        }
        #expect(throws: StoreError.corruptRecord(path: nil, seq: 9, kind: "revocation", field: "amountVND", detail: "missing or not an integer")) {
            try event("revocation", "HS-1", #"{"amountVND":"nhiều","decision":"1","ground":"b","groundText":"t","revokedBy":"x"}"#).record(Revocation.self)
        }
        #expect(throws: StoreError.corruptRecord(path: nil, seq: 9, kind: "revocation", field: "subject", detail: "“council:X” is not a dossier")) {
            try event("revocation", "council:X", #"{"amountVND":1,"decision":"1","ground":"b","groundText":"t","revokedBy":"x"}"#).record(Revocation.self)
        }
        #expect(throws: StoreError.corruptRecord(path: nil, seq: 9, kind: "decision_issued", field: "recipients[0].nomineeKind",
                                                 detail: "“robot” is neither individual nor collective")) {
            try event("decision_issued", "decision:1", #"{"authority":"A","date":"2025-12-01","level":"L","number":"1","recipients":[{"amountVND":1,"award":"a","baseSalaryVND":1,"dossier":"HS-1","multiplier":1,"nomineeID":"n","nomineeKind":"robot","nomineeName":"N","unit":"U","year":2025}],"signer":"S"}"#).record(Decision.self)
        }
        let malformed = #expect(throws: StoreError.self) { try event("comment", "HS-1", #"{"text":"#).record(PublicComment.self) }
        #expect(malformed?.message(.en).hasPrefix("the comment record in event 9 cannot be read (field $: malformed JSON at 1:9") == true)
        #expect(throws: StoreError.corruptRecord(path: nil, seq: 9, kind: "comment", field: "$", detail: "a record “complaint_filed”, not a comment record")) {
            try event("complaint_filed", "HS-1", #"{"text":"x"}"#).record(PublicComment.self)
        }
        #expect(throws: StoreError.corruptRecord(path: nil, seq: 9, kind: "movement_link", field: "phase", detail: "not an integer")) {
            try event("movement_link", "movement:M", #"{"dossier":"HS-1","phase":"2"}"#).record(MovementLinkRecord.self)
        }
    }
}
