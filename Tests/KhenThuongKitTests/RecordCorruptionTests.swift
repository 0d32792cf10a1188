import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// A record whose payload was changed behind the library's back is an error naming its event,
/// kind and field in every reader — never left out of a list, as the readers once did.
@Suite struct RecordCorruptionTests {
    /// Rewrites the payload of event `seq` with raw SQL (dropping the append-only trigger first).
    static func tamper(_ store: any EventLog, seq: Int64, payload: String) throws {
        let quoted = payload.replacingOccurrences(of: "'", with: "''")
        let error = RawSQLite.exec(store.location, "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET payload = '\(quoted)' WHERE seq = \(seq)")
        try #require(error == nil, "\(error ?? "")")
    }

    /// The number of the only (or last) record named `kind`.
    static func seq(_ store: any EventLog, _ kind: String) throws -> Int64 {
        try #require(try store.records(named: kind).last).seq
    }

    func corrupt(_ store: any EventLog, seq: Int64, kind: String, field: String, detail: String) -> StoreError {
        .corruptRecord(path: store.location, seq: seq, kind: kind, field: field, detail: detail)
    }

    @Test("CouncilBook: a council, a session and a ballot that do not decode are named, not skipped")
    func councilBook() throws {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1")
        try w.openSession(agenda: ["HS-1"])
        try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 11, no: 0, invalid: 0, writtenAbsent: 0,
                        by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        let session = try w.book.session("01/BB-HĐTĐKT")

        let ballot = try Self.seq(w.store, "ballot_count")
        try Self.tamper(w.store, seq: ballot, payload: #"{"council":"HĐTĐKT-LĐLĐ-HN","session":"01/BB-HĐTĐKT","yes":11}"#)
        #expect(throws: corrupt(w.store, seq: ballot, kind: "ballot_count", field: "recused", detail: "missing or not an array of strings")) {
            try w.book.ballots(session: session)
        }
        let opened = try Self.seq(w.store, "council_session_opened")
        try Self.tamper(w.store, seq: opened, payload: #"{"absent":[],"agenda":["HS-1"],"council":"HĐTĐKT-LĐLĐ-HN","date":"hôm nay","present":[],"session":"01/BB-HĐTĐKT"}"#)
        #expect(throws: corrupt(w.store, seq: opened, kind: "council_session_opened", field: "date", detail: "“hôm nay” is not a YYYY-MM-DD date")) {
            try w.book.sessions()
        }
        let defined = try Self.seq(w.store, "council_defined")
        try Self.tamper(w.store, seq: defined, payload: #"{"id":"HĐTĐKT-LĐLĐ-HN"}"#)
        #expect(throws: corrupt(w.store, seq: defined, kind: "council_defined", field: "name", detail: "missing or not an object")) {
            try w.book.councils()
        }
    }

    func decidedWorld() throws -> CouncilWorld {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1")
        try w.openSession(agenda: ["HS-1"])
        try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 11, no: 0, invalid: 0, writtenAbsent: 0,
                        by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        try w.decisions.issue(number: "123/QĐ-LĐLĐ", date: try CivilDate(parsing: "2025-12-20"), signer: "Phạm Văn An", authority: nil,
                              dossiers: ["HS-1"], money: try RewardMoney.load(directory: StoreFixture.workflowsDirectory),
                              by: CouncilWorld.signer, at: try CouncilWorld.at("2025-12-20"))
        return w
    }

