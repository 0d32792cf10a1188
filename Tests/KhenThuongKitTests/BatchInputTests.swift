import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct BatchInputTests {
    @Test("Quoted fields are read as csv.reader reads them and written as csv.writer writes them")
    func quotedFields() throws {
        let csv = MiniSeason.header + "\r\n"
            + "P000001,\"Nguyễn, \"\"Hoa\"\"\nThị\",U0001,HNI,1,0,2024,12,,HTXSNV,,1,0,CSTDCS\r\n"
            + "\"P000001\",Nguyễn Thị Hoa,U0001,HNI,1,0,2025,12,,HTXSNV,,1,0,\r\n"
            + "P000002,Lê Văn An,\"U,02\",HNI,1,0,2025,\"12\",\"\",\"HTXSNV\",,\"2\",\"150000000\",\r\n"
            + "P000003,Trần Văn \"Bình\",U0001,HNI,1,0,2024,12,,HTTNV,,0,0,\"CSTD\"\"X\"\r\n"
            + "P000003,Trần Văn Bình,U0001,HNI,1,0,2025,12,,HTTNV,,0,0,\r\n"
        for threads in [1, 2] {
            let result = try W3Pipeline.run(csv: Array(csv.utf8), decider: SpecDecider(), options: W3Options(threads: threads))
            #expect(result.parts == 1, "a file with quotes is read in one pass")
            #expect(String(decoding: result.csv, as: UTF8.self) == """
                person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r
                P000001,U0001,1,1,0,1,LDTT\r
                P000002,"U,02",1,1,0,1,LDTT\r
                P000003,U0001,1,0,0,0,LDTT\r

                """)
        }
    }

    @Test("A quote is noticed wherever it is: past the look-ahead window's edge, far into a part, early; a tab is read as text",
          arguments: [0, 1, 2, 3])
    func quoteAnywhere(_ place: Int) throws {
        let season = MiniSeason.csv(people: 2500, units: 8, seed: 11)  // about 900 KB
        var lines = season.components(separatedBy: "\r\n")
        let headerBytes = lines[0].utf8.count + 2
        func start(_ k: Int) -> Int { lines[..<k].reduce(0) { $0 + $1.utf8.count + 2 } }
        // The first line starting at or after byte `target` of the data.
        let target = [(256 << 10) - 300, 700_000, 5000, 3000][place]
        var k = 1
        while start(k) < headerBytes + target { k += 1 }
        if place == 0 {
            // Pad line k-1 so that line k starts 4 bytes before the window's edge: its person
            // id is inside the window checked first, its quoted name past it.
            let edge = headerBytes + (256 << 10)
            let pad = edge - 4 - start(k)
            var f = lines[k - 1].components(separatedBy: ",")
            f[1] += String(repeating: " ", count: pad)
            lines[k - 1] = f.joined(separator: ",")
            #expect(start(k) == edge - 4)
        }
        var fields = lines[k].components(separatedBy: ",")
        fields[1] = place == 3 ? "Lê\tVăn" : "\"Lê, \"\"Văn\"\"\r\nAn\""
        lines[k] = fields.joined(separator: ",")
        let edited = lines.joined(separator: "\r\n")
        let expected = try W3Pipeline.run(csv: Array(season.utf8), decider: SpecDecider(), options: W3Options(threads: 1))
        for threads in [1, 2] {
            let r = try W3Pipeline.run(csv: Array(edited.utf8), decider: SpecDecider(), options: W3Options(threads: threads))
            #expect(r.csv == expected.csv)
            #expect(r.parts == (place == 3 ? threads : 1))
        }
        #expect(expected.persons > 2000)
    }

    @Test("A quoted field's line breaks count in the line numbers of later errors")
    func quotedLineBreaks() throws {
        let csv = MiniSeason.header + "\r\n"
            + "P000001,\"Hoa\r\nThị\r\n\",U0001,HNI,1,0,2024,12,,HTXSNV,,1,0,CSTDCS\r\n"
            + "P000001,Hoa,U0001,HNI,1,0,2025,x12,,HTXSNV,,1,0,\r\n"
        #expect(throws: W3InputError(line: 5, column: 8, columnName: "months_worked", message: "“x12” is not an integer")) {
            try W3Pipeline.run(csv: Array(csv.utf8), decider: SpecDecider())
        }
    }

    @Test("A quoted field left open is an error naming where the record starts")
    func unclosedQuote() throws {
        let csv = MiniSeason.header + "\r\nP000001,\"Hoa,U0001,HNI,1,0,2025,12,,HTXSNV,,1,0,\r\n"
        let error = try #require(throws: W3InputError.self) { try W3Pipeline.run(csv: Array(csv.utf8), decider: SpecDecider()) }
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(error.message.contains("not closed"))
    }

    @Test("A non-integer where an integer is expected names the line and the column, in whichever part it is",
          arguments: [(8, 5, "1O"), (7, 1500, "2O24"), (13, 1790, "1e6"), (12, 960, ""), (7, 3, "99999999999999999999")])
    func badInteger(_ column: Int, _ line: Int, _ text: String) throws {
        var line = line
        var lines = MiniSeason.csv().components(separatedBy: "\r\n")
        // Integers other than the year are read only on 2025 rows: move to the next one.
        if column != 7 { while !lines[line - 1].contains(",2025,") { line += 1 } }
        var fields = lines[line - 1].components(separatedBy: ",")
        fields[column - 1] = text
        lines[line - 1] = fields.joined(separator: ",")
        let bytes = Array(lines.joined(separator: "\r\n").utf8)
        let names = MiniSeason.header.components(separatedBy: ",")
        for threads in [1, 2, 4] {
            let error = try #require(throws: W3InputError.self) {
                try W3Pipeline.run(csv: bytes, decider: SpecDecider(), options: W3Options(threads: threads))
            }
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.columnName == names[column - 1])
            #expect(error.description.hasPrefix("line \(line), column \(column) (\(names[column - 1])): "))
        }
    }

    @Test("Integers may carry a sign and surrounding spaces")
    func lenientIntegers() throws {
        var b = RecordsBuilder()
        b.row("P000001", year: 2025, duty: "HTXSNV", initiatives: 1, benefit: 1)
        let csv = b.csv.replacingOccurrences(of: ",2025,12,", with: ", 2025 ,+12,")
        let result = try W3Pipeline.run(csv: Array(csv.utf8), decider: SpecDecider())
        #expect(result.rowsByID["P000001"]?[2...] == ["1", "1", "0", "1", "LDTT"], "eligible (then cut: a unit of one has quota 0)")
        #expect(RecordScanner<SpecDecider>.parseInteger("-42", 3) == -42)
        #expect(RecordScanner<SpecDecider>.parseInteger("9223372036854775807", 19) == Int64.max)
        #expect(RecordScanner<SpecDecider>.parseInteger("9223372036854775808", 19) == nil)
        #expect(RecordScanner<SpecDecider>.parseInteger("-9223372036854775808", 20) == Int64.min)
        #expect(RecordScanner<SpecDecider>.parseInteger("- 1", 3) == nil)
        #expect(RecordScanner<SpecDecider>.parseInteger("  ", 2) == nil)
    }

    @Test("A missing header column is named", arguments: RecordColumns.required)
    func missingColumn(_ name: String) throws {
        let csv = MiniSeason.csv(people: 3).replacingOccurrences(of: name, with: name + "_x")
        #expect(throws: W3InputError(line: 1, columnName: name, message: "the header has no column \(name)")) {
            try W3Pipeline.run(csv: Array(csv.utf8), decider: SpecDecider())
        }
    }

    @Test("Columns are found by name, in any order")
    func columnOrder() throws {
        let season = MiniSeason.csv(people: 120)
        let order = [13, 6, 0, 2, 9, 1, 12, 3, 4, 5, 7, 8, 10, 11]
        let shuffled = season.components(separatedBy: "\r\n").map { line -> String in
            guard !line.isEmpty else { return line }
            let f = line.components(separatedBy: ",")
            return order.map { f[$0] }.joined(separator: ",")
        }.joined(separator: "\r\n")
        let a = try W3Pipeline.run(csv: Array(season.utf8), decider: SpecDecider())
        let b = try W3Pipeline.run(csv: Array(shuffled.utf8), decider: SpecDecider(), options: W3Options(threads: 3))
        #expect(a.csv == b.csv)
    }

    @Test("A line with too few or too many fields is refused with its number", arguments: [1, 2])
    func fieldCounts(_ threads: Int) throws {
        let lines = MiniSeason.csv().components(separatedBy: "\r\n")
        var few = lines, many = lines
        few[6] = few[6].components(separatedBy: ",").dropLast().joined(separator: ",")
        many[1200] += ",extra"
        let e1 = try #require(throws: W3InputError.self) {
            try W3Pipeline.run(csv: Array(few.joined(separator: "\r\n").utf8), decider: SpecDecider(), options: W3Options(threads: threads))
        }
        #expect(e1 == W3InputError(line: 7, message: "the line has 13 fields; the header has 14"))
        let e2 = try #require(throws: W3InputError.self) {
            try W3Pipeline.run(csv: Array(many.joined(separator: "\r\n").utf8), decider: SpecDecider(), options: W3Options(threads: threads))
        }
        #expect(e2 == W3InputError(line: 1201, message: "the line has more fields than the header (14)"))
    }

    @Test("An empty file or a missing file is refused")
    func emptyInput() throws {
        #expect(throws: W3InputError(line: 1, message: "the first line is empty; a header row is expected")) {
            try W3Pipeline.run(csv: [], decider: SpecDecider())
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("w3-empty-\(getpid()).csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: W3InputError(line: 1, message: "the file is empty; a header row is expected")) {
            try W3Pipeline.run(input: path, decider: SpecDecider())
        }
        #expect(throws: (any Error).self) { try W3Pipeline.run(input: path + ".missing", decider: SpecDecider()) }
    }

    @Test("A header alone gives a header alone")
    func headerOnly() throws {
        let result = try W3Pipeline.run(csv: Array((MiniSeason.header + "\r\n").utf8), decider: SpecDecider(),
                                        options: W3Options(threads: 2))
        #expect(String(decoding: result.csv, as: UTF8.self)
            == "person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r\n")
        #expect(result.persons == 0)
    }

    @Test("Long person ids, unit ids of other shapes and long string facts are handled")
    func otherShapes() throws {
        var b = RecordsBuilder()
        let longID = "PERSON-" + String(repeating: "9", count: 90)
        b.person(longID, unit: "CDCS-DHBK", duty: "HTXSNV", initiatives: 1, benefit: 5)
        b.person("P2", unit: "U12", duty: "HTXSNV", discipline: "MOT_HINH_THUC_KY_LUAT_RAT_DAI")
        b.person("P3", unit: "U0012")
        b.person("P4", unit: "U12")
        let result = try W3Pipeline.run(csv: b.bytes, decider: SpecDecider())
        #expect(String(decoding: result.csv, as: UTF8.self) == BatchReference.decisions(b.csv))
        #expect(result.rowsByID["P3"]?[1] == "U0012")
        #expect(result.rowsByID["P4"]?[1] == "U12")
    }
}
