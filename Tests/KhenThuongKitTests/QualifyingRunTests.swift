import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongKit

/// Issue 17, misreading 4 (windows and cycles read as the text words them), misreading 6 (facts
/// the law reads), the parameters of their own regimes and the mid-2025 change. Each test names
/// the clause it audits.
@Suite struct QualifyingRunTests {
    static func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    /// One nominee from the JSON nominee format (the fields the test needs).
    static func nominee(_ json: String) throws -> NomineeFacts {
        let (list, findings) = NomineeLoader.parse(#"{"nominees": ["# + json + "]}", file: "test.json")
        let nominees = try #require(list, "\(findings.map { $0.rendered(.en) })")
        return try #require(nominees.first)
    }

    static func verdict(_ award: String, _ nominee: NomineeFacts, _ year: Int, rules: EligibilityRules? = nil) throws -> EligibilityVerdict {
        let rules = try rules ?? ShippedRules.rules()
        return try #require(rules.evaluate(nominee, award: award, year: year))
    }

    static func value(_ expression: String, _ nominee: NomineeFacts, year: Int = 2025) throws -> ExpressionValue {
        let schema = try ShippedRules.rules().schema
        let compiled = try ExpressionCompiler.compile(ExpressionSource(expression), schema: schema.schema)
        return try compiled.value(schema.row(for: nominee, year: year), context: EligibilityContext(nominee: nominee, award: "x", year: year))
    }

    static func years(_ ratings: [Int: String]) -> String {
        "{" + ratings.sorted { $0.key < $1.key }.map { #""\#($0.key)": {"duty": "\#($0.value)"}"# }.joined(separator: ", ") + "}"
    }

    // MARK: successive cycles (Luật 2022 Điều 21 k1 a)

    @Test("successive_cycles chains awards whose achievement periods follow each other (Luật 2022 Điều 21 k1 a)", arguments: [
        // periods 2020–2022 and 2023–2025: two successive cycles
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2022, "period": {"from": "2020-01-01", "to": "2022-12-31"}}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025, "period": {"from": "2023-01-01", "to": "2025-12-31"}}]"#, Int64(2)),
        // no period stated: each covers the three years ending with its year
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2022}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]"#, 2),
        // adjacent calendar years are overlapping cycles, not successive ones
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2024}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]"#, 1),
        // a gap year breaks the chain
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2021}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]"#, 1),
        // nothing ending in 2025
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2024}]"#, 0),
        // a thematic title is never a stepping stone
        (#"[{"award": "chien_si_thi_dua_cap_tinh", "year": 2022, "thematic": true}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]"#, 1),
    ])
    func successiveCycles(awards: String, expected: Int64) throws {
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "awards": "# + awards + "}")
        #expect(try Self.value(#"successive_cycles(["chien_si_thi_dua_cap_tinh"], 3, 2025)"#, p) == .int(expected))
        // with cycle 1 and one-year periods it is consecutive_years
        let single = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "awards": [{"award": "a", "year": 2024}, {"award": "a", "year": 2025}]}"#)
        #expect(try Self.value(#"successive_cycles(["a"], 1, 2025)"#, single) == Self.value(#"consecutive_years(["a"], 2025)"#, single))
    }

    @Test("CSTĐ toàn quốc: the rule set's old sample (provincial titles in 2024 and 2025) is not two successive cycles; 2022 and 2025 are (Luật 2022 Điều 21 k1 a)")
    func nationalEmulationFighterCycles() throws {
        let initiative = #"[{"id": "SK-N", "level": "toan_quoc", "recognised": "2024-10-01"}]"#
        let adjacent = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "initiatives": \#(initiative), "awards": [{"award": "chien_si_thi_dua_cap_tinh", "year": 2024}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]}"#)
        let cycles = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "initiatives": \#(initiative), "awards": [{"award": "chien_si_thi_dua_cap_tinh", "year": 2022}, {"award": "chien_si_thi_dua_cap_tinh", "year": 2025}]}"#)
        let a = try Self.verdict("chien_si_thi_dua_toan_quoc", adjacent, 2025)
        #expect(a.outcome == .notEligible && a.failing == ["cstdtq.streak"])
        #expect(a.criteria.first?.citation.rendered(.en) == "Luật 06/2022/QH15, Article 21(1)(a)")
        #expect(try Self.verdict("chien_si_thi_dua_toan_quoc", cycles, 2025).outcome == .eligible)
    }

    @Test("CSTĐ cấp tỉnh does not count again the CSTĐCS years of an earlier CSTĐ cấp tỉnh (Luật 2022 Điều 22 k1 a; Điều 5 k2 c)")
    func provincialTitleCountsOnce() throws {
        func person(through last: Int) throws -> NomineeFacts {
            let cstdcs = (2020...last).map { #"{"award": "chien_si_thi_dua_co_so", "year": \#($0)}"# }.joined(separator: ", ")
            return try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "initiatives": [{"id": "SK", "level": "tinh", "recognised": "2024-09-01"}], "awards": [{"award": "chien_si_thi_dua_cap_tinh", "year": 2022, "period": {"from": "2020-01-01", "to": "2022-12-31"}}, \#(cstdcs)]}"#)
        }
        // 2023 and 2024 are only two CSTĐCS after the 2020–2022 cycle; the old rule counted five
        let early = try Self.verdict("chien_si_thi_dua_cap_tinh", person(through: 2024), 2024)
        #expect(early.failing == ["cstdt.streak"])
        #expect(try Self.verdict("chien_si_thi_dua_cap_tinh", person(through: 2025), 2025).outcome == .eligible)
    }

    // MARK: the whole qualifying run

    @Test("Bằng khen cấp tỉnh: two initiatives anywhere in the HTXSNV run count, not only in its last two years (Luật 2022 Điều 74 k1 d)")
    func provincialCertificateWholeRun() throws {
        let run = Self.years([2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"])
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": \#(run), "initiatives": [{"id": "S1", "recognised": "2023-03-01"}, {"id": "S2", "recognised": "2023-09-01"}]}"#)
        let v = try Self.verdict("bang_khen_bo_nganh_tinh", p, 2025)
        #expect(v.outcome == .eligible)
        #expect(v.criteria.first?.citation.rendered(.vi) == "Luật 06/2022/QH15, Điều 74 khoản 1 điểm d")
        // the same initiatives before the run began do not count
        let before = Self.years([2022: "HTTNV", 2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTXSNV"])
        let q = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": \#(before), "initiatives": [{"id": "S1", "recognised": "2022-03-01"}, {"id": "S2", "recognised": "2022-09-01"}]}"#)
        #expect(try Self.verdict("bang_khen_bo_nganh_tinh", q, 2025).failing == ["bktinh.route"])
    }

    @Test("Bằng khen Thủ tướng 2017–2023: five initiatives anywhere in the HTXSNV run after the certificate (NĐ 91/2017/NĐ-CP Điều 38 k1 c)")
    func primeMinisterCertificateWholeRun() throws {
        let run = Self.years(Dictionary(uniqueKeysWithValues: (2017...2023).map { ($0, "HTXSNV") }))
        let initiatives = ["2017-03-01", "2017-09-01", "2018-03-01", "2018-09-01", "2019-03-01"].enumerated()
            .map { #"{"id": "S\#($0.offset)", "recognised": "\#($0.element)"}"# }.joined(separator: ", ")
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": \#(run), "initiatives": [\#(initiatives)], "awards": [{"award": "bang_khen_bo_nganh_tinh", "year": 2016, "period": {"from": "2016-01-01", "to": "2016-12-31"}}]}"#)
        let v = try Self.verdict("bang_khen_thu_tuong", p, 2023)
        #expect(v.outcome == .eligible, "\(v.rendered(.en))")
        #expect(v.regime == "nd91-2017")
    }

    // MARK: the 2024 TTLĐXS has no discipline clause

    @Test("Tập thể lao động xuất sắc 2024 keeps no discipline clause (Luật 2022 Điều 27 k1 a–đ); 2017–2023 keeps it (Luật 2003 Điều 27)")
    func excellentCollectiveDiscipline() throws {
        func team(_ year: Int) throws -> NomineeFacts {
            try Self.nominee(#"{"kind": "collective", "id": "T1", "name": "Tổ 1", "unit": "U", "years": {"\#(year)": {"duty": "HTXSNV", "members": {"total": 10, "ldtt": 8, "cstdcs": 1, "completedDuty": 10, "disciplined": 1}}}}"#)
        }
        let now = try Self.verdict("tap_the_lao_dong_xuat_sac", team(2025), 2025)
        #expect(now.outcome == .eligible)
        #expect(!now.criteria.contains { $0.id == "ttldxs.discipline" })
        #expect(now.criteria.map { $0.citation.point ?? "" } == ["a", "c", "c", "d"])
        #expect(try Self.verdict("tap_the_lao_dong_xuat_sac", team(2023), 2023).failing == ["ttldxs.discipline"])
    }

    // MARK: facts (misreading 6)

    @Test("months_of_service counts a continuous contract before the appointment as a civil servant; after a break, from the appointment (Bộ Nội vụ answer on Luật 2022 Điều 24 k1)", arguments: [
        (true, Int64(12)), (false, 4),
    ])
    func appointment(continuous: Bool, months: Int64) throws {
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "hireDate": "2025-01-01", "appointedDate": "2025-09-01", "continuousService": \#(continuous), "years": {"2025": {"duty": "HTTNV"}}}"#)
        #expect(try Self.value("months_of_service(year_end)", p) == .int(months))
        let v = try Self.verdict("lao_dong_tien_tien", p, 2025)
        #expect(v.outcome == (months >= 6 ? .eligible : .notEligible))
    }

    @Test("achievements_in counts research topics and combat ingenuity apart from initiatives, by scope of effect, not recognising level (Luật 2022 Điều 21–23)", arguments: [
        (#"achievements_in(["sang_kien"], ["co_so", "tinh", "bo", "toan_quoc"], 2025, 2025)"#, Int64(1)),
        (#"achievements_in(["de_tai", "muu_tri"], ["co_so", "tinh", "bo", "toan_quoc"], 2025, 2025)"#, 2),
        // recognised by the ministry, effective only within the province
        (#"achievements_in(["sang_kien", "de_tai", "muu_tri"], ["toan_quoc"], 2025, 2025)"#, 1),
        (#"achievements_at_scope(["sang_kien", "de_tai", "muu_tri"], 2, 2025, 2025)"#, 2),
        (#"initiatives_in(2025, 2025)"#, 1),
        (#"initiatives_at_level(["bo"], 2025, 2025)"#, 1),
        (#"min(3, 9999)"#, 3), (#"max(3, 9999)"#, 9999),
    ])
    func achievements(expression: String, expected: Int64) throws {
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "initiatives": [{"id": "S", "level": "bo", "scope": "tinh", "recognised": "2025-02-01"}, {"id": "D", "kind": "de_tai", "level": "co_so", "scope": "toan_quoc", "recognised": "2025-03-01"}, {"id": "M", "kind": "muu_tri", "level": "co_so", "recognised": "2025-04-01"}]}"#)
        #expect(try Self.value(expression, p) == .int(expected))
    }

    @Test("date_in makes a reference date a parameter: 1231 is 31 December, 0231 the last day of February (TT 01/2024/TT-BNV Điều 1 k5 d)", arguments: [
        (2025, 1231, "2025-12-31"), (2024, 231, "2024-02-29"), (2025, 231, "2025-02-28"), (2025, 630, "2025-06-30"),
    ])
    func dateIn(year: Int, monthDay: Int, expected: String) throws {
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U"}"#)
        #expect(try Self.value("date_in(\(year), \(monthDay))", p) == .date(Self.date(expected)))
    }

    @Test("an unknown initiative kind and an appointment before the hire date are refused with their path")
    func badFacts() {
        let (list, findings) = NomineeLoader.parse(#"{"nominees": [{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "hireDate": "2025-05-01", "appointedDate": "2025-01-01", "initiatives": [{"id": "S", "kind": "sach", "recognised": "2025-01-01"}]}]}"#, file: "n.json")
        #expect(list == nil)
        #expect(Set(findings.map { $0.location?.path ?? "" }) == ["$.nominees[0].appointedDate", "$.nominees[0].initiatives[0].kind"])
    }

    @Test("the full CSV profile holds appointed_date, initiative_kinds and initiative_scopes, and refuses an unknown kind at its cell")
    func csvFacts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("legal2-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "kind,id,name,unit,hire_date,appointed_date,continuous_service,year,initiative_ids,initiative_kinds,initiative_scopes,initiative_recognised"
        func load(_ row: String) throws -> ([NomineeFacts]?, [LintFinding]) {
            let path = dir.appendingPathComponent("\(UUID().uuidString).csv").path
            try (header + "\r\n" + row + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
            return NomineeCSVLoader.load(path: path)
        }
        let (good, findings) = try load("individual,P1,A,U,2025-01-01,2025-09-01,0,2025,S|D,sang_kien|de_tai,|toan_quoc,2025-02-01|2025-03-01")
        let nominees = try #require(good, "\(findings.map { $0.rendered(.en) })")
        guard case .individual(let p)? = nominees.first else { Issue.record("not an individual"); return }
        #expect(p.appointedDate == Self.date("2025-09-01") && p.serviceStart == Self.date("2025-09-01"))
        #expect(p.initiatives.map(\.kind) == ["sang_kien", "de_tai"])
        #expect(p.initiatives.map(\.scope) == [nil, "toan_quoc"])
        #expect(p.initiatives.map(\.effectiveScope) == ["co_so", "toan_quoc"])
        let (bad, errors) = try load("individual,P1,A,U,2025-01-01,,1,2025,S,sach,,2025-02-01")
        #expect(bad == nil)
        #expect(errors.map { $0.location?.path } == ["initiative_kinds"])
        #expect(errors.first?.rendered(.en).contains("must be one of sang_kien, de_tai, muu_tri") == true)
    }

    // MARK: parameters of their own regime (E)

    @Test("overriding a 2024 parameter changes the 2024 regime only: ttldtt.luat2022.* (Luật 2022 Điều 28 k1) and ttldtt.ldtt_share.above (Luật 2003 Điều 28 k1 c) are apart")
    func ownParameters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("legal2-params-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("o.json").path
        try #"{"params": [{"id": "ttldtt.luat2022.ldtt_share.above", "value": 7000}, {"id": "ttldtt.luat2022.no_warning", "value": 0}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (loaded, findings) = RuleSetLoader.loadDirectory(ShippedRules.directory, overrides: file)
        let rules = try #require(loaded, "\(findings.map { $0.rendered(.en) })")
        func team(_ year: Int) throws -> NomineeFacts {
            try Self.nominee(#"{"kind": "collective", "id": "T1", "name": "Tổ 1", "unit": "U", "years": {"\#(year)": {"duty": "HTTNV", "members": {"total": 10, "ldtt": 6, "completedDuty": 10, "disciplined": 1}}}}"#)
        }
        // 2025: 60 % is not above the overridden 70 %; the discipline condition is switched off
        #expect(try Self.verdict("tap_the_lao_dong_tien_tien", team(2025), 2025, rules: rules).failing == ["ttldtt.ldtt_share"])
        // 2023 keeps its own parameter (50 %) and its discipline clause
        #expect(try Self.verdict("tap_the_lao_dong_tien_tien", team(2023), 2023, rules: rules).failing == ["ttldtt.discipline"])
    }

    @Test("no parameter a regime reads is tagged for another regime's document: UNVERIFIED values named per regime")
    func parameterTags() throws {
        let rules = try ShippedRules.rules()
        let pairs: [(String, String, String)] = [
            ("tap_the_lao_dong_tien_tien", "luat2022-2024", "ttldtt.luat2022."),
            ("bang_khen_tong_lien_doan", "qd999-2024", "bktld.qd999."),
            ("bang_lao_dong_sang_tao", "qd999-2024", "ldst.qd999."),
            ("tap_the_lao_dong_xuat_sac", "luat2003-2017", "ttldxs.luat2003."),
            ("chien_si_thi_dua_cap_tinh", "luat2003-2017", "cstd_tinh.luat2003."),
        ]
        let text = try String(contentsOfFile: ShippedRules.directory + "/params.json", encoding: .utf8)
        for (award, regime, prefix) in pairs {
            let r = try #require(rules[award]?.regimes.first { $0.id == regime })
            #expect(r.criteria.contains { $0.expression.source.text.contains(prefix) }, "\(award) \(regime) reads no \(prefix)* parameter")
        }
        #expect(text.contains(#""id": "ldtt.new_recruit.reference_mmdd""#))
        #expect(!text.contains(#""id": "ttldxs.luat2022.no_warning""#))
    }

    // MARK: the mid-2025 change (F)

    @Test("a dossier for achievement year 2026 gets \"no regime covers this year\", never the 2024 rules (NĐ 152/2025/NĐ-CP not encoded)", arguments: [
        "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc",
        "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac", "bang_khen_tong_lien_doan", "bang_khen_bo_nganh_tinh",
        "bang_khen_thu_tuong", "bang_lao_dong_sang_tao",
    ])
    func afterMid2025(award: String) throws {
        let p = try Self.nominee(#"{"kind": "individual", "id": "P1", "name": "A", "unit": "U", "years": {"2026": {"duty": "HTXSNV"}}}"#)
        let v = try Self.verdict(award, p, 2026)
        #expect(v.regime == nil && v.outcome == .notEligible && v.criteria.isEmpty)
        #expect(v.notes.map(\.en) == ["no regime of \(award) covers 2026"])
        #expect(try Self.verdict(award, p, 2025).regime != nil)
    }
}

/// Issue 17, misreading 5: a proposal year apart from the achievement period.
@Suite struct AchievementPeriodTests {
    static let person = """
        {"kind": "individual", "id": "NV9", "name": "Phạm Thị Lan", "unit": "U", "hireDate": "2012-03-01",
         "years": {"2020": {"duty": "HTTNV"}, "2021": {"duty": "HTXSNV"}, "2022": {"duty": "HTTNV"}, "2023": {"duty": "HTXSNV"}, "2024": {"duty": "HTTNV"}, "2025": {"duty": "KHTNV"}},
         "awards": [{"award": "bang_khen_bo_nganh_tinh", "year": 2019, "period": {"from": "2018-01-01", "to": "2019-12-31"}},
                    {"award": "chien_si_thi_dua_co_so", "year": 2020}, {"award": "chien_si_thi_dua_co_so", "year": 2022}, {"award": "chien_si_thi_dua_co_so", "year": 2024}]}
        """

    @Test("proposed in 2025 for 2020–2024: the five-year window runs on the achievement period, not the proposal year (Luật 2022 Điều 73 k1 b)")
    func windowsRunOnThePeriod() throws {
        let p = try QualifyingRunTests.nominee(Self.person)
        let rules = try ShippedRules.rules()
        let v = try #require(rules.evaluate(p, award: "bang_khen_thu_tuong", period: AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025)))
        #expect(v.outcome == .eligible && v.year == 2024 && v.periodFrom == 2020 && v.proposalYear == 2025)
        #expect(v.rendered(.vi).contains("— thành tích 2020–2024, đề nghị năm 2025: ĐỦ ĐIỀU KIỆN"))
        #expect(v.rendered(.en).contains("— achievements 2020–2024, proposed in 2025: ELIGIBLE"))
        // the same person read with the proposal year as the achievement year fails: 2025 is KHTNV
        let wrong = try #require(rules.evaluate(p, award: "bang_khen_thu_tuong", year: 2025))
        #expect(wrong.outcome == .notEligible)
    }

    @Test("one achievement year proposed that year renders as before and records no period")
    func oneYear() throws {
        let p = try QualifyingRunTests.nominee(Self.person)
        let rules = try ShippedRules.rules()
        let a = try #require(rules.evaluate(p, award: "bang_khen_thu_tuong", year: 2024))
        let b = try #require(rules.evaluate(p, award: "bang_khen_thu_tuong", period: AchievementPeriod(year: 2024)))
        #expect(a == b && a.periodFrom == nil && a.proposalYear == nil)
        #expect(a.rendered(.vi).contains("năm 2024: ĐỦ ĐIỀU KIỆN"))
        #expect(AchievementPeriod(from: 2024, to: 2020).rendered == "2020–2024")
    }
}
