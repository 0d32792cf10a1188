import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `eligibility export` and the full CSV profile as input of `eligibility check | batch`.
@Suite struct EligibilityExportTests {
    static let json = CLIHarness.workflows + "/samples/nominees-2025.json"

    @Test("A batch over the exported full CSV writes the same verdicts as over the JSON it came from", arguments: ["csv", "json"])
    func batchOverFullCSV(_ ext: String) throws {
        let h = try CLIHarness()
        let csv = h.directory.appendingPathComponent("nominees.csv").path
        let export = h.run(["eligibility", "export", "--nominees", Self.json, "--format", "csv", "--out", csv])
        #expect(export.code == 0, "\(export.err)")
        #expect(export.out == "Đã ghi 10 người/tập thể vào \(csv).\n")
        var outputs: [String] = []
        for input in [Self.json, csv] {
            let out = h.directory.appendingPathComponent("verdicts-\(outputs.count).\(ext)").path
            let run = h.run(["eligibility", "batch", "--nominees", input, "--award", "lao_dong_tien_tien,chien_si_thi_dua_co_so",
                             "--year", "2025", "--out", out])
            #expect(run.code == 0, "\(run.err)")
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("NV001"))
        let check = h.run(["eligibility", "check", "--nominees", csv, "--id", "NV002", "--award", "lao_dong_tien_tien", "--year", "2025"])
        #expect(check.code == 0 && check.out.contains("NV002"), "\(check.err)")
    }

    @Test("The benchmark profile exported as JSON (initiatives without titles) reads back: the batch over it equals the batch over the CSV")
    func benchmarkToJSON() throws {
        let h = try CLIHarness()
        let csv = h.directory.appendingPathComponent("records.csv").path
        try """
            person_id,full_name,unit_id,province,direct_worker,leader,year,months_worked,leave_reason,duty_rating,discipline,initiatives,initiative_benefit_vnd,title
            P0000001,Lê Văn Hải,U00001,TVH,1,0,2023,12,,HTTNV,,0,0,CSTDCS
            P0000001,Lê Văn Hải,U00001,TVH,1,0,2024,12,,HTTNV,,0,0,CSTDCS
            P0000001,Lê Văn Hải,U00001,TVH,1,0,2025,12,,HTXSNV,,1,5000000,
            P0000002,Trần Thị Mai,U00002,TVH,1,0,2025,12,,HTTNV,,0,0,

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let json = h.directory.appendingPathComponent("records.json").path
        let export = h.run(["eligibility", "export", "--nominees", csv, "--format", "json", "--out", json])
        #expect(export.code == 0, "\(export.err)")
        var outputs: [String] = []
        for input in [csv, json] {
            let out = h.directory.appendingPathComponent("verdicts-\(outputs.count).csv").path
            let run = h.run(["--lang", "en", "eligibility", "batch", "--nominees", input, "--award", "lao_dong_tien_tien,chien_si_thi_dua_co_so",
                             "--year", "2025", "--out", out])
            #expect(run.code == 0, "\(run.err)")
            outputs.append((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("P0000001") && outputs[0].contains("P0000002"))
    }

    @Test("A batch for standard output that cannot make its temporary file says so and how to go on (--out or TMPDIR)")
    func batchTemporaryFileFails() throws {
        let h = try CLIHarness()
        let run = try h.exec(["--lang", "en", "eligibility", "batch", "--nominees", Self.json, "--award", "lao_dong_tien_tien", "--year", "2025"],
                             extraEnvironment: ["TMPDIR": h.directory.appendingPathComponent("no-such-folder").path + "/"])
        #expect(run.code == 3)
        #expect(run.out == "")
        #expect(run.err.contains("cannot write"), "\(run.err)")
        #expect(run.err.contains("free space in the temporary folder (TMPDIR) or write to a file with --out FILE"), "\(run.err)")
    }

    @Test("A bad cell stops the export with its line and column, and no output file is written")
    func badCellWritesNothing() throws {
        let h = try CLIHarness()
        let bad = h.directory.appendingPathComponent("bad.csv").path
        try "kind,id,name,unit,year,duty_rating\nindividual,P1,An,U1,2025,HTXSNV\nindividual,P2,Bình,U1,2025,XUAT_SAC\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let out = h.directory.appendingPathComponent("out.json").path
        let run = h.run(["--lang", "en", "eligibility", "export", "--nominees", bad, "--format", "json", "--out", out])
        #expect(run.code == ExitCode.dataError.rawValue)
        #expect(run.err.contains("\(bad):3:6: error: duty_rating: \"duty_rating\" must be one of HTXSNV, HTTNV, HTNV, KHTNV"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("An unknown format is a usage error naming --format")
    func unknownFormat() throws {
        let run = try CLIHarness().run(["--lang", "en", "eligibility", "export", "--nominees", Self.json, "--format", "xml"])
        #expect(run.code == ExitCode.usage.rawValue && run.err.contains("--format") && run.err.contains("csv"), "\(run.err)")
    }
}

/// `eligibility batch --thematic` over the full CSV: the `proposer` column groups the cap.
@Suite struct ThematicBatchCLITests {
    @Test("QĐ 1689/QĐ-TLĐ Điều 15: five eligible nominees of one LĐLĐ tỉnh in a thematic round, the lowest ranked is cut and told why")
    func fiveOfOneProposer() throws {
        let h = try CLIHarness()
        let header = "kind,id,name,unit,proposer,hire_date,year,duty_rating,months_worked,initiative_ids,initiative_recognised,initiative_benefit_vnd,award_ids"
        var rows = [header]
        for i in 1...5 {
            rows.append("individual,N\(i),Người \(i),CDCS-\(i),LDLD-HN,2015-03-01,2022,HTXSNV,12,N\(i)-SK1,2022-05-01,0,bang_khen_ldld_tinh")
            rows.append("individual,N\(i),,,,,2023,HTXSNV,12,N\(i)-SK2,2023-05-01,\(i * 1000),")
        }
        let csv = h.directory.appendingPathComponent("bktld.csv").path
        try (rows.joined(separator: "\r\n") + "\r\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let out = h.directory.appendingPathComponent("verdicts.csv").path
        let run = h.run(["--lang", "en", "eligibility", "batch", "--nominees", csv, "--award", "bang_khen_tong_lien_doan", "--year", "2023",
                         "--thematic", "--out", out])
        #expect(run.code == 0, "\(run.err)")
        #expect(run.out.contains("bang_khen_tong_lien_doan: 4 eligible, 1 not eligible, 0 deferred"))
        #expect(run.out.contains("caps per proposer: 5 decisions, 1 over the cap"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let n1 = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("N1,") })
        #expect(n1.contains(",not-eligible,") && n1.contains("parameter bktld.thematic.cap_per_proposer") && n1.contains("QĐ 1689/QĐ-TLĐ, Article 15"), "\(n1)")
        #expect(!text.contains("N5,Người 5,bang_khen_tong_lien_doan,2023,not-eligible"))
        let plain = h.run(["--lang", "en", "eligibility", "batch", "--nominees", csv, "--award", "bang_khen_tong_lien_doan", "--year", "2023", "--out", out])
        #expect(plain.out.contains("bang_khen_tong_lien_doan: 5 eligible, 0 not eligible, 0 deferred"), "\(plain.out)")
    }
}
