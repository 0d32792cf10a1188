import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `report awards` over the new catalogue (issue 14 item 6): the sentence of seed 003 part V
/// (report 276/BC-LĐLĐ, Lai Châu 2020) from decisions in the store, the federation's own and those
/// recorded from above (a decision whose `level` is a level key: Chủ tịch nước, Thủ tướng, UBND tỉnh).
@Suite struct CatalogueReportTests {
    /// One decision of `level` giving `award` to `collectives` collectives and `individuals` individuals.
    static func decision(_ number: String, level: String, award: String, collectives: Int, individuals: Int) throws -> Decision {
        let kinds = Array(repeating: Nominee.Kind.collective, count: collectives) + Array(repeating: Nominee.Kind.individual, count: individuals)
        let recipients = kinds.enumerated().map { i, k in
            Decision.Recipient(dossier: "\(number)-\(i)", nomineeID: "\(number)-N\(i)", nomineeName: "Người \(i)", nomineeKind: k, unit: "CDCS-X",
                               award: award, year: 2019, amountVND: 0, multiplier: 0, baseSalaryVND: 0)
        }
        return Decision(number: number, date: try CivilDate(parsing: "2019-12-20"), signer: "S", level: level, authority: "A", recipients: recipients)
    }

    @Test("The seed's sentence from recorded decisions: the State's levels first, then the Tổng Liên đoàn and the LĐLĐ tỉnh, Vietnamese digit grouping")
    func seedSentence() throws {
        let awards = try StoreFixture.definitions().awards
        let decisions = [
            try Self.decision("1", level: "chu_tich_nuoc", award: "huan_chuong_lao_dong_hang_ba", collectives: 25, individuals: 75),
            try Self.decision("2", level: "thu_tuong", award: "co_thi_dua_chinh_phu", collectives: 7, individuals: 0),
            try Self.decision("3", level: "thu_tuong", award: "bang_khen_thu_tuong", collectives: 150, individuals: 168),
            try Self.decision("4", level: "ubnd_tinh", award: "bang_khen_bo_nganh_tinh", collectives: 6_900, individuals: 13_224),
            try Self.decision("5", level: "TLD", award: "co_thi_dua_tong_lien_doan", collectives: 15, individuals: 0),
            try Self.decision("6", level: "TLD", award: "bang_khen_tong_lien_doan", collectives: 65, individuals: 1_112),
            try Self.decision("7", level: "LDLD-LC", award: "co_thi_dua_ldld_tinh", collectives: 77, individuals: 0),
            try Self.decision("8", level: "LDLD-LC", award: "bang_khen_ldld_tinh", collectives: 479, individuals: 1_583),
        ]
        let entries = decisions.flatMap { AwardCollector.decisionEntries($0, awards: awards) }
        let text = AwardSentences.text(entries, from: try CivilDate(parsing: "2015-01-01"), to: try CivilDate(parsing: "2020-06-30"), .vi)
        #expect(text == "Từ ngày 01/01/2015 đến ngày 30/06/2020: Chủ tịch nước tặng thưởng Huân chương Lao động cho 25 tập thể và 75 cá nhân; "
            + "Thủ tướng Chính phủ tặng Cờ cho 7 tập thể, tặng Bằng khen cho 150 tập thể và 168 cá nhân; "
            + "UBND tỉnh tặng Bằng khen cho 6.900 tập thể và 13.224 cá nhân; "
            + "Tổng Liên đoàn tặng Cờ cho 15 tập thể, tặng Bằng khen cho 65 tập thể và 1.112 cá nhân; "
            + "LĐLĐ tỉnh tặng Cờ cho 77 tập thể, tặng Bằng khen cho 479 tập thể và 1.583 cá nhân.")
    }

    @Test("A Giấy khen of the direct upper union is counted at its own level, below the LĐLĐ tỉnh")
    func giayKhenLevel() throws {
        let awards = try StoreFixture.definitions().awards
        let entries = AwardCollector.decisionEntries(try Self.decision("9", level: "CDN-GDHN", award: "giay_khen_cd_cap_tren", collectives: 0, individuals: 3), awards: awards)
            + AwardCollector.decisionEntries(try Self.decision("10", level: "LDLD-HN", award: "bang_khen_ldld_tinh_tap_the", collectives: 2, individuals: 0), awards: awards)
        let stats = AwardStatistics(entries: entries, from: try CivilDate(parsing: "2019-01-01"), to: try CivilDate(parsing: "2019-12-31"), by: [.level, .form])
        #expect(stats.rows.map(\.keys) == [["tinh", "bang_khen"], ["cd_cap_tren", "giay_khen"]])
        #expect(AwardStatistics.label(.level, "cd_cap_tren", .vi) == "Công đoàn cấp trên trực tiếp cơ sở")
    }
}
