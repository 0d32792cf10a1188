import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The award catalogue a federation uses (issue 14 item 4): every form has a deciding level and a
/// reward multiplier across NĐ 91/2017 and NĐ 98/2023, and the hierarchy bounds a council's power.
@Suite struct CatalogueTests {
    static func catalog() throws -> AwardCatalog { try StoreFixture.definitions().awards }

    @Test("The catalogue has the forms a federation awards or proposes every year; a thematic form is flagged (NĐ 98/2023/NĐ-CP Điều 4: not a stepping stone for merit awards)", arguments: [
        ("bang_khen_ldld_tinh", "individual", false), ("bang_khen_ldld_tinh_tap_the", "collective", false),
        ("bang_khen_ldld_tinh_chuyen_de", "individual", true), ("bang_khen_ldld_tinh_chuyen_de_tap_the", "collective", true),
        ("giay_khen_cd_cap_tren", "individual", false), ("giay_khen_cd_cap_tren_tap_the", "collective", false),
        ("co_thi_dua_ldld_tinh", "collective", false), ("co_thi_dua_tong_lien_doan", "collective", false),
        ("bang_khen_tong_lien_doan_tap_the", "collective", false), ("huan_chuong_lao_dong_hang_ba", "individual", false),
        ("co_thi_dua_chinh_phu", "collective", false), ("bang_khen_thu_tuong_tap_the", "collective", false),
        ("bang_lao_dong_sang_tao", "individual", false),
    ])
    func forms(id: String, subject: String, thematic: Bool) throws {
        let award = try #require(try Self.catalog().award(id))
        #expect(award.subject.rawValue == subject)
        #expect(award.thematic == thematic)
        #expect(!award.decidedBy.isEmpty)
    }

    @Test("Every award names its deciding levels and has a multiplier on decisions dated under NĐ 91/2017 (2018–2023) and NĐ 98/2023 (2024–2025)",
          arguments: ["2018-03-15", "2020-12-31", "2023-12-31", "2024-01-01", "2025-12-20"])
    func multipliers(date: String) throws {
        let money = try RewardMoney.load(directory: StoreFixture.workflowsDirectory)
        let day = try CivilDate(parsing: date)
        for award in try Self.catalog().awards {
            #expect(!award.decidedBy.isEmpty, "\(award.id) has no decidedBy")
            let amount = try money.amount(award: award.id, on: day)
            #expect(amount.amountVND > 0, "\(award.id) on \(date)")
        }
    }

    @Test("A decision dated 2019 under NĐ 91/2017: LĐTT 0,3 × 1.490.000 = 447.000 đ; an ad-hoc Giấy khen 0,3; a collective Huân chương Lao động hạng Ba twice the individual's")
    func before2024() throws {
        let money = try RewardMoney.load(directory: StoreFixture.workflowsDirectory)
        #expect(try money.amount(award: "lao_dong_tien_tien", on: try CivilDate(parsing: "2019-12-20")).amountVND == 447_000)
        #expect(try money.amount(award: "giay_khen_dot_xuat", on: try CivilDate(parsing: "2022-05-10")).amountVND == 447_000)
        let one = try money.amount(award: "huan_chuong_lao_dong_hang_ba", on: try CivilDate(parsing: "2025-01-10"))
        let collective = try money.amount(award: "huan_chuong_lao_dong_hang_ba_tap_the", on: try CivilDate(parsing: "2025-01-10"))
        #expect(collective.amountVND == 2 * one.amountVND)
    }

    @Test("A deciding level outside the known ones is a lint finding at its path")
    func badDecider() throws {
        let text = #"{"awards": [{"id": "x", "name": {"vi": "X", "en": "X"}, "subject": "individual", "workflow": "yearly", "decidedBy": ["ubnd_huyen"]}]}"#
        let (catalog, findings) = AwardCatalog.parse(text, file: "awards.json")
        #expect(catalog == nil)
        #expect(findings.map(\.location?.path) == ["$.awards[0].decidedBy"])
    }

