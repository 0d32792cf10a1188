import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct QuotaTests {
    static func parameters(rounding: Int64 = 0) throws -> Parameters {
        var p = try ShippedRules.rules().schema.parameters
        let findings = p.override(with: #"{"params": [{"id": "cstdcs.quota.rounding", "value": \#(rounding)}]}"#, file: "o.json")
        #expect(findings.isEmpty)
        return p
    }

    @Test("NĐ 91/2017 k3 Điều 9: 15% of 20 LĐTT gives exactly 3 CSTĐCS places, of 19 gives 2", arguments: [(20, 3), (19, 2), (47, 7), (6, 0), (100, 15)])
    func limitFloor(ldtt: Int, places: Int) {
        #expect(Quota.limit(percent: 15, of: ldtt, rounding: .floor) == places)
    }

    @Test("the rounding parameter switches between floor, nearest and ceiling", arguments: [
        (QuotaRounding.floor, 30, 4), (.nearest, 30, 5), (.ceiling, 30, 5), (.floor, 47, 7), (.nearest, 47, 7), (.ceiling, 47, 8),
    ])
    func rounding(_ rounding: QuotaRounding, ldtt: Int, places: Int) {
        #expect(Quota.limit(percent: 15, of: ldtt, rounding: rounding) == places)
    }

    @Test("NĐ 91/2017 k3 Điều 9: candidates rank by benefit descending then person id, the fourth of 20 LĐTT is cut")
    func rankingAndTies() throws {
        let candidates = [
            QuotaCandidate(id: "P5", group: "U1", benefitVND: 10_000_000),
            QuotaCandidate(id: "P2", group: "U1", benefitVND: 50_000_000),
            QuotaCandidate(id: "P4", group: "U1", benefitVND: 10_000_000),
            QuotaCandidate(id: "P3", group: "U1", benefitVND: 10_000_000),
            QuotaCandidate(id: "P9", group: "U2", benefitVND: 0),
        ]
        let decisions = Quota.cstdcs(candidates, ldttCount: ["U1": 20, "U2": 6], parameters: try Self.parameters())
        #expect(decisions.map(\.id) == ["P2", "P3", "P4", "P5", "P9"])
        #expect(decisions.map(\.kept) == [true, true, true, false, false])
        #expect(decisions.map(\.limit) == [3, 3, 3, 3, 0])
        let cut = try #require(decisions[3].note)
        #expect(cut.vi == "vượt hạn mức CSTĐCS của đơn vị U1: 3 suất (15% của 20 người đạt LĐTT, tham số cstdcs.quota.percent); xếp thứ 4 theo giá trị làm lợi rồi mã người; vẫn giữ danh hiệu Lao động tiên tiến — NĐ 91/2017/NĐ-CP, Điều 9 khoản 3")
        #expect(cut.en.hasSuffix("keeps Lao động tiên tiến — NĐ 91/2017/NĐ-CP, Article 9(3)"))
    }

    @Test("a person cut by the 2023 quota loses CSTĐCS but keeps LĐTT; the 2025 verdicts have no quota")
    func cutKeepsLDTT() throws {
        let rules = try ShippedRules.rules()
        let ldttSet = try #require(rules["lao_dong_tien_tien"]), cstdcsSet = try #require(rules["chien_si_thi_dua_co_so"])
        for year in [2023, 2025] {
            var nominees: [String: NomineeFacts] = [:]
            for i in 1...20 {
                let id = String(format: "P%02d", i)
                let initiatives = i <= 4 ? [Initiative(id: "SK\(i)", title: "", level: "co_so", recognised: try CivilDate(year: year, month: 3, day: 1),
                                                       benefitVND: Int64(i) * 1_000_000)] : []
                nominees[id] = .individual(Individual(id: id, name: "Người \(i)", unit: "U1", hireDate: try CivilDate(parsing: "2015-01-01"),
                                                      years: [year: YearRecord(duty: .good)], initiatives: initiatives))
            }
            let ids = nominees.keys.sorted()
            let ldtt = ids.map { ldttSet.evaluate(nominees[$0]!, year: year) }
            var cstdcs = ids.map { cstdcsSet.evaluate(nominees[$0]!, year: year) }
            #expect(ldtt.allSatisfy { $0.outcome == .eligible })
            let decisions = Quota.applyCSTDCS(to: &cstdcs, ldtt: ldtt, nominees: nominees, parameters: rules.schema.parameters)
            let kept = cstdcs.filter { $0.outcome == .eligible }.map(\.nominee)
            if year == 2023 {
                #expect(decisions.count == 4)
                #expect(kept == ["P02", "P03", "P04"])
                #expect(cstdcs[0].outcome == .notEligible && cstdcs[0].notes.count == 1)
                #expect(ldtt[0].outcome == .eligible)
            } else {
                #expect(decisions.isEmpty)
                #expect(kept == ["P01", "P02", "P03", "P04"])
            }
        }
    }
}

@Suite struct EligibilityBatchTests {
    @Test("a 2023 batch decides LĐTT and CSTĐCS for everyone and cuts CSTĐCS to 15% of the unit's LĐTT (NĐ 91/2017 k3 Điều 9)")
    func batchAppliesQuota() throws {
        let rules = try ShippedRules.rules()
        let nominees: [NomineeFacts] = try (1...20).map { i in
            let initiatives = i <= 5 ? [Initiative(id: "SK\(i)", title: "", level: "co_so", recognised: try CivilDate(parsing: "2023-05-01"),
                                                   benefitVND: 1_000_000)] : []
            return .individual(Individual(id: String(format: "P%02d", i), name: "Người \(i)", unit: "U1",
                                          years: [2023: YearRecord(duty: .good)], initiatives: initiatives))
        }
        let batch = rules.batch(nominees, awards: ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "no_such_award"], year: 2023)
        #expect(batch.verdicts.count == 40)
        #expect(batch.counts(award: "lao_dong_tien_tien") == [.eligible: 20])
        #expect(batch.counts(award: "chien_si_thi_dua_co_so") == [.eligible: 3, .notEligible: 17])
        // equal benefits: ties go to the smaller person id
        #expect(batch.quota.filter(\.kept).map(\.id) == ["P01", "P02", "P03"])
        #expect(batch.verdicts[0].award == "lao_dong_tien_tien" && batch.verdicts[1].award == "chien_si_thi_dua_co_so")
    }

    @Test("a batch without explanations reaches the same outcomes and failing criteria for every shipped case")
    func unexplainedBatchAgrees() throws {
        let rules = try ShippedRules.rules()
        for c in rules.cases {
            let set = try #require(rules[c.award])
            let full = set.evaluate(c.nominee, year: c.year), fast = set.evaluate(c.nominee, year: c.year, explained: false)
            #expect(fast.outcome == full.outcome && fast.failing == full.failing, "\(c.award): \(c.name)")
        }
    }
}
