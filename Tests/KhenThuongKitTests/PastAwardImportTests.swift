import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Past awards from before the tool (issue 14 item 2): `history import` records them as
/// `past_award` records in the chain, idempotently; eligibility reads them.
@Suite struct PastAwardImportTests {
    let directory: StoreTemporaryDirectory

    init() throws {
        directory = try StoreTemporaryDirectory()
    }

    static let header = "kind,id,name,award,year,decision,decision_date,level,period,flags\n"
    static let secretariat = NoticeFixture.secretariat

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func rows(_ text: String, name: String = "past.csv") throws -> [PastAwardImport.Row] {
        try PastAwardImport.read(path: try file(name, text), awards: try StoreFixture.definitions().awards.awards.map(\.id))
    }

    func problem(_ text: String) throws -> PastAwardImport.Problem {
        do { _ = try rows(text) } catch let p as PastAwardImport.Problem { return p }
        Issue.record("expected a problem")
        throw CancellationError()
    }

    static let cstdcs = header + """
        individual,P1,Nguyễn Thị Hoa,chien_si_thi_dua_co_so,2023,45/QĐ-CĐ,2024-01-15,Công đoàn cơ sở,2023-01-01/2023-12-31,
        individual,P1,Nguyễn Thị Hoa,chien_si_thi_dua_co_so,2024,38/QĐ-CĐ,2025-01-10,Công đoàn cơ sở,,
        collective,TCD-1,Tổ Công đoàn Phòng Đào tạo,tap_the_lao_dong_tien_tien,2024,12/QĐ-LĐLĐ,2025-01-20,LĐLĐ thành phố,,adhoc+thematic

        """

