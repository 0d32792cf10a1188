import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// A dossier proposed in one year for an achievement period of earlier years (issue 17, item 5):
/// the period is fixed in the creation event, kept in the projection of every backend, and the
/// guard on submission decides it on the period, never on the proposal year.
@Suite struct AchievementPeriodStoreTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions
    static let documents = ["cover_letter", "achievement_report", "review_minutes"]
    /// Phạm Thị Lan (NV9): HTTNV or better 2020–2024, KHTNV in 2025, CSTĐCS 2020, 2022, 2024, and
    /// a Bằng khen cấp bộ/tỉnh for the achievement period 2018–2019.
    static let factsPath = URL(fileURLWithPath: StoreFixture.workflowsDirectory).deletingLastPathComponent()
        .appendingPathComponent("docs/examples/proposed-later.json").path

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    static func lan() throws -> NomineeFacts {
        let (list, findings) = NomineeLoader.load(path: factsPath)
        return try #require(list?.first { $0.id == "NV9" }, "\(findings)")
    }

    func open(_ runner: DossierRunner, id: String, year: Int, period: AchievementPeriod?) throws -> Dossier {
        let new = NewDossier(id: id, awardID: "bang_khen_thu_tuong", year: year, nominee: Nominee(id: "NV9", name: "Phạm Thị Lan"),
                             proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", documents: Self.documents, period: period)
        let dossier = try runner.create(new, by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-01T02:00:00.000Z"))
        try runner.recordFacts(try Self.lan(), on: id, source: "proposed-later.json", by: StoreFixture.proposer,
                               at: StoreFixture.instant("2025-12-01T03:00:00.000Z"))
        return dossier
    }

    @Test("Bằng khen Thủ tướng proposed in 2025 for 2020–2024: the guard decides the period (Luật 06/2022 Điều 73 k1 b: five years after the previous certificate's period, NĐ 98/2023 Điều 30 k9) and passes; read as achievement year 2025 it is refused; the period survives the store", arguments: Backend.allCases)
    func guardRunsOnThePeriod(backend: Backend) throws {
        let log = try backend.open(directory)
        let runner = DossierRunner(definitions: definitions, store: log,
                                   eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: EligibilityGuardPolicy(requireFacts: true, overrideRoles: [])))
        let opened = try open(runner, id: "HS-P", year: 2024, period: AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025))
        #expect(opened.year == 2024 && opened.periodFrom == 2020 && opened.proposalYear == 2025)
        _ = try open(runner, id: "HS-Y", year: 2025, period: nil)
        let at = try StoreFixture.instant("2025-12-02T02:00:00.000Z")

        let submitted = try runner.act(on: "HS-P", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        #expect(submitted.0.state != "draft")
        do {
            _ = try runner.act(on: "HS-Y", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            Issue.record("a Bằng khen Thủ tướng for achievement year 2025 (KHTNV that year) was submitted")
        } catch RunnerError.ineligible(let refusal) {
            guard case .ineligible(_, let verdict, _) = refusal else { Issue.record("\(refusal)"); return }
            #expect(verdict.year == 2025 && verdict.periodFrom == nil && verdict.outcome == .notEligible)
        }

        // The projection row holds the period: read back, it is the dossier the events replay to.
        let stored = try #require(try log.dossier("HS-P"))
        #expect(stored.achievementPeriod == AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025))
        #expect(try log.dossier("HS-Y")?.achievementPeriod == AchievementPeriod(year: 2025))
        let creation = try #require(try log.events(dossierID: "HS-P").first)
        #expect(creation.payload.contains(#""periodFrom":2020,"#) && creation.payload.contains(#""proposalYear":2025,"#))
        #expect(EventPayload.creationUnits(creation.payload)?.id == "HS-P")
        let plain = try #require(try log.events(dossierID: "HS-Y").first)
        #expect(!plain.payload.contains("periodFrom") && !plain.payload.contains("proposalYear"))
        #expect(try log.verify().isIntact)
        #expect(try log.rebuild(dryRun: true).isConsistent)
    }

    @Test("A version-3 SQLite store gains the period columns when opened: its dossiers read as one-year proposals, its hashes unchanged, and a new dossier keeps its period")
    func migratedFromVersion3() throws {
        let path = directory.path("v3.sqlite")
        var hashes: [String] = []
        do {
            let store = try EventStore(path: path)
            let runner = DossierRunner(definitions: definitions, store: store)
            _ = try runner.create(NewDossier(id: "HS-OLD", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa"),
                                             proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", documents: Self.documents),
                                  by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-01T02:00:00.000Z"))
            try store.scan { hashes.append($0.hash) }
        }
        #expect(RawSQLite.exec(path, """
            ALTER TABLE dossiers DROP COLUMN period_from; ALTER TABLE dossiers DROP COLUMN proposal_year;
            UPDATE meta SET value = '3' WHERE key = 'schema_version';
            """) == nil)
        #expect(RawSQLite.integer(path, "SELECT count(*) FROM pragma_table_info('dossiers') WHERE name = 'period_from'") == 0)

        let store = try EventStore(path: path)
        #expect(RawSQLite.integer(path, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'") == 4)
        #expect(RawSQLite.integer(path, "SELECT count(*) FROM pragma_table_info('dossiers') WHERE name IN ('period_from', 'proposal_year')") == 2)
        #expect(try store.dossier("HS-OLD")?.achievementPeriod == AchievementPeriod(year: 2025))
        var after: [String] = []
        try store.scan { after.append($0.hash) }
        #expect(after == hashes)
        let runner = DossierRunner(definitions: definitions, store: store)
        _ = try runner.create(NewDossier(id: "HS-NEW", awardID: "bang_khen_thu_tuong", year: 2024, nominee: Nominee(id: "NV9", name: "Phạm Thị Lan"),
                                         proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", period: AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025)),
                              by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T02:00:00.000Z"))
        #expect(try store.dossier("HS-NEW")?.periodFrom == 2020)
        #expect(try store.verify().isIntact && store.rebuild(dryRun: true).isConsistent)
    }

    @Test("A version-1 PostgreSQL store gains the period columns in its opening transaction: its dossiers read as one-year proposals, its hashes unchanged, and a new dossier keeps its period")
    func postgresMigratedFromVersion1() throws {
        guard let server = PostgresTestServer.shared else { return }
        let location = try server.newDatabase()
        var hashes: [String] = []
        do {
            let log = try PostgresEventLog(location: location, create: true)
            _ = try DossierRunner(definitions: definitions, store: log)
                .create(NewDossier(id: "HS-OLD", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa"),
                                   proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", documents: Self.documents),
                        by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-01T02:00:00.000Z"))
            try log.scan { hashes.append($0.hash) }
        }
        try server.admin("""
            ALTER TABLE dossiers DROP COLUMN period_from, DROP COLUMN proposal_year;
            UPDATE meta SET value = '1' WHERE key = 'schema_version'
            """, database: location)
        #expect(throws: (any Error).self) {
            try server.admin("SELECT period_from FROM dossiers", database: location)
        }

        let log = try PostgresEventLog(location: location)
        #expect(try log.dossier("HS-OLD")?.achievementPeriod == AchievementPeriod(year: 2025))
        var after: [String] = []
        try log.scan { after.append($0.hash) }
        #expect(after == hashes)
        _ = try DossierRunner(definitions: definitions, store: log)
            .create(NewDossier(id: "HS-NEW", awardID: "bang_khen_thu_tuong", year: 2024, nominee: Nominee(id: "NV9", name: "Phạm Thị Lan"),
                               proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", period: AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025)),
                    by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T02:00:00.000Z"))
        #expect(try PostgresEventLog(location: location).dossier("HS-NEW")?.achievementPeriod == AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025))
        #expect(try log.verify().isIntact && log.rebuild(dryRun: true).isConsistent)
    }

    @Test("After the mid-2025 change (NĐ 152/2025/NĐ-CP, in force 01/07/2025, not encoded): a dossier whose achievement period ends in 2026 is refused at submission as “no regime covers this period”, never decided under the 2024 rules; one proposed in 2026 for 2021–2025 is decided under luat2022-2024")
    func noRegimeForThePeriod() throws {
        let log = try Backend.sqlite.open(directory)
        let runner = DossierRunner(definitions: definitions, store: log,
                                   eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: EligibilityGuardPolicy(requireFacts: true, overrideRoles: [])))
        _ = try open(runner, id: "HS-26", year: 2026, period: AchievementPeriod(from: 2022, to: 2026))
        _ = try open(runner, id: "HS-25", year: 2025, period: AchievementPeriod(from: 2021, to: 2025, proposalYear: 2026))
        let at = try StoreFixture.instant("2026-03-02T02:00:00.000Z")
        do {
            _ = try runner.act(on: "HS-26", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            Issue.record("a dossier for 2022–2026 was submitted with no regime covering 2026")
        } catch RunnerError.ineligible(let refusal) {
            guard case .ineligible(_, let verdict, _) = refusal else { Issue.record("\(refusal)"); return }
            #expect(verdict.regime == nil && verdict.criteria.isEmpty && verdict.outcome == .notEligible)
            let vi = refusal.message(.vi), en = refusal.message(.en)
            #expect(vi.contains("không có chế độ nào áp dụng cho thời kỳ thành tích 2022–2026") && vi.contains("không được xét theo quy tắc của thời kỳ khác"), "\(vi)")
            #expect(en.contains("no regime covering the achievement period 2022–2026") && en.contains("workflows/rules/bang_khen_thu_tuong.json"), "\(en)")
            #expect(!en.contains("if the facts are wrong"))
        }
        #expect(try log.dossier("HS-26")?.state == "draft")
        do {
            _ = try runner.act(on: "HS-25", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            Issue.record("2021–2025 with KHTNV in 2025 was submitted")
        } catch RunnerError.ineligible(let refusal) {
            #expect(refusal.verdict?.regime == "luat2022-2024" && refusal.verdict?.proposalYear == 2026 && refusal.verdict?.periodFrom == 2021)
            #expect(refusal.message(.en).contains("if the facts are wrong"))
        }
    }

    @Test("A decision's recipient keeps the dossier's period (recorded only when it differs from the year), and the minutes name both years")
    func decisionAndMinutesNameThePeriod() throws {
        var recipient = Decision.Recipient(dossier: "HS-P", nomineeID: "NV9", nomineeName: "Phạm Thị Lan", nomineeKind: .individual, unit: "CDCS-DHBK",
                                           award: "bang_khen_thu_tuong", year: 2024, amountVND: 1, multiplier: 1, baseSalaryVND: 1)
        let plain = Decision(number: "1/QĐ", date: CivilDate(unchecked: 2025, 12, 20), signer: "S", level: "LDLD-HN", authority: "A", recipients: [recipient])
        #expect(!plain.canonicalPayload.contains("periodFrom") && !plain.canonicalPayload.contains("proposalYear"))
        recipient.periodFrom = 2020
        recipient.proposalYear = 2025
        #expect(recipient.achievementPeriod.cell(.vi) == "2020–2024 (đề nghị 2025)")
        #expect(AchievementPeriod(year: 2024).cell(.vi) == "2024")
        let decision = Decision(number: "1/QĐ", date: CivilDate(unchecked: 2025, 12, 20), signer: "S", level: "LDLD-HN", authority: "A", recipients: [recipient])
        let text = decision.canonicalPayload
        #expect(text.contains(#""periodFrom":2020"#) && text.contains(#""proposalYear":2025"#))

        var dossier = Dossier(id: "HS-P", workflowID: "yearly", workflowVersion: "1", awardID: "bang_khen_thu_tuong", year: 2024,
                              nominee: Nominee(id: "NV9", name: "Phạm Thị Lan"), proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN",
                              initialState: "draft", createdAt: try StoreFixture.instant("2025-12-01T02:00:00.000Z"))
        #expect(dossier.achievementPeriod.described(.vi) == "năm 2024")
        dossier.setAchievementPeriod(AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025))
        #expect(dossier.achievementPeriod.described(.vi) == "đề nghị năm 2025 cho thành tích giai đoạn 2020–2024")
        #expect(dossier.achievementPeriod.described(.en) == "proposed in 2025 for achievements of 2020–2024")

        // The minutes' line for the dossier names both years after the award; a one-year dossier's does not.
        let council = try Council.parse(#"""
            {"id": "HĐ-X", "unit": "LDLD-HN", "name": {"vi": "Hội đồng X", "en": "Council X"}, "authority": {"vi": "Ban Thường vụ X", "en": "Standing Committee X"},
             "place": "Hà Nội", "quorum": {"numerator": 1, "denominator": 2, "source": "quy chế"}, "recuseSameUnit": false, "decides": ["bang_khen_thu_tuong"],
             "noticeWorkingDays": 5, "noticeSource": "NĐ 98", "members": [{"id": "a", "name": "Nguyễn A", "role": "chair", "unit": "LDLD-HN"}]}
            """#, file: "c.json")
        var plainDossier = dossier
        plainDossier.id = "HS-Y"
        plainDossier.setAchievementPeriod(AchievementPeriod(year: 2025))
        let session = CouncilSession(id: "01/BB", councilID: "HĐ-X", date: CivilDate(unchecked: 2025, 12, 26), present: ["a"], absent: [], agenda: ["HS-P", "HS-Y"])
        let minutes = Minutes(council: council, session: session, ballots: [], dossiers: [dossier, plainDossier], awards: definitions.awards, language: .vi)
        let award = try #require(definitions.awards.award("bang_khen_thu_tuong")?.name.vi)
        #expect(minutes.lines.map(\.award) == ["\(award) (đề nghị năm 2025 cho thành tích giai đoạn 2020–2024)", award])
    }
}
