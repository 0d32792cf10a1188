import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct RuleSetLoaderTests {
    static func criterion(_ id: String, _ expression: String, confidence: String = "VERIFIED") -> String {
        #"{"id": "\#(id)", "text": {"vi": "T", "en": "T"}, "citation": {"document": "D"}, "confidence": "\#(confidence)", "expression": "\#(expression)"}"#
    }

    static func file(award: String = "lao_dong_tien_tien", _ regimes: [String]) -> String {
        #"{"award": "\#(award)", "version": "1.0.0", "regimes": [\#(regimes.joined(separator: ",\n"))]}"#
    }

    static func regime(_ id: String, from: Int, to: Int?, _ criteria: [String] = []) -> String {
        #"{"id": "\#(id)", "from": \#(from), \#(to.map { "\"to\": \($0), " } ?? "")"criteria": [\#(criteria.joined(separator: ", "))]}"#
    }

    static func findings(_ text: String) throws -> [String] {
        let rules = try ShippedRules.rules()
        let awards = try TestSupport.definitions().awards
        let (set, findings) = RuleSetLoader.parse(text, file: "r.json", schema: rules.schema, awards: awards)
        #expect(set == nil || findings.isEmpty)
        return findings.map { $0.rendered(.en) }
    }

    @Test("the loader reports each problem with file, line:column, JSON path and an exact sentence", arguments: [
        (file(award: "lao_dong_tien_tienn", [regime("a", from: 2017, to: nil)]),
         #"r.json:1:11: error: $.award: award "lao_dong_tien_tienn" is not in awards.json; did you mean "lao_dong_tien_tien"?"#),
        (file([regime("a", from: 2017, to: 2023), regime("b", from: 2023, to: nil)]),
         #"r.json:2:21: error: $.regimes[1].from: regime "b" overlaps regime "a" in 2023"#),
        (file([regime("a", from: 2017, to: 2021), regime("b", from: 2024, to: nil)]),
         #"r.json:2:21: error: $.regimes[1].from: no regime covers 2022–2023 (between "a" and "b")"#),
        (file([regime("a", from: 2017, to: nil, [criterion("x", "true"), criterion("x", "true")])]),
         #"r.json:1:235: error: $.regimes[0].criteria[1].id: criterion "x" is already defined at $.regimes[0].criteria[0]"#),
        (file([regime("a", from: 2017, to: nil, [criterion("x", "true", confidence: "SURE")])]),
         #"r.json:1:193: error: $.regimes[0].criteria[0].confidence: unknown confidence tag "SURE"; use one of VERIFIED, VERIFIED-Q, UNVERIFIED, MINISTRY-ONLY"#),
        (file([regime("a", from: 2017, to: nil, [criterion("x", "months_workd >= 10")])]),
         #"r.json:1:220: error: $.regimes[0].criteria[0].expression: unknown variable "months_workd"; did you mean "months_worked"?"#),
        (file([regime("a", from: 2017, to: nil, [criterion("x", #"months_worked >= param(\"no.such\")"#)])]),
         #"r.json:1:243: error: $.regimes[0].criteria[0].expression: there is no parameter "no.such" in params.json"#),
    ])
    func findings(text: String, expected: String) throws {
        let actual = try Self.findings(text)
        #expect(actual == [expected])
    }

    @Test("a well-formed file loads with its regimes sorted and picks the regime by achievement year")
    func regimeByYear() throws {
        let rules = try ShippedRules.rules()
        let text = Self.file([Self.regime("new", from: 2024, to: nil, [Self.criterion("x", "true")]), Self.regime("old", from: 2017, to: 2023)])
        let (set, findings) = RuleSetLoader.parse(text, file: "r.json", schema: rules.schema)
        #expect(findings.isEmpty)
        let loaded = try #require(set)
        #expect(loaded.regimes.map(\.id) == ["old", "new"])
        #expect(loaded.regime(for: 2023)?.id == "old")
        #expect(loaded.regime(for: 2024)?.id == "new")
        #expect(loaded.regime(for: 2016) == nil)
    }

    @Test("params.json values can be overridden by a deployment file; an unknown id is an error naming it")
    func parameterOverride() throws {
        let defaults = ShippedRules.directory + "/params.json"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("elig-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.json").path, bad = dir.appendingPathComponent("bad.json").path
        try #"{"params": [{"id": "cstdcs.quota.percent", "value": 20}]}"#.write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"params": [{"id": "cstdcs.quota.percentage", "value": 20}]}"#.write(toFile: bad, atomically: true, encoding: .utf8)

        let (params, findings) = Parameters.load(defaults: defaults, overrides: good)
        #expect(findings.isEmpty)
        #expect(params?.value("cstdcs.quota.percent") == 20)
        #expect(params?["cstdcs.quota.percent"]?.overriddenBy == good)
        #expect(params?.value("ldtt.new_recruit.min_months") == 6)

        let (none, errors) = Parameters.load(defaults: defaults, overrides: bad)
        #expect(none == nil)
        #expect(errors.map { $0.rendered(.en) } == ["\(bad):1:13: error: $.params[0]: there is no parameter \"cstdcs.quota.percentage\" to override"])
    }

    @Test("every UNVERIFIED value the shipped rules read is a parameter tagged UNVERIFIED")
    func unverifiedAreParameters() throws {
        let params = try ShippedRules.rules().schema.parameters
        #expect(params["ldtt.luat2022.max_discipline_rank"]?.confidence == .unverified)
        #expect(params["cstdcs.quota.rounding"]?.confidence == .unverified)
        // Luật 2022 Điều 27 k1 a–đ has no discipline clause: the 2024 TTLĐXS reads no such parameter
        #expect(params["ttldxs.luat2022.no_warning"] == nil)
        for id in ["ttldtt.luat2022.no_warning", "ttldtt.luat2022.ldtt_share.above", "cstd_tinh.luat2003.initiative.min_scope",
                   "cstd_tinh.luat2003.initiative.window_years", "cstd_tinh.luat2022.initiative.window_years", "bktld.qd999.min_initiatives",
                   "ldst.qd999.benefit.worker", "ttldxs.luat2003.ldtt_share.min", "ldtt.new_recruit.reference_mmdd"] {
            #expect(params[id]?.confidence == .unverified, "\(id)")
        }
        #expect(params["cstdcs.quota.percent"]?.value == 15)
    }
}
