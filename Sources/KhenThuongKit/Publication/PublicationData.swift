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
        // The reader's words in the CSV (headers and the kind); the JSON keeps the codes.
        func kind(_ k: String) -> String { vi ? (k == "individual" ? "cá nhân" : k == "collective" ? "tập thể" : k) : k }
        let notice = CSVWriter.table(
            header: vi ? ["Mã hồ sơ", "Họ tên", "Cá nhân/tập thể", "Đơn vị đề nghị", "Danh hiệu", "Năm", "Bắt đầu công khai", "Hạn góp ý", "Số ngày làm việc"]
                       : ["Dossier", "Name", "Individual/collective", "Proposing unit", "Award", "Year", "Notice opened", "Comments until", "Working days"],
            rows: model.notices.map { n in
                [n.dossier, n.nomineeName, kind(n.nomineeKind), n.unit, n.awardName[language], "\(n.year)",
                 n.noticeOpened.description, n.commentDeadline.description, "\(n.workingDays)"]
            })
        let decisions = CSVWriter.table(
            header: vi ? ["Số quyết định", "Ngày", "Cấp", "Cơ quan ban hành", "Người ký", "Số người được khen", "Tổng tiền thưởng (đồng)"]
                       : ["Number", "Date", "Level", "Issued by", "Signer", "Recipients", "Total reward (VND)"],
            rows: model.decisions.map { d in
                [d.number, d.date.description, d.level, d.authority, d.signer, "\(d.recipients.count)", "\(d.recipients.reduce(0) { $0 + $1.amountVND })"]
            })
        let recipients = CSVWriter.table(
            header: vi ? ["Họ tên", "Cá nhân/tập thể", "Đơn vị", "Danh hiệu", "Năm", "Số quyết định", "Ngày quyết định", "Mã hồ sơ",
                          "Hệ số", "Lương cơ sở (đồng)", "Tiền thưởng (đồng)", "Đã thu hồi", "Căn cứ thu hồi", "Lý do thu hồi"]
                       : ["Name", "Individual/collective", "Unit", "Award", "Year", "Decision", "Decision date", "Dossier",
                          "Multiplier", "Base salary (VND)", "Reward (VND)", "Revoked", "Revocation ground", "Revocation reason"],
            rows: model.recipients.flatMap { r in
                r.awards.map { a in
                    [a.nomineeName, kind(a.nomineeKind), a.unit, a.awardName[language], "\(a.year)", a.decision, a.decisionDate.description,
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
