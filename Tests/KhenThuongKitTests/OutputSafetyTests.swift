import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Issue 16, items 11 and 12: what the tool writes cannot be turned against its reader, and it
/// never writes outside the folder it was given nor over a file it did not write.
@Suite struct OutputSafetyTests {
    // MARK: Item 11 — CSV formula injection (OWASP "CSV Injection")

    @Test("A text cell that a spreadsheet would run as a formula gets a leading apostrophe; the reader takes it off again",
          arguments: ["=HYPERLINK(\"http://x\",\"y\")", "+84 912 345 678", "-2+3", "@SUM(A1)", "\tTAB", "\r=1", "'=already", "''@x"])
    func formulaCellsNeutralised(_ cell: String) {
        let written = CSVWriter.neutralised(cell)
        #expect(written == "'" + cell)
        #expect(CSVWriter.restored(written) == cell)
    }

    @Test("Numbers the tool writes stay numbers, and ordinary text is written as it is",
          arguments: ["-12", "+3", "0.5", "-0,5", "702000", "Nguyễn Thị Hoa", "'plain", "", "a=b", "-"])
    func numbersAndTextUntouched(_ cell: String) {
        let expected = cell == "-" ? "'-" : cell
        #expect(CSVWriter.neutralised(cell) == expected)
        #expect(CSVWriter.restored(CSVWriter.neutralised(cell)) == cell)
    }

    @Test("A row through the one writer: a formula name is neutralised and quoted where needed; a negative amount is not")
    func rowThroughTheWriter() {
        var w = CSVWriter()
        w.row(["=1+1", "-702000", "a,b"])
        #expect(w.text == "\u{FEFF}'=1+1,-702000,\"a,b\"\r\n")
    }

    @Test("eligibility export of a nominee named =HYPERLINK(…) writes it neutralised, and the loader reads back the same name")
    func exportRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "=HYPERLINK(\"http://evil\",\"Bấm\")"
        let nominee = NomineeFacts.individual(Individual(id: "@x", name: name, unit: "-CDCS"))
        let text = NomineeCSVExporter.export([nominee])
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"Bấm\"\")\"") && text.contains("'@x") && text.contains("'-CDCS"))
        let path = folder.appendingPathComponent("n.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (list, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        #expect(list?.first?.name == name && list?.first?.id == "@x" && list?.first?.unit == "-CDCS")
    }

    // MARK: Item 15 — exports for Excel in a Vietnamese locale (`--excel`)

    @Test("The Excel dialect separates with ; and writes decimal commas; text and formula cells are treated as always")
    func excelDialect() {
        #expect(CSVWriter.line(["Nguyễn, Văn", "0.3", "-702000", "=x", "a;b", "1.404.000"], dialect: .excel)
                == "Nguyễn, Văn;0,3;-702000;'=x;\"a;b\";1.404.000")
        #expect(CSVWriter.line(["0.3", "-2.5"]) == "0.3,-2.5")
    }

    @Test("A report as CSV for Excel: ; between columns and a decimal comma in the multiplier column")
    func reportForExcel() {
        let doc = ReportDocument(title: "T", sentences: [], header: ["Danh hiệu", "Hệ số", "Số người"],
                                 rows: [["Lao động tiên tiến", "0.3", "12"]], bars: [], chartTitle: "")
        #expect(doc.csv(excel: true) == "\u{FEFF}Danh hiệu;Hệ số;Số người\r\nLao động tiên tiến;0,3;12\r\n")
        #expect(doc.csv() == "\u{FEFF}Danh hiệu,Hệ số,Số người\r\nLao động tiên tiến,0.3,12\r\n")
    }

    @Test("eligibility export --excel writes ; and the loader reads the file back the same")
    func excelExportReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-xl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let nominees = [NomineeFacts.individual(Individual(id: "hoa", name: "Nguyễn, Thị Hoa", unit: "CDCS-DHBK"))]
        let text = NomineeCSVExporter.export(nominees, excel: true)
        #expect(text.hasPrefix("\u{FEFF}kind;id;name;"))
        let path = folder.appendingPathComponent("x.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (list, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        #expect(list == nominees)
    }

    // MARK: Item 12 — outputs stay inside the folder named

    @Test("A scenario's output file may not be absolute nor climb out with ..; a plain name lands inside the folder",
          arguments: ["../outside.html", "/etc/passwd", "a/../../x.json", "~/x.html", ""])
    func scenarioOutputsStayInside(_ name: String) {
        let files = ScenarioFiles(inputDirectory: "/tmp/in", outputDirectory: "/tmp/out")
        #expect(throws: ScenarioFileError.self) { try files.output(name) }
    }

    @Test("A scenario output inside the folder is allowed")
    func scenarioOutputInside() throws {
        let files = ScenarioFiles(inputDirectory: "/tmp/in", outputDirectory: "/tmp/out")
        #expect(try files.output("bien-ban/01.html") == "/tmp/out/bien-ban/01.html")
    }

    @Test("A scenario never overwrites a file the tool did not write; one it wrote is replaced")
    func scenarioNeverOverwritesForeignFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bien-ban.html").path
        try "my own notes".write(toFile: path, atomically: true, encoding: .utf8)
        let ours: (String) -> Bool = { $0.contains("generator") }
        #expect(throws: ScenarioFileError.self) { try DossierRunner.write("<meta name=\"generator\">new", to: path, ours: ours) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my own notes")
        try "<meta name=\"generator\">old".write(toFile: path, atomically: true, encoding: .utf8)
        try DossierRunner.write("<meta name=\"generator\">new", to: path, ours: ours)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<meta name=\"generator\">new")
    }
}
