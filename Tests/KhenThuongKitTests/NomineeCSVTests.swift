import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The full nominee CSV profile: round trips with JSON, errors with line and column.
@Suite struct NomineeCSVTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func temp(_ text: String, _ name: String = "nominees.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The nominee with each list stably grouped by year, the order the CSV gives back.
    static func grouped(_ n: NomineeFacts) -> NomineeFacts {
        func byYear<T>(_ items: [T], _ year: (T) -> Int) -> [T] {
            items.enumerated().sorted { (year($0.element), $0.offset) < (year($1.element), $1.offset) }.map(\.element)
        }
        switch n {
        case .individual(var p):
            p.awards = byYear(p.awards, \.year)
            p.proceedings = byYear(p.proceedings, \.opened.year)
            p.initiatives = byYear(p.initiatives, \.recognised.year)
            return .individual(p)
        case .collective(var c):
            c.awards = byYear(c.awards, \.year)
            c.proceedings = byYear(c.proceedings, \.opened.year)
            return .collective(c)
        }
    }

    /// Nominees through CSV and back.
    static func throughCSV(_ nominees: [NomineeFacts]) throws -> [NomineeFacts] {
        let path = try temp(NomineeCSVExporter.export(nominees))
        let (back, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.isEmpty, "\(findings.prefix(3).map { $0.rendered(.en) })")
        return try #require(back)
    }

    static func sampleNominees() throws -> [NomineeFacts] {
        let (loaded, findings) = NomineeLoader.load(path: TestSupport.workflowsDirectory + "/samples/nominees-2025.json")
        return try #require(loaded, "\(findings.map { $0.rendered(.en) })")
    }

    @Test("JSON → CSV → JSON keeps every fact of the sample nominees and of every rule-set case")
    func jsonRoundTrip() throws {
        let rules = try ShippedRules.rules()
        // Cases reuse ids (P1 …): number them apart so each stays its own nominee.
        let cases = rules.cases.enumerated().map { k, c -> NomineeFacts in
            switch c.nominee {
            case .individual(var p): p.id = "C\(k)-\(p.id)"; return .individual(p)
            case .collective(var t): t.id = "C\(k)-\(t.id)"; return .collective(t)
            }
        }
        let nominees = try Self.sampleNominees() + cases
        #expect(nominees.count > 20)
        let back = try Self.throughCSV(nominees)
        #expect(back == nominees.map(Self.grouped))
        #expect(NomineeExporter.export(back) == NomineeExporter.export(nominees.map(Self.grouped)))
    }

    @Test("A nominee with every kind of fact, and text with commas, quotes, bars and line breaks, survives the round trip")
    func richRoundTrip() throws {
        let (loaded, _) = NomineeLoader.parse(NomineeFactsTests.sample, file: "n.json")
        var nominees = try #require(loaded)
        guard case .individual(var p) = nominees[0] else { Issue.record("not an individual"); return }
        p.initiatives[0].title = "Cải tiến \"khuôn\", dao | cắt\\mới\r\ndòng 2"
        p.proposer = "LDLD-HN"
        p.years[2025]?.disciplines.append(Discipline(level: .warning, date: try CivilDate(parsing: "2025-09-01")))
        nominees[0] = .individual(p)
        nominees.append(.individual(Individual(id: "Z1", name: "Chưa có dữ liệu năm", unit: "U9", continuousService: false, unionMember: false)))
        nominees.append(.collective(Collective(id: "T9", name: "Tổ 9", unit: "U9", bloc: "K2", proposer: "LDLD-HCM")))
        let back = try Self.throughCSV(nominees)
        #expect(back == nominees.map(Self.grouped))
    }

    @Test("CSV → JSON → CSV is byte for byte the same file, with a byte-order mark and CRLF")
    func csvRoundTrip() throws {
        let (loaded, _) = NomineeLoader.parse(NomineeFactsTests.sample, file: "n.json")
        let csv = NomineeCSVExporter.export(try Self.sampleNominees() + (try #require(loaded)))
        #expect(csv.hasPrefix("\u{FEFF}kind,id,name,unit,"))
        #expect(csv.utf8.count > 0 && csv.hasSuffix("\r\n"))
        let fromCSV = try #require(NomineeCSVLoader.load(path: try Self.temp(csv)).0)
        let json = NomineeExporter.export(fromCSV)
        let (fromJSON, findings) = NomineeLoader.parse(json, file: "x.json")
        #expect(findings.isEmpty)
        #expect(NomineeCSVExporter.export(try #require(fromJSON)) == csv)
    }

    @Test("The shipped CSV sample is the export of the JSON sample, so the two stay in step")
    func shippedSample() throws {
        // Bytes, not a String: Foundation drops the byte-order mark when decoding.
        let csv = try Data(contentsOf: URL(fileURLWithPath: TestSupport.workflowsDirectory + "/samples/nominees-2025.csv"))
        #expect(csv == Data(NomineeCSVExporter.export(try Self.sampleNominees()).utf8))
    }

    @Test("The header tells the profiles apart")
    func profileDetection() throws {
        #expect(NomineeCSV.profile(path: TestSupport.fixturesDirectory.appendingPathComponent("bench-400.csv").path) == .benchmark)
        #expect(NomineeCSV.profile(path: try Self.temp(NomineeCSVExporter.export(try Self.sampleNominees()))) == .full)
    }

    static let header = "kind,id,name,unit,hire_date,year,duty_rating,months_worked"
    static let goodRow = "individual,P1,Nguyễn Văn An,U1,2019-03-01,2025,HTXSNV,12"

    @Test("A bad cell is reported at its line and column with what is expected, and nothing loads", arguments: [
        ("individual,P2,Lê Bình,U1,2025-02-30,2025,HTXSNV,12", 5, "hire_date", "2025-02-30"),
        ("individual,P2,Lê Bình,U1,2019-03-01,2025,XUATSAC,12", 7, "duty_rating", "HTXSNV, HTTNV, HTNV, KHTNV"),
        ("individual,P2,Lê Bình,U1,2019-03-01,2025,HTXSNV,mười", 8, "months_worked", "0…12"),
        ("individual,P2,Lê Bình,U1,2019-03-01,2025,HTXSNV,13", 8, "months_worked", "not \"13\""),
        ("person,P2,Lê Bình,U1,2019-03-01,2025,HTXSNV,12", 1, "kind", "individual or collective"),
        ("individual,P1,Nguyễn Văn An,U2,2019-03-01,2024,HTXSNV,12", 4, "unit", "line 2"),
        ("individual,P1,Nguyễn Văn An,U1,2019-03-01,2025,HTTNV,12", 6, "year", "already has a row for 2025 (line 2)"),
    ])
    func badCell(row: String, column: Int, name: String, fragment: String) throws {
        let path = try Self.temp("\u{FEFF}" + [Self.header, Self.goodRow, row].joined(separator: "\r\n") + "\r\n")
        let (nominees, findings) = NomineeCSVLoader.load(path: path)
        #expect(nominees == nil)
        let f = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(f.location?.position.line == 3 && f.location?.position.column == column && f.location?.path == name)
        #expect(f.rendered(.en).contains(fragment), "\(f.rendered(.en))")
        #expect(f.rendered(.en).hasPrefix("\(path):3:\(column):"))
    }

    @Test("A missing required column or an unknown one is reported on the header line")
    func badHeader() throws {
        let path = try Self.temp("kind,id,name,hire_date,yaer\nindividual,P1,An,2019-03-01,2025\n")
        let (nominees, findings) = NomineeCSVLoader.load(path: path)
        #expect(nominees == nil)
        #expect(findings.map { "\($0.location!.position.line):\($0.location!.position.column) \($0.location!.path)" }
                == ["1:5 yaer", "1:1 unit", "1:1 year"])
        #expect(findings[1].rendered(.vi).contains("thiếu cột bắt buộc \"unit\""))
    }

    @Test("Parallel lists must have as many items as their key column")
    func parallelLists() throws {
        let header = "kind,id,name,unit,year,initiative_ids,initiative_recognised,initiative_benefit_vnd"
        let path = try Self.temp([header, "individual,P1,An,U1,2025,SK-1|SK-2,2025-03-01,5000"].joined(separator: "\n") + "\n")
        let (_, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.map { "\($0.location!.position.column) \($0.location!.path)" } == ["7 initiative_recognised"])
        let orphan = try Self.temp("kind,id,name,unit,year,award_ids,award_levels\nindividual,P1,An,U1,2025,,tinh\n")
        #expect(NomineeCSVLoader.load(path: orphan).1.map { $0.rendered(.en) } == ["\(orphan):2:7: error: award_levels: \"award_levels\" is filled but \"award_ids\" is empty; fill \"award_ids\" or clear this cell"])
        let good = try Self.temp([header, "individual,P1,An,U1,2025,SK-1|SK-2,2025-03-01|2025-04-01,5000|"].joined(separator: "\n") + "\n")
        guard case .individual(let p)? = try #require(NomineeCSVLoader.load(path: good).0).first else { Issue.record("no individual"); return }
        #expect(p.initiatives.map(\.benefitVND) == [5000, 0] && p.initiatives.map(\.level) == ["co_so", "co_so"])
    }

    @Test("A column for the other kind of nominee is refused")
    func wrongKindColumn() throws {
        let path = try Self.temp("kind,id,name,unit,year,months_worked,members_total\ncollective,T1,Tổ 1,U1,2025,12,10\n")
        let (_, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.map { "\($0.location!.position.column) \($0.location!.path)" } == ["6 months_worked"])
    }
}
