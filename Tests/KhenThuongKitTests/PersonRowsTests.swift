import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongKit

/// The benchmark CSV read into typed rows (``PersonRows``, issue 15 item 1): the batch program
/// fills the fact row from them and the history functions read them, and every award of the
/// catalogue must be decided exactly as for the ``Individual`` the loader builds from the same
/// records.
@Suite struct PersonRowsTests {
    /// A season plus people with long histories (titles every year since 2014, initiatives,
    /// disciplines, leave), so the cycle, interval and count functions have something to count.
    static func csv() -> String {
        var text = MiniSeason.csv(people: 500, units: 6, seed: 11)
        let duties = ["HTXSNV", "HTXSNV", "HTTNV", "HTNV", "KHTNV"], titles = ["CSTDCS", "CSTDCS", "CSTD_TINH", "LDTT", ""]
        let disciplines = ["", "", "", "KHIEN_TRACH", "CANH_CAO"], leaves = ["", "", "THAI_SAN", "OM_DAU", ""]
        for i in 1...60 {
            for year in 2014...2025 where (year + i) % 7 != 0 || i % 3 != 0 {
                let duty = i % 4 == 0 ? duties[(year + i) % 5] : "HTXSNV"
                let title = year == 2025 ? "" : i % 2 == 0 ? "CSTDCS" : titles[(year * 3 + i) % 5]
                let discipline = i % 5 == 0 ? disciplines[(year + i) % 5] : ""
                let leave = i % 6 == 0 ? leaves[year % 5] : ""
                let months = leave.isEmpty ? 12 : 4 + year % 8
                let initiatives = (year + i) % 3, benefit = initiatives == 0 ? 0 : 10_000_000 * ((year * i) % 40)
                text += "L\(String(format: "%04d", i)),Trần Văn Lâu \(i),U\(i % 4),HNI,1,\(i % 9 == 0 ? 1 : 0),\(year),\(months),\(leave),"
                    + "\(duty),\(discipline),\(initiatives),\(benefit),\(title)\r\n"
            }
        }
        return text
    }

    static func typed(_ path: String) throws -> PersonRows {
        let chunks = try #require(BenchmarkCSVLoader.Chunks(path: path, chunkBytes: 1 << 24))
        let (bytes, _) = try #require(chunks.next())
        var ids: [String] = []
        #expect(chunks.next() == nil)
        return try #require(chunks.people(bytes, ids: &ids))
    }

    @Test("Typed rows decide every award of the catalogue as the individuals the loader builds: outcome, fact row, failing criteria, their explanations (vi and en) and notes — Luật 06/2022/QH15 Điều 23–24 and 71–74, NĐ 91/2017/NĐ-CP Điều 9–10 and 38–40, NĐ 98/2023/NĐ-CP Điều 4",
          arguments: [2016, 2022, 2023, 2024, 2025])
    func sameVerdicts(_ year: Int) throws {
        let rules = try BatchProgramTests.rules()
        let sets = rules.ruleSets.keys.sorted().map { rules.ruleSets[$0]! }
        let program = try #require(BatchProgram(sets, year: year, asOf: nil, schema: rules.schema))
        let path = try BatchChunkTests.write(Self.csv())
        let rows = try Self.typed(path)
        let people = try #require(BenchmarkCSVLoader.load(path: path).0)
        #expect(rows.count == people.count && rows.count == 560)
        let typed = BatchProgram.Scratch(program), facts = BatchProgram.Scratch(program)
        var failures = 0, outcomes: [String: Set<EligibilityOutcome>] = [:]
        for (k, p) in people.enumerated() {
            #expect(rows.facts(k) == p)
            #expect(rows.benefit(k, year: year) == Quota.benefit(of: p, for: "chien_si_thi_dua_co_so", year: year))
            program.run(rows, k, typed)
            program.run(p, facts)
            #expect(typed.row == facts.row, "\(p.id) \(year)")
            for a in sets.indices {
                let n = program.criterionCount(a)
                let failing = (0..<n).filter { program.fails(a, $0, typed) }
                #expect(program.outcome(a, typed) == program.outcome(a, facts), "\(p.id) \(sets[a].award) \(year)")
                #expect(failing == (0..<n).filter { program.fails(a, $0, facts) }, "\(p.id) \(sets[a].award) \(year)")
                for language in [Language.vi, .en] {
                    #expect(failing.map { program.reason(a, $0, typed, language) } == failing.map { program.reason(a, $0, facts, language) },
                            "\(p.id) \(sets[a].award) \(year)")
                }
                #expect(program.notes(a, typed) == program.notes(a, p, facts))
                failures += failing.count
                outcomes[sets[a].award, default: []].insert(program.outcome(a, typed))
            }
        }
        // The comparison must have something to compare: failures, and where a regime covers
        // the year, people eligible and not for the pair.
        #expect(failures > 500)
        if year >= 2022 {
            for award in ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"] {
                #expect(outcomes[award]?.isSuperset(of: [.eligible, .notEligible]) == true, "\(award) \(year)")
            }
        }
    }

    @Test("A person with two rows for one year is not read as typed rows (the streaming reader reports it with its line)")
    func duplicateYear() throws {
        let path = try BatchChunkTests.write(MiniSeason.header + "\r\nP1,An,U1,HNI,1,0,2025,12,,HTXSNV,,0,0,\r\nP1,An,U1,HNI,1,0,2025,12,,HTTNV,,0,0,\r\n")
        let chunks = try #require(BenchmarkCSVLoader.Chunks(path: path))
        let (bytes, _) = try #require(chunks.next())
        var ids: [String] = []
        #expect(chunks.people(bytes, ids: &ids) == nil)
        let findings = BenchmarkCSVLoader.stream(path: path) { _ in }
        #expect(findings.map(\.location?.position.line) == [3])
    }
}
