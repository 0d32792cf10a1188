import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Issue 14 items 2 and 6: awards decided above the federation (UBND tỉnh, Thủ tướng, Chủ tịch
/// nước, Tổng Liên đoàn) recorded with `history import` — one row each or a decision's annex —
/// counted by `report awards` at their deciding level, and movement targets counted from the store.
@Suite struct DecisionsFromAboveTests {
    let directory: StoreTemporaryDirectory

    init() throws {
        directory = try StoreTemporaryDirectory()
    }

    static let awards = { () -> [String] in (try? StoreFixture.definitions().awards.awards.map(\.id)) ?? [] }()

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let annex = PastAwardImport.Decision(number: "2150/QĐ-UBND", date: CivilDate(unchecked: 2024, 4, 10), level: "UBND thành phố Hà Nội")

    @Test("A decision's annex: number, date and level given once fill every row (NĐ 98/2023/NĐ-CP: one decision, many recipients)")
    func annex() throws {
        let path = try file("annex.csv", "id,name,kind,award,year\nP1,Ngô Thị Lan,individual,bang_khen_bo_nganh_tinh,2023\nC1,Công đoàn ngành Giáo dục,collective,bang_khen_bo_nganh_tinh,2023\n")
        let rows = try PastAwardImport.read(path: path, awards: Self.awards, decision: Self.annex)
        #expect(rows.map(\.award.decisionNumber) == ["2150/QĐ-UBND", "2150/QĐ-UBND"])
        #expect(rows.map(\.award.decisionDate) == [CivilDate(unchecked: 2024, 4, 10), CivilDate(unchecked: 2024, 4, 10)])
        #expect(rows.map(\.award.level) == ["UBND thành phố Hà Nội", "UBND thành phố Hà Nội"])
        #expect(rows[1].award.nominee.kind == .collective)
        // Without the decision the same file lacks required columns.
        #expect(throws: PastAwardImport.Problem.self) { _ = try PastAwardImport.read(path: path, awards: Self.awards) }
    }

    @Test("An annex row whose cell gives another decision than the one given is refused at that cell; an equal or empty cell is kept")
    func annexConflict() throws {
        let path = try file("annex.csv", "id,name,award,year,decision,decision_date\nP1,A,bang_khen_bo_nganh_tinh,2023,2150/QĐ-UBND,10/04/2024\nP2,B,bang_khen_bo_nganh_tinh,2023,,\nP3,C,bang_khen_bo_nganh_tinh,2023,2151/QĐ-UBND,\n")
        do {
            _ = try PastAwardImport.read(path: path, awards: Self.awards, decision: Self.annex)
            Issue.record("expected a problem")
        } catch let p as PastAwardImport.Problem {
            #expect(p.line == 4 && p.column == 5 && p.name == "decision")
            #expect(p.message.en.contains("“2151/QĐ-UBND”") && p.message.en.contains("“2150/QĐ-UBND”"))
        }
        let date = try file("date.csv", "id,name,award,year,decision_date\nP1,A,bang_khen_bo_nganh_tinh,2023,2024-04-11\n")
        #expect(throws: PastAwardImport.Problem.self) { _ = try PastAwardImport.read(path: date, awards: Self.awards, decision: Self.annex) }
    }

    @Test("Deciding levels as decisions name them map to the report's levels", arguments: [
        ("UBND thành phố Hà Nội", "ubnd_tinh"), ("Ủy ban nhân dân tỉnh Lai Châu", "ubnd_tinh"), ("Chủ tịch UBND tỉnh", "ubnd_tinh"),
        ("Thủ tướng Chính phủ", "thu_tuong"), ("Chủ tịch nước", "chu_tich_nuoc"), ("Tổng Liên đoàn Lao động Việt Nam", "tong_lien_doan"),
        ("LĐLĐ thành phố Hà Nội", "tinh"), ("Liên đoàn Lao động tỉnh Kiên Giang", "tinh"), ("Công đoàn cơ sở", "co_so"),
        ("Công đoàn ngành Giáo dục Hà Nội", "cd_cap_tren"), ("Bộ Giáo dục và Đào tạo", "bo_nganh"), ("ubnd_tinh", "ubnd_tinh"),
    ])
    func levels(_ text: String, _ key: String) {
        #expect(AwardVocabulary.levelKey(text) == key)
    }

    @Test("Words naming no known level give nil (the award's own level is used); “cơ quan” is not a district (quận)")
    func unknownLevel() {
        #expect(AwardVocabulary.levelKey("Hội đồng nhân dân") == nil)
        #expect(AwardVocabulary.levelKey("Công đoàn cơ quan Văn phòng") == nil)
    }

    @Test("report awards counts imported awards at their deciding level, once when a decision of the store gives the same award", arguments: Backend.allCases)
    func collected(_ backend: Backend) throws {
        let runner = DossierRunner(definitions: try StoreFixture.definitions(), store: try backend.open(directory))
        let csv = """
            kind,id,name,award,year,decision,decision_date,level,period,flags
            collective,C1,Công đoàn May,huan_chuong_lao_dong_hang_ba_tap_the,2022,1520/QĐ-CTN,2023-09-05,Chủ tịch nước,2018-01-01/2022-12-31,
            individual,P1,Phan Minh Đức,bang_khen_thu_tuong,2023,1187/QĐ-TTg,2024-10-15,Thủ tướng Chính phủ,,
            individual,P2,Ngô Thị Lan,bang_khen_bo_nganh_tinh,2023,2150/QĐ-UBND,2024-04-10,UBND thành phố Hà Nội,,
            individual,P3,Lý Văn Bảo,bang_khen_ldld_tinh,2021,77/QĐ-LĐLĐ,2021-12-30,Hội đồng nào đó,,

            """
        let rows = try PastAwardImport.read(path: try file("past.csv", csv), awards: Self.awards)
        _ = try runner.importPastAwards(rows, by: NoticeFixture.secretariat, at: try NoticeFixture.at("2025-12-01T02:00:00.000Z"))
        let entries = try AwardCollector.collect(runner.store, definitions: runner.definitions,
                                                 from: CivilDate(unchecked: 2022, 1, 1), to: CivilDate(unchecked: 2025, 12, 31))
        // P3's decision is dated before the period: left out.
        #expect(entries.map(\.nomineeID) == ["C1", "P2", "P1"])
        #expect(entries.map(\.level) == ["chu_tich_nuoc", "ubnd_tinh", "thu_tuong"])
        #expect(entries[0].value(.period) == "2018–2022" && entries[1].value(.period) == "2023")
        let text = AwardSentences.text(entries, from: CivilDate(unchecked: 2022, 1, 1), to: CivilDate(unchecked: 2025, 12, 31), .vi)
        #expect(text == "Từ ngày 01/01/2022 đến ngày 31/12/2025: Chủ tịch nước tặng thưởng Huân chương Lao động cho 1 tập thể; Thủ tướng Chính phủ tặng Bằng khen cho 1 cá nhân; UBND tỉnh tặng Bằng khen cho 1 cá nhân.")
        // A level naming nothing known falls back to the award's level.
        let all = try AwardCollector.collect(runner.store, definitions: runner.definitions, from: CivilDate(unchecked: 2021, 1, 1), to: CivilDate(unchecked: 2025, 12, 31))
        #expect(all.first { $0.nomineeID == "P3" }?.level == "tinh")
    }

    @Test("An imported award that a published dossier of the store also gives is counted once")
    func countedOnce() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "lao_dong_tien_tien", nomineeID: "P1", name: "Nguyễn Thị Hoa", year: 2025, events: NoticeFixture.toPublished)
        // Imported after the decision by another file (the import itself skips it; a record written
        // before the decision would stay in the chain): write the record directly.
        let past = PastAward(nominee: Nominee(id: "P1", name: "Nguyễn Thị Hoa", kind: .individual), award: "lao_dong_tien_tien", year: 2025,
                             decisionNumber: "9/QĐ", decisionDate: CivilDate(unchecked: 2025, 12, 1), level: "Công đoàn cơ sở", source: "x.csv")
        try f.store.write { tx in _ = try tx.append(past, actor: NoticeFixture.secretariat, at: try NoticeFixture.at("2025-12-02T02:00:00.000Z")) }
        let entries = try AwardCollector.collect(f.store, definitions: f.definitions, from: CivilDate(unchecked: 2025, 1, 1), to: CivilDate(unchecked: 2025, 12, 31))
        #expect(entries.filter { $0.nomineeID == "P1" }.count == 1)
        #expect(entries.first?.source == "dossier")
    }
}

