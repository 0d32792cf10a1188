import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct NomineeFactsTests {
    static let sample = """
    {"nominees": [
      {"kind": "individual", "id": "P000001", "name": "Nguyễn Thị Hoa", "unit": "U0001", "hireDate": "2019-03-01",
       "leader": true, "education": "DAI_HOC",
       "years": {"2024": {"duty": "HTXSNV", "monthsWorked": 12},
                 "2025": {"duty": "HTTNV", "monthsWorked": 6, "leave": "THAI_SAN",
                          "discipline": [{"level": "KHIEN_TRACH", "date": "2025-05-02"}]}},
       "proceedings": [{"kind": "complaint", "opened": "2025-02-01", "closed": null}],
       "initiatives": [{"id": "SK-1", "title": "Cải tiến khuôn", "level": "co_so", "recognised": "2024-06-01",
                        "benefitVND": 80000000, "usedFor": {"award": "chien_si_thi_dua_co_so", "year": 2024}}],
       "awards": [{"award": "chien_si_thi_dua_co_so", "year": 2024, "level": "co_so", "decision": "12/QĐ-CĐ",
                   "decisionDate": "2025-01-10", "period": {"from": "2024-01-01", "to": "2024-12-31"}},
                  {"award": "bang_khen_dot_xuat", "year": 2025, "adHoc": true}]},
      {"kind": "collective", "id": "T01", "name": "Tổ Cơ điện", "unit": "U0001", "bloc": "K1",
       "years": {"2025": {"duty": "HTXSNV", "members": {"total": 10, "ldtt": 7, "cstdcs": 1, "completedDuty": 10, "disciplined": 0}}},
       "proceedings": [], "awards": []}
    ]}
    """

    @Test("the documented nominee format loads every fact")
    func loadsSample() throws {
        let (loaded, findings) = NomineeLoader.parse(Self.sample, file: "n.json")
        #expect(findings.isEmpty)
        let nominees = try #require(loaded)
        guard case .individual(let p) = nominees[0], case .collective(let t) = nominees[1] else {
            Issue.record("wrong kinds")
            return
        }
        let hired = try CivilDate(parsing: "2019-03-01")
        #expect(p.isLeader && p.education == .university && p.hireDate == hired)
        #expect(p.years[2025] == YearRecord(duty: .good, monthsWorked: 6, leave: .maternity,
                                            disciplines: [Discipline(level: .reprimand, date: try CivilDate(parsing: "2025-05-02"))]))
        #expect(p.proceedings.first?.isPending(at: try CivilDate(parsing: "2025-12-31")) == true)
        #expect(p.initiatives.first?.usedFor == AwardUse(award: "chien_si_thi_dua_co_so", year: 2024))
        #expect(p.awards.map(\.isSteppingStone) == [true, false])
        #expect(p.awards.first?.intervalBaseYear == 2024)
        #expect(t.years[2025]?.members == MemberCounts(total: 10, ldtt: 7, cstdcs: 1, completedDuty: 10))
    }

    @Test("exporting and loading again gives the same nominees, and exporting twice gives the same text")
    func roundTrip() throws {
        let nominees = try #require(NomineeLoader.parse(Self.sample, file: "n.json").0)
        let text = NomineeExporter.export(nominees)
        let (again, findings) = NomineeLoader.parse(text, file: "out.json")
        #expect(findings.isEmpty)
        #expect(again == nominees)
        #expect(NomineeExporter.export(try #require(again)) == text)
    }

    @Test("bad values are reported with file, line:column, JSON path and the allowed codes", arguments: [
        (#"{"nominees": [{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": {"2025": {"duty": "XUAT_SAC"}}}]}"#,
         #"n.json:1:103: error: $.nominees[0].years.2025.duty: "duty" must be one of HTXSNV, HTTNV, HTNV, KHTNV (not "XUAT_SAC")"#),
        (#"{"nominees": [{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": {"2025": {"monthsWorked": 13}}}]}"#,
         #"n.json:1:111: error: $.nominees[0].years.2025.monthsWorked: "monthsWorked" must be within 0…12, not 13"#),
        (#"{"nominees": [{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "hireDate": "2025-02-30"}]}"#,
         #"n.json:1:88: error: $.nominees[0].hireDate: "hireDate": the date 2025-02-30 does not exist in the calendar; check the day and the month"#),
        (#"{"nominees": [{"kind": "team", "id": "P1", "name": "A", "unit": "U"}]}"#,
         #"n.json:1:24: error: $.nominees[0].kind: "kind" must be "individual" or "collective" (not "team")"#),
    ])
    func badValues(text: String, expected: String) {
        let (nominees, findings) = NomineeLoader.parse(text, file: "n.json")
        #expect(nominees == nil)
        #expect(findings.map { $0.rendered(.en) } == [expected])
    }

    static func csv(_ rows: [String]) throws -> String {
        let header = "person_id,full_name,unit_id,province,direct_worker,leader,year,months_worked,leave_reason,duty_rating,discipline,initiatives,initiative_benefit_vnd,title"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("elig-\(UInt64.random(in: 0...UInt64.max)).csv").path
        try ([header] + rows).joined(separator: "\r\n").appending("\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("benchmark CSV rows become individuals with yearly records, initiatives and titles as awards received")
    func benchmarkCSV() throws {
        let path = try Self.csv([
            "P000001,Nguyễn Thị Hoa,U0001,HNI,1,0,2024,12,,HTXSNV,,2,150000000,CSTDCS",
            "P000001,Nguyễn Thị Hoa,U0001,HNI,1,0,2025,6,THAI_SAN,HTTNV,KHIEN_TRACH,0,0,",
            "P000002,Trần Văn Nam,U0002,HCM,0,1,2025,12,,HTNV,,0,0,",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (loaded, findings) = BenchmarkCSVLoader.load(path: path)
        #expect(findings.isEmpty)
        let nominees = try #require(loaded)
        #expect(nominees.map(\.id) == ["P000001", "P000002"])
        guard case .individual(let p) = nominees[0], case .individual(let q) = nominees[1] else { return }
        #expect(p.years[2025] == YearRecord(duty: .good, monthsWorked: 6, leave: .maternity,
                                            disciplines: [Discipline(level: .reprimand, date: try CivilDate(parsing: "2025-07-01"))]))
        #expect(p.initiatives.map(\.id) == ["P000001-2024-1", "P000001-2024-2"])
        #expect(p.initiatives.map(\.benefitVND) == [150_000_000, 0])
        #expect(p.awards == [ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2024)])
        #expect(q.isLeader && q.awards.isEmpty)
    }

    @Test("a bad CSV row fails the whole load and is reported with its line, column and column name")
    func benchmarkCSVBadRows() throws {
        let path = try Self.csv([
            "P000001,Nguyễn Thị Hoa,U0001,HNI,1,0,2024,12,,HTXSNV,,0,0,",
            "P000001,Nguyễn Thị Hoa,U0001,HNI,1,0,2025,14,,HTXSNV,,0,0,",
            "P000002,Trần Văn Nam,U0002,HCM,0,1,2025,12,,TOT,,0,0,CSTD",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (loaded, findings) = BenchmarkCSVLoader.load(path: path)
        #expect(loaded == nil)
        #expect(findings.map { $0.rendered(.en) } == [
            "\(path):3:8: error: months_worked: \"months_worked\" must be an integer within 0…12, not \"14\"",
            "\(path):4:10: error: duty_rating: \"duty_rating\" must be one of HTXSNV, HTTNV, HTNV, KHTNV (not \"TOT\")",
            "\(path):4:14: error: title: \"title\" must be LDTT, CSTDCS, CSTD_TINH or empty (not \"CSTD\")",
        ])
    }
}
