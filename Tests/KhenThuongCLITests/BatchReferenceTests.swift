import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongKit

/// `eligibility batch` after the compiled, lean evaluation (issue 15) writes the very bytes the
/// previous implementation wrote. The expected files in `Fixtures/batch-reference/` were
/// produced by `eligibility batch` of main at commit 3b776ab (rule sets 1.1.0, the one
/// `CSVWriter` with its dialects and formula cells neutralised; before issue 15's change) on
/// `records.csv` (1 000 people × 2021–2025, `gen_dataset.py --seed 1`), on `small40.csv` (its
/// first 40 people) and on `hostile.csv` (its first 15 people renamed to cells a spreadsheet
/// would run or misread: `=HYPERLINK(…)`, `-5`, `+…`, `@…`, a tab, spaces around, `,` `;` `"`,
/// a comma or quote joined by a combining accent, `-0.5`, `0.5`, `'=…`), the `*-excel.csv`
/// files with `--excel`: Lao động tiên tiến (NĐ 91/2017 Điều 10 for 2023; Luật 06/2022 Điều 24 k1
/// for 2025), Chiến sĩ thi đua cơ sở (NĐ 91/2017 Điều 9 with the quota of its khoản 3 for
/// 2023; Luật 06/2022 Điều 23 for 2025) and every other award with a rule set.
/// Since then one intended change of text: an unknown hire date or no earlier award reads
/// “chưa rõ (thiếu ngày tuyển dụng)” / “none before” instead of the sentinel 9999 (issue 16 item 20).
@Suite struct BatchReferenceTests {
    static let fixtures = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/batch-reference")
    static let pair = "lao_dong_tien_tien,chien_si_thi_dua_co_so"
    static let all = "lao_dong_tien_tien,chien_si_thi_dua_co_so,chien_si_thi_dua_cap_tinh,chien_si_thi_dua_toan_quoc,tap_the_lao_dong_tien_tien,"
        + "tap_the_lao_dong_xuat_sac,bang_khen_tong_lien_doan,bang_khen_bo_nganh_tinh,bang_khen_thu_tuong,bang_lao_dong_sang_tao"

    /// (input, awards, year, language, expected file); a file ending `-excel.csv` is written with `--excel`
    static let cases: [(String, String, Int, String, String)] = [
        ("records.csv", pair, 2023, "vi", "expected-2023.csv"),
        ("records.csv", pair, 2025, "vi", "expected-2025.csv"),
        ("records.csv", pair, 2023, "vi", "expected-2023-excel.csv"),
        ("small40.csv", pair, 2023, "vi", "small40-2023.json"),
        ("small40.csv", pair, 2025, "vi", "small40-2025.json"),
        ("small40.csv", pair, 2025, "en", "small40-2025-en.csv"),
        ("small40.csv", all, 2025, "vi", "small40-2025-all.csv"),
        ("small40.csv", all, 2025, "vi", "small40-2025-all-excel.csv"),
        ("small40.csv", all, 2023, "en", "small40-2023-all-en.csv"),
        ("hostile.csv", pair, 2025, "vi", "hostile-2025.csv"),
        ("hostile.csv", pair, 2025, "vi", "hostile-2025-excel.csv"),
    ]

    @Test("The batch output is byte for byte the previous implementation's: CSV (both dialects, formula cells neutralised) and JSON, vi and en, the CSTĐCS quota of 2017–2023 (NĐ 91/2017 Điều 9 khoản 3) and every award",
          arguments: cases)
    func sameBytes(_ c: (String, String, Int, String, String)) throws {
        let (input, awards, year, language, expected) = c
        let h = try CLIHarness()
        let ext = (expected as NSString).pathExtension
        let out = h.directory.appendingPathComponent("verdicts.\(ext)").path
        let run = h.run(["--lang", language, "eligibility", "batch", "--nominees", Self.fixtures.appendingPathComponent(input).path,
                         "--award", awards, "--year", "\(year)", "--out", out] + (expected.hasSuffix("-excel.csv") ? ["--excel"] : []))
        #expect(run.code == 0, "\(run.err)")
        // Bytes, not String(contentsOfFile:), which would drop the CSV's byte-order mark.
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        let reference = try Data(contentsOf: Self.fixtures.appendingPathComponent(expected))
        #expect(written.count == reference.count)
        #expect(written == reference, "\(expected) differs")
    }
}
