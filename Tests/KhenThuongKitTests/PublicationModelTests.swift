import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct PublicationModelTests {
    let f: NoticeFixture
    let model: PublicationModel

    init() throws {
        f = try NoticeFixture.publicationScenario()
        model = try PublicationModel.build(store: f.store, definitions: f.definitions, at: NoticeFixture.at("2026-02-10T03:00:00.000Z"))
    }

    @Test("Names fold to one search key whatever their accents, case, spacing or normal form", arguments: [
        ("Nguyễn Thị Hoa", "nguyen thi hoa"),
        ("NGUYỄN  THỊ\tHOA ", "nguyen thi hoa"),
        ("Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa", "nguyen thi hoa"),
        ("Đặng Văn Đức", "dang van duc"),
        ("Lê Thị Thuỷ", "le thi thuy"),
        ("Tổ Công đoàn Phòng Đào tạo", "to cong doan phong dao tao"),
    ])
    func searchKey(name: String, key: String) {
        #expect(Text.searchKey(name) == key)
    }

    @Test("File names are folded slugs, never empty")
    func slugs() {
        #expect(Text.slug("12/QĐ-LĐLĐ") == "12-qd-ldld")
        #expect(Text.slug("  Đặng  Văn Đức!! ") == "dang-van-duc")
        #expect(Text.slug("“”") == "x")
    }

    @Test("The notice list gives the comment deadline in working days from the calendar (NĐ 98/2023/NĐ-CP Điều 46 khoản 2), skipping Tết 2026")
    func noticeDeadlineAcrossTet() throws {
        let notice = try #require(model.notices.first)
        #expect(model.notices.count == 1)
        #expect(notice.dossier == "HS-1" && notice.nomineeName == "Nguyễn Thị Hoa")
        #expect(notice.noticeOpened == CivilDate(unchecked: 2026, 2, 5))
        // 10 working days after Thu 05/02/2026; 16–20/02 are Tết days off.
        #expect(notice.workingDays == 10 && notice.commentDeadline == CivilDate(unchecked: 2026, 2, 26))
        #expect(notice.comments == 1 && notice.openComplaints == 0)
        #expect(notice.awardName.vi == "Chiến sĩ thi đua cấp tỉnh / Tổng Liên đoàn")
    }

    @Test("Decisions carry their annex; a revocation record's ground marks the award, a bare revoke its reason")
    func decisionsAndRevocations() throws {
        #expect(model.decisions.map(\.number) == ["15/QĐ-LĐLĐ", "12/QĐ-LĐLĐ"])
        let first = try #require(model.decisions.last)
        #expect(first.date == CivilDate(unchecked: 2025, 12, 19) && first.slug == "decision-12-qd-ldld")
        #expect(first.recipients.map(\.dossier) == ["HS-2", "HS-3", "HS-4"])
        #expect(first.recipients.map(\.amountVND) == [702_000, 702_000, 1_872_000])
        let byDossier = Dictionary(uniqueKeysWithValues: first.recipients.map { ($0.dossier, $0) })
        #expect(byDossier["HS-2"]?.revocation == nil)
        #expect(byDossier["HS-3"]?.revocation == RevocationItem(ground: "93.2.b", groundText: "Khai man hồ sơ", amountVND: 702_000,
                                                                decision: "3/QĐ-LĐLĐ", revokedBy: "Phạm Văn Dũng",
                                                                date: CivilDate(unchecked: 2026, 1, 10)))
        #expect(byDossier["HS-4"]?.revocation?.ground == nil && byDossier["HS-4"]?.revocation?.groundText == "Lý do revoke")
    }

    @Test("One page per recipient, with every award across decisions, sorted by folded name")
    func recipients() throws {
        #expect(model.recipients.map(\.nomineeID) == ["dang.van.duc", "le.o", "to.cd.dao.tao"])
        let duc = try #require(model.recipients.first)
        #expect(duc.awards.map(\.decision) == ["15/QĐ-LĐLĐ", "12/QĐ-LĐLĐ"] && duc.slug == "recipient-dang-van-duc" && model.recipients[2].slug == "recipient-to-cong-doan-phong-dao-tao")
        #expect(duc.searchKey == "dang van duc")
    }

    @Test("A newer decision record with the same number replaces the older one")
    func correctionReplaces() throws {
        try f.decision("15/QĐ-LĐLĐ", date: "2025-12-31", recipients: [])
        let corrected = try PublicationModel.build(store: f.store, definitions: f.definitions, at: model.generatedAt)
        #expect(corrected.decisions.count == 2)
        let fifteen = try #require(corrected.decisions.first { $0.number == "15/QĐ-LĐLĐ" })
        #expect(fifteen.date == CivilDate(unchecked: 2025, 12, 31) && fifteen.recipients.isEmpty)
        #expect(corrected.recipients.first { $0.nomineeID == "dang.van.duc" }?.awards.count == 1)
    }

    @Test("A decision record that breaks the contract is named by event and field")
    func malformedDecision() throws {
        let event = try f.store.write { tx in
            try tx.appendRecord(subject: "decision:9", event: "decision_issued", actor: NoticeFixture.signer, at: model.generatedAt,
                                payload: #"{"authority":"A","date":"2025-12-01","level":"L","number":"9","recipients":[{"amountVND":"nhiều"}],"signer":"S"}"#)
        }
        #expect(throws: PublicationError.malformedRecord(seq: event.seq, event: "decision_issued", field: "recipients[0].dossier",
                                                          detail: "missing, empty or not a string")) {
            try PublicationModel.build(store: f.store, definitions: f.definitions, at: model.generatedAt)
        }
    }
}
