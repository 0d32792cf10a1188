import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongKit

/// The full nominee CSV profile and the JSON nominee file read a chunk of nominees at a time
/// (issue 15, item 3): the same nominees and findings as the whole-file readers, the same batch
/// output for any chunk size, and never more than a chunk handed on at once.
@Suite struct NomineeStreamTests {
    static let samples = TestSupport.workflowsDirectory + "/samples/"

    static func write(_ text: String, name: String) throws -> String {
        let dir = try TestSupport.scratchFolder("stream")
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The demo nominees (individuals with several years, initiatives, awards, collectives) in
    /// the full CSV profile: several rows per nominee.
    static func demoCSV() throws -> String {
        let demo = try #require(NomineeLoader.load(path: samples + "demo-nominees.json").0)
        let season = try #require(NomineeLoader.load(path: samples + "nominees-2025.json").0)
        return try write(NomineeCSVExporter.export(demo + season), name: "demo.csv")
    }

    static func files() throws -> [String] {
        [samples + "nominees-2025.csv", try demoCSV(), samples + "nominees-2025.json", samples + "demo-nominees.json"]
    }

    static func whole(_ path: String) -> ([NomineeFacts]?, [LintFinding]) {
        path.hasSuffix(".csv") ? NomineeCSVLoader.load(path: path) : NomineeLoader.load(path: path)
    }

    static func stream(_ path: String, chunk: Int, _ body: ([NomineeFacts]) -> Void) -> NomineeStreamEnd {
        path.hasSuffix(".csv") ? NomineeCSVLoader.stream(path: path, chunk: chunk, body) : NomineeLoader.stream(path: path, chunk: chunk, body)
    }

    static func input(_ path: String) -> NomineeInput { path.hasSuffix(".csv") ? .nomineeCSV(path: path) : .nomineeJSON(path: path) }

    static var format: VerdictStreamFormat { VerdictStreamFormat(header: "H\n", separator: "", footer: "F\n", empty: "E\n") { v in
        "\(v.nominee) \(v.award) \(v.outcome.rawValue) \(v.criteria.filter { $0.status == .fail }.map { $0.id + ": " + $0.rendered(.vi) }) \(v.notes.map(\.en))\n"
    } }

    @Test("Chunks of 1, 2 and 3 nominees hand on the whole reader's nominees, in order, never more than a chunk at once",
          arguments: [1, 2, 3])
    func sameNominees(_ chunk: Int) throws {
        for path in try Self.files() {
            let (all, findings) = Self.whole(path)
            #expect(findings.isEmpty, "\(path)")
            let expected = try #require(all)
            #expect(expected.count > 3)
            var got: [NomineeFacts] = [], calls = 0, largest = 0
            let end = Self.stream(path, chunk: chunk) { people in
                calls += 1
                largest = max(largest, people.count)
                got += people
            }
            guard case .read(let f) = end else { Issue.record("\(path) not streamed"); continue }
            #expect(f.isEmpty)
            #expect(got == expected, "\(path)")
            // The loader holds one chunk: the old whole read handed every nominee at once.
            #expect(largest == chunk)
            #expect(calls == (expected.count + chunk - 1) / chunk)
        }
    }

    @Test("The batch over a streamed file writes what the batch over the nominees in memory writes, for chunks of 1, 2, 3 and the default: 2025, and 2023 with the CSTĐCS quota's two passes (NĐ 91/2017 Điều 9 khoản 3)",
          arguments: [2023, 2025])
    func sameOutput(_ year: Int) throws {
        let rules = try ShippedRules.rules()
        let awards = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien"].filter { rules.ruleSets[$0] != nil }
        for path in try Self.files() {
            let people = try #require(Self.whole(path).0)
            var memory = ""
            let (a, fa) = rules.streamBatch(.loaded(people), awards: awards, year: year, format: Self.format, write: { memory += $0 })
            #expect(fa.isEmpty)
            for chunk in [1, 2, 3, 2048] {
                var streamed = ""
                let (b, fb) = rules.streamBatch(Self.input(path), awards: awards, year: year, format: Self.format, chunk: chunk,
                                                write: { streamed += $0 })
                #expect(fb.isEmpty)
                #expect(streamed == memory, "\(path) chunk \(chunk)")
                #expect(b?.counts == a?.counts)
                #expect(b?.nominees == people.count)
                #expect(b?.quotaDecisions == a?.quotaDecisions)
            }
        }
    }

    @Test("A bad cell, a repeated year and disagreeing identity in a later chunk of the full CSV profile: the whole reader's findings, file:line:column, nothing of the bad nominee handed on")
    func csvErrorsLater() throws {
        let good = try String(contentsOfFile: Self.samples + "nominees-2025.csv", encoding: .utf8)
        let lines = good.utf8.filter { $0 == 0x0A }.count + 1 // the line the added rows start on
        // Lines after the eleven good nominees: a bad duty rating; NV900's year twice with another name.
        let extra = "individual,NV900,Ngô Văn Tư,CDCS-DHBK,,,2015-03-01,,1,0,,1,2025,GIOI,12" + String(repeating: ",", count: 25) + "\r\n"
            + "individual,NV901,Đỗ Thị Hà,CDCS-DHBK,,,2015-03-01,,1,0,,1,2024,HTTNV,12" + String(repeating: ",", count: 25) + "\r\n"
            + "individual,NV901,Đỗ Thị Hạnh,CDCS-DHBK,,,2015-03-01,,1,0,,1,2024,HTTNV,12" + String(repeating: ",", count: 25) + "\r\n"
        let path = try Self.write(good + extra, name: "bad.csv")
        let (all, expected) = NomineeCSVLoader.load(path: path)
        #expect(all == nil)
        #expect(expected.count >= 3)
        var handed = 0
        let end = NomineeCSVLoader.stream(path: path, chunk: 2) { handed += $0.count }
        guard case .read(let findings) = end else { Issue.record("not streamed"); return }
        #expect(findings == expected)
        #expect(findings.first?.location?.position.line == lines)
        #expect(findings.first?.location?.position.column == 14) // duty_rating
        #expect(findings.contains { $0.location?.position.line == lines + 2 && $0.location?.path == "name" })
        #expect(findings.contains { $0.location?.position.line == lines + 2 && $0.location?.path == "year" })
        #expect(handed <= 10) // only whole chunks of good nominees before the bad row
        // The batch reports the same findings and no summary.
        let rules = try ShippedRules.rules()
        var out = ""
        let (summary, batchFindings) = rules.streamBatch(.nomineeCSV(path: path), awards: ["lao_dong_tien_tien"], year: 2025, format: Self.format, chunk: 2,
                                                         write: { out += $0 })
        #expect(summary == nil)
        #expect(batchFindings == expected)
    }

    @Test("Bad rows over many chunks read on several threads: the first maxFindings findings in file order, then a malformed record at the end, as the whole read reports them",
          arguments: [3, 50])
    func csvManyErrors(_ maxFindings: Int) throws {
        let good = try String(contentsOfFile: Self.samples + "nominees-2025.csv", encoding: .utf8)
        var extra = ""
        for k in 0..<12 {
            extra += "individual,NV9\(k),Ngô Văn Tư,CDCS-DHBK,,,2015-03-01,,1,0,,1,2025,\(k % 2 == 0 ? "GIOI" : "HTTNV"),12" + String(repeating: ",", count: 25) + "\r\n"
        }
        let path = try Self.write(good + extra + "individual,\"NV99,Ngô\r\n", name: "many.csv")
        let expected = NomineeCSVLoader.load(path: path, maxFindings: maxFindings).1
        #expect(expected.count == min(maxFindings, 7))
        for chunk in [1, 2, 3] {
            guard case .read(let findings) = NomineeCSVLoader.stream(path: path, chunk: chunk, maxFindings: maxFindings, { _ in }) else {
                Issue.record("not streamed"); continue
            }
            #expect(findings == expected, "chunk \(chunk)")
        }
    }

    @Test("A full-profile file whose nominee's rows are apart is read whole: the same output as the nominees in memory, after throwing away what was written")
    func csvRowsApart() throws {
        var lines = try String(contentsOfFile: try Self.demoCSV(), encoding: .utf8).components(separatedBy: "\r\n")
        // Move the second row of the first nominee with two rows to the end.
        let ids = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? "" }
        let k = try #require((2..<ids.count).first { ids[$0] == ids[$0 - 1] && !ids[$0].isEmpty })
        let moved = lines.remove(at: k)
        lines.insert(moved, at: lines.count - 1)
        let path = try Self.write(lines.joined(separator: "\r\n"), name: "apart.csv")
        let people = try #require(NomineeCSVLoader.load(path: path).0)
        guard case .whole = NomineeCSVLoader.stream(path: path, chunk: 1, { _ in }) else { Issue.record("streamed"); return }
        let rules = try ShippedRules.rules()
        var memory = "", streamed = "", restarts = 0
        _ = rules.streamBatch(.loaded(people), awards: ["lao_dong_tien_tien"], year: 2024, format: Self.format, write: { memory += $0 })
        let (summary, findings) = rules.streamBatch(.nomineeCSV(path: path), awards: ["lao_dong_tien_tien"], year: 2024, format: Self.format, chunk: 1,
                                                    write: { streamed += $0 }, restart: { restarts += 1; streamed = "" })
        #expect(findings.isEmpty)
        #expect(summary?.nominees == people.count)
        #expect(restarts == 1)
        #expect(streamed == memory)
        // Without a way to start again the batch refuses, saying why.
        let (none, refused) = rules.streamBatch(.nomineeCSV(path: path), awards: ["lao_dong_tien_tien"], year: 2024, format: Self.format, chunk: 1,
                                                write: { _ in })
        #expect(none == nil)
        #expect(refused.first?.message.en.contains("rows must be together") == true)
    }