    static let hanoi = [
        UnitAdded(code: "TLD", name: "Tổng Liên đoàn Lao động Việt Nam", kind: .tld, parent: nil),
        UnitAdded(code: "LDLD-HN", name: "Liên đoàn Lao động thành phố Hà Nội", kind: .ldldTinh, parent: "TLD"),
        UnitAdded(code: "CDN-GDHN", name: "Công đoàn ngành Giáo dục Hà Nội", kind: .cdCapTren, parent: "LDLD-HN"),
        UnitAdded(code: "CDCS-DHBK", name: "Công đoàn Đại học Bách khoa Hà Nội", kind: .cdcs, parent: "CDN-GDHN"),
    ]

    /// The outcome of a passing vote on `award` by the Hanoi council whose `decides` also lists `award`.
    func outcome(_ award: String, units: [UnitAdded]) throws -> (String, Bool) {
        let w = try CouncilWorld(alsoDecides: [award], units: units)
        try w.toCouncilReview("HS-1", award: award)
        try w.openSession(agenda: ["HS-1"])
        let (record, dossier) = try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 11, no: 0, invalid: 0, writtenAbsent: 0,
                                                by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        let upward = w.runner.definitions.workflows[dossier.workflowID]?.state(dossier.state, isTagged: .upward) == true
        return (record.outcome, upward)
    }

    @Test("A Bằng khen Tổng Liên đoàn or a State form addressed to a Liên đoàn Lao động tỉnh is above its power (the directory's hierarchy, awards.json decidedBy): proposed upward even when the council's own list names it (Luật 06/2022/QH15 Điều 83 k1–2: a level decides within its power, submits upward otherwise; State forms go through the Thủ tướng)",
          arguments: ["bang_khen_tong_lien_doan", "bang_khen_tong_lien_doan_tap_the", "co_thi_dua_chinh_phu", "huan_chuong_lao_dong_hang_ba"])
    func aboveThePower(award: String) throws {
        let (outcome, upward) = try outcome(award, units: Self.hanoi)
        #expect(outcome == "propose_upward")
        #expect(upward)
    }

    @Test("Within the power: a Bằng khen or Cờ thi đua of the LĐLĐ tỉnh is approved by the Hanoi federation's council",
          arguments: ["bang_khen_ldld_tinh", "co_thi_dua_ldld_tinh"])
    func withinThePower(award: String) throws {
        #expect(try outcome(award, units: Self.hanoi).0 == "approve")
    }

    @Test("Giấy khen of the direct upper union is not the LĐLĐ tỉnh's to give (Luật 06/2022/QH15 Điều 75): proposed to the level that gives it")
    func giayKhen() throws {
        #expect(Directory().mayDecide(try #require(try Self.catalog().award("giay_khen_cd_cap_tren")), unit: "LDLD-HN") == nil)
        #expect(try outcome("giay_khen_cd_cap_tren", units: Self.hanoi).0 == "propose_upward")
    }

    @Test("A store without a directory keeps the council's own list (nothing to read the hierarchy from)")
    func noDirectory() throws {
        #expect(try outcome("bang_khen_tong_lien_doan", units: []).0 == "approve")
    }

    @Test("An award without a rule set is named by its label and cites its basis on submission (citations where the law gives no criteria: Luật 06/2022/QH15 Điều 75 for the Giấy khen)")
    func noRuleSetNote() throws {
        let check = EligibilityCheck(award: "giay_khen_cd_cap_tren", year: 2025, asOf: try CivilDate(parsing: "2025-12-01"), finding: .noRuleSet, factsSeq: nil)
        let note = try #require(check.note(.vi, awards: try Self.catalog()))
        #expect(note.hasPrefix("Điều kiện: danh hiệu Giấy khen của Công đoàn cấp trên trực tiếp cơ sở chưa có bộ quy tắc (căn cứ: Luật 06/2022/QH15 Điều 75"))
        #expect(!note.contains("giay_khen_cd_cap_tren"))
        #expect(try #require(check.note(.en, awards: try Self.catalog())).contains("Certificate of Merit of the direct upper union has no rule set (basis: "))
    }
}
