import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The crash reproducers of issue 16 (items 1–4) run as commands: each ends with an error
/// message and the README's exit code, never a signal, and nothing is written.
@Suite struct HardeningCLITests {
    static let officer = "--as=secretariat@LDLD-KG:pham.c"
    static let kg = "KG-VT-2022-01-trieu-sang-kien"

    @Test("A --tally count near Int.max is a usage error (exit 2), not an overflow")
    func tallyOverflow() throws {
        let h = try CLIHarness()
        let r = h.run(["--lang", "en", "--as", "secretariat@LDLD-HN:a", "dossier", "act", "HS-1", "approve", "--tally", "1,1,9223372036854775807,1"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("khenthuong: error: --tally is inconsistent"))
    }

    @Test("A year outside 1900–2200 (or written with two digits) is a usage error naming the option", arguments: ["1899", "0", "9999", "25"])
    func yearRange(_ year: String) throws {
        let h = try CLIHarness()
        let r = h.run(["--lang", "en", "eligibility", "check", "--nominees", CLIHarness.workflows + "/samples/nominees-2025.json",
                       "--id", "x", "--award", "lao_dong_tien_tien", "--year", year])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("khenthuong: error: --year \(year) is outside 1900–2200; write the year with 4 digits, e.g. 2025\n"))
    }

    /// A copy of `workflows/` whose first criterion of `lao_dong_tien_tien` is a 10,000-term chain.
    static func chainedWorkflows(_ h: CLIHarness, op: String) throws -> String {
        let copy = h.directory.appendingPathComponent("workflows").path
        try FileManager.default.copyItem(atPath: CLIHarness.workflows, toPath: copy)
        let file = copy + "/rules/lao_dong_tien_tien.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let chain = Array(repeating: op == "+" ? "1" : "true", count: 10_000).joined(separator: " \(op) ") + (op == "+" ? " > 0" : "")
        let old = #""expression": "duty_rating in [\"HTXSNV\", \"HTTNV\"]""#
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: #""expression": "\#(chain)""#).write(toFile: file, atomically: true, encoding: .utf8)
        return copy
    }