    @Test("A bad fact, a duplicate id and malformed JSON in a later element: the whole reader's findings with line and column in the whole file",
          arguments: ["bad-date", "duplicate", "malformed", "trailing"])
    func jsonErrorsLater(_ what: String) throws {
        let text = try String(contentsOfFile: Self.samples + "nominees-2025.json", encoding: .utf8)
        let cut = try #require(text.range(of: "]", options: .backwards))
        let element: String
        switch what {
        case "bad-date": element = #"{"kind": "individual", "id": "NV950", "name": "Ngô Tư", "unit": "U1", "hireDate": "2015-02-30"}"#
        case "duplicate": element = #"{"kind": "individual", "id": "NV001", "name": "Ngô Tư", "unit": "U1"}"#
        default: element = #"{"kind": "individual", "id": "NV950", "name": "Ngô Tư", "unit": "U1" "hireDate": "2015-02-01"}"#
        }
        var body = String(text[..<cut.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines) + ",\n    " + element + "\n  " + String(text[cut.lowerBound...])
        if what == "trailing" { body = text + "\n{}" }
        let path = try Self.write(body, name: "bad.json")
        let (all, expected) = NomineeLoader.load(path: path)
        #expect(all == nil)
        #expect(!expected.isEmpty)
        #expect((expected.first?.location?.position.line ?? 0) > 10)
        var handed = 0
        let end = NomineeLoader.stream(path: path, chunk: 2) { handed += $0.count }
        guard case .read(let findings) = end else { Issue.record("not streamed"); return }
        #expect(findings == expected)
        let rules = try ShippedRules.rules()
        let (summary, batchFindings) = rules.streamBatch(.nomineeJSON(path: path), awards: ["lao_dong_tien_tien"], year: 2025, format: Self.format, chunk: 2,
                                                         write: { _ in })
        #expect(summary == nil)
        #expect(batchFindings == expected)
    }

    @Test("A JSON nominee file with other members around the array, strings with brackets and escapes, no line breaks: the same nominees; a key written with an escape is read whole")
    func jsonLayouts() throws {
        let tricky = #"{"kind": "individual", "id": "NV9\"}]", "name": "Ngô \\ Tư {[", "unit": "U1"}"#
        let collective = #"{"kind":"collective","id":"T1","name":"Tổ","unit":"U1"}"#
        let around = try Self.write("\u{FEFF}" + #"{"source": {"vi": "x]}", "n": [1, {"a": "}"}]}, "nominees":[\#(tricky),\#(collective)], "z": null}"#, name: "around.json")
        let expected = try #require(NomineeLoader.load(path: around).0)
        var got: [NomineeFacts] = []
        guard case .read(let f) = NomineeLoader.stream(path: around, chunk: 1, { got += $0 }) else { Issue.record("not streamed"); return }
        #expect(f.isEmpty)
        #expect(got.map(\.id) == ["NV9\"}]", "T1"])
        #expect(got == expected)
        // A bad value in another member is the whole read's finding.
        let badOther = try Self.write(#"{"source": {"vi": tru}, "nominees": [\#(collective)]}"#, name: "bad-other.json")
        let whole = NomineeLoader.load(path: badOther)
        #expect(whole.0 == nil)
        guard case .read(let bad) = NomineeLoader.stream(path: badOther, chunk: 1, { _ in Issue.record("handed on") }) else { Issue.record("not read"); return }
        #expect(bad == whole.1)
        let escaped = try Self.write(#"{"nomin\u0065es": [\#(collective)]}"#, name: "escaped.json")
        #expect(NomineeLoader.load(path: escaped).0 != nil)
        guard case .whole = NomineeLoader.stream(path: escaped, chunk: 1, { _ in }) else { Issue.record("streamed"); return }
    }
}
