import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The registry's collectives, initiatives and the import from the nominee profile (issue 14
/// item 1): records in the chain, corrections as new records, refusals that write nothing.
@Suite struct RegistryRecordsTests {
    let directory: StoreTemporaryDirectory

    init() throws {
        directory = try StoreTemporaryDirectory()
    }

    static let actor = NoticeFixture.secretariat
    static func at(_ day: Int = 2) throws -> Date { try NoticeFixture.at("2025-06-\(10 + day)T02:00:00.000Z") }
    static func day(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    /// The shipped catalogue's name of an award, as the CLI gives it to the registry.
    static func awardName(_ id: String) -> LocalizedText {
        (try? StoreFixture.definitions().awards.award(id)?.name) ?? .init(vi: id, en: id)
    }

    func refused(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as RegistryError { return e.message.en } catch { return "\(error)" }
        return nil
    }

    // MARK: Collectives

    @Test("A collective with members by period: joining and leaving are dated, a correction is a new record, the unit history keeps both units",
          arguments: Backend.allCases)
    func collectiveMembers(_ backend: Backend) throws {
        let log = try backend.open(directory)
        try PersonRegistry.add(PersonAdded(id: "NV001", name: "Nguyễn Thị Hoa"), in: log, by: Self.actor, at: try Self.at())
        try PersonRegistry.add(PersonAdded(id: "NV003", name: "Lê Thị Lan"), in: log, by: Self.actor, at: try Self.at())
        try CollectiveRegistry.add(CollectiveAdded(id: "TCD-1", name: "Tổ Công đoàn Phòng Đào tạo", unit: "CDCS-DHBK", collectiveKind: "tổ công đoàn"),
                                   in: log, by: Self.actor, at: try Self.at())
        try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: "TCD-1", from: try Self.day("2024-01-01"), added: ["NV001", "NV003"], removed: []),
                                             in: log, by: Self.actor, at: try Self.at())
        try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: "TCD-1", from: try Self.day("2025-03-01"), added: [], removed: ["NV003"]),
                                             in: log, by: Self.actor, at: try Self.at(3))
        try CollectiveRegistry.correct(CollectiveCorrected(id: "TCD-1", unit: "CDCS-MAYHN"), reason: "Sáp nhập", in: log, by: Self.actor, at: try Self.at(4))
        let c = try #require(try CollectiveRegistry.collective("TCD-1", in: log))
        #expect(c.members(on: try Self.day("2024-06-01")) == ["NV001", "NV003"])
        #expect(c.members(on: try Self.day("2025-06-01")) == ["NV001"])
        #expect(c.units.map { "\($0.unit) \($0.since)" } == ["CDCS-DHBK 2025-06-12", "CDCS-MAYHN 2025-06-14"])
        #expect(try log.events(dossierID: "collective:TCD-1").map(\.event) == ["collective_added", "collective_members", "collective_members", "collective_corrected"])
    }

    @Test("With a directory, a collective is kept by its unit or a unit above it: a grassroots union may not add, move or change members of another union's collective; nothing written")
    func collectiveScope() throws {
        let log = try EventStore(path: directory.path())
        let at = try Self.at()
        let units = CatalogueTests.hanoi + [UnitAdded(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May Hà Nội", kind: .cdcs, parent: "LDLD-HN")]
        for u in units { _ = try log.write { tx in try tx.append(u, actor: Self.actor, at: at) } }
        let dhbk = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        let federation = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.thu.ha")
        try CollectiveRegistry.add(CollectiveAdded(id: "TCD-1", name: "Tổ 1", unit: "CDCS-DHBK", collectiveKind: "tổ công đoàn"), in: log, by: dhbk, at: at)
        try CollectiveRegistry.add(CollectiveAdded(id: "TCD-2", name: "Tổ 2", unit: "CDCS-MAYHN", collectiveKind: "phòng"), in: log, by: federation, at: at)
        try PersonRegistry.add(PersonAdded(id: "NV001", name: "Nguyễn Thị Hoa", unit: "CDCS-DHBK"), in: log, by: dhbk, at: at)
        let count = try log.eventCount()
        let out = "unit CDCS-DHBK does not keep unit CDCS-MAYHN (it is neither that unit nor above it); the collective is not recorded"
        #expect(refused { try CollectiveRegistry.add(CollectiveAdded(id: "TCD-3", name: "Tổ 3", unit: "CDCS-MAYHN", collectiveKind: "phòng"), in: log, by: dhbk, at: at) } == out)
        #expect(refused { try CollectiveRegistry.correct(CollectiveCorrected(id: "TCD-1", unit: "CDCS-MAYHN"), reason: "r", in: log, by: dhbk, at: at) } == out)
        #expect(refused {
            try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: "TCD-2", from: try Self.day("2025-01-01"), added: ["NV001"], removed: []), in: log, by: dhbk, at: at)
        } == out)
        #expect(try log.eventCount() == count)
    }

    @Test("Member changes that make no sense are refused: an unknown person, someone already a member, removing a non-member, an empty change")
    func memberRefusals() throws {
        let log = try EventStore(path: directory.path())
        let at = try Self.at(), from = try Self.day("2025-01-01")
        try PersonRegistry.add(PersonAdded(id: "NV001", name: "Nguyễn Thị Hoa"), in: log, by: Self.actor, at: at)
        try CollectiveRegistry.add(CollectiveAdded(id: "TCD-1", name: "Tổ 1", unit: "CDCS-DHBK", collectiveKind: "tổ công đoàn"), in: log, by: Self.actor, at: at)
        try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: "TCD-1", from: from, added: ["NV001"], removed: []), in: log, by: Self.actor, at: at)
        let count = try log.eventCount()
        func change(_ added: [String], _ removed: [String]) -> String? {
            refused { try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: "TCD-1", from: from, added: added, removed: removed), in: log, by: Self.actor, at: at) }
        }
        #expect(change(["NV404"], []) == "the registry has no person with id NV404")
        #expect(change(["NV001"], []) == "NV001 is already a member of TCD-1")
        #expect(change([], ["NV404"]) == "NV404 is not a current member of TCD-1")
        #expect(change([], []) == "nobody is added or removed")
        #expect(try log.eventCount() == count)
    }

    // MARK: Initiatives

    @Test("Benefits in VND: digits, grouped by dots, commas or spaces, read exactly; a negative, a non-number or an amount past Int64 is refused (no overflow)",
          arguments: [("150000000", Int64(150_000_000)), ("150.000.000", 150_000_000), ("1,500,000", 1_500_000), ("0", 0),
                      ("9223372036854775807", Int64.max)])
    func benefits(_ text: String, _ value: Int64) throws {
        #expect(try InitiativeRegistry.benefit(parsing: text) == value)
    }

    @Test("An overflowing or malformed benefit is refused with what to fix", arguments: ["9223372036854775808", "99999999999999999999999", "-5", "1e9", "", "12 triệu"])
    func badBenefits(_ text: String) {
        let message = refused { _ = try InitiativeRegistry.benefit(parsing: text) }
        #expect(message == (["9223372036854775808", "99999999999999999999999"].contains(text)
                            ? "the benefit “\(text)” is too large (at most 9223372036854775807 VND)"
                            : "the benefit “\(text)” is not a non-negative amount of VND"))
    }

    @Test("An initiative: registered, recognised with a benefit, corrected (a new record), then used once; a second use is refused naming the first",
          arguments: Backend.allCases)
    func initiativeLifecycle(_ backend: Backend) throws {
        let log = try backend.open(directory)
        try InitiativeRegistry.add(InitiativeAdded(id: "SK-9", title: "Cải tiến khuôn", owners: ["P1"], registered: try Self.day("2025-01-10")),
                                   in: log, by: Self.actor, at: try Self.at())
        #expect(refused { try InitiativeRegistry.use(InitiativeUsed(id: "SK-9", award: "lao_dong_tien_tien", year: 2025, by: "HS-1"), in: log, by: Self.actor, at: try Self.at(), awardName: Self.awardName) }
                == "initiative SK-9 is not recognised yet")
        try InitiativeRegistry.recognise(InitiativeRecognised(id: "SK-9", level: "co_so", date: try Self.day("2025-02-01"), decision: "12/QĐ-CĐ", benefitVND: 85_000_000),
                                         in: log, by: Self.actor, at: try Self.at())
        try InitiativeRegistry.correct(InitiativeCorrected(id: "SK-9", benefitVND: 95_000_000), reason: "Thẩm định lại", in: log, by: Self.actor, at: try Self.at(3))
        let used = try InitiativeRegistry.use(InitiativeUsed(id: "SK-9", award: "chien_si_thi_dua_co_so", year: 2025, by: "HS-1"), in: log, by: Self.actor, at: try Self.at(4), awardName: Self.awardName)
        let x = try #require(try InitiativeRegistry.initiative("SK-9", in: log))
        #expect(x.benefitVND == 95_000_000 && x.recognition?.decision == "12/QĐ-CĐ" && x.use?.by == "HS-1")
        let count = try log.eventCount()
        #expect(refused { try InitiativeRegistry.use(InitiativeUsed(id: "SK-9", award: "bang_lao_dong_sang_tao", year: 2025, by: "HS-2"), in: log, by: Self.actor, at: try Self.at(5), awardName: Self.awardName) }
                == "initiative “SK-9” (Cải tiến khuôn) already served Grassroots Emulation Fighter 2025 (HS-1, event #\(used.seq)); an achievement is rewarded once (Luật 06/2022/QH15, Article 5(2))")
        #expect(try log.eventCount() == count)
    }

    @Test("Luật 2022 Điều 5 k2: an initiative the registry records as used by another award refuses a dossier whose rule set counts it, naming the use",
          arguments: Backend.allCases)
    func initiativeUsedInRegistry(_ backend: Backend) throws {
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: try backend.open(directory),
                                   eligibility: EligibilityGuard(rules: try ShippedRules.rules(), policy: EligibilityGuardPolicy(requireFacts: true, overrideRoles: ["union_officer"])))
        let log = runner.store
        try InitiativeRegistry.add(InitiativeAdded(id: "SK-9", title: "Cải tiến khuôn", owners: ["P1"], registered: try Self.day("2025-01-10")), in: log, by: Self.actor, at: try Self.at())
        try InitiativeRegistry.recognise(InitiativeRecognised(id: "SK-9", level: "co_so", date: try Self.day("2025-02-01"), decision: "12/QĐ-CĐ", benefitVND: 85_000_000),
                                         in: log, by: Self.actor, at: try Self.at())
        let used = try InitiativeRegistry.use(InitiativeUsed(id: "SK-9", award: "chien_si_thi_dua_co_so", year: 2025, by: "QĐ 45/QĐ-LĐLĐ"), in: log, by: Self.actor, at: try Self.at(), awardName: Self.awardName)
        try runner.create(OneAwardTests.new("HS-2", award: "bang_lao_dong_sang_tao"), by: StoreFixture.proposer, at: try OneAwardTests.at(1))
        try runner.recordFacts(try OneAwardTests.person(), on: "HS-2", source: "f.json", by: StoreFixture.proposer, at: try OneAwardTests.at())
        let before = try log.eventCount()
        do {
            try runner.act(on: "HS-2", OneAwardTests.submit, by: StoreFixture.proposer, at: try OneAwardTests.at(4))
            Issue.record("a dossier counting an initiative already used was submitted")
        } catch RunnerError.oneAward(let text) {
            #expect(text.en == "initiative “SK-9” (Cải tiến khuôn) already served Grassroots Emulation Fighter 2025 (QĐ 45/QĐ-LĐLĐ, event #\(used.seq)); an achievement is rewarded once (Luật 06/2022/QH15, Article 5(2)); it cannot serve Creative Labour Certificate 2025 in dossier HS-2 of Nguyễn Thị Hoa (P1)")
        }
        #expect(try log.eventCount() == before)
        #expect(try log.dossier("HS-2")?.state == "draft")
    }

    // MARK: Import from the nominee profile

    static func lan(hire: String = "2015-03-01", duty2025: DutyRating = .good, years: [Int] = [2024, 2025]) throws -> NomineeFacts {
        var y: [Int: YearRecord] = [:]
        for year in years { y[year] = YearRecord(duty: year == 2025 ? duty2025 : .good) }
        return .individual(Individual(id: "NV003", name: "Lê Thị Lan", unit: "CDCS-DHBK", hireDate: try day(hire), years: y))
    }

    @Test("Importing the same profile twice writes nothing the second time; a new year is added; a differing year or identity value is reported and not written",
          arguments: Backend.allCases)
    func profileImport(_ backend: Backend) throws {
        let log = try backend.open(directory)
        var o = try ProfileImport.importNominees([try Self.lan(years: [2024])], source: "a.csv", in: log, by: Self.actor, at: try Self.at())
        #expect((o.recorded, o.yearsRecorded, o.unchanged, o.conflictCount) == (1, 1, 0, 0))
        let count = try log.eventCount()
        o = try ProfileImport.importNominees([try Self.lan(years: [2024])], source: "a.csv", in: log, by: Self.actor, at: try Self.at())
        #expect((o.recorded, o.unchanged, o.conflictCount) == (0, 1, 0))
        #expect(try log.eventCount() == count)
        o = try ProfileImport.importNominees([try Self.lan(duty2025: .excellent)], source: "b.csv", in: log, by: Self.actor, at: try Self.at())
        #expect((o.recorded, o.yearsRecorded, o.conflictCount) == (1, 1, 0))
        o = try ProfileImport.importNominees([try Self.lan(duty2025: .good)], source: "c.csv", in: log, by: Self.actor, at: try Self.at())
        #expect(o.recorded == 0 && o.conflicts.map(\.en) == ["Lê Thị Lan (NV003) 2025: differs from the year the registry holds; not overwritten — fix the file, or keep what is recorded"])
        o = try ProfileImport.importNominees([try Self.lan(hire: "2016-01-01", years: [2023])], source: "d.csv", in: log, by: Self.actor, at: try Self.at())
        #expect(o.recorded == 0 && o.conflicts.map(\.en) == ["Lê Thị Lan (NV003): differs from the registry (hireDate “2015-03-01” ≠ “2016-01-01”); not overwritten — fix the file, or correct the registry with `khenthuong person correct`"])
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: log)
        guard case .individual(let p) = try #require(try runner.registryFacts(of: "NV003")) else { Issue.record("not an individual"); return }
        let hired = try Self.day("2015-03-01")
        #expect(p.years.keys.sorted() == [2024, 2025] && p.years[2025]?.duty == .excellent && p.hireDate == hired)
        #expect(try PersonRegistry.person("NV003", in: log)?.name == "Lê Thị Lan")
    }

    @Test("A profile import whose nominee belongs to a union the actor does not keep writes nothing at all")
    func profileImportScope() throws {
        let log = try EventStore(path: directory.path())
        let at = try Self.at()
        for u in CatalogueTests.hanoi + [UnitAdded(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May Hà Nội", kind: .cdcs, parent: "LDLD-HN")] {
            _ = try log.write { tx in try tx.append(u, actor: Self.actor, at: at) }
        }
        let count = try log.eventCount()
        let other = NomineeFacts.individual(Individual(id: "NV002", name: "Trần Văn Minh", unit: "CDCS-MAYHN", years: [2025: YearRecord(duty: .good)]))
        let dhbk = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        #expect(refused { _ = try ProfileImport.importNominees([try Self.lan(), other], source: "a.csv", in: log, by: dhbk, at: at) }
                == "unit CDCS-DHBK does not keep unit CDCS-MAYHN (it is neither that unit nor above it); nothing of the file is imported (Trần Văn Minh, NV002)")
        #expect(try log.eventCount() == count)
    }

    static let benchmarkCSV = """
        person_id,full_name,unit_id,province,direct_worker,leader,year,months_worked,leave_reason,duty_rating,discipline,initiatives,initiative_benefit_vnd,title
        P0000001,Lê Văn Hải,U00001,TVH,1,0,2023,12,,HTTNV,,0,0,CSTDCS
        P0000001,Lê Văn Hải,U00001,TVH,1,0,2024,12,,HTTNV,,0,0,CSTDCS
        P0000001,Lê Văn Hải,U00001,TVH,1,0,2025,12,,HTXSNV,,1,5000000,
        P0000002,Trần Thị Mai,U00002,TVH,1,0,2025,12,,HTTNV,,0,0,

        """

    @Test("The benchmark's person-year CSV imports through the batch writer (one record per person, one transaction); again, it writes nothing; a bad row writes nothing and names line and column")
    func benchmarkImport() throws {
        let store = try EventStore(path: directory.path())
        let csv = directory.path("records.csv")
        try Self.benchmarkCSV.write(toFile: csv, atomically: true, encoding: .utf8)
        var o = try ProfileImport.importBenchmarkCSV(path: csv, into: store, by: Self.actor, at: try Self.at())
        #expect((o.nominees, o.recorded, o.yearsRecorded) == (2, 2, 4))
        #expect(try store.eventCount() == 2)
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: store)
        let facts = try #require(try runner.registryFacts(of: "P0000001"))
        #expect(facts.awards.map { "\($0.award) \($0.year)" } == ["chien_si_thi_dua_co_so 2023", "chien_si_thi_dua_co_so 2024"])
        o = try ProfileImport.importBenchmarkCSV(path: csv, into: store, by: Self.actor, at: try Self.at(3))
        #expect((o.recorded, o.unchanged, o.conflictCount) == (0, 2, 0))
        #expect(try store.eventCount() == 2)
        let bad = directory.path("bad.csv")
        try Self.benchmarkCSV.replacingOccurrences(of: "P0000002,Trần Thị Mai,U00002,TVH,1,0,2025,12,,HTTNV", with: "P0000003,Trần Thị Mai,U00002,TVH,1,0,2025,12,,XUAT_SAC")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try ProfileImport.importBenchmarkCSV(path: bad, into: store, by: Self.actor, at: try Self.at(4))
            Issue.record("a bad file was imported")
        } catch let e as ProfileImport.FileErrors {
            #expect(e.findings.map { $0.location.map { "\($0.position)" } ?? "" } == ["5:10"])
        }
        #expect(try store.eventCount() == 2)
        #expect(try store.verify().firstBroken == nil)
    }
}

