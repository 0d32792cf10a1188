import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `person import`, `collective …`, `initiative …` and `eligibility check` from the registry
/// (issue 14 item 1), through the command line with the sample directory's keys.
@Suite struct RegistryCLITests {
    static let federation = ["--as", "secretariat@LDLD-HN:tran.thu.ha"]
    static let dhbk = ["--as", "union_officer@CDCS-DHBK:le.thi.cuc"]
    static let sampleCSV = CLIHarness.repository.appendingPathComponent("workflows/samples/nominees-2025.csv").path
    static let sampleJSON = CLIHarness.repository.appendingPathComponent("workflows/samples/nominees-2025.json").path

    func harness() throws -> CLIHarness {
        let h = try CLIHarness()
        h.initialise()
        return h
    }

    func events(_ h: CLIHarness) throws -> Int64 { try EventStore(path: h.storePath).eventCount() }

    @Test("person import of the sample profile twice: the second run (CSV or the same people in JSON) writes nothing and says so")
    func importTwice() throws {
        let h = try harness()
        var r = h.run(Self.federation + ["person", "import", Self.sampleCSV])
        #expect(r.code == 0 && r.out == "Đã ghi 10 người/tập thể (11 năm) từ \(Self.sampleCSV) vào sổ đăng ký; 0 đã có, 0 giá trị khác với bản đã ghi (không ghi đè).\n", "\(r.err)")
        let count = try events(h)
        for file in [Self.sampleCSV, Self.sampleJSON] {
            r = h.run(Self.federation + ["person", "import", file])
            #expect(r.code == 0 && r.out == "Không có gì thay đổi: sổ đăng ký đã có mọi người, tập thể và năm của \(file).\n")
        }
        #expect(try events(h) == count)
    }

