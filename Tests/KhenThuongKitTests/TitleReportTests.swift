import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Title rates and initiative lists from a nominee facts file built by construction.
@Suite struct TitleReportTests {
    /// `n` people; person i has records for 2023 and 2024; LĐTT 2023 for i < a2023,
    /// LĐTT 2024 for i < a2024, CSTĐCS 2024 for i < c2024; person i has an initiative
    /// recognised on day i of 2024 with a benefit of i million when i is even.
    static func nominees(n: Int, a2023: Int, a2024: Int, c2024: Int) throws -> [NomineeFacts] {
        let people = (0..<n).map { i in
            var awards: [String] = []
            if i < a2023 { awards.append(#"{"award": "lao_dong_tien_tien", "year": 2023}"#) }
            if i < a2024 { awards.append(#"{"award": "lao_dong_tien_tien", "year": 2024}"#) }
            if i < c2024 { awards.append(#"{"award": "chien_si_thi_dua_co_so", "year": 2024}"#) }
            let initiative = i % 2 == 0
                ? #"{"id": "SK-\#(i)", "title": "Sáng kiến \#(i)", "level": "\#(i % 4 == 0 ? "tinh" : "co_so")", "recognised": "2024-01-\#(String(format: "%02d", i + 1))", "benefitVND": \#(i * 1_000_000)}"#
                : ""
            return #"{"kind": "individual", "id": "P\#(i)", "name": "Người \#(i)", "unit": "U\#(i % 2)", "years": {"2023": {"duty": "HTTNV"}, "2024": {"duty": "HTTNV"}}, "awards": [\#(awards.joined(separator: ","))], "initiatives": [\#(initiative)]}"#
        }
        let (facts, findings) = NomineeLoader.parse(#"{"nominees": [\#(people.joined(separator: ",\n"))]}"#, file: "n.json")
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        return try #require(facts)
    }

    @Test("Title rates per year are achievers over the people with a record that year", arguments: [(20, 14, 15, 3), (7, 0, 7, 1)])
    func rates(_ n: Int, _ a2023: Int, _ a2024: Int, _ c2024: Int) throws {
        let rates = TitleRates(nominees: try Self.nominees(n: n, a2023: a2023, a2024: a2024, c2024: c2024),
                               awards: ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"])
        let expected: [TitleRates.Row] = [
            .init(year: 2023, award: "lao_dong_tien_tien", achievers: a2023, population: n, percent: Double(a2023) * 100 / Double(n)),
            .init(year: 2023, award: "chien_si_thi_dua_co_so", achievers: 0, population: n, percent: 0),
            .init(year: 2024, award: "lao_dong_tien_tien", achievers: a2024, population: n, percent: Double(a2024) * 100 / Double(n)),
            .init(year: 2024, award: "chien_si_thi_dua_co_so", achievers: c2024, population: n, percent: Double(c2024) * 100 / Double(n)),
        ]
        #expect(rates.rows == expected)
    }

    @Test("The title sentence gives the rate with a decimal comma")
    func sentence() throws {
        let rates = TitleRates(nominees: try Self.nominees(n: 20, a2023: 14, a2024: 15, c2024: 3), awards: ["lao_dong_tien_tien"])
        let doc = rates.document(try StoreFixture.definitions().awards, .vi)
        #expect(doc.sentences == ["Năm 2023 có 70% cá nhân (14/20) đạt danh hiệu Lao động tiên tiến.",
                                  "Năm 2024 có 75% cá nhân (15/20) đạt danh hiệu Lao động tiên tiến."])
    }

    @Test("Initiatives in the period are listed largest benefit first, with the total in the sentence")
    func initiatives() throws {
        let facts = try Self.nominees(n: 10, a2023: 0, a2024: 0, c2024: 0)
        let doc = ReportDocument.initiatives(facts, from: CivilDate(unchecked: 2024, 1, 3), to: CivilDate(unchecked: 2024, 1, 31), .vi)
        // Even i with recognised day i + 1 in [3, 31]: i = 2, 4, 6, 8.
        #expect(doc.rows.map { $0[0] } == ["Sáng kiến 8", "Sáng kiến 6", "Sáng kiến 4", "Sáng kiến 2"])
        #expect(doc.rows.first?.last == "8.000.000")
        #expect(doc.sentences == ["Từ ngày 03/01/2024 đến ngày 31/01/2024 có 4 sáng kiến được công nhận, làm lợi 20.000.000 đồng."])
        #expect(doc.bars.map(\.label) == ["LĐLĐ tỉnh", "Cấp cơ sở"])
        #expect(doc.bars.map(\.value) == [2, 2])
    }
}
