import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One achievement, one award (Luật 06/2022/QH15, Điều 5 khoản 2) enforced across the store:
/// facts of another person, duplicate dossiers, an award already held or pending elsewhere, an
/// initiative counted by another award. Every check reads the `(nominee_id, award, year)` index,
/// so each runs on every backend.
@Suite struct OneAwardTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions
    static let documents = ["cover_letter", "achievement_report", "review_minutes"]
    static let submit = EventRequest(event: "submit", attach: documents)
    static let otherProposer = Actor(role: "union_officer", unit: "CDCS-DHXD", user: "tran.x")

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    func runner(_ backend: Backend) throws -> DossierRunner {
        DossierRunner(definitions: definitions, store: try backend.open(directory),
                      eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: EligibilityGuardPolicy(requireFacts: true, overrideRoles: ["union_officer"])))
    }

    static func new(_ id: String, award: String = "lao_dong_tien_tien", nominee: String = "P1", name: String = "Nguyễn Thị Hoa",
                    proposer: String = "CDCS-DHBK") -> NewDossier {
        NewDossier(id: id, awardID: award, year: 2025, nominee: Nominee(id: nominee, name: name), proposerUnit: proposer,
                   addresseeUnit: "LDLD-HN", documents: documents)
    }

    static func at(_ day: Int = 2) throws -> Date { try StoreFixture.instant("2025-12-0\(day)T02:00:00.000Z") }

    /// Eligible for Lao động tiên tiến, CSTĐCS and Bằng Lao động sáng tạo 2025, with one initiative (SK-9).
    static func person(_ id: String = "P1", name: String = "Nguyễn Thị Hoa") throws -> NomineeFacts {
        .individual(Individual(id: id, name: name, unit: "CDCS-DHBK", hireDate: try CivilDate(parsing: "2015-01-01"),
                               years: [2025: YearRecord(duty: .good)],
                               initiatives: [Initiative(id: "SK-9", title: "Cải tiến khuôn", level: "co_so",
                                                        recognised: try CivilDate(parsing: "2025-02-01"), benefitVND: 85_000_000)]))
    }

    func oneAward(_ body: () throws -> Void) throws -> LocalizedText {
        do { try body() } catch RunnerError.oneAward(let text) { return text }
        Issue.record("expected a one-achievement-one-award refusal")
        throw CancellationError()
    }

    @Test("dossier facts refuses the facts of a person other than the dossier's nominee; nothing is written", arguments: Backend.allCases)
    func factsOfAnotherPerson(_ backend: Backend) throws {
        let runner = try runner(backend)
        let id = try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1)).id
        let other = try Self.person("NV104", name: "Phạm Quốc Việt")
        do {
            try runner.recordFacts(other, on: id, source: "nominees.json", by: StoreFixture.proposer, at: try Self.at())
            Issue.record("another person's facts were recorded")
        } catch RunnerError.facts(let text) {
            #expect(text.vi == "hồ sơ HS-1 đề nghị cho Nguyễn Thị Hoa (P1), không ghi dữ kiện của người khác (NV104); bỏ --id hoặc chỉ đúng mã P1")
        }
        #expect(try runner.store.eventCount() == 1)
        #expect(try runner.latestFacts(id) == nil)
    }

    @Test("dossier create refuses a second live dossier for the same nominee, award, year and proposer, naming the first",
          arguments: Backend.allCases)
    func duplicateCreate(_ backend: Backend) throws {
        let runner = try runner(backend)
        try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1))
        let text = try oneAward { try runner.create(Self.new("HS-2"), by: StoreFixture.proposer, at: try Self.at()) }
        #expect(text.en.hasPrefix("dossier HS-1 (Draft) of CDCS-DHBK already proposes Advanced Worker 2025 for Nguyễn Thị Hoa (P1)"))
        #expect(try runner.store.dossier("HS-2") == nil)
        // Another award, another nominee or another proposer is not a duplicate.
        try runner.create(Self.new("HS-3", award: "chien_si_thi_dua_co_so"), by: StoreFixture.proposer, at: try Self.at())
        try runner.create(Self.new("HS-4", nominee: "P2", name: "Lê Văn An"), by: StoreFixture.proposer, at: try Self.at())
        try runner.create(Self.new("HS-5", proposer: Self.otherProposer.unit), by: Self.otherProposer, at: try Self.at())
        #expect(try runner.store.dossierCount() == 4)
    }

    @Test("The duplicate's message names the proposing unit as the store's directory does, its code after the name",
          arguments: Backend.allCases)
    func duplicateNamesTheUnit(_ backend: Backend) throws {
        let runner = try runner(backend)
        let unit = UnitAdded(code: "CDCS-DHBK", name: "Công đoàn Đại học Bách khoa Hà Nội", kind: .cdcs, parent: nil)
        try runner.store.write { tx in _ = try tx.append(unit, actor: Actor(role: "administrator", unit: "LDLD-HN", user: "admin"), at: try Self.at(1)) }
        try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1))
        let text = try oneAward { try runner.create(Self.new("HS-2"), by: StoreFixture.proposer, at: try Self.at()) }
        #expect(text.vi.hasPrefix("đã có hồ sơ HS-1 (Dự thảo) của Công đoàn Đại học Bách khoa Hà Nội (CDCS-DHBK) đề nghị Lao động tiên tiến năm 2025"), "\(text.vi)")
        #expect(text.en.hasPrefix("dossier HS-1 (Draft) of Công đoàn Đại học Bách khoa Hà Nội (CDCS-DHBK) already proposes Advanced Worker 2025"), "\(text.en)")
    }

    @Test("Once the earlier dossier is withdrawn (a state tagged closed), a new one may be opened", arguments: Backend.allCases)
    func afterWithdrawal(_ backend: Backend) throws {
        let runner = try runner(backend)
        try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1))
        try runner.act(on: "HS-1", EventRequest(event: "withdraw", reason: "Nhầm danh hiệu"), by: StoreFixture.proposer, at: try Self.at())
        #expect(try runner.duplicate(of: Self.new("HS-2")) == nil)
        try runner.create(Self.new("HS-2"), by: StoreFixture.proposer, at: try Self.at(3))
        #expect(try runner.store.dossier("HS-2")?.state == "draft")
    }

    @Test("Importing the same rows twice opens nothing the second time; a row repeating another row is refused", arguments: Backend.allCases)
    func importTwice(_ backend: Backend) throws {
        let runner = try runner(backend)
        let batch = [Self.new("HS-1"), Self.new("HS-2", nominee: "P2", name: "Lê Văn An")].map { var n = $0; n.id = nil; return n }
        let first = try runner.withoutDuplicates(batch)
        #expect(first.new.count == 2 && first.covered.isEmpty)
        let opened = try runner.create(batch: first.new, by: StoreFixture.proposer, at: try Self.at(1))
        let second = try runner.withoutDuplicates(batch)
        #expect(second.new.isEmpty)
        #expect(second.covered.map { "\($0.row) \($0.dossier.id)" } == opened.enumerated().map { "\($0.offset + 1) \($0.element.id)" })
        // Written anyway, the batch is refused whole (the check runs again inside the write).
        let text = try oneAward { _ = try runner.create(batch: batch, by: StoreFixture.proposer, at: try Self.at()) }
        #expect(text.en.hasPrefix("row 1: dossier \(opened[0].id) (Draft) of CDCS-DHBK already proposes"))
        let repeated = try oneAward { _ = try runner.create(batch: [Self.new("HS-7", nominee: "P7"), Self.new("HS-8", nominee: "P7")], by: StoreFixture.proposer, at: try Self.at()) }
        #expect(repeated.en == "row 2 repeats row 1: the same nominee Nguyễn Thị Hoa (P7), award Advanced Worker and year 2025; remove one of them")
        #expect(repeated.vi == "dòng 2 trùng dòng 1: cùng người được đề nghị Nguyễn Thị Hoa (P7), danh hiệu Lao động tiên tiến, năm 2025; bỏ một dòng")
        #expect(try runner.store.dossierCount() == 2)
    }

    @Test("Submission is refused when the nominee is already proposed for the award and year in another dossier (another proposer)",
          arguments: Backend.allCases)
    func pendingElsewhere(_ backend: Backend) throws {
        let runner = try runner(backend)
        try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1))
        try runner.create(Self.new("HS-2", proposer: Self.otherProposer.unit), by: Self.otherProposer, at: try Self.at(1))
        for (id, actor) in [("HS-1", StoreFixture.proposer), ("HS-2", Self.otherProposer)] {
            try runner.recordFacts(try Self.person(), on: id, source: "f.json", by: actor, at: try Self.at())
        }
        try runner.act(on: "HS-1", Self.submit, by: StoreFixture.proposer, at: try Self.at(3))
        let before = try runner.store.eventCount()
        let text = try oneAward { try runner.act(on: "HS-2", Self.submit, by: Self.otherProposer, at: try Self.at(4)) }
        #expect(text.vi == "Nguyễn Thị Hoa (P1) đang được đề nghị Lao động tiên tiến năm 2025 ở hồ sơ HS-1 (Đã nộp); không nộp hồ sơ HS-2 — rút một trong hai hồ sơ")
        #expect(try runner.store.eventCount() == before)
        #expect(try runner.store.dossier("HS-2")?.state == "draft")
        // Once HS-1 is withdrawn, HS-2 goes.
        try runner.act(on: "HS-1", EventRequest(event: "withdraw", reason: "Trùng hồ sơ"), by: StoreFixture.proposer, at: try Self.at(5))
        #expect(try runner.act(on: "HS-2", Self.submit, by: Self.otherProposer, at: try Self.at(6)).0.state == "submitted")
    }

    @Test("Submission is refused when the nominee already holds the award for the year (a dossier in a state tagged awarded)")
    func alreadyHeld() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "lao_dong_tien_tien", nomineeID: "P1", name: "Nguyễn Thị Hoa", events: NoticeFixture.toPublished)
        try f.runner.create(Self.new("HS-2", proposer: Self.otherProposer.unit), by: Self.otherProposer, at: try Self.at(3))
        let text = try oneAward { try f.runner.act(on: "HS-2", Self.submit, by: Self.otherProposer, at: try Self.at(4)) }
        #expect(text.en == "Nguyễn Thị Hoa (P1) already holds Advanced Worker 2025 through dossier HS-1 (Published); dossier HS-2 is not submitted (Luật 06/2022/QH15, Article 5(2))")
        #expect(try f.store.dossier("HS-2")?.state == "draft")
    }

    @Test("Luật 2022 Điều 5 k2: an initiative CSTĐCS counts in a pending dossier refuses a Bằng Lao động sáng tạo dossier counting it",
          arguments: Backend.allCases)
    func initiativeCountedElsewhere(_ backend: Backend) throws {
        let runner = try runner(backend)
        let rules = try ShippedRules.rules()
        // Both awards count SK-9 for this person on their own.
        #expect(rules.evaluate(try Self.person(), award: "chien_si_thi_dua_co_so", year: 2025)?.initiativesCounted == ["SK-9"])
        #expect(rules.evaluate(try Self.person(), award: "bang_lao_dong_sang_tao", year: 2025)?.initiativesCounted == ["SK-9"])
        for (id, award) in [("HS-1", "chien_si_thi_dua_co_so"), ("HS-2", "bang_lao_dong_sang_tao")] {
            try runner.create(Self.new(id, award: award), by: StoreFixture.proposer, at: try Self.at(1))
            try runner.recordFacts(try Self.person(), on: id, source: "f.json", by: StoreFixture.proposer, at: try Self.at())
        }
        try runner.act(on: "HS-1", Self.submit, by: StoreFixture.proposer, at: try Self.at(3))
        let text = try oneAward { try runner.act(on: "HS-2", Self.submit, by: StoreFixture.proposer, at: try Self.at(4)) }
        #expect(text.en == "initiative “SK-9” of Nguyễn Thị Hoa (P1) already counts for Grassroots Emulation Fighter 2025 in dossier HS-1 (Submitted); it cannot serve Creative Labour Certificate 2025 in dossier HS-2 too (Luật 06/2022/QH15, Article 5(2))")
        #expect(try runner.store.dossier("HS-2")?.state == "draft")
    }

    @Test("The projection filter by nominee returns a nominee's dossiers only, on every backend", arguments: Backend.allCases)
    func nomineeFilter(_ backend: Backend) throws {
        let runner = try runner(backend)
        try runner.create(Self.new("HS-1"), by: StoreFixture.proposer, at: try Self.at(1))
        try runner.create(Self.new("HS-2", award: "chien_si_thi_dua_co_so"), by: StoreFixture.proposer, at: try Self.at(1))
        try runner.create(Self.new("HS-3", nominee: "P2", name: "Lê Văn An"), by: StoreFixture.proposer, at: try Self.at(1))
        #expect(try runner.store.dossiers(matching: DossierFilter(nominee: "P1")).map(\.id) == ["HS-1", "HS-2"])
        #expect(try runner.store.dossiers(matching: DossierFilter(award: "lao_dong_tien_tien", year: 2025, nominee: "P2")).map(\.id) == ["HS-3"])
    }
}