extension RegistryRecordsTests {
    @Test("A dossier with no facts recorded is checked on submission against the nominee's imported profile: eligible goes, ineligible is refused; with no profile the facts are still required",
          arguments: Backend.allCases)
    func guardReadsProfile(_ backend: Backend) throws {
        let runner = try OneAwardTests().runner(backend)
        try runner.create(OneAwardTests.new("HS-1"), by: StoreFixture.proposer, at: try OneAwardTests.at(1))
        do {
            try runner.act(on: "HS-1", OneAwardTests.submit, by: StoreFixture.proposer, at: try OneAwardTests.at(2))
            Issue.record("submitted with no facts anywhere")
        } catch RunnerError.ineligible(let refusal) {
            guard case .noFacts = refusal else { Issue.record("\(refusal)"); return }
        }
        _ = try ProfileImport.importNominees([try OneAwardTests.person()], source: "p.json", in: runner.store, by: Self.actor, at: try OneAwardTests.at(2))
        #expect(try runner.act(on: "HS-1", OneAwardTests.submit, by: StoreFixture.proposer, at: try OneAwardTests.at(3)).0.state == "submitted")

        var short = try OneAwardTests.person("P2", name: "Trần Văn Minh")
        if case .individual(var p) = short { p.years[2025]?.duty = .completed; short = .individual(p) }
        _ = try ProfileImport.importNominees([short], source: "p.json", in: runner.store, by: Self.actor, at: try OneAwardTests.at(3))
        try runner.create(OneAwardTests.new("HS-2", nominee: "P2", name: "Trần Văn Minh"), by: StoreFixture.proposer, at: try OneAwardTests.at(3))
        do {
            try runner.act(on: "HS-2", OneAwardTests.submit, by: StoreFixture.proposer, at: try OneAwardTests.at(4))
            Issue.record("an ineligible nominee's dossier was submitted")
        } catch RunnerError.ineligible {}
        #expect(try runner.store.dossier("HS-2")?.state == "draft")
    }
}

