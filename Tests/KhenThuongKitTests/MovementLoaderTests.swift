import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The shipped movements load, round-trip and print back; broken definitions are
/// reported with file:line:column and the JSON path.
@Suite struct MovementLoaderTests {
    static let directory = StoreFixture.workflowsDirectory + "/movements"
    static let seedFiles = ["bt-2018-chao-mung-dai-hoi-xii.json", "kg-vinh-thuan-2022-mot-trieu-sang-kien.json",
                            "lc-2020-2025-muc-tieu-thi-dua-khen-thuong.json", "tv-2021-cnvcld-chien-thang-covid-19.json"]

    @Test("The shipped movements load without findings, each naming the text it was transcribed from")
    func seedsLoad() throws {
        let (movements, findings) = MovementLoader.loadDirectory(Self.directory)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        #expect(movements.map(\.source.file).sorted() == ["001_dad65f892d6f3294.txt", "002_efd589caf7eb4a3f.txt",
                                                          "003_fc8a3aa03fee8d87.txt", "004_6ad415b6dc8d76a7.txt"])
        let counts = Dictionary(uniqueKeysWithValues: movements.map { ($0.source.file, ($0.targets.count, $0.phases.count)) })
        #expect(counts["001_dad65f892d6f3294.txt"]! == (3, 0))
        #expect(counts["002_efd589caf7eb4a3f.txt"]! == (6, 0))
        #expect(counts["003_fc8a3aa03fee8d87.txt"]! == (16, 0))
        #expect(counts["004_6ad415b6dc8d76a7.txt"]! == (0, 2))
    }

    @Test("A shipped movement round-trips: load, canonical JSON, load again gives the same movement", arguments: seedFiles)
    func roundTrip(_ file: String) throws {
        let text = try String(contentsOfFile: Self.directory + "/" + file, encoding: .utf8)
        let (movement, canonical) = try MovementLoader.canonical(text, file: file)
        let again = try #require(MovementLoader.parse(canonical, file: "canonical").0)
        #expect(again == movement)
    }

    @Test("movement show prints every phase, occasion, theme, level and target of the JSON", arguments: seedFiles)
    func showIsFaithful(_ file: String) throws {
        let text = try String(contentsOfFile: Self.directory + "/" + file, encoding: .utf8)
        let root = try JSONParser.parse(text.nfc)
        let shown = MovementText.show(try #require(MovementLoader.parse(text, file: file).0), .vi)
        var expected: [String] = [try #require(root["name"]?["vi"]?.string), try #require(root["document"]?["number"]?.string)]
        // Absent lists are allowed; a list that is there must hold what the reader expects, or the test fails.
        for key in ["themes", "levels", "basis"] {
            for item in root[key]?.array ?? [] { expected.append(try #require(item["vi"]?.string, "\(key)")) }
        }
        for p in root["phases"]?.array ?? [] {
            expected.append(try #require(p["name"]?["vi"]?.string))
            for o in p["occasions"]?.array ?? [] { expected.append(try #require(o["vi"]?.string, "occasion")) }
        }
        for t in root["targets"]?.array ?? [] { expected += [try #require(t["text"]?["vi"]?.string), try #require(t["id"]?.string)] }
        #expect(expected.count > 4, "the movement file gives more than its name and number")
        for e in expected { #expect(shown.contains(e), "missing: \(e)") }
    }

    @Test("“trên” targets of the Lai Châu 2020–2025 plan are strict and “ít nhất / trở lên” ones are not")
    func seed003Comparisons() throws {
        let (m, _) = MovementLoader.load(path: Self.directory + "/lc-2020-2025-muc-tieu-thi-dua-khen-thuong.json")
        let movement = try #require(m)
        for t in movement.targets where t.kind != .qualitative {
            #expect((t.comparison == .greaterThan) == t.text.vi.contains("trên"), "\(t.id)")
        }
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var json: String; var rendered: String
        var testDescription: String { rendered }
    }

    static let valid = """
    {"id": "X", "name": {"vi": "X", "en": "X"}, "launchedBy": {"vi": "B", "en": "B"},
     "document": {"number": "1/KH", "date": "2022-01-01"}, "period": {"from": "2022-01-01", "to": "2022-12-31"},
     "phases": [], "themes": [], "levels": [],
     "targets": [TARGET],
     "source": {"file": "f.txt", "section": "II"}}
    """

    @Test("Broken definitions are reported with file:line:column, JSON path and a fix", arguments: [
        BadCase(json: "{\"id\": ", rendered: "m.json:1:8: lỗi: $: JSON không hợp lệ: tệp kết thúc đột ngột"),
        BadCase(json: valid.replacingOccurrences(of: "TARGET", with: #"{"id": "t", "kind": "percent", "goal": 5, "text": {"vi": "a", "en": "a"}}"#),
                rendered: "m.json:4:34: lỗi: $.targets[0].kind: loại chỉ tiêu \"percent\" không có"),
        BadCase(json: valid.replacingOccurrences(of: "TARGET", with: #"{"id": "t", "kind": "count", "text": {"vi": "a", "en": "a"}}"#),
                rendered: "m.json:4:14: lỗi: $.targets[0].goal: chỉ tiêu loại count cần \"goal\""),
        BadCase(json: valid.replacingOccurrences(of: "TARGET", with: #"{"id": "t", "kind": "share", "goal": 120, "text": {"vi": "a", "en": "a"}}"#),
                rendered: "m.json:4:51: lỗi: $.targets[0].goal: \"goal\" là phần trăm nên không quá 100"),
        BadCase(json: valid.replacingOccurrences(of: "TARGET", with: #"{"id": "t", "kind": "count", "goal": 5, "deadline": "2022-02-30", "text": {"vi": "a", "en": "a"}}"#),
                rendered: "m.json:4:66: lỗi: $.targets[0].deadline: \"deadline\" phải là ngày có thật"),
        BadCase(json: valid.replacingOccurrences(of: "\"phases\": []", with: #""phases": [{"number": 1, "from": "2021-12-01", "to": "2022-02-01", "name": {"vi": "a", "en": "a"}}]"#).replacingOccurrences(of: "TARGET", with: ""),
                rendered: "m.json:3:13: lỗi: $.phases[0]: đợt 1 nằm ngoài thời gian của phong trào"),
    ])
    func positionedErrors(_ c: BadCase) {
        let (movement, findings) = MovementLoader.parse(c.json, file: "m.json")
        #expect(movement == nil)
        let rendered = findings.map { $0.rendered(.vi) }
        #expect(rendered.contains { $0.hasPrefix(c.rendered) }, "\(rendered)")
    }
}
