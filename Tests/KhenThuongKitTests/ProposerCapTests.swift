import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Thematic Bằng khen Tổng Liên đoàn: at most `bktld.thematic.cap_per_proposer` (4) per
/// LĐLĐ tỉnh / CĐ ngành TW (QĐ 1689/QĐ-TLĐ Điều 15), cut in the documented order.
@Suite struct ProposerCapTests {
    static let award = "bang_khen_tong_lien_doan"

    /// Someone eligible for BK TLĐ 2023 (two HTXSNV years, two initiatives, a provincial
    /// certificate in 2022), with the 2023 initiatives' benefit and count and the hire date given.
    static func nominee(_ id: String, proposer: String? = "LDLD-HN", benefit: Int64 = 0, extra: Int = 0,
                        hired: String = "2015-03-01") throws -> NomineeFacts {
        var initiatives = [Initiative(id: "\(id)-SK1", title: "", level: "co_so", recognised: try CivilDate(parsing: "2022-05-01"), benefitVND: 0),
                           Initiative(id: "\(id)-SK2", title: "", level: "co_so", recognised: try CivilDate(parsing: "2023-05-01"), benefitVND: benefit)]
        for k in 0..<extra {
            initiatives.append(Initiative(id: "\(id)-X\(k)", title: "", level: "co_so", recognised: try CivilDate(parsing: "2023-06-01"), benefitVND: 0))
        }
        return .individual(Individual(id: id, name: "Người \(id)", unit: "CDCS-\(id)", hireDate: try CivilDate(parsing: hired),
                                      years: [2022: YearRecord(duty: .excellent), 2023: YearRecord(duty: .excellent)],
                                      initiatives: initiatives, awards: [ReceivedAward(award: "bang_khen_ldld_tinh", year: 2022)],
                                      proposer: proposer))
    }

    static func kept(_ batch: EligibilityBatch) -> [String] {
        batch.verdicts.filter { $0.award == award && $0.outcome == .eligible }.map(\.nominee)
    }

    @Test("QĐ 1689/QĐ-TLĐ Điều 15, at the boundary: 4 eligible of one proposer all keep it, a 5th is cut, another proposer is counted apart",
          arguments: [(4, 0), (5, 1), (7, 3)])
    func boundary(count: Int, cut: Int) throws {
        let rules = try ShippedRules.rules()
        let nominees = try (1...count).map { try Self.nominee(String(format: "N%02d", $0)) } + [try Self.nominee("Z01", proposer: "LDLD-HCM")]
        let batch = rules.batch(nominees, awards: [Self.award], year: 2023, thematic: true)
        #expect(batch.verdicts.allSatisfy { $0.failing.isEmpty })
        #expect(Self.kept(batch) == ["N01", "N02", "N03", "N04"].prefix(min(count, 4)) + ["Z01"])
        #expect(batch.quota.filter { !$0.kept }.count == cut)
        if cut > 0 {
            let v = try #require(batch.verdicts.first { $0.nominee == "N05" })
            #expect(v.outcome == .notEligible)
            let note = try #require(v.notes.last)
            #expect(note.vi == "vượt số lượng Bằng khen Tổng Liên đoàn chuyên đề của LDLD-HN: tối đa 4 đề nghị mỗi LĐLĐ tỉnh / CĐ ngành TW (tham số bktld.thematic.cap_per_proposer), có \(count) người đủ điều kiện; xếp thứ 5 theo giá trị làm lợi, số sáng kiến, ngày tuyển dụng sớm hơn rồi mã; vẫn có thể được xét Bằng khen của LĐLĐ tỉnh (thẩm quyền của đơn vị đề nghị) — QĐ 1689/QĐ-TLĐ, Điều 15")
            #expect(note.en.hasSuffix("(within the proposer's own power) — QĐ 1689/QĐ-TLĐ, Article 15"))
        }
    }

    @Test("QĐ 1689/QĐ-TLĐ Điều 15 cap: ties are resolved by benefit, then number of initiatives, then earlier hire date, then id")
    func rankingOrder() throws {
        let rules = try ShippedRules.rules()
        let nominees = [
            try Self.nominee("A"), // ranks last: nothing but its id
            try Self.nominee("B", hired: "2010-01-01"),
            try Self.nominee("C", extra: 1, hired: "2020-01-01"),
            try Self.nominee("D", benefit: 5_000_000, hired: "2022-01-01"),
            try Self.nominee("E", hired: "2010-01-01"),
        ]
        let batch = rules.batch(nominees, awards: [Self.award], year: 2023, thematic: true)
        #expect(batch.quota.map(\.id) == ["D", "C", "B", "E", "A"])
        #expect(Self.kept(batch) == ["B", "C", "D", "E"])
    }

    @Test("QĐ 1689/QĐ-TLĐ Điều 15 cap: the proposer defaults to the unit, and a round that is not thematic has no cap")
    func proposerAndNonThematic() throws {
        let rules = try ShippedRules.rules()
        let nominees = try (1...6).map { try Self.nominee("N\($0)", proposer: nil) }
        #expect(nominees.map(\.proposer) == (1...6).map { "CDCS-N\($0)" })
        let ownUnits = rules.batch(nominees, awards: [Self.award], year: 2023, thematic: true)
        #expect(ownUnits.quota.count == 6 && ownUnits.quota.filter(\.kept).count == 6)
        let same = try (1...6).map { try Self.nominee("N\($0)") }
        let plain = rules.batch(same, awards: [Self.award], year: 2023)
        #expect(plain.quota.isEmpty && Self.kept(plain).count == 6)
    }

    @Test("The streamed batch cuts the same nominees with the same notes as the in-memory one")
    func streamedMatches() throws {
        let rules = try ShippedRules.rules()
        let nominees = try (1...6).map { try Self.nominee("N\($0)", benefit: Int64($0) * 1_000) }
        let memory = rules.batch(nominees, awards: [Self.award], year: 2023, thematic: true)
        var lines: [String] = []
        let format = VerdictStreamFormat(header: "", separator: "", footer: "", empty: "") { v in
            "\(v.nominee) \(v.outcome.rawValue) \(v.notes.map(\.en).joined())\n"
        }
        let (summary, findings) = rules.streamBatch(.loaded(nominees), awards: [Self.award], year: 2023, thematic: true, format: format,
                                                    chunk: 2, write: { lines.append($0) })
        #expect(findings.isEmpty)
        #expect(summary?.capDecisions == 6 && summary?.capCuts == 2)
        #expect(lines.joined() == memory.verdicts.map(format.render).joined())
        #expect(Self.kept(memory) == ["N3", "N4", "N5", "N6"])
    }
}