    @Test("A 10,000-term operator chain in a rule file is a lint error with file:line:column in rules lint, eligibility check and batch",
          arguments: ["+", "&&", "||"])
    func chainInRules(_ op: String) throws {
        let h = try CLIHarness()
        let workflows = try Self.chainedWorkflows(h, op: op)
        let nominees = CLIHarness.workflows + "/samples/nominees-2025.json"
        for args in [["rules", "lint"],
                     ["eligibility", "check", "--nominees", nominees, "--id", "x", "--award", "lao_dong_tien_tien", "--year", "2020"],
                     ["eligibility", "batch", "--nominees", nominees, "--award", "lao_dong_tien_tien", "--year", "2020"]] {
            let r = h.run(["--lang", "en", "--workflows", workflows] + args)
            #expect(r.code == 3, "\(args)")
            let text = r.out + r.err   // rules lint lists its findings on standard output
            // file:line:column of the operator past the limit, on the criterion's line
            let line = try #require(try String(contentsOfFile: CLIHarness.workflows + "/rules/lao_dong_tien_tien.json", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("HTXSNV") }) + 1
            #expect(text.contains(workflows + "/rules/lao_dong_tien_tien.json:\(line):")
                    && text.contains("error: $.regimes[0].criteria[0].expression: the expression is nested too deeply"), "\(args): \(text.prefix(600))")
        }
    }

    func movementStore(_ h: CLIHarness) {
        h.initialise()
        let create = h.run([Self.officer, "movement", "create", CLIHarness.workflows + "/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json"])
        #expect(create.code == 0, "\(create.err)")
    }

    @Test("A goal of 9223372036854775807 is refused before writing; a figure past a billion too")
    func goalRefused() throws {
        let h = try CLIHarness(now: "2022-03-15T02:00:00Z")
        movementStore(h)
        let before = try EventStore(path: h.storePath).eventCount()
        let goal = h.run(["--lang", "en", Self.officer, "movement", "target", "add", Self.kg, "--id", "t9", "--kind", "count",
                          "--goal", "9223372036854775807", "--text", "x"])
        #expect(goal.code == 3)
        #expect(goal.err.contains("\"goal\" must be a number from 0 to 1,000,000,000"))
        let value = h.run(["--lang", "en", Self.officer, "movement", "record", Self.kg, "--target", "50-sang-kien-den-31-5-2022",
                           "--unit", "CDCS-THPT", "--value", "9223372036854775807", "--date", "2022-02-01"])
        #expect(value.code == 3)
        #expect(value.err == "khenthuong: error: --value 9223372036854775807 is outside 0–1,000,000,000; check the figure\n")
        #expect(try EventStore(path: h.storePath).eventCount() == before)
    }

    @Test("A huge goal and figures written into a store before the bounds are read back: progress and the targets report, no trap")
    // (A figure of Int.max itself does not read back as an integer from the stored JSON: the
    // reader reports that record as malformed, exit 3, which is also not a trap.)
    func oldStoreHugeValues() throws {
        let h = try CLIHarness(now: "2022-03-15T02:00:00Z")
        movementStore(h)
        let store = try EventStore(path: h.storePath)
        let actor = Actor(role: "secretariat", unit: "LDLD-KG", user: "pham.c")
        let target = MovementTarget(id: "t9", kind: .count, text: .init(vi: "x", en: "x"), goal: 9.223372036854775807e18)
        let pem = try String(contentsOfFile: h.keyring + "/pham.c.pem", encoding: .utf8)
        try store.write(signedBy: try PrivateKey.load(pem: pem, passphrase: nil)) { tx in
            try tx.append(MovementTargetRecord(movementID: Self.kg, target: target), actor: actor, at: Date())
            // Figures of 8 × 10¹⁵, near the largest the stored JSON reads as an integer (sums saturate
            // in MovementProgress; HardeningTests checks that with Int.max).
            for _ in 0..<3 {
                let o = MovementObservation(target: "t9", unit: "CDCS-THPT", value: 8_000_000_000_000_000, date: CivilDate(unchecked: 2022, 2, 1))
                try tx.append(MovementObservationRecord(movementID: Self.kg, observation: o), actor: actor, at: Date())
            }
        }
        for args in [["movement", "progress", Self.kg], ["report", "targets", Self.kg], ["report", "targets", Self.kg, "--format", "csv"]] {
            let r = h.run(["--lang", "en"] + args)
            #expect(r.code == 0, "\(args): \(r.err)")
            #expect(r.out.contains("9.22337e+18"), "\(args): \(r.out)")
        }
    }

    // MARK: 20. Small things

    @Test("An empty --store is a usage error and creates nothing (it used to print “Đã tạo kho .”)")
    func emptyStore() throws {
        let h = try CLIHarness()
        let r = h.run(["--store", "", "init"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("khenthuong: lỗi: đường dẫn kho dữ liệu rỗng (--store hoặc KHENTHUONG_STORE)\n"))
        #expect(r.out.isEmpty)
    }

    @Test("An unknown option close to a required one is named with “did you mean”, not reported as the missing option", arguments: [
        (["dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee", "X", "--nominee-name", "A", "--addressee", "LDLD-HN"],
         "khenthuong: error: unknown option: --nominee; did you mean --nominee-id?\n"),
        (["eligibility", "check", "--nominees", "n.json", "--id", "x", "--award", "a", "--year", "2025", "--as-off", "2025-01-01"],
         "khenthuong: error: unknown option: --as-off; did you mean --as-of?\n"),
    ])
    func didYouMean(args: [String], message: String) throws {
        let h = try CLIHarness()
        let r = h.run(["--lang", "en", "--as", "union_officer@CDCS-DHBK:le.thi.cuc"] + args)
        #expect(r.code == 2)
        #expect(r.err.hasPrefix(message), "\(r.err)")
    }

    @Test("dossier create warns about a year not yet begun and a due date already past, and still opens the dossier")
    func createWarnings() throws {
        let h = try CLIHarness()
        h.initialise()
        let r = h.run(["--lang", "en", "--as", "union_officer@CDCS-DHBK:le.thi.cuc", "dossier", "create", "--award", "lao_dong_tien_tien",
                       "--year", "2031", "--nominee-id", "NV-1", "--nominee-name", "A", "--addressee", "LDLD-HN", "--due", "01/01/2020"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err == """
            khenthuong: warning: the achievement year 2031 has not begun (today is 2025-12-01); is --year mistyped?
            khenthuong: warning: the due date 2020-01-01 has passed (today is 2025-12-01); is --due mistyped?

            """)
    }

    @Test("A refusal is printed once as “Từ chối: …”, not “lỗi: Từ chối: …”")
    func refusalPrefix() {
        let e = CLIError(.init(vi: "Từ chối: không thể thực hiện x.", en: "Refused: cannot do x."), exit: .refused)
        #expect(e.rendered(.vi) == "khenthuong: Từ chối: không thể thực hiện x.")
        #expect(e.rendered(.en) == "khenthuong: Refused: cannot do x.")
        #expect(CLIError(.init(vi: "hỏng", en: "broken"), exit: .dataError).rendered(.vi) == "khenthuong: lỗi: hỏng")
    }

    @Test("An unknown --attach document is a usage error (exit 2) naming the option, not a workflow refusal")
    func unknownAttachment() throws {
        let h = try CLIHarness()
        h.initialise()
        let r = h.run(["--lang", "en", "--as", "union_officer@CDCS-DHBK:le.thi.cuc", "dossier", "create", "--award", "lao_dong_tien_tien",
                       "--year", "2025", "--nominee-id", "NV-1", "--nominee-name", "A", "--addressee", "LDLD-HN", "--attach", "bogus"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("khenthuong: error: document “bogus” is not part of workflow yearly; documents: "))
        #expect(r.err.contains("(--attach)"))
    }
}
