import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// History from decisions (issue 14 item 2): a published decision puts the award into the
/// recipient's history, which eligibility reads; the facts file is one way to fill the history,
/// not the only one. A revocation takes the award out of eligibility, while the chain keeps both.
@Suite struct HistoryFromDecisionsTests {
    static let submit = EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"])

    /// Eligible for Chiến sĩ thi đua cấp tỉnh 2025 but for the streak: HTXSNV in 2025 and an
    /// initiative of provincial scope; no award in the facts.
    static func facts(_ id: String, name: String) throws -> NomineeFacts {
        .individual(Individual(id: id, name: name, unit: "CDCS-DHBK", hireDate: try CivilDate(parsing: "2015-03-01"),
                               years: [2025: YearRecord(duty: .excellent)],
                               initiatives: [Initiative(id: "SK-\(id)", title: "Sáng kiến cấp tỉnh", level: "tinh",
                                                        recognised: try CivilDate(parsing: "2024-09-01"), benefitVND: 120_000_000)]))
    }

    static func guarded(_ f: NoticeFixture) throws -> DossierRunner {
        DossierRunner(definitions: f.definitions, store: f.store,
                      eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: EligibilityGuardPolicy(requireFacts: true, overrideRoles: [])))
    }

    /// CSTĐCS 2023, 2024 and 2025 for `id`, each through a published decision in the store.
    static func threeCSTDCS(_ f: NoticeFixture, _ id: String, name: String, revoking revoked: Int? = nil) throws {
        for year in 2023...2025 {
            let events = NoticeFixture.toPublished + (year == revoked ? ["revoke"] : [])
            try f.dossier("HS-\(id)-\(year)", award: "chien_si_thi_dua_co_so", nomineeID: id, name: name, year: year, events: events)
        }
    }

    @Test("Luật 06/2022/QH15 Điều 22 k1 a: three CSTĐCS decided in the store (none in the facts file) make CSTĐ cấp tỉnh 2025 eligible; a revoked one breaks the streak")
    func streakFromDecisions() throws {
        let f = try NoticeFixture()
        try Self.threeCSTDCS(f, "P1", name: "Nguyễn Thị Hoa")
        try Self.threeCSTDCS(f, "P2", name: "Lê Văn An", revoking: 2024)
        let runner = try Self.guarded(f)

        // The history read from the store: P1's three, P2's two (the revoked one left out).
        #expect(try runner.recordedAwards(of: "P1").map { "\($0.award) \($0.year) \($0.level ?? "")" }
                == (2023...2025).map { "chien_si_thi_dua_co_so \($0) co_so" })
        #expect(try runner.recordedAwards(of: "P2").map(\.year) == [2023, 2025])
        // …while the chain keeps the revoked award's publication and its revocation.
        let revokedEvents = try f.store.events(dossierID: "HS-P2-2024").map(\.event)
        #expect(revokedEvents.contains("publish") && revokedEvents.contains("revoke"))

        for (id, name) in [("P1", "Nguyễn Thị Hoa"), ("P2", "Lê Văn An")] {
            try runner.create(NewDossier(id: "HS-T-\(id)", awardID: "chien_si_thi_dua_cap_tinh", year: 2025, nominee: Nominee(id: id, name: name),
                                         proposerUnit: NoticeFixture.officer.unit, addresseeUnit: "LDLD-HN",
                                         documents: ["cover_letter", "achievement_report", "review_minutes"]),
                              by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-10T02:00:00.000Z"))
            let facts = try Self.facts(id, name: name)
            guard case .individual(let p) = facts else { return }
            #expect(p.awards.isEmpty)
            // The facts alone fail the streak.
            #expect(try ShippedRules.rules().evaluate(facts, award: "chien_si_thi_dua_cap_tinh", year: 2025)?.failing == ["cstdt.streak"])
            try runner.recordFacts(facts, on: "HS-T-\(id)", source: "facts.json", by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-10T03:00:00.000Z"))
        }

        let passed = try runner.act(on: "HS-T-P1", Self.submit, by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-11T02:00:00.000Z"), override: nil)
        #expect(passed.dossier.state == "submitted")
        #expect(passed.eligibility?.outcome == "eligible")

        do {
            _ = try runner.act(on: "HS-T-P2", Self.submit, by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-11T02:00:00.000Z"))
            Issue.record("P2's submission passed with a revoked CSTĐCS in its streak")
        } catch RunnerError.ineligible(let refusal) {
            #expect(refusal.verdict?.failing == ["cstdt.streak"])
        }
        #expect(try f.store.dossier("HS-T-P2")?.state == "draft")
    }

    @Test("An award the facts file already lists for the same year is not counted twice")
    func factsAndStoreMerge() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "chien_si_thi_dua_co_so", nomineeID: "P1", name: "Nguyễn Thị Hoa", year: 2024, events: NoticeFixture.toPublished)
        let runner = try Self.guarded(f)
        guard case .individual(var p) = try Self.facts("P1", name: "Nguyễn Thị Hoa") else { return }
        p.awards = [ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2024, decisionNumber: "7/QĐ-CĐ"),
                    ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2023)]
        guard case .individual(let merged) = try runner.withRecordedAwards(.individual(p), in: f.store) else { return }
        #expect(merged.awards.map { "\($0.year) \($0.decisionNumber ?? "-")" } == ["2024 7/QĐ-CĐ", "2023 -"])
    }
}
