import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct BatchQuotaTests {
    @Test("The quota is an integer share of the base, rounded as asked", arguments: [
        (20, QuotaRule.Rounding.floor, 3), (19, .floor, 2), (6, .floor, 0), (7, .floor, 1), (0, .floor, 0),
        (19, .ceiling, 3), (20, .ceiling, 3), (1, .ceiling, 1),
        (10, .nearest, 2), (9, .nearest, 1), (19, .nearest, 3), (3, .nearest, 0),
    ])
    func allowed(_ base: Int, _ rounding: QuotaRule.Rounding, _ expected: Int) {
        #expect(QuotaRule(percent: 15, rounding: rounding).allowed(base: base) == expected)
    }

    @Test("The default quota is the benchmark's 15 % floor")
    func defaults() {
        #expect(QuotaRule() == QuotaRule(percent: 15, rounding: .floor))
        #expect(QuotaRule(percent: 0).allowed(base: 1000) == 0)
        #expect(QuotaRule(percent: 100).allowed(base: 7) == 7)
    }

    /// Unit U0001: 20 LDTT persons (Q = 3), of them 5 CSTDCS-eligible:
    /// P000001 300M; P000009, P000005, P000007 150M (a tie); P000003 150M but CSTD_TINH-eligible.
    /// Ranked: P000001, P000003, P000005 | P000007, P000009 cut.
    static func tieUnit() -> RecordsBuilder {
        var b = RecordsBuilder()
        for i in 1...20 {
            let pid = "P" + String(format: "%06d", i)
            switch i {
            case 1: b.person(pid, duty: "HTXSNV", initiatives: 1, benefit: 300_000_000)
            case 3: b.person(pid, history: ["CSTDCS", "CSTDCS"], duty: "HTXSNV", initiatives: 2, benefit: 150_000_000)
            case 5, 7, 9: b.person(pid, duty: "HTXSNV", initiatives: 1, benefit: 150_000_000)
            default: b.person(pid)
            }
        }
        return b
    }

    @Test("With 20 LDTT exactly 3 keep CSTDCS; ties in benefit go to the smaller person id")
    func tieBrokenByPersonID() throws {
        let b = Self.tieUnit()
        for threads in [1, 2, 3] {
            let result = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider(), options: W3Options(threads: threads))
            let rows = result.rowsByID
            #expect(rows["P000001"]?[5...] == ["0", "CSTDCS"])
            #expect(rows["P000003"]?[4...] == ["1", "0", "CSTD_TINH"])
            #expect(rows["P000005"]?[5...] == ["0", "CSTDCS"])
            #expect(rows["P000007"]?[3...] == ["1", "0", "1", "LDTT"])
            #expect(rows["P000009"]?[3...] == ["1", "0", "1", "LDTT"])
            #expect((result.boundUnits, result.cut) == (1, 2))
            #expect(String(decoding: result.csv, as: UTF8.self) == BatchReference.decisions(b.csv))
        }
    }

    @Test("A cut CSTD_TINH-eligible person keeps the flag but gets LDTT")
    func cutTinh() throws {
        var b = RecordsBuilder()
        for i in 1...6 {  // 6 LDTT: Q = 0
            let pid = "P" + String(format: "%06d", i)
            if i == 2 { b.person(pid, history: ["CSTDCS", "CSTD_TINH"], duty: "HTXSNV", initiatives: 1, benefit: 500_000_000) } else { b.person(pid) }
        }
        let row = try #require(try W3Pipeline.run(csv: b.bytes, decider: SpecDecider()).rowsByID["P000002"])
        #expect(row == ["P000002", "U0001", "1", "1", "1", "1", "LDTT"])
    }

    @Test("Exactly as many candidates as the quota: nobody is cut; units count separately")
    func atTheQuota() throws {
        var b = RecordsBuilder()
        for i in 1...40 {
            let pid = "P" + String(format: "%06d", i)
            let unit = i <= 20 ? "U0001" : "U0002"
            // U0001: 3 candidates (Q = 3); U0002: 4 candidates (Q = 3).
            let candidate = [1, 2, 3, 21, 22, 23, 24].contains(i)
            b.person(pid, unit: unit, duty: candidate ? "HTXSNV" : "HTTNV", initiatives: candidate ? 1 : 0,
                     benefit: candidate ? 1000 * i : 0)
        }
        let result = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider(), options: W3Options(threads: 2))
        #expect((result.boundUnits, result.cut) == (1, 1))
        #expect(result.rowsByID["P000021"]?[5] == "1", "the smallest benefit of U0002 is cut")
        #expect(result.rowsByID["P000001"]?[5] == "0")
    }

    @Test("Another percentage and rounding are honoured")
    func otherQuota() throws {
        let b = Self.tieUnit()
        let ceiling = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider(),
                                         options: W3Options(quota: QuotaRule(percent: 16, rounding: .ceiling)))
        #expect(ceiling.cut == 1, "⌈3.2⌉ = 4 keep")
        #expect(ceiling.rowsByID["P000009"]?[5] == "1")
        let none = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider(), options: W3Options(quota: QuotaRule(percent: 25)))
        #expect((none.boundUnits, none.cut) == (0, 0))
    }
}
