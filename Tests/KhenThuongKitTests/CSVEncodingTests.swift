import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Issue 16, item 14: CSV files as Excel saves them — Windows-1258, UTF-16, `;`-separated —
/// are read right or refused with where and how to fix, before anything is written.
@Suite struct CSVEncodingTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-enc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let header = Array("kind,id,name,unit,year\r\n".utf8)
    /// “Nguyễn Thị Hoa” as Windows-1258 writes it: ê (0xEA) then the combining tilde (0xDE),
    /// “ị” as i then the combining dot below (0xF2).
    static let nguyen1258: [UInt8] = Array("individual,hoa,Nguy".utf8) + [0xEA, 0xDE] + Array("n Th".utf8) + [0x69, 0xF2] + Array(" Hoa,CDCS,2025\r\n".utf8)

    @Test("A Windows-1258 file read as it is is refused at the first bad byte (line, column, offset) with the fix; nothing is loaded")
    func windows1258Refused() throws {
        let path = try file("excel.csv", Self.header + Self.nguyen1258)
        let (list, findings) = NomineeCSVLoader.load(path: path)
        #expect(list == nil)
        let f = try #require(findings.first)
        #expect(f.location?.position == SourcePosition(line: 2, column: 20))
        #expect(f.location?.path == "byte \(Self.header.count + 19)")
        #expect(f.message.vi.contains("CSV UTF-8") && f.message.vi.contains("--encoding windows-1258"))
        #expect(f.message.en.contains("byte 0xEA at line 2, column 20"))
    }

    @Test("The same file with --encoding windows-1258 reads the Vietnamese name exactly (NFC)")
    func windows1258Converted() throws {
        let path = try file("excel.csv", Self.header + Self.nguyen1258)
        let (list, findings) = CSVInput.$encoding.withValue(.windows1258) { NomineeCSVLoader.load(path: path) }
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        #expect(list?.first?.name == "Nguyễn Thị Hoa")
        #expect(list?.first?.name.unicodeScalars.count == "Nguyễn Thị Hoa".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test("UTF-16 with its byte-order mark (little and big endian) is converted without being named")
    func utf16Detected() throws {
        let text = "kind,id,name,unit,year\r\nindividual,hoa,Nguyễn Thị Hoa,CDCS,2025\r\n"
        for (name, bom, units) in [("le.csv", [UInt8(0xFF), 0xFE], Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                                   ("be.csv", [UInt8(0xFE), 0xFF], Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })] {
            let path = try file(name, bom + units)
            let (list, findings) = NomineeCSVLoader.load(path: path)
            #expect(findings.isEmpty, "\(name): \(findings.map { $0.rendered(.en) })")
            #expect(list?.first?.name == "Nguyễn Thị Hoa", "\(name)")
        }
    }

    @Test("A ;-separated file (Excel in a Vietnamese locale) is read as columns, a comma inside a cell kept")
    func semicolonsRead() throws {
        let path = try file("vn.csv", Array("\u{FEFF}kind;id;name;unit;year\r\nindividual;hoa;Nguyễn, Thị Hoa;CDCS;2025\r\nindividual;\"b;c\";Lê Văn B;CDCS;2025\r\n".utf8))
        let (list, findings) = NomineeCSVLoader.load(path: path)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        #expect(list?.map(\.name) == ["Nguyễn, Thị Hoa", "Lê Văn B"] && list?.map(\.id) == ["hoa", "b;c"])
    }

    @Test("A UTF-8 file with a bad byte past the first chunk is refused too, with its line")
    func badByteLater() throws {
        var bytes = Self.header
        for i in 0..<3000 { bytes += Array("individual,p\(i),Người \(i),CDCS,2025\r\n".utf8) }
        let line = 3000 + 2
        bytes += Array("individual,x,Tr".utf8) + [0xE2, 0x28] + Array("n,CDCS,2025\r\n".utf8)
        #expect(bytes.count > CSVInput.firstChunk)
        let (list, findings) = NomineeCSVLoader.load(path: try file("late.csv", bytes))
        #expect(list == nil && findings.first?.location?.position == SourcePosition(line: line, column: 16), "\(findings.map { $0.rendered(.en) })")
    }

    @Test("dossier import of a Windows-1258 file is refused before anything is written")
    func importRefused() throws {
        let header = Array("award,year,nominee_id,nominee_name,addressee\r\n".utf8)
        let row = Array("lao_dong_tien_tien,2025,hoa,Nguy".utf8) + [0xEA, 0xDE] + Array("n,LDLD-HN\r\n".utf8)
        let path = try file("import.csv", header + row)
        #expect(throws: DossierImport.Problem.self) { try DossierImport.read(path: path, proposerUnit: "CDCS-DHBK") }
        let read = try CSVInput.$encoding.withValue(.windows1258) { try DossierImport.read(path: path, proposerUnit: "CDCS-DHBK") }
        #expect(read.first?.nominee.name == "Nguyễn")
    }

    @Test("The ;-to-, rewrite keeps quoted fields and quotes fields that hold a comma or a quote")
    func commaRewrite() {
        let out = CSVInput.commaSeparated(Array("a;\"b;c\";3,5;x\"y\r\n;;\n".utf8))
        #expect(String(decoding: out, as: UTF8.self) == "a,\"b;c\",\"3,5\",\"x\"\"y\"\r\n,,\n")
    }
}
