import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The eligibility guard on submission (NĐ 98/2023/NĐ-CP Điều 4: only eligible cases are
/// proposed; pending proceedings defer), run by the runner around the pure machine.
@Suite struct EligibilityGuardTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions
    static let documents = ["cover_letter", "achievement_report", "review_minutes"]
    static let submit = EventRequest(event: "submit", attach: documents)

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    func runner(overrideRoles: [String] = ["union_officer"], requireFacts: Bool = true, backend: Backend = .sqlite) throws -> DossierRunner {
        let policy = EligibilityGuardPolicy(requireFacts: requireFacts, overrideRoles: overrideRoles)
        let store = try backend.open(directory)
        return DossierRunner(definitions: definitions, store: store,
                             eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: policy))
    }

    func open(_ runner: DossierRunner, award: String = "lao_dong_tien_tien") throws -> String {
        let new = NewDossier(id: "HS-2025-001", awardID: award, year: 2025, nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa"),
                             proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", documents: Self.documents)
        return try runner.create(new, by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-01T02:00:00.000Z")).id
    }

    static func person(hire: String, months: Int, proceedings: [PendingProceeding] = []) throws -> NomineeFacts {
        .individual(Individual(id: "P1", name: "Nguyễn Thị Hoa", unit: "CDCS-DHBK", hireDate: try CivilDate(parsing: hire),
                               years: [2025: YearRecord(duty: .good, monthsWorked: months)], proceedings: proceedings))
    }

    static var at: Date { get throws { try StoreFixture.instant("2025-12-02T02:00:00.000Z") } }

    func refusal(_ body: () throws -> Void) throws -> EligibilityRefusal {
        do { try body() } catch RunnerError.ineligible(let r) { return r }
        Issue.record("expected an eligibility refusal")
        throw CancellationError()
    }

    @Test("Facts recorded on a dossier read back equal, from canonical JSON with sorted keys")
    func factsRoundTrip() throws {
        let runner = try runner()
        let id = try open(runner)
        let facts = try Self.person(hire: "2025-08-01", months: 5, proceedings: [PendingProceeding(kind: .complaint, opened: CivilDate(unchecked: 2025, 11, 1))])
        let event = try runner.recordFacts(facts, on: id, source: "nominees.json", by: StoreFixture.proposer, at: Self.at)
        #expect(event.event == "nominee_facts" && event.kind == .record)
        #expect(event.payload.hasPrefix(#"{"nominee":{"awards":[],"hireDate":"2025-08-01","id":"P1","initiatives":[],"kind":"individual""#))
        #expect(event.payload.hasSuffix(#","source":"nominees.json"}"#))
        let (back, seq) = try #require(try runner.latestFacts(id))
        #expect(back == facts && seq == event.seq)
    }

    @Test("A submission without facts is refused when the award has a rule set; nothing is written")
    func noFacts() throws {
        let runner = try runner()
        let id = try open(runner)
        let r = try refusal { _ = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: nil) }
        guard case .noFacts(let d, _, let award, let year, _) = r else { Issue.record("got \(r)"); return }
        #expect(d == id && award == "lao_dong_tien_tien" && year == 2025)
        #expect(try runner.store.eventCount() == 1)
        #expect(try runner.store.dossier(id)?.state == "draft")
    }

    @Test("An ineligible nominee (TT 01/2024/TT-BNV Điều 1 khoản 5 điểm d: under 6 months) is refused with the verdict's lines")
    func ineligibleRefusal() throws {
        let runner = try runner()
        let id = try open(runner)
        try runner.recordFacts(try Self.person(hire: "2025-08-01", months: 5), on: id, source: "f.json", by: StoreFixture.proposer, at: Self.at)
        let r = try refusal { _ = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: nil) }
        #expect(r.message(.vi) == """
            Từ chối: hồ sơ HS-2025-001 không đủ điều kiện nên chưa được nộp — NĐ 98/2023/NĐ-CP, Điều 4.
            Nguyễn Thị Hoa (P1) — Lao động tiên tiến năm 2025: KHÔNG ĐỦ ĐIỀU KIỆN [chế độ luat2022-2024, quy tắc 1.1.0]
              ✓ Xếp loại HTTNV — Luật 06/2022/QH15, Điều 24 khoản 1 điểm a
              ✗ Thời gian công tác 5 tháng < 6 tháng — TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d
              ✓ Kỷ luật trong năm: không — TT 01/2024/TT-BNV, Điều 1 khoản 5
            Cách khắc phục: nếu dữ kiện sai, ghi lại bằng `khenthuong dossier facts HS-2025-001 --nominees TỆP`; hoặc nộp vượt kiểm tra với --override-eligibility --reason "…" (vai trò được phép: union_officer; được ghi lại thành sự kiện eligibility_override).
            """)
        #expect(r.message(.en).split(separator: "\n")[3] == "  ✗ Service 5 months < 6 months — TT 01/2024/TT-BNV, Article 1(5)(d)")
        #expect(try runner.store.eventCount() == 2)
    }

    @Test("A pending complaint defers (NĐ 98/2023 Điều 4): refused as deferred, not rejected, the dossier stays in draft")
    func deferred() throws {
        let runner = try runner()
        let id = try open(runner)
        let complaint = PendingProceeding(kind: .complaint, opened: CivilDate(unchecked: 2025, 11, 1))
        try runner.recordFacts(try Self.person(hire: "2015-03-01", months: 12, proceedings: [complaint]), on: id, source: "f.json",
                               by: StoreFixture.proposer, at: Self.at)
        let r = try refusal { _ = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: nil) }
        guard case .deferred(_, let verdict, _) = r else { Issue.record("got \(r)"); return }
        #expect(verdict.outcome == .deferred)
        #expect(r.message(.vi).hasPrefix("Tạm dừng xét: hồ sơ HS-2025-001 chưa được nộp và không bị bác"))
        #expect(try runner.store.dossier(id)?.state == "draft")
    }

    @Test("An eligible submission records eligibility_verdict (outcome, award, year, regime, rule-set version, failing) before the transition", arguments: Backend.allCases)
    func verdictRecord(backend: Backend) throws {
        let runner = try runner(backend: backend)
        let id = try open(runner)
        let facts = try runner.recordFacts(try Self.person(hire: "2019-03-01", months: 12), on: id, source: "f.json", by: StoreFixture.proposer, at: Self.at)
        let outcome = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: nil)
        #expect(outcome.dossier.state == "submitted" && outcome.eligibility?.outcome == "eligible")
        let events = try runner.store.events(dossierID: id)
        #expect(events.map(\.event) == ["create", "nominee_facts", "eligibility_verdict", "submit"])
        #expect(events[2].payload == #"{"asOf":"2025-12-02","award":"lao_dong_tien_tien","factsSeq":\#(facts.seq),"failing":[],"outcome":"eligible","regime":"luat2022-2024","ruleSetVersion":"1.1.0","year":2025}"#)
        #expect(try runner.store.verify().isIntact)
    }

    @Test("An override by an allowed role with a reason is recorded as eligibility_override with the verdict it overrides", arguments: Backend.allCases)
    func overrideAllowed(backend: Backend) throws {
        let runner = try runner(backend: backend)
        let id = try open(runner)
        try runner.recordFacts(try Self.person(hire: "2025-08-01", months: 5), on: id, source: "f.json", by: StoreFixture.proposer, at: Self.at)
        let outcome = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: EligibilityOverride(reason: "Hợp đồng từ 01/2025"))
        #expect(outcome.dossier.state == "submitted" && outcome.eligibility?.overridden == true)
        let records = try runner.store.records(named: "eligibility_override")
        let record = try #require(records.first)
        #expect(records.count == 1 && record.reason == "Hợp đồng từ 01/2025" && record.actor == StoreFixture.proposer)
        #expect(record.payload.contains(#""failing":["ldtt.new_recruit"],"outcome":"not-eligible""#))
        #expect(try runner.store.events(dossierID: id).map(\.event) == ["create", "nominee_facts", "eligibility_verdict", "eligibility_override", "submit"])
    }

    @Test("An override without a reason, or by a role guard.json does not list, is refused and writes nothing", arguments: Backend.allCases)
    func overrideRefused(backend: Backend) throws {
        let runner = try runner(overrideRoles: ["secretariat"], backend: backend)
        let id = try open(runner)
        try runner.recordFacts(try Self.person(hire: "2025-08-01", months: 5), on: id, source: "f.json", by: StoreFixture.proposer, at: Self.at)
        let noReason = try refusal {
            _ = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: EligibilityOverride(reason: "  "))
        }
        #expect(noReason == .overrideWithoutReason(dossier: id))
        let wrongRole = try refusal {
            _ = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: EligibilityOverride(reason: "x"))
        }
        #expect(wrongRole == .overrideRoleNotAllowed(dossier: id, role: "union_officer", allowed: ["secretariat"]))
        #expect(wrongRole.message(.en).hasPrefix("Refused: the role “union_officer” may not override the eligibility check on dossier HS-2025-001; roles allowed: secretariat"))
        #expect(try runner.store.eventCount() == 2)
    }

    @Test("Without a guard (no policy loaded) submission works as before and records nothing more")
    func unguarded() throws {
        let store = try EventStore(path: directory.path())
        let runner = DossierRunner(definitions: definitions, store: store)
        let id = try open(runner)
        let outcome = try runner.act(on: id, Self.submit, by: StoreFixture.proposer, at: Self.at, override: nil)
        #expect(outcome.eligibility == nil && outcome.dossier.state == "submitted")
        #expect(try store.eventCount() == 2)
    }

    @Test("The policy file is checked: an override role no workflow defines is an error with line and column")
    func policyLint() {
        let text = """
        {"guard": {"events": ["submit"],
                   "overrideRoles": ["union_officer", "chu_tich"]}}
        """
        let (policy, findings) = EligibilityGuardPolicy.parse(text, file: "guard.json", roles: ["union_officer", "secretariat"])
        #expect(policy == nil)
        #expect(findings.map { $0.rendered(.en) } == [
            "guard.json:2:47: error: $.guard.overrideRoles[1]: role \"chu_tich\" is not defined by any workflow; roles: secretariat, union_officer",
        ])
        let (ok, none) = EligibilityGuardPolicy.parse(#"{"guard": {"requireFacts": false}}"#, file: "g.json", roles: [])
        #expect(none.isEmpty && ok == EligibilityGuardPolicy(requireFacts: false))
    }

    @Test("A guarded event no workflow defines is an error: the misspelt name would leave submission unguarded")
    func policyUnknownEvent() {
        let text = """
        {"guard": {"events": ["submitt"]}}
        """
        let (policy, findings) = EligibilityGuardPolicy.parse(text, file: "guard.json", roles: [], events: ["submit", "receive"])
        #expect(policy == nil)
        #expect(findings.map { $0.rendered(.en) } == [
            "guard.json:1:23: error: $.guard.events[0]: event \"submitt\" is not defined by any workflow; events: receive, submit",
        ])
        let (ok, none) = EligibilityGuardPolicy.parse(#"{"guard": {"events": ["submit"]}}"#, file: "g.json", roles: [], events: ["submit"])
        #expect(none.isEmpty && ok?.events == ["submit"])
    }
}