    @Test("A past-awards CSV reads into records: person or collective, award, year, decision number and date, deciding level, period, flags")
    func reads() throws {
        let read = try rows(Self.cstdcs)
        #expect(read.map(\.line) == [2, 3, 4])
        let first = read[0].award
        #expect(first.nominee == Nominee(id: "P1", name: "Nguyễn Thị Hoa", kind: .individual))
        #expect(first.received == ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2023, level: "Công đoàn cơ sở", decisionNumber: "45/QĐ-CĐ",
                                                decisionDate: try CivilDate(parsing: "2024-01-15"), periodFrom: try CivilDate(parsing: "2023-01-01"),
                                                periodTo: try CivilDate(parsing: "2023-12-31")))
        #expect(read[2].award.nominee.kind == .collective && read[2].award.adHoc && read[2].award.thematic)
        #expect(first.source == "past.csv")
    }

    @Test("A bad row is named by line, column number and column name; nothing is read", arguments: [
        ("individual,P1,A,chien_si_thi_dua_co_so,2023,1/QĐ,2024-13-01,Cơ sở,,", 2, 7, "decision_date"),
        ("individual,P1,A,chien_si_thi_dua_co_so,2023,,2024-01-01,Cơ sở,,", 2, 6, "decision"),
        ("individual,P1,A,khong_co,2023,1/QĐ,2024-01-01,Cơ sở,,", 2, 4, "award"),
        ("person,P1,A,chien_si_thi_dua_co_so,2023,1/QĐ,2024-01-01,Cơ sở,,", 2, 1, "kind"),
        ("individual,P1,A,chien_si_thi_dua_co_so,hai,1/QĐ,2024-01-01,Cơ sở,,", 2, 5, "year"),
        ("individual,P1,A,chien_si_thi_dua_co_so,2023,1/QĐ,2024-01-01,Cơ sở,2023-12-31/2023-01-01,", 2, 9, "period"),
        ("individual,P1,A,chien_si_thi_dua_co_so,2023,1/QĐ,2024-01-01,Cơ sở,,special", 2, 10, "flags"),
    ])
    func badRow(_ row: String, _ line: Int, _ column: Int, _ name: String) throws {
        let p = try problem(Self.header + row + "\n")
        #expect(p.line == line && p.column == column && p.name == name)
        #expect(!p.message.en.isEmpty && !p.message.vi.isEmpty)
    }

    @Test("A header without a required column, or with an unknown one, is refused at line 1")
    func badHeader() throws {
        let missing = try problem("id,name,award,year,decision,level\nP1,A,lao_dong_tien_tien,2024,1/QĐ,Cơ sở\n")
        #expect(missing.line == 1 && missing.name == "decision_date")
        let unknown = try problem("id,name,award,year,decision,decision_date,level,note\n")
        #expect(unknown.line == 1 && unknown.column == 8 && unknown.message.en.hasPrefix("the column “note” is not part of the format"))
    }

    @Test("Importing the same file twice records nothing the second time and says so; a differing value is reported, not overwritten",
          arguments: Backend.allCases)
    func idempotent(_ backend: Backend) throws {
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: try backend.open(directory))
        let at = try NoticeFixture.at("2025-12-01T02:00:00.000Z")
        let first = try runner.importPastAwards(try rows(Self.cstdcs), by: Self.secretariat, at: at)
        #expect(first.recorded.count == 3 && first.alreadyRecorded.isEmpty && first.conflicts.isEmpty)
        let count = try runner.store.eventCount()

        let second = try runner.importPastAwards(try rows(Self.cstdcs), by: Self.secretariat, at: at)
        #expect(second.recorded.isEmpty && second.conflicts.isEmpty)
        #expect(second.alreadyRecorded.map(\.line) == [2, 3, 4])
        #expect(second.alreadyRecorded[0].why.en == "Nguyễn Thị Hoa (P1) — chien_si_thi_dua_co_so 2023: already in the store, not recorded again")
        #expect(try runner.store.eventCount() == count)

        let changed = Self.header + "individual,P1,Nguyễn Thị Hoa,chien_si_thi_dua_co_so,2024,39/QĐ-CĐ,2025-01-10,Công đoàn cơ sở,,\n"
            + "individual,P2,Lê Văn An,lao_dong_tien_tien,2024,38/QĐ-CĐ,2025-01-10,Công đoàn cơ sở,,\n"
        let third = try runner.importPastAwards(try rows(changed, name: "changed.csv"), by: Self.secretariat, at: at)
        #expect(third.recorded.map(\.line) == [3])
        #expect(third.conflicts.map(\.line) == [2])
        #expect(third.conflicts[0].why.en == "Nguyễn Thị Hoa (P1) — chien_si_thi_dua_co_so 2024: differs from the store (decision “38/QĐ-CĐ” ≠ “39/QĐ-CĐ”); not overwritten — fix the file, or keep what is recorded")
        #expect(try runner.store.eventCount() == count + 1)
        #expect(try runner.recordedAwards(of: "P1").map { $0.decisionNumber ?? "" } == ["45/QĐ-CĐ", "38/QĐ-CĐ"])
    }

    @Test("Two rows of one file for the same award and year: the second is skipped when equal, reported when it differs")
    func repeatedInFile() throws {
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: try EventStore(path: directory.path()))
        let row = "individual,P1,A,lao_dong_tien_tien,2024,1/QĐ,2025-01-10,Cơ sở,,\n"
        let outcome = try runner.importPastAwards(try rows(Self.header + row + row + row.replacingOccurrences(of: "1/QĐ", with: "2/QĐ")),
                                                  by: Self.secretariat, at: try NoticeFixture.at("2025-12-01T02:00:00.000Z"))
        #expect(outcome.recorded.map(\.line) == [2])
        #expect(outcome.alreadyRecorded.map(\.line) == [3] && outcome.alreadyRecorded[0].why.en.contains("already in line 2 of this file"))
        #expect(outcome.conflicts.map(\.line) == [4])
    }

    @Test("A row for an award the store decided is not recorded again, naming the dossier; one's own award is refused whole")
    func decidedAndOwn() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "chien_si_thi_dua_co_so", nomineeID: "P1", name: "Nguyễn Thị Hoa", year: 2024, events: NoticeFixture.toPublished)
        let text = Self.header + "individual,P1,Nguyễn Thị Hoa,chien_si_thi_dua_co_so,2024,38/QĐ-CĐ,2025-01-10,Công đoàn cơ sở,,\n"
        let outcome = try f.runner.importPastAwards(try rows(text), by: Self.secretariat, at: try NoticeFixture.at("2025-12-20T02:00:00.000Z"))
        #expect(outcome.recorded.isEmpty)
        #expect(outcome.alreadyRecorded.first?.why.en == "Nguyễn Thị Hoa (P1) — chien_si_thi_dua_co_so 2024: already in the store through dossier HS-1 (Published), not recorded again")
        let before = try f.store.eventCount()
        let own = Actor(role: "secretariat", unit: "LDLD-HN", user: "P1")
        let input = try rows(text), at = try NoticeFixture.at("2025-12-20T02:00:00.000Z")
        do {
            _ = try f.runner.importPastAwards(input, by: own, at: at)
            Issue.record("P1 recorded an award for themselves")
        } catch RunnerError.creationRefused(let text) {
            #expect(text.en == "line 2: P1 may not record an award for themselves; let someone else import this row")
        }
        #expect(try f.store.eventCount() == before)
        // A proposing union's officer holds a key but no receiving role: past awards feed
        // eligibility, so only the appraising body records them.
        do {
            _ = try f.runner.importPastAwards(input, by: NoticeFixture.officer, at: at)
            Issue.record("a union officer imported past awards")
        } catch RunnerError.creationRefused(let text) {
            #expect(text.en.hasPrefix("role “\(NoticeFixture.officer.role)” may not import past awards; only a receiving body's roles may:") && text.en.contains("secretariat"), "\(text.en)")
        }
        #expect(try f.store.eventCount() == before)
    }

    @Test("Luật 06/2022/QH15 Điều 22 k1 a: CSTĐCS 2023 and 2024 imported and CSTĐCS 2025 decided make CSTĐ cấp tỉnh 2025 eligible without facts-file history; history show lists them")
    func eligibilityReadsImported() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "chien_si_thi_dua_co_so", nomineeID: "P1", name: "Nguyễn Thị Hoa", year: 2025, events: NoticeFixture.toPublished)
        let runner = try HistoryFromDecisionsTests.guarded(f)
        _ = try runner.importPastAwards(try rows(Self.cstdcs), by: Self.secretariat, at: try NoticeFixture.at("2025-12-05T02:00:00.000Z"))
        let history = try runner.history(of: "P1")
        #expect(history.map { "\($0.award.year) \($0.award.level ?? "")" } == ["2025 co_so", "2023 Công đoàn cơ sở", "2024 Công đoàn cơ sở"])
        #expect(history.allSatisfy { $0.counts })

        try runner.create(NewDossier(id: "HS-T", awardID: "chien_si_thi_dua_cap_tinh", year: 2025, nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa"),
                                     proposerUnit: NoticeFixture.officer.unit, addresseeUnit: "LDLD-HN",
                                     documents: ["cover_letter", "achievement_report", "review_minutes"]),
                          by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-10T02:00:00.000Z"))
        let facts = try HistoryFromDecisionsTests.facts("P1", name: "Nguyễn Thị Hoa")
        #expect(try ShippedRules.rules().evaluate(facts, award: "chien_si_thi_dua_cap_tinh", year: 2025)?.failing == ["cstdt.streak"])
        try runner.recordFacts(facts, on: "HS-T", source: "facts.json", by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-10T03:00:00.000Z"))
        let outcome = try runner.act(on: "HS-T", HistoryFromDecisionsTests.submit, by: NoticeFixture.officer,
                                     at: try NoticeFixture.at("2025-12-11T02:00:00.000Z"), override: nil)
        #expect(outcome.dossier.state == "submitted" && outcome.eligibility?.outcome == "eligible")
    }

    @Test("Luật 06/2022/QH15 Điều 5 k2: submission is refused when an imported award already gives the nominee that award for that year")
    func importedHeld() throws {
        let f = try NoticeFixture()
        _ = try f.runner.importPastAwards(try rows(Self.header + "individual,P1,Nguyễn Thị Hoa,lao_dong_tien_tien,2025,9/QĐ-CĐ,2025-11-20,Công đoàn cơ sở,,\n"),
                                          by: Self.secretariat, at: try NoticeFixture.at("2025-12-01T02:00:00.000Z"))
        try f.runner.create(NewDossier(id: "HS-2", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa"),
                                       proposerUnit: NoticeFixture.officer.unit, addresseeUnit: "LDLD-HN",
                                       documents: ["cover_letter", "achievement_report", "review_minutes"]),
                            by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-02T02:00:00.000Z"))
        do {
            _ = try f.runner.act(on: "HS-2", HistoryFromDecisionsTests.submit, by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-03T02:00:00.000Z"))
            Issue.record("submitted though the award is already held")
        } catch RunnerError.oneAward(let text) {
            #expect(text.en == "Nguyễn Thị Hoa (P1) already holds Advanced Worker 2025 by decision 9/QĐ-CĐ of 2025-11-20 (Công đoàn cơ sở, imported into the history); dossier HS-2 is not submitted (Luật 06/2022/QH15, Article 5(2))")
        }
        #expect(try f.store.dossier("HS-2")?.state == "draft")
    }
}