/// Movement targets that say what they count (docs/movements-reports.md, “Counted from the store”).
@Suite struct RecordedCountsTests {
    static let movementText = """
        {"id": "M", "name": {"vi": "Phong trào", "en": "Movement"}, "launchedBy": {"vi": "LĐLĐ", "en": "Federation"},
         "document": {"number": "1/KH", "date": "2024-01-01"}, "period": {"from": "2024-01-01", "to": "2025-12-31"},
         "themes": [{"vi": "t", "en": "t"}], "levels": [{"vi": "l", "en": "l"}], "source": {"file": "f", "section": "s"},
         "targets": [
           {"id": "ldst", "kind": "count", "goal": 2, "yearly": true, "counts": {"awards": ["bang_lao_dong_sang_tao"]}, "text": {"vi": "LĐST", "en": "LĐST"}},
           {"id": "sk", "kind": "count", "goal": 1, "counts": "initiatives", "text": {"vi": "Sáng kiến", "en": "Initiatives"}},
           {"id": "typed", "kind": "count", "goal": 5, "text": {"vi": "Nhập tay", "en": "Typed"}}
         ]}
        """

    @Test("The loader reads counts on count targets and refuses it on another kind or malformed")
    func loader() throws {
        let (m, findings) = MovementLoader.parse(Self.movementText, file: "m.json")
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        #expect(m?.targets.map(\.counts) == [.awards(["bang_lao_dong_sang_tao"]), .initiatives, nil])
        for bad in [#""kind": "share", "goal": 70, "counts": "initiatives""#, #""kind": "count", "goal": 1, "counts": {"awards": []}"#,
                    #""kind": "count", "goal": 1, "counts": "titles""#] {
            let text = Self.movementText.replacingOccurrences(of: #""kind": "count", "goal": 5"#, with: bad)
            let (_, f) = MovementLoader.parse(text, file: "m.json")
            #expect(f.contains { $0.severity == .error && $0.location?.path == "$.targets[2].counts" }, "\(bad): \(f)")
        }
    }

    static func entry(_ award: String, year: Int, decided: CivilDate) -> AwardEntry {
        AwardEntry(source: "past_award:1", dossier: nil, nomineeID: "P\(year)\(award.count)", nomineeName: "N", subject: "individual", unit: "",
                   award: award, awardName: award, form: "bang_lao_dong_sang_tao", level: "tong_lien_doan", year: year, date: decided)
    }

    @Test("Counted from the store where it records any; typed where it records none; the source says which")
    func counted() throws {
        let m = try #require(MovementLoader.parse(Self.movementText, file: "m.json").0)
        var ledger = MovementLedger()
        ledger.movements["M"] = m
        ledger.observations["M"] = [MovementObservation(target: "ldst", unit: "U", value: 1, date: CivilDate(unchecked: 2025, 6, 1)),
                                    MovementObservation(target: "typed", unit: "U", value: 5, date: CivilDate(unchecked: 2025, 6, 1))]
        let recorded = RecordedCounts(awards: [Self.entry("bang_lao_dong_sang_tao", year: 2024, decided: CivilDate(unchecked: 2024, 11, 28)),
                                               Self.entry("bang_lao_dong_sang_tao", year: 2024, decided: CivilDate(unchecked: 2024, 11, 29)),
                                               Self.entry("bang_khen_tong_lien_doan", year: 2024, decided: CivilDate(unchecked: 2024, 11, 28))],
                                      initiatives: ["SK-1": CivilDate(unchecked: 2024, 5, 1), "SK-2": CivilDate(unchecked: 2026, 1, 1)])
        let y2024 = try ledger.progress("M", asOf: CivilDate(unchecked: 2024, 12, 31), recorded: recorded)
        #expect(y2024.map(\.source) == [.counted, .counted, nil])
        #expect(y2024[0].numerator == 2 && y2024[0].status == .met)
        #expect(y2024[1].numerator == 1, "SK-2 is recognised after the window")
        let y2025 = try ledger.progress("M", asOf: CivilDate(unchecked: 2025, 12, 31), recorded: recorded)
        #expect(y2025[0].source == .typed && y2025[0].numerator == 1, "no LĐST for 2025 in the store: the typed figure")
        #expect(y2025[2].numerator == 5 && y2025[2].source == nil)
        let empty = try ledger.progress("M", asOf: CivilDate(unchecked: 2025, 12, 31), recorded: .empty)
        #expect(empty[1].source == .nothing && empty[1].numerator == 0)
        let lines = MovementText.sourceLines(m, y2024, .en)
        #expect(lines == ["Where the figures come from:", "  ldst: counted from the store — bang_lao_dong_sang_tao",
                          "  sk: counted from the store — initiatives recognised (facts recorded on dossiers)", "  the other targets: typed (movement record)"])
    }

    @Test("RecordedCounts.read: initiatives from the facts recorded on dossiers, awards from the store, a revoked dossier not counted")
    func read() throws {
        let f = try NoticeFixture()
        try f.dossier("HS-1", award: "bang_lao_dong_sang_tao", nomineeID: "P1", name: "Nguyễn Thị Hoa", year: 2025, events: NoticeFixture.toPublished)
        try f.dossier("HS-2", award: "bang_lao_dong_sang_tao", nomineeID: "P2", name: "Lê Văn An", year: 2025, events: NoticeFixture.toPublished + ["revoke"])
        try f.dossier("HS-3", award: "lao_dong_tien_tien", nomineeID: "DHBK-017", name: "Đặng Văn Khoa", year: 2025, events: [])
        let path = StoreFixture.workflowsDirectory + "/samples/season-2022-2025/nominees-2025.json"
        let facts = try #require(NomineeLoader.load(path: path).0?.first { $0.id == "DHBK-017" })
        _ = try f.runner.recordFacts(facts, on: "HS-3", source: "nominees-2025.json", by: NoticeFixture.officer, at: try NoticeFixture.at("2025-12-02T02:00:00.000Z"))
        let recorded = try RecordedCounts.read(f.store, definitions: f.definitions, asOf: CivilDate(unchecked: 2025, 12, 31))
        #expect(recorded.count(.awards(["bang_lao_dong_sang_tao"]), from: CivilDate(unchecked: 2025, 1, 1), to: CivilDate(unchecked: 2025, 12, 31)) == 1)
        #expect(recorded.count(.initiatives, from: CivilDate(unchecked: 2025, 1, 1), to: CivilDate(unchecked: 2025, 12, 31)) == 1)
        #expect(recorded.count(.initiatives, from: CivilDate(unchecked: 2025, 7, 1), to: CivilDate(unchecked: 2025, 12, 31)) == 0)
    }

    @Test("A share target counts its achievers (distinct people holding the awards) over the population typed; without a population it has no data")
    func share() throws {
        let text = Self.movementText.replacingOccurrences(of: #""kind": "count", "goal": 5"#,
                                                          with: #""kind": "share", "goal": 15, "yearly": true, "counts": {"awards": ["chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"]}"#)
        let m = try #require(MovementLoader.parse(text, file: "m.json").0)
        var ledger = MovementLedger()
        ledger.movements["M"] = m
        // One person with both titles counts once: 2 achievers.
        let awards = [Self.entry("chien_si_thi_dua_co_so", year: 2025, decided: CivilDate(unchecked: 2025, 11, 20)),
                      Self.entry("chien_si_thi_dua_cap_tinh", year: 2025, decided: CivilDate(unchecked: 2025, 12, 15)),
                      Self.entry("chien_si_thi_dua_co_so", year: 2025, decided: CivilDate(unchecked: 2025, 11, 20))]
        var people = awards
        people[1].nomineeID = people[0].nomineeID
        people[2].nomineeID = "Q"
        let recorded = RecordedCounts(awards: people, initiatives: [:])
        let none = try ledger.progress("M", asOf: CivilDate(unchecked: 2025, 12, 31), recorded: recorded)[2]
        #expect(none.source == .counted && none.status == .noData && none.value == nil)
        ledger.observations["M"] = [MovementObservation(target: "typed", unit: "LDLD", value: 0, of: 10, date: CivilDate(unchecked: 2025, 12, 20))]
        let p = try ledger.progress("M", asOf: CivilDate(unchecked: 2025, 12, 31), recorded: recorded)[2]
        #expect(p.source == .counted && p.numerator == 2 && p.denominator == 10 && p.status == .met)
        #expect(MovementText.sourceLines(m, [p], .en) == ["Where the figures come from:",
            "  typed: counted from the store (the achievers; the population typed with movement record --of) — chien_si_thi_dua_co_so, chien_si_thi_dua_cap_tinh"])
    }
}
