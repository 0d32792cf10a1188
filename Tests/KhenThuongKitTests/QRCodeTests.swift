import Foundation
import Testing
@testable import KhenThuongKit

/// The QR encoder against reference matrices made once by the `qrcode` package (PyPI) in
/// `Fixtures/qr/make-fixtures.py`: byte mode, levels L and M, versions 1 to 40, the mask the
/// penalty rules choose, and each of the eight masks forced.
@Suite struct QRCodeTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var text: String
        var level: String
        var fixedMask: Int?
        var version: Int
        var mask: Int
        var rows: [String]
        var description: String { "\(text.utf8.count) bytes, level \(level.uppercased()), version \(version)" + (fixedMask.map { ", mask \($0) forced" } ?? "") }
    }

    struct Fixtures: Decodable { var generator: String; var cases: [Case] }

    static let fixtures: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/qr/qr-fixtures.json")
        guard let data = try? Data(contentsOf: url), let f = try? JSONDecoder().decode(Fixtures.self, from: data) else { return [] }
        return f.cases
    }()

    @Test("The fixtures cover versions 1 to 40 and all eight masks")
    func coverage() {
        #expect(Set(Self.fixtures.map(\.version)).isSuperset(of: [1, 2, 7, 11, 21, 40]))
        #expect(Set(Self.fixtures.compactMap(\.fixedMask)) == Set(0..<8))
    }

    @Test("Each module, the version and the chosen mask are the reference encoder's", arguments: fixtures)
    func matchesReference(_ c: Case) throws {
        let code = try QRCode(text: c.text, level: c.level == "l" ? .low : .medium, mask: c.fixedMask)
        #expect(code.version == c.version)
        #expect(code.mask == c.mask)
        let rows = (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
        let differing = zip(rows, c.rows).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(rows.count == c.rows.count)
        #expect(differing == [], "rows that differ")
    }

    @Test("Reed–Solomon codewords of the standard's worked example (ISO/IEC 18004 Annex I: “01234567”, 1-M)")
    func reedSolomonExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ec = ReedSolomon.remainder(data, divisor: ReedSolomon.generator(degree: 10))
        #expect(ec == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("Data longer than version 40 holds is refused with the capacity")
    func tooLong() {
        #expect(throws: QRCodeError.tooLong(bytes: 2332, capacity: 2331)) { try QRCode(bytes: Array(repeating: 0x41, count: 2332), level: .medium) }
    }

    @Test("The SVG has the quiet zone and one path, and escapes its title")
    func svg() throws {
        let code = try QRCode(text: "HS-1", level: .medium)
        let svg = code.svg(title: "a<b")
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("<title>a&lt;b</title>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
    }
}
