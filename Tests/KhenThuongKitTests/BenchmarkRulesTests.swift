import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The benchmark's W3 decision (its specification's rules) written as rule files
/// (`Fixtures/bench-rules/`), run through the loader, the engine and the quota.
@Suite struct BenchmarkRulesTests {
    static let directory = TestSupport.fixturesDirectory.appendingPathComponent("bench-rules").path

    /// The benchmark's W3 `decisions.csv` for the people of `nominees` in `year`.
    static func decisions(_ nominees: [NomineeFacts], year: Int, rules: EligibilityRules) -> String {
        let awards = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"]
        let people = nominees.filter { if case .individual(let p) = $0 { return p.years[year] != nil } else { return false } }
        let batch = rules.batch(people, awards: awards, year: year, explained: false)
        let cut = Set(batch.quota.filter { !$0.kept }.map(\.id))
        var out = "person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r\n"
        for (i, n) in people.enumerated() {
            let v = batch.verdicts[(3 * i)..<(3 * i + 3)].map { $0.outcome == .eligible }
            let cstdcsBeforeQuota = v[1] || cut.contains(n.id)
            let title = cut.contains(n.id) ? "LDTT" : v[1] ? (v[2] ? "CSTD_TINH" : "CSTDCS") : v[0] ? "LDTT" : ""
            out += "\(n.id),\(n.unit),\(v[0] ? 1 : 0),\(cstdcsBeforeQuota ? 1 : 0),\(v[2] ? 1 : 0),\(cut.contains(n.id) ? 1 : 0),\(title)\r\n"
        }
        return out
    }

    /// Set `KHENTHUONG_W3_CSV` to a `gen_dataset.py` file to check it against the reference
    /// digest (`KHENTHUONG_W3_SHA`, default the specification's 100k digest `e79b495e768763ca`).
    @Test("the benchmark rules load from data and reproduce the W3 decisions byte for byte when a generated file is given")
    func reproducesW3() throws {
        let (loaded, findings) = RuleSetLoader.loadDirectory(Self.directory)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        let rules = try #require(loaded)
        #expect(rules.ruleSets.count == 3)
        guard let csv = ProcessInfo.processInfo.environment["KHENTHUONG_W3_CSV"] else { return }
        let (nominees, csvFindings) = BenchmarkCSVLoader.load(path: csv)
        #expect(csvFindings.isEmpty)
        let text = Self.decisions(try #require(nominees), year: 2025, rules: rules)
        let digest = String(SHA256Digest.hex(Array(text.utf8)).prefix(16))
        #expect(digest == (ProcessInfo.processInfo.environment["KHENTHUONG_W3_SHA"] ?? "e79b495e768763ca"))
    }

    @Test("on a small file the W3 title follows the benchmark's rules: a person cut by the quota gets LĐTT")
    func smallW3() throws {
        let rules = try #require(RuleSetLoader.loadDirectory(Self.directory).0)
        let header = "person_id,full_name,unit_id,province,direct_worker,leader,year,months_worked,leave_reason,duty_rating,discipline,initiatives,initiative_benefit_vnd,title"
        var rows = [header]
        for i in 1...7 {
            let id = String(format: "P%06d", i)
            rows.append("\(id),Người \(i),U0001,HNI,1,0,2024,12,,HTXSNV,,1,1000,\(i == 1 ? "CSTDCS" : "LDTT")")
            rows.append("\(id),Người \(i),U0001,HNI,1,0,2025,12,,\(i <= 2 ? "HTXSNV" : "HTTNV"),,\(i <= 2 ? 1 : 0),\(i == 2 ? 5000 : 1000),")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("w3-\(UInt64.random(in: 0...UInt64.max)).csv").path
        try rows.joined(separator: "\r\n").appending("\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let nominees = try #require(BenchmarkCSVLoader.load(path: path).0)
        let lines = Self.decisions(nominees, year: 2025, rules: rules).split(separator: "\r\n").map(String.init)
        // 7 LĐTT → 15% = 1 place; P000002 has the larger benefit and keeps it, P000001 is cut
        #expect(lines[1] == "P000001,U0001,1,1,0,1,LDTT")
        #expect(lines[2] == "P000002,U0001,1,1,0,0,CSTDCS")
        #expect(lines[3] == "P000003,U0001,1,0,0,0,LDTT")
    }
}
