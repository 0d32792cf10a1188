import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongKit

/// The benchmark CSV read in chunks of whole people on every thread (issue 15, item 3): the
/// same people, the same output, and a bad or out-of-order row reported as the streaming
/// reader reports it.
@Suite struct BatchChunkTests {
    static func write(_ text: String) throws -> String {
        let dir = try TestSupport.scratchFolder("chunks")
        let path = dir.appendingPathComponent("records.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// 4 000 people, about 1.4 MB: two chunks of the default size.
    static let season = MiniSeason.csv(people: 4000, units: 12, seed: 5)

    static var format: VerdictStreamFormat { VerdictStreamFormat(header: "H\n", separator: "", footer: "F\n", empty: "E\n") { v in
        "\(v.nominee) \(v.award) \(v.outcome.rawValue) \(v.criteria.filter { $0.status == .fail }.map(\.id)) \(v.notes.map(\.en))\n"
    } }

    @Test("Chunks cut anywhere read the same people, in the same order, as the whole-file reader", arguments: [300, 5000, 1 << 20])
    func samePeople(_ chunkBytes: Int) throws {
        let path = try Self.write(MiniSeason.csv(people: 300, units: 6, seed: 3))
        let (whole, findings) = BenchmarkCSVLoader.load(path: path)
        #expect(findings.isEmpty)
        let expected = try #require(whole)
        let chunks = try #require(BenchmarkCSVLoader.Chunks(path: path, chunkBytes: chunkBytes))
        var people: [NomineeFacts] = [], ids: [String] = [], parts = 0
        while let (bytes, _) = chunks.next() {
            parts += 1
            people += try #require(chunks.people(bytes, ids: &ids)).facts()
        }
        #expect(people == expected)
        #expect(ids == expected.map(\.id))
        #expect(chunkBytes > 5000 ? parts == 1 : parts > 10)
    }

    @Test("A file with a quote is left to the streaming reader")
    func quotedNotChunked() throws {
        let path = try Self.write(MiniSeason.header + "\r\nP1,\"Lê, An\",U1,HNI,1,0,2025,12,,HTXSNV,,0,0,\r\n")
        #expect(BenchmarkCSVLoader.Chunks(path: path) == nil)
    }

    @Test("The chunked batch writes what the batch over the people in memory writes: 2025, and 2023 with the CSTĐCS quota's two passes (NĐ 91/2017 Điều 9 khoản 3)",
          arguments: [2023, 2025])
    func sameOutput(_ year: Int) throws {
        let rules = try ShippedRules.rules()
        let path = try Self.write(Self.season)
        #expect(BenchmarkCSVLoader.Chunks(path: path) != nil)
        let people = try #require(BenchmarkCSVLoader.load(path: path).0)
        let awards = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]
        var memory = "", chunked = ""
        let (a, fa) = rules.streamBatch(.loaded(people), awards: awards, year: year, format: Self.format, write: { memory += $0 })
        let (b, fb) = rules.streamBatch(.benchmarkCSV(path: path), awards: awards, year: year, format: Self.format, write: { chunked += $0 })
        #expect(fa.isEmpty && fb.isEmpty)
        #expect(chunked == memory)
        #expect(b?.nominees == 4000 && a?.nominees == 4000)
        #expect(b?.counts == a?.counts)
        #expect(b?.quotaDecisions == a?.quotaDecisions)
        #expect(year == 2025 || (b?.quotaDecisions ?? 0) > 0)
    }

    @Test("A person's rows apart, across chunks or within one, or a bad cell in the second chunk: the streaming reader's findings, no summary",
          arguments: [0, 1, 2])
    func badRows(_ kind: Int) throws {
        var lines = Self.season.components(separatedBy: "\r\n")
        switch kind {
        case 0: lines.append(lines.remove(at: 1))                    // P000001's first row at the end (another chunk)
        case 1: lines.insert(lines.remove(at: 1), at: 40)            // within the first chunk
        default:                                                     // a year that is not a number, near the end
            var fields = lines[lines.count - 10].components(separatedBy: ",")
            fields[6] = "20x5"
            lines[lines.count - 10] = fields.joined(separator: ",")
        }
        let path = try Self.write(lines.joined(separator: "\r\n"))
        let expected = BenchmarkCSVLoader.stream(path: path) { _ in }
        #expect(!expected.isEmpty)
        let (summary, findings) = try ShippedRules.rules().streamBatch(.benchmarkCSV(path: path), awards: ["lao_dong_tien_tien"], year: 2025,
                                                                       format: Self.format, write: { _ in })
        #expect(summary == nil)
        #expect(findings == expected)
        #expect(findings.first?.message.en.contains(kind == 2 ? "must be an integer" : "must be consecutive") == true)
    }
}