extension RegistryRecordsTests {
    @Test("Eligibility from the registry reads an imported initiative as already used once the registry records its use (Luật 2022 Điều 5 k2): Bằng Lao động sáng tạo no longer counts it")
    func registryFactsMarkUsedInitiatives() throws {
        let log = try EventStore(path: directory.path())
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: log)
        let rules = try ShippedRules.rules()
        _ = try ProfileImport.importNominees([try OneAwardTests.person()], source: "p.json", in: log, by: Self.actor, at: try Self.at())
        var facts = try #require(try runner.registryFacts(of: "P1"))
        #expect(rules.evaluate(facts, award: "bang_lao_dong_sang_tao", year: 2025)?.initiativesCounted == ["SK-9"])
        try InitiativeRegistry.add(InitiativeAdded(id: "SK-9", title: "Cải tiến khuôn", owners: ["P1"], registered: try Self.day("2025-01-10")), in: log, by: Self.actor, at: try Self.at())
        try InitiativeRegistry.recognise(InitiativeRecognised(id: "SK-9", level: "co_so", date: try Self.day("2025-02-01"), decision: "12/QĐ-CĐ", benefitVND: 85_000_000),
                                         in: log, by: Self.actor, at: try Self.at())
        try InitiativeRegistry.use(InitiativeUsed(id: "SK-9", award: "chien_si_thi_dua_co_so", year: 2025, by: "QĐ 45"), in: log, by: Self.actor, at: try Self.at(), awardName: Self.awardName)
        facts = try #require(try runner.registryFacts(of: "P1"))
        guard case .individual(let p) = facts else { Issue.record("not an individual"); return }
        #expect(p.initiatives.map(\.usedFor) == [AwardUse(award: "chien_si_thi_dua_co_so", year: 2025)])
        #expect(rules.evaluate(facts, award: "bang_lao_dong_sang_tao", year: 2025)?.initiativesCounted == [])
    }
}
