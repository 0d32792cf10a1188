import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Award statistics on a generated store whose counts are known by construction.
@Suite struct AwardReportTests {
    static let years = 2016...2019
    static let levels = ["tong_lien_doan", "tinh"]
    /// Per (year, level): Cờ to `flags` collectives, Bằng khen to `merit` collectives and `people` individuals.
    static func flags(_ y: Int, _ l: Int) -> Int { (y - 2015) + l }
    static func merit(_ y: Int, _ l: Int) -> Int { 2 * (y - 2015) + 3 * l }
    static func people(_ y: Int, _ l: Int) -> Int { 5 * (y - 2015) + l + 1 }

    static func recipient(_ i: Int, kind: String, award: String, unit: String, year: Int, dossier: String? = nil) -> String {
        let d = #""dossier":"\#(dossier ?? "HS-N\(i)")","#
        return #"{\#(d)"nomineeID":"N\#(i)","nomineeName":"Người \#(i)","nomineeKind":"\#(kind)","unit":"\#(unit)","award":"\#(award)","year":\#(year),"amountVND":0,"multiplier":1,"baseSalaryVND":0}"#
    }

    /// One decision per year and level; plus a published dossier no decision names, and a
    /// revoked dossier that a 2019 decision names.
    static func makeStore(_ dir: StoreTemporaryDirectory) throws -> EventStore {
        let store = try EventStore(path: dir.path())
        let defs = try StoreFixture.definitions()
        let at = try StoreFixture.instant("2020-01-05T02:00:00.000Z")
        try store.write { tx in
            var n = 0
            for y in years {
                for (li, level) in levels.enumerated() {
                    var r: [String] = []
                    let award = level == "tinh" ? "bang_khen_dot_xuat" : "bang_khen_tong_lien_doan"
                    for _ in 0..<flags(y, li) { n += 1; r.append(recipient(n, kind: "collective", award: "co_thi_dua_\(level)", unit: "U\(n % 3)", year: y)) }
                    for _ in 0..<merit(y, li) { n += 1; r.append(recipient(n, kind: "collective", award: award, unit: "U\(n % 3)", year: y)) }
                    for _ in 0..<people(y, li) { n += 1; r.append(recipient(n, kind: "individual", award: award, unit: "U\(n % 3)", year: y)) }
                    if y == 2019 && li == 0 { r.append(recipient(0, kind: "individual", award: award, unit: "U0", year: y, dossier: "HS-REV")) }
                    let payload = #"{"authority":"A","date":"\#(y)-12-20","level":"\#(level)","number":"\#(y)-\#(li)","recipients":[\#(r.joined(separator: ","))],"signer":"S"}"#
                    try tx.appendRecord(subject: "decision:\(y)-\(li)", event: "decision_issued", actor: StoreFixture.signer, at: at, payload: payload)
                }
            }
            var published = try StoreFixture.newDossier("HS-PUB", definitions: defs, createdAt: at)
            published.state = "published"
            published.enteredStateAt = try StoreFixture.instant("2019-06-01T02:00:00.000Z")
            try tx.append(created: published, actor: StoreFixture.proposer, at: at)
            try tx.append(created: try StoreFixture.newDossier("HS-REV", definitions: defs, createdAt: at), actor: StoreFixture.proposer, at: at)
            try tx.appendRecord(subject: "HS-REV", event: "revocation", actor: StoreFixture.signer, at: at, payload: #"{"amountVND":0,"decision":"2019-0","ground":"93.2.a","groundText":"x","revokedBy":"signer@U"}"#)
        }
        return store
    }

    @Test("Counts by level, form and subject equal the construction's formulas; revoked awards are apart")
    func generatedCounts() throws {
        let dir = try StoreTemporaryDirectory()
        let store = try Self.makeStore(dir)
        let definitions = try StoreFixture.definitions()
        let entries = try AwardCollector.collect(store, definitions: definitions, from: CivilDate(unchecked: 2016, 1, 1), to: CivilDate(unchecked: 2019, 12, 31))
        let stats = AwardStatistics(entries: entries, from: CivilDate(unchecked: 2016, 1, 1), to: CivilDate(unchecked: 2019, 12, 31), by: [.level, .form])
        func sum(_ f: (Int, Int) -> Int, _ l: Int) -> Int { Self.years.reduce(0) { $0 + f($1, l) } }
        var expected: [AwardStatistics.Row] = []
        for (li, level) in Self.levels.enumerated() {
            expected.append(.init(keys: [level, "co"], collectives: sum(Self.flags, li), individuals: 0))
            expected.append(.init(keys: [level, "bang_khen"], collectives: sum(Self.merit, li),
                                  individuals: sum(Self.people, li)))
        }
        expected.append(.init(keys: ["co_so", "danh_hieu"], collectives: 0, individuals: 1))   // the published dossier (LĐTT)
        #expect(stats.rows == expected)
        #expect(stats.revoked == 1)
        #expect(entries.filter(\.revoked).map(\.dossier) == ["HS-REV"])
        #expect(stats.collectives + stats.individuals == (0..<2).reduce(0) { $0 + sum(Self.flags, $1) + sum(Self.merit, $1) + sum(Self.people, $1) } + 1)
    }

    @Test("Grouping by year and unit partitions the same total")
    func byYearAndUnit() throws {
        let dir = try StoreTemporaryDirectory()
        let store = try Self.makeStore(dir)
        let definitions = try StoreFixture.definitions()
        let from = CivilDate(unchecked: 2017, 1, 1), to = CivilDate(unchecked: 2018, 12, 31)
        let entries = try AwardCollector.collect(store, definitions: definitions, from: from, to: to)
        let byYear = AwardStatistics(entries: entries, from: from, to: to, by: [.year])
        let expected = [2017, 2018].map { y in
            AwardStatistics.Row(keys: ["\(y)"], collectives: (0..<2).reduce(0) { $0 + Self.flags(y, $1) + Self.merit(y, $1) },
                                individuals: (0..<2).reduce(0) { $0 + Self.people(y, $1) })
        }
        #expect(byYear.rows == expected)
        let byUnit = AwardStatistics(entries: entries, from: from, to: to, by: [.unit, .subject])
        #expect(byUnit.rows.reduce(0) { $0 + $1.total } == expected.reduce(0) { $0 + $1.total })
        #expect(Set(byUnit.rows.map { $0.keys[0] }) == ["U0", "U1", "U2"])
    }

    static func entries(level: String, form: String, award: String = "x", collectives: Int, individuals: Int) -> [AwardEntry] {
        let d = CivilDate(unchecked: 2019, 1, 1)
        return (0..<collectives).map { AwardEntry(source: "t", dossier: nil, nomineeID: "c\($0)", nomineeName: "c", subject: "collective", unit: "U", award: award, awardName: award, form: form, level: level, year: 2019, date: d) }
            + (0..<individuals).map { AwardEntry(source: "t", dossier: nil, nomineeID: "i\($0)", nomineeName: "i", subject: "individual", unit: "U", award: award, awardName: award, form: form, level: level, year: 2019, date: d) }
    }

    @Test("The sentences read like report 276/BC-LĐLĐ (Lai Châu, 2020), with the Vietnamese thousands separator")
    func seedSentence() {
        let e = Self.entries(level: "tong_lien_doan", form: "co", collectives: 15, individuals: 0)
            + Self.entries(level: "tong_lien_doan", form: "bang_khen", collectives: 65, individuals: 1112)
            + Self.entries(level: "tinh", form: "co", collectives: 77, individuals: 0)
            + Self.entries(level: "tinh", form: "bang_khen", collectives: 479, individuals: 1583)
        let text = AwardSentences.text(e, from: CivilDate(unchecked: 2015, 1, 1), to: CivilDate(unchecked: 2020, 6, 26), .vi)
        #expect(text == "Từ ngày 01/01/2015 đến ngày 26/06/2020: Tổng Liên đoàn tặng Cờ cho 15 tập thể, tặng Bằng khen cho 65 tập thể và 1.112 cá nhân; LĐLĐ tỉnh tặng Cờ cho 77 tập thể, tặng Bằng khen cho 479 tập thể và 1.583 cá nhân.")
        let en = AwardSentences.text(e, from: CivilDate(unchecked: 2015, 1, 1), to: CivilDate(unchecked: 2020, 6, 26), .en)
        #expect(en.contains("The VGCL awarded the Emulation Flag to 15 collectives, awarded the Certificate of Merit to 65 collectives and 1,112 individuals"))
    }

    @Test("Numbers use “.” for thousands and “,” for decimals in Vietnamese", arguments: [
        (1112.0, "1.112", "1,112"), (1234567, "1.234.567", "1,234,567"), (70.5, "70,5", "70.5"), (999, "999", "999"), (0, "0", "0"),
    ])
    func numbers(_ x: Double, _ vi: String, _ en: String) {
        #expect(NumberText.decimal(x, .vi) == vi)
        #expect(NumberText.decimal(x, .en) == en)
    }

    @Test("CSV has a byte-order mark, CRLF line ends and RFC 4180 quoting")
    func csv() {
        let doc = ReportDocument(title: "t", sentences: [], header: ["Đơn vị", "Số"], rows: [["CĐCS \"A\", khối 1", "1.112"], ["B", "2"]], bars: [], chartTitle: "")
        #expect(doc.csv() == "\u{FEFF}Đơn vị,Số\r\n\"CĐCS \"\"A\"\", khối 1\",1.112\r\nB,2\r\n")
    }

    @Test("A decision whose level is a unit code is counted at the award's own level; a known level key is kept")
    func decisionLevelFallsBackToTheAward() throws {
        let definitions = try TestSupport.definitions()
        let ldtt = try #require(definitions.awards.award("lao_dong_tien_tien"))
        #expect(AwardCollector.level("LDLD-HN", award: ldtt) == ldtt.level)
        #expect(AwardCollector.level("tong_lien_doan", award: ldtt) == "tong_lien_doan")
        #expect(AwardCollector.level(nil, award: nil) == "khac")
        #expect(AwardVocabulary.form("danh_hieu")[.vi] == "Danh hiệu thi đua")
    }
}