    @Test("person import reports a value differing from the registry and does not overwrite it")
    func importConflict() throws {
        let h = try harness()
        #expect(h.run(Self.federation + ["person", "import", Self.sampleCSV]).code == 0)
        let changed = h.directory.appendingPathComponent("changed.csv").path
        let text = try String(contentsOfFile: Self.sampleCSV, encoding: .utf8)
            .replacingOccurrences(of: "NV003,Lê Thị Lan,CDCS-DHBK,,,2015-03-01", with: "NV003,Lê Thị Lan,CDCS-DHBK,,,2015-04-01")
        try text.write(toFile: changed, atomically: true, encoding: .utf8)
        let count = try events(h)
        let r = h.run(Self.federation + ["--lang", "en", "person", "import", changed])
        #expect(r.code == 0)
        #expect(r.out == """
              \(changed): CONFLICT: Lê Thị Lan (NV003): differs from the registry (hireDate “2015-03-01” ≠ “2015-04-01”); not overwritten — fix the file, or correct the registry with `khenthuong person correct`
            Recorded 0 persons/collectives (0 years) from \(changed) into the registry; 9 already held, 1 values differing from what is recorded (not overwritten).

            """)
        #expect(try events(h) == count)
    }

    @Test("person import of a file with a bad cell writes nothing and names file:line:column (exit 3)")
    func importBadCell() throws {
        let h = try harness()
        let bad = CLIHarness.repository.appendingPathComponent("docs/examples/bad-cell.csv").path
        let count = try events(h)
        let r = h.run(Self.federation + ["--lang", "en", "person", "import", bad])
        #expect(r.code == 3 && r.err.contains("bad-cell.csv:3:6: error: duty_rating"))
        #expect(try events(h) == count)
    }

    @Test("eligibility check with no facts file reads the registry: the same verdict as from the file the registry was filled from")
    func checkFromRegistry() throws {
        let h = try harness()
        #expect(h.run(Self.federation + ["person", "import", Self.sampleJSON]).code == 0)
        for id in ["NV002", "NV003", "NV004"] {
            let args = ["eligibility", "check", "--id", id, "--award", "lao_dong_tien_tien", "--year", "2025"]
            let fromRegistry = h.run(args), fromFile = h.run(args + ["--nominees", Self.sampleJSON])
            #expect(fromRegistry.code == fromFile.code && fromRegistry.out == fromFile.out && !fromRegistry.out.isEmpty)
        }
        let r = h.run(["--lang", "en", "eligibility", "check", "--id", "NV404", "--award", "lao_dong_tien_tien", "--year", "2025"])
        #expect(r.code == 3 && r.err.contains("the store's registry has no “NV404”"))
    }

    @Test("A grassroots union may not add a collective to another union (exit 1, nothing written); its federation may")
    func collectiveScope() throws {
        let h = try harness()
        let count = try events(h)
        let add = ["collective", "add", "TCD-MAY", "--name", "Tổ Công đoàn Phân xưởng 1", "--unit", "CDCS-MAYHN", "--kind", "tổ công đoàn"]
        let r = h.run(Self.dhbk + ["--lang", "en"] + add)
        #expect(r.code == 1 && r.err.contains("unit CDCS-DHBK does not keep unit CDCS-MAYHN"))
        #expect(try events(h) == count)
        #expect(h.run(Self.federation + add).code == 0)
        let show = h.run(["--lang", "en", "collective", "show", "TCD-MAY"])
        #expect(show.out.hasPrefix("Tổ Công đoàn Phân xưởng 1 (TCD-MAY)\n  Kind: tổ công đoàn\n  Unit: Công đoàn Tổng Công ty May Hà Nội (CDCS-MAYHN) since 2025-12-01\n"))
    }

    @Test("initiative: an overflowing benefit is a usage error (exit 2), a second use is refused naming the first (exit 1); nothing written either time")
    func initiativeRefusals() throws {
        let h = try harness()
        #expect(h.run(Self.federation + ["initiative", "add", "SK-1", "--title", "Số hoá hồ sơ", "--owner", "NV003", "--registered", "2025-01-10"]).code == 0)
        var count = try events(h)
        var r = h.run(Self.federation + ["--lang", "en", "initiative", "recognise", "SK-1", "--level", "co_so", "--date", "2025-06-30", "--decision", "12/QĐ",
                                         "--benefit", "92233720368547758070"])
        #expect(r.code == 2 && r.err.contains("the benefit “92233720368547758070” is too large"))
        #expect(try events(h) == count)
        #expect(h.run(Self.federation + ["initiative", "recognise", "SK-1", "--level", "co_so", "--date", "2025-06-30", "--decision", "12/QĐ", "--benefit", "150.000.000"]).code == 0)
        #expect(h.run(Self.federation + ["initiative", "use", "SK-1", "--award", "chien_si_thi_dua_co_so", "--year", "2025", "--by", "HS-1"]).code == 0)
        count = try events(h)
        r = h.run(Self.federation + ["--lang", "en", "initiative", "use", "SK-1", "--award", "bang_lao_dong_sang_tao", "--year", "2025", "--by", "HS-2"])
        #expect(r.code == 1 && r.err.contains("initiative “SK-1” (Số hoá hồ sơ) already served Grassroots Emulation Fighter 2025 (HS-1"))
        #expect(try events(h) == count)
        r = h.run(["initiative", "show", "SK-1"])
        #expect(r.out.contains("  Giá trị làm lợi: 150.000.000 đồng\n  Đã dùng cho: Chiến sĩ thi đua cơ sở năm 2025 (HS-1)\n"))
    }

    @Test("initiative recognise refuses a level the rule sets do not rank (a typo would silently count for nothing; exit 2, nothing written); show reads labels and owners' names, not ids")
    func initiativeLevels() throws {
        let h = try harness()
        #expect(h.run(Self.federation + ["person", "add", "NV003", "--name", "Lê Thị Lan", "--unit", "CDCS-DHBK"]).code == 0)
        #expect(h.run(Self.federation + ["initiative", "add", "SK-2", "--title", "Số hoá hồ sơ", "--owner", "NV003", "--registered", "2025-01-10"]).code == 0)
        let count = try events(h)
        let r = h.run(Self.federation + ["initiative", "recognise", "SK-2", "--level", "tỉnh", "--date", "2025-06-30", "--decision", "12/QĐ"])
        #expect(r.code == 2 && r.err.contains("--level “tỉnh” không phải cấp công nhận nào") && r.err.contains("tinh (tỉnh)"))
        #expect(try events(h) == count)
        #expect(h.run(Self.federation + ["initiative", "recognise", "SK-2", "--level", "tinh", "--date", "2025-06-30", "--decision", "12/QĐ"]).code == 0)
        let show = h.run(["initiative", "show", "SK-2"])
        #expect(show.out.contains("  Tác giả: Lê Thị Lan (NV003)\n"))
        #expect(show.out.contains("  Công nhận: cấp tỉnh, 30/06/2025, quyết định 12/QĐ\n"))
        let en = h.run(["--lang", "en", "initiative", "show", "SK-2"])
        #expect(en.out.contains("  Recognised: provincial level, "))
    }
}