    @Test("DecisionBook and the award report: a decision and a revocation that do not decode are named, not skipped")
    func decisionBook() throws {
        let w = try decidedWorld()
        try w.decisions.revoke(dossier: "HS-1", ground: "b", amountVND: 0, reason: "Làm giả hồ sơ", decision: "123/QĐ-LĐLĐ",
                               grounds: try RevocationGrounds.load(directory: StoreFixture.workflowsDirectory),
                               by: CouncilWorld.signer, at: try CouncilWorld.at("2025-12-22"))
        let revocation = try Self.seq(w.store, "revocation")
        try Self.tamper(w.store, seq: revocation, payload: #"{"reason":"x"}"#)
        #expect(throws: corrupt(w.store, seq: revocation, kind: "revocation", field: "ground", detail: "missing or not a string")) {
            try w.decisions.revocations()
        }
        let decision = try Self.seq(w.store, "decision_issued")
        try Self.tamper(w.store, seq: decision, payload: #"{"number":"123/QĐ-LĐLĐ","date":"2025-12-20""#)
        let error = #expect(throws: StoreError.self) { try w.decisions.decisions() }
        guard case .corruptRecord(_, let seq, let kind, let field, let detail)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(seq == decision && kind == "decision_issued" && field == "$" && detail.hasPrefix("malformed JSON at 1:"))
        #expect(error?.message(.en).contains("the decision_issued record in event \(decision) in the store \(w.store.location) cannot be read") == true)
        #expect(throws: StoreError.self) {
            try AwardCollector.collect(w.store, definitions: w.runner.definitions, from: CivilDate(unchecked: 2025, 1, 1), to: CivilDate(unchecked: 2025, 12, 31))
        }
    }

    @Test("The publication builder: a revocation record missing its fields is named by event and field, not published half-empty")
    func publication() throws {
        let f = try NoticeFixture.publicationScenario()
        let revocation = try Self.seq(f.store, "revocation")
        try Self.tamper(f.store, seq: revocation, payload: #"{"reason":"x"}"#)
        #expect(throws: PublicationError.malformedRecord(seq: revocation, event: "revocation", field: "ground", detail: "missing or not a string")) {
            try PublicationModel.build(store: f.store, definitions: f.definitions, at: Date())
        }
    }

    @Test("Complaints: a complaint record that does not decode is named, not left out of the open complaints")
    func complaints() throws {
        let f = try NoticeFixture.publicationScenario()
        let desk = ComplaintDesk(runner: f.runner)
        try desk.complain(on: "HS-1", text: "Sai số liệu", from: "Trần Văn B", by: NoticeFixture.secretariat, at: try NoticeFixture.at("2026-02-09T02:00:00.000Z"))
        #expect(try desk.complaints(of: "HS-1").count == 1)
        let filed = try Self.seq(f.store, "complaint_filed")
        try Self.tamper(f.store, seq: filed, payload: #"{"deferred":"yes","from":"Trần Văn B","text":"Sai số liệu"}"#)
        #expect(throws: StoreError.corruptRecord(path: nil, seq: filed, kind: "complaint_filed", field: "deferred", detail: "missing or not true or false")) {
            try desk.complaints(of: "HS-1")
        }
    }

    @Test("MovementLedger: a registration or a definition that does not decode is named, not skipped")
    func movementLedger() throws {
        let dir = try StoreTemporaryDirectory()
        let store = try EventStore(path: dir.path())
        let actor = Actor(role: "secretariat", unit: "LDLD-KG", user: "pham.c")
        let at = try StoreFixture.instant("2022-02-01T02:00:00.000Z")
        let file = StoreFixture.workflowsDirectory + "/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json"
        let id = "KG-VT-2022-01-trieu-sang-kien"
        try store.write { tx in
            _ = try MovementRecorder.define(text: try String(contentsOfFile: file, encoding: .utf8), file: file, in: &tx, store: store, actor: actor, at: at)
        }
        try store.write { tx in
            try MovementRecorder.register(MovementRegistration(unit: "CDCS-THPT"), for: id, in: &tx, store: store, actor: actor, at: at)
        }
        #expect(try MovementLedger.read(store).registrations[id]?.count == 1)
        let registration = try Self.seq(store, "movement_registration")
        try Self.tamper(store, seq: registration, payload: #"{"compact":null,"person":null,"phase":null,"unit":5}"#)
        #expect(throws: corrupt(store, seq: registration, kind: "movement_registration", field: "unit", detail: "missing or not a string")) {
            try MovementLedger.read(store)
        }
        let defined = try Self.seq(store, "movement_defined")
        try Self.tamper(store, seq: defined, payload: #"{"id":"KG-VT-2022-01-trieu-sang-kien"}"#)
        let error = #expect(throws: StoreError.self) { try MovementLedger.read(store) }
        guard case .corruptRecord(_, let seq, let kind, _, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(seq == defined && kind == "movement_defined")
    }
}
