import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension Minutes {
    static func escape(_ s: String) -> String { HTML.escape(s) }

    /// The ratio in two parts: what was reached ("10/11 = 90,9%") and what was needed.
    func ratioParts(_ b: BallotRecord) -> (reached: String, needed: String) {
        let whole = ratio(b)
        guard let open = whole.firstIndex(of: "(") else { return (whole, "") }
        return (String(whole[..<open]).trimmingCharacters(in: .whitespaces),
                String(whole[whole.index(after: open)...].dropLast()))
    }

    /// The minutes as one printable HTML document on A4, laid out as NĐ 30/2020/NĐ-CP Phụ lục I
    /// says (`OfficialPage`): the biên bản họp on its first sheet, the biên bản kiểm phiếu on the next.
    public var html: String {
        let e = Self.escape
        func header(_ number: String) -> String {
            OfficialPage.heading(parent: issuer[0], body: issuer.count > 1 ? issuer[1] : "", number: number, placeAndDate: placeAndDate, language: language)
        }
        var rows = ""
        for (i, l) in lines.enumerated() {
            let b = l.ballot
            rows += "<tr><td class=\"n\">\(i + 1)</td><td><strong>\(e(l.nominee))</strong> (\(e(l.dossier)))<br>\(e(l.award))</td>"
            let recused = b.map { $0.count.recused.map(shortName).joined(separator: ", ") } ?? ""
            rows += "<td>\(e(b == nil ? "" : recused.isEmpty ? t("Không", "None") : recused))</td>"
            rows += "<td class=\"n\">\(b.map { "\($0.count.voters.count) + \($0.count.writtenAbsent)" } ?? "")</td>"
            rows += "<td class=\"n\">\(b.map { "\($0.count.tally.yes) / \($0.count.tally.no) / \($0.count.tally.invalid)" } ?? "")</td>"
            let parts = b.map(ratioParts)
            rows += "<td>\(parts.map { "\(e($0.reached))<br><small>\(e($0.needed))</small>" } ?? "")</td><td>\(e(outcome(b)))</td></tr>\n"
        }
        let present = session.present.map { "<li>\(e(shortName($0))) — \(e(council.member($0)?.role.label[language] ?? ""))</li>" }.joined()
        let absent = session.absent.map { "<li>\(e(name($0)))</li>" }.joined()
        let agenda = lines.map { "<li>\(e($0.nominee)) — \(e($0.award)) (\(t("hồ sơ", "dossier")) \(e($0.dossier))): <strong>\(e(outcome($0.ballot)))</strong></li>" }.joined()
        let minutes = """
        \(header(session.id))
        <h1>\(t("BIÊN BẢN", "MINUTES"))</h1>
        <p class="sub">\(t("Họp Hội đồng Thi đua – Khen thưởng xét đề nghị khen thưởng", "Meeting of the Emulation and Commendation Council on award proposals"))</p>
        <h2>\(t("I. Thành phần", "I. Attendance"))</h2>
        <p>\(t("Chủ trì", "Chaired by")): \(e(chair.map { name($0.id) } ?? "—"))</p>
        <p>\(t("Có mặt", "Present")): \(session.present.count)/\(council.members.count) \(t("thành viên", "members")) (\(t("tối thiểu", "quorum")) \(council.quorumMinimum)):</p><ul class="two">\(present)</ul>
        <p>\(t("Vắng mặt", "Absent")): \(session.absent.count)\(absent.isEmpty ? "" : ":")</p>\(absent.isEmpty ? "" : "<ul>\(absent)</ul>")
        <p>\(t("Thư ký", "Secretary")): \(e(secretary))</p>
        <p>\(t("Ban kiểm phiếu", "Vote-counting committee")): \(e(tellers))</p>
        <h2>\(t("II. Nội dung và kết quả", "II. Business and results"))</h2>
        <p>\(t("Hội đồng xem xét \(lines.count) hồ sơ đề nghị khen thưởng, biểu quyết bằng phiếu kín; kết quả:", "The council reviewed \(lines.count) award proposals by secret ballot; results:"))</p>
        <ol>\(agenda)</ol>
        <p>\(t("Biên bản kiểm phiếu kèm theo.", "The ballot count is attached."))</p>
        \(OfficialPage.signatures(left: (t("THƯ KÝ", "SECRETARY"), secretaryName), right: (t("CHỦ TỌA", "CHAIR"), chair?.name ?? ""), language: language))
        """
        let members = session.tellers.dropFirst().map(shortName).joined(separator: ", ")
        let count = """
        \(header(session.id + "-KP"))
        <h1>\(t("BIÊN BẢN KIỂM PHIẾU", "BALLOT COUNT"))</h1>
        <p class="sub">\(t("Biểu quyết bằng phiếu kín xét đề nghị khen thưởng", "Secret ballot on award proposals"))</p>
        <p>\(t("Ban kiểm phiếu", "Vote-counting committee")): \(e(tellers)). \(t("Biên bản ghi người bỏ phiếu, không ghi nội dung phiếu của từng người.", "Who voted is recorded, never how."))</p>
        <table class="grid">
        <colgroup><col style="width:6%"><col style="width:30%"><col style="width:11%"><col style="width:9%"><col style="width:12%"><col style="width:19%"><col style="width:13%"></colgroup>
        <thead><tr><th scope="col">\(t("STT", "No."))</th><th scope="col">\(t("Người được đề nghị, danh hiệu", "Nominee, award"))</th><th scope="col">\(t("Miễn biểu quyết", "Recused"))</th><th scope="col">\(t("Số phiếu (1)", "Ballots (1)"))</th><th scope="col">\(t("Đồng ý / Không / Không hợp lệ", "Yes / No / Invalid"))</th><th scope="col">\(t("Tỷ lệ đồng ý (2)", "Yes ratio (2)"))</th><th scope="col">\(t("Kết quả", "Result"))</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        <p class="legend">\(t("(1) Phiếu của thành viên có mặt + phiếu bằng văn bản của thành viên vắng mặt. (2) Ngưỡng theo danh hiệu, tính trên tổng số thành viên hoặc trên số có mặt.",
                               "(1) Ballots of members present + written votes of absent members. (2) The award's threshold, over all members or over those present."))</p>
        \(OfficialPage.signatures(left: (t("THÀNH VIÊN BAN KIỂM PHIẾU", "COMMITTEE MEMBERS"), members),
                                  right: (t("TRƯỞNG BAN KIỂM PHIẾU", "HEAD OF THE VOTE COUNT"), session.tellers.first.map(shortName) ?? ""), language: language))
        """
        return OfficialPage.document(title: "\(t("Biên bản họp Hội đồng", "Council minutes")) \(session.id)", language: language, sections: [minutes, count])
    }
}
