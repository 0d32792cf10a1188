import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension Minutes {
    static func escape(_ s: String) -> String { HTML.escape(s) }

    /// The minutes as one printable HTML page (A4, Times New Roman 13–14 pt as in NĐ 30/2020).
    public var html: String {
        let e = Self.escape
        func header(_ number: String) -> String {
            """
            <table class="head"><tr>
              <td>\(e(issuer[0]))<br><strong>\(e(issuer.count > 1 ? issuer[1] : ""))</strong><br>\(t("Số", "No.")): \(e(number))</td>
              <td><strong>\(e(heading.nation))</strong><br><strong class="motto">\(e(heading.motto))</strong><br><em>\(e(placeAndDate))</em></td>
            </tr></table>
            """
        }
        func sign() -> String {
            """
            <table class="sign"><tr><td><strong>\(t("THƯ KÝ HỘI ĐỒNG", "SECRETARY"))</strong><br><em>\(t("(Ký, ghi rõ họ tên)", "(Signature, full name)"))</em></td>
            <td><strong>\(t("CHỦ TỊCH HỘI ĐỒNG", "CHAIR OF THE COUNCIL"))</strong><br><em>\(t("(Ký, ghi rõ họ tên)", "(Signature, full name)"))</em><br><br><br><br>\(e(chair?.name ?? ""))</td></tr></table>
            """
        }
        var rows = ""
        for (i, l) in lines.enumerated() {
            let b = l.ballot
            rows += "<tr><td>\(i + 1)</td><td>\(e(l.dossier))</td><td>\(e(l.nominee))</td><td>\(e(l.award))</td>"
            rows += "<td>\(e(b.map { $0.count.recused.map(name).joined(separator: "; ") } ?? ""))</td>"
            rows += "<td>\(b.map { String($0.count.voters.count) } ?? "")</td><td>\(b.map { String($0.count.writtenAbsent) } ?? "")</td>"
            rows += "<td>\(b.map { String($0.count.tally.yes) } ?? "")</td><td>\(b.map { String($0.count.tally.no) } ?? "")</td>"
            rows += "<td>\(b.map { String($0.count.tally.invalid) } ?? "")</td><td>\(e(b.map(ratio) ?? ""))</td><td>\(e(outcome(b)))</td></tr>\n"
        }
        let present = session.present.map { "<li>\(e(name($0)))</li>" }.joined()
        let absent = session.absent.map { "<li>\(e(name($0)))</li>" }.joined()
        let agenda = lines.map { "<li>\(e($0.dossier)) — \(e($0.nominee)) — \(e($0.award)): <strong>\(e(outcome($0.ballot)))</strong></li>" }.joined()
        return """
        <!DOCTYPE html>
        <html lang="\(language == .vi ? "vi" : "en")">
        <head><meta charset="utf-8"><meta name="generator" content="khenthuong"><title>\(t("Biên bản họp Hội đồng", "Council minutes")) \(e(session.id))</title>
        <style>
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", serif; font-size: 14pt; line-height: 1.4; }
        table.head, table.sign { width: 100%; border: 0; } table.head td, table.sign td { text-align: center; vertical-align: top; width: 50%; }
        .motto { text-decoration: underline; } h1 { font-size: 14pt; text-align: center; margin: 1em 0 0; } p.sub { text-align: center; margin: 0 0 1em; }
        table.count { width: 100%; border-collapse: collapse; font-size: 12pt; } table.count th, table.count td { border: 1px solid #000; padding: 2pt 4pt; }
        h2 { font-size: 14pt; margin: 0.8em 0 0.3em; } table.sign { margin-top: 1.5em; }
        .page { page-break-before: always; }
        </style></head>
        <body>
        <section>
        \(header(session.id))
        <h1>\(t("BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "MINUTES OF THE EMULATION AND COMMENDATION COUNCIL"))</h1>
        <p class="sub">\(t("Xét đề nghị khen thưởng", "Review of award proposals"))</p>
        <h2>\(t("I. Thành phần", "I. Attendance"))</h2>
        <p>\(t("Chủ trì", "Chaired by")): \(e(chair.map { name($0.id) } ?? "—"))</p>
        <p>\(t("Có mặt", "Present")): \(session.present.count)/\(council.members.count) \(t("thành viên", "members")) (\(t("tối thiểu", "quorum")) \(council.quorumMinimum))</p><ul>\(present)</ul>
        <p>\(t("Vắng mặt", "Absent")): \(session.absent.count)</p><ul>\(absent)</ul>
        <h2>\(t("II. Nội dung", "II. Business"))</h2>
        <p>\(t("Hội đồng xem xét \(lines.count) hồ sơ, biểu quyết bằng phiếu kín.", "The council reviewed \(lines.count) dossiers by secret ballot."))</p>
        <h2>\(t("III. Kết quả", "III. Results"))</h2><ol>\(agenda)</ol>
        \(sign())
        </section>
        <section class="page">
        \(header(session.id + "-KP"))
        <h1>\(t("BIÊN BẢN KIỂM PHIẾU", "BALLOT COUNT"))</h1>
        <p class="sub">\(t("Phiếu kín: ghi người bỏ phiếu, không ghi nội dung phiếu của từng người.", "Secret ballot: who voted is recorded, never how."))</p>
        <table class="count"><thead><tr><th scope="col">\(t("STT", "#"))</th><th scope="col">\(t("Hồ sơ", "Dossier"))</th><th scope="col">\(t("Người được đề nghị", "Nominee"))</th><th scope="col">\(t("Danh hiệu", "Award"))</th><th scope="col">\(t("Miễn biểu quyết", "Recused"))</th><th scope="col">\(t("Phiếu phát ra", "Ballots"))</th><th scope="col">\(t("Văn bản", "Written"))</th><th scope="col">\(t("Đồng ý", "Yes"))</th><th scope="col">\(t("Không đồng ý", "No"))</th><th scope="col">\(t("Không hợp lệ", "Invalid"))</th><th scope="col">\(t("Tỷ lệ", "Ratio"))</th><th scope="col">\(t("Kết quả", "Result"))</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        \(sign())
        </section>
        </body>
        </html>

        """
    }
}
