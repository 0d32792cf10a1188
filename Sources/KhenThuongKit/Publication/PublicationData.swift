import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The site's lists as data: `notice`, `decisions` and `recipients` (one row per award
/// given), each as CSV (see `CSVWriter`) and JSON (keys sorted, UTF-8). Nominee ids are left
/// out: they may be personal identifiers.
public struct PublicationData {
    public let model: PublicationModel
    public let language: Language

    public init(model: PublicationModel, language: Language) {
        self.model = model
        self.language = language
    }

    /// `notice.csv`, `notice.json`, `decisions.csv`, … by file name.
    public func files() -> [String: [UInt8]] {
        let vi = language == .vi
        let notice = CSVWriter.table(
            header: vi ? ["ma_ho_so", "ho_ten", "loai", "don_vi_de_nghi", "danh_hieu", "nam", "bat_dau_cong_khai", "han_gop_y", "so_ngay_lam_viec"]
                       : ["dossier", "nominee_name", "kind", "unit", "award", "year", "notice_opened", "comment_deadline", "working_days"],
            rows: model.notices.map { n in
                [n.dossier, n.nomineeName, n.nomineeKind, n.unit, n.awardName[language], "\(n.year)",
                 n.noticeOpened.description, n.commentDeadline.description, "\(n.workingDays)"]
            })
        let decisions = CSVWriter.table(
            header: vi ? ["so_quyet_dinh", "ngay", "cap", "co_quan", "nguoi_ky", "so_nguoi", "tong_tien_thuong_vnd"]
                       : ["number", "date", "level", "authority", "signer", "recipients", "total_reward_vnd"],
            rows: model.decisions.map { d in
                [d.number, d.date.description, d.level, d.authority, d.signer, "\(d.recipients.count)", "\(d.recipients.reduce(0) { $0 + $1.amountVND })"]
            })
        let recipients = CSVWriter.table(
            header: vi ? ["ho_ten", "loai", "don_vi", "danh_hieu", "nam", "so_quyet_dinh", "ngay_quyet_dinh", "ma_ho_so",
                          "he_so", "luong_co_so_vnd", "tien_thuong_vnd", "da_thu_hoi", "can_cu_thu_hoi", "ly_do_thu_hoi"]
                       : ["name", "kind", "unit", "award", "year", "decision", "decision_date", "dossier",
                          "multiplier", "base_salary_vnd", "reward_vnd", "revoked", "revocation_ground", "revocation_text"],
            rows: model.recipients.flatMap { r in
                r.awards.map { a in
                    [a.nomineeName, a.nomineeKind, a.unit, a.awardName[language], "\(a.year)", a.decision, a.decisionDate.description,
                     a.dossier, Self.number(a.multiplier), "\(a.baseSalaryVND)", "\(a.amountVND)", a.revocation == nil ? "0" : "1",
                     a.revocation?.ground ?? "", a.revocation?.groundText ?? ""]
                }
            })
        return [
            "notice.csv": notice, "decisions.csv": decisions, "recipients.csv": recipients,
            "notice.json": Array(Self.json(model.notices).utf8),
            "decisions.json": Array(Self.json(model.decisions).utf8),
            "recipients.json": Array(Self.json(model.recipients).utf8),
        ]
    }

    /// `value` as JSON with sorted keys and no escaped slashes.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func number(_ value: Double) -> String {
        NumberText.exact(value)
    }
}
