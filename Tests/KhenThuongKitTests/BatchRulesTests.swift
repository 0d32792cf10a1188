import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The benchmark specification's decision rules at their edges, one person per case, in a unit large
/// enough that the quota does not bind (so the title shows the eligibility).
@Suite struct BatchRulesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var history: [String] = []
        var months = 12
        var leave = ""
        var duty = "HTXSNV"
        var discipline = ""
        var initiatives = 1
        var benefit = 100_000_000
        /// ldtt, cstdcs_eligible, cstd_tinh_eligible, title
        var expected: (String, String, String, String)
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "exactly 10 months is enough", months: 10, initiatives: 0, expected: ("1", "0", "0", "LDTT")),
        Case(name: "9 months without maternity leave is not", months: 9, leave: "KHAC", initiatives: 0, expected: ("0", "0", "0", "")),
        Case(name: "maternity leave with 6 months counts as worked", months: 6, leave: "THAI_SAN", initiatives: 0, expected: ("1", "0", "0", "LDTT")),
        Case(name: "illness leave with 6 months does not", months: 6, leave: "OM_DAU", initiatives: 0, expected: ("0", "0", "0", "")),
        Case(name: "HTNV is not good enough for LDTT", duty: "HTNV", initiatives: 0, expected: ("0", "0", "0", "")),
        Case(name: "HTTNV gives LDTT but not CSTDCS", duty: "HTTNV", expected: ("1", "0", "0", "LDTT")),
        Case(name: "a reprimand removes every title", history: ["CSTDCS", "CSTDCS"], discipline: "KHIEN_TRACH", expected: ("0", "0", "0", "")),
        Case(name: "HTXSNV without an initiative stays LDTT", initiatives: 0, benefit: 0, expected: ("1", "0", "0", "LDTT")),
        Case(name: "HTXSNV with an initiative is CSTDCS", expected: ("1", "1", "0", "CSTDCS")),
        Case(name: "two CSTDCS years and exactly 100,000,000 give CSTD_TINH", history: ["CSTDCS", "CSTDCS"], expected: ("1", "1", "1", "CSTD_TINH")),
        Case(name: "CSTD_TINH years continue the streak", history: ["CSTD_TINH", "CSTDCS"], expected: ("1", "1", "1", "CSTD_TINH")),
        Case(name: "99,999,000 is below the benefit threshold", history: ["CSTDCS", "CSTDCS"], benefit: 99_999_000, expected: ("1", "1", "0", "CSTDCS")),
        Case(name: "one CSTDCS year is not a streak of two", history: ["LDTT", "CSTDCS"], expected: ("1", "1", "0", "CSTDCS")),
        Case(name: "the streak counts back from 2024 and stops at the first other title", history: ["CSTDCS", "CSTDCS", "LDTT"], expected: ("1", "1", "0", "CSTDCS")),
        Case(name: "a missing year ends the streak", history: ["CSTDCS", "CSTDCS", "MISSING", "CSTDCS"], expected: ("1", "1", "0", "CSTDCS")),
        Case(name: "a nine-month maternity year with a streak still reaches CSTD_TINH", history: ["CSTDCS", "CSTD_TINH", "CSTDCS"], months: 9, leave: "THAI_SAN", benefit: 250_000_000, expected: ("1", "1", "1", "CSTD_TINH")),
    ]

    /// The case's person P000001 among 40 plain LDTT colleagues (quota 6, never binding here).
    static func run(_ c: Case) throws -> [String] {
        var b = RecordsBuilder()
        var history: [(Int, String)] = []
        for (k, t) in c.history.reversed().enumerated() where t != "MISSING" { history.append((2024 - k, t)) }
        for (year, title) in history.sorted(by: { $0.0 < $1.0 }) { b.row("P000001", year: year, title: title) }
        b.row("P000001", months: c.months, leave: c.leave, duty: c.duty, discipline: c.discipline, initiatives: c.initiatives,
              benefit: c.benefit)
        for i in 2...41 { b.person("P" + String(format: "%06d", i)) }
        let result = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider())
        return try #require(result.rowsByID["P000001"])
    }

    @Test("Eligibility at the rule edges", arguments: cases)
    func edge(_ c: Case) throws {
        let row = try Self.run(c)
        #expect(row[2] == c.expected.0, "ldtt")
        #expect(row[3] == c.expected.1, "cstdcs_eligible")
        #expect(row[4] == c.expected.2, "cstd_tinh_eligible")
        #expect(row[5] == "0", "quota_cut")
        #expect(row[6] == c.expected.3, "title")
    }

    @Test("The plain reference agrees with every edge case")
    func referenceAgrees() throws {
        for c in Self.cases {
            var b = RecordsBuilder()
            for (k, t) in c.history.enumerated() where t != "MISSING" {
                b.row("P000001", year: 2025 - c.history.count + k, title: t)
            }
            b.row("P000001", months: c.months, leave: c.leave, duty: c.duty, discipline: c.discipline, initiatives: c.initiatives,
                  benefit: c.benefit)
            let p = try #require(BatchReference.persons(b.csv).first)
            #expect([p.ldtt, p.cstdcs, p.tinh].map { $0 ? "1" : "0" } == [c.expected.0, c.expected.1, c.expected.2], "\(c.name)")
        }
    }

    @Test("A person without a 2025 row gets no decision; the last 2025 row of a person counts")
    func evaluationRows() throws {
        var b = RecordsBuilder()
        b.row("P000001", year: 2024, title: "LDTT")
        b.row("P000002", year: 2025, duty: "KHTNV")
        b.row("P000002", year: 2025, duty: "HTTNV")
        let result = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider())
        #expect(result.persons == 1)
        #expect(result.rowsByID["P000002"]?[6] == "LDTT")
        #expect(result.rowsByID["P000001"] == nil)
    }

    @Test("SpecDecider decides from a bare fact row")
    func specDeciderRow() {
        let d = SpecDecider()
        var row: [Int64] = [6, d.intern("THAI_SAN"), d.intern("HTXSNV"), 0, 2, 100_000_000, 2]
        #expect(row.count == W3Slot.count)
        let tinh = row.withUnsafeBufferPointer { d.decide(W3Facts(row: $0)) }
        #expect(tinh == TitleDecision(ldtt: true, cstdcs: true, cstdTinh: true))
        #expect(tinh.titleWithoutQuota == "CSTD_TINH")
        row[W3Slot.discipline.rawValue] = d.intern("CANH_CAO")
        let none = row.withUnsafeBufferPointer { d.decide(W3Facts(row: $0)) }
        #expect(none == TitleDecision(ldtt: false, cstdcs: false, cstdTinh: false))
        #expect(none.titleWithoutQuota == "")
        #expect(W3Slot.allCases.map(\.name) == ["months_worked", "leave_reason", "duty_rating", "discipline", "initiatives",
                                                "initiative_benefit_vnd", "consec_cstdcs"])
    }
}
