import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The biên bản họp Hội đồng and biên bản kiểm phiếu of one session, in the Vietnamese
/// administrative layout (Nghị định 30/2020/NĐ-CP): quốc hiệu and tiêu ngữ, số/ký hiệu,
/// địa danh and date, thành phần, nội dung, the result per dossier, signatures.
/// Rendered as plain text (`text`) or printable A4 HTML (`html`).
public struct Minutes: Sendable {
    public struct Line: Sendable {
        public var dossier: String
        public var nominee: String
        public var award: String
        public var ballot: BallotRecord?
    }

    public var council: Council
    public var session: CouncilSession
    public var lines: [Line]
    public var language: Language

    public init(council: Council, session: CouncilSession, ballots: [BallotRecord], dossiers: [Dossier], awards: AwardCatalog,
                language: Language) {
        self.council = council
        self.session = session
        self.language = language
        lines = session.agenda.map { id in
            let d = dossiers.first { $0.id == id }
            // The period joins the award's name when it is more than one year proposed that year.
            let period = d.map(\.achievementPeriod).flatMap { $0.isPlainYear ? nil : " (\($0.described(language)))" } ?? ""
            return Line(dossier: id, nominee: d?.nominee.name ?? "—",
                        award: (d.flatMap { awards.award($0.awardID)?.name[language] } ?? d?.awardID ?? "—") + period,
                        ballot: ballots.first { $0.dossier == id })
        }
    }

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    var heading: (nation: String, motto: String) {
        (t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"), t("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))
    }

    /// The issuing body's block, top left: the organisation, then the council.
    var issuer: [String] {
        let (name, marker) = language == .vi ? (council.name.vi, "Khen thưởng ") : (council.name.en, " of the ")
        guard let r = name.range(of: marker) else { return [name.uppercased()] }
        let organisation = String(name[r.upperBound...])
        let body = String(name[..<(language == .vi ? r.upperBound : r.lowerBound)]).trimmingCharacters(in: .whitespaces)
        return [organisation.uppercased(), body.uppercased()]
    }

    var placeAndDate: String {
        let d = session.date
        return language == .vi ? "\(council.place), ngày \(String(format: "%02d", d.day)) tháng \(String(format: "%02d", d.month)) năm \(d.year)"
                               : "\(council.place), \(d)"
    }

    func name(_ id: String) -> String {
        guard let m = council.member(id) else { return id }
        return m.title.isEmpty ? "\(m.name) (\(m.role.label[language]))" : "\(m.name), \(m.title) — \(m.role.label[language])"
    }

    /// A member's name alone, for lists where the post would crowd the line.
    func shortName(_ id: String) -> String { council.member(id)?.name ?? id }

    /// Who keeps the minutes, as recorded for the session ("—" when none was named).
    var secretary: String { session.secretary.isEmpty ? "—" : session.secretary }

    /// The secretary's name alone (before the first comma), for the signature.
    var secretaryName: String { session.secretary.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "" }

    /// The ban kiểm phiếu: its head, then its members; "—" when none was elected.
    var tellers: String {
        guard let head = session.tellers.first else { return "—" }
        let rest = session.tellers.dropFirst().map(shortName)
        return "\(shortName(head)) (\(t("Trưởng ban", "head")))" + (rest.isEmpty ? "" : ", " + rest.joined(separator: ", "))
    }

    var chair: CouncilMember? { council.members.first { $0.role == .chair } }

    func outcome(_ b: BallotRecord?) -> String {
        switch b?.outcome {
        case "approve"?: t("Thông qua", "Approved")
        case "propose_upward"?: t("Thông qua, trình cấp trên", "Approved, proposed upward")
        case "reject"?: t("Không thông qua", "Not approved")
        default: t("Chưa biểu quyết", "Not voted")
        }
    }

    func ratio(_ b: BallotRecord) -> String {
        let den = b.count.denominator
        let pct = den > 0 ? Double(b.count.tally.yes) * 100 / Double(den) : 0
        let need = NumberText.exact(b.count.percent)
        let base = b.count.base == "present" ? t("số có mặt", "of members present") : t("tổng số thành viên", "of all members")
        let shown = String(format: "%.1f", pct)
        return "\(b.count.tally.yes)/\(den) = \(language == .vi ? shown.replacingOccurrences(of: ".", with: ",") : shown)% (\(t("cần", "needs")) ≥ \(need)% \(base))"
    }

    /// The minutes as plain text.
    public var text: String {
        var out: [String] = []
        let width = 96
        func pair(_ l: String, _ r: String) { out.append(l.padding(toLength: max(l.count + 2, width - r.count), withPad: " ", startingAt: 0) + r) }
        func header(_ number: String) {
            pair(issuer[0], heading.nation)
            pair(issuer.count > 1 ? issuer[1] : "", heading.motto)
            pair("\(t("Số", "No.")): \(number)", placeAndDate)
        }
        header(session.id)
        out.append("")
        out.append(t("BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "MINUTES OF THE EMULATION AND COMMENDATION COUNCIL"))
        out.append(t("Xét đề nghị khen thưởng", "Review of award proposals"))
        out.append("")
        out.append(t("I. THÀNH PHẦN", "I. ATTENDANCE"))
        out.append("- \(t("Chủ trì", "Chaired by")): \(chair.map { name($0.id) } ?? "—")")
        out.append("- \(t("Có mặt", "Present")): \(session.present.count)/\(council.members.count) \(t("thành viên", "members")) (\(t("tối thiểu", "quorum")) \(council.quorumMinimum))")
        for m in session.present { out.append("    + \(name(m))") }
        out.append("- \(t("Vắng mặt", "Absent")): \(session.absent.count)")
        for m in session.absent { out.append("    + \(name(m))") }
        out.append("- \(t("Thư ký", "Secretary")): \(secretary)")
        out.append("- \(t("Ban kiểm phiếu", "Vote-counting committee")): \(tellers)")
        out.append("")
        out.append(t("II. NỘI DUNG", "II. BUSINESS"))
        out.append(t("Hội đồng xem xét \(lines.count) hồ sơ đề nghị khen thưởng, biểu quyết bằng phiếu kín:", "The council reviewed \(lines.count) dossiers and voted by secret ballot:"))
        for (i, l) in lines.enumerated() { out.append("  \(i + 1). \(l.dossier) — \(l.nominee) — \(l.award)") }
        out.append("")
        out.append(t("III. KẾT QUẢ", "III. RESULTS"))
        for (i, l) in lines.enumerated() { out.append("  \(i + 1). \(l.dossier) — \(l.nominee): \(outcome(l.ballot))") }
        out.append("")
        out.append(signatures)
        out.append("")
        out.append(String(repeating: "-", count: width))
        out.append("")
        header(session.id + "-KP")
        out.append("")
        out.append(t("BIÊN BẢN KIỂM PHIẾU", "BALLOT COUNT"))
        out.append(t("Phiếu kín: biên bản ghi người bỏ phiếu, không ghi nội dung phiếu của từng người.", "Secret ballot: who voted is recorded, never how."))
        out.append("\(t("Ban kiểm phiếu", "Vote-counting committee")): \(tellers)")
        out.append("")
        for (i, l) in lines.enumerated() {
            out.append("\(i + 1). \(l.dossier) — \(l.nominee) — \(l.award)")
            guard let b = l.ballot else { out.append("   \(outcome(nil))"); continue }
            let c = b.count
            out.append("   \(t("Miễn biểu quyết", "Recused")): \(c.recused.isEmpty ? t("không", "none") : c.recused.map(name).joined(separator: "; "))")
            out.append("   \(t("Phiếu phát ra", "Ballots issued")): \(c.voters.count); \(t("phiếu bằng văn bản của thành viên vắng mặt", "written votes of absent members")): \(c.writtenAbsent)")
            out.append("   \(t("Đồng ý", "Yes")): \(c.tally.yes); \(t("Không đồng ý", "No")): \(c.tally.no); \(t("Không hợp lệ", "Invalid")): \(c.tally.invalid)")
            out.append("   \(t("Tỷ lệ", "Ratio")): \(ratio(b))")
            out.append("   \(t("Kết quả", "Result")): \(outcome(b))")
        }
        out.append("")
        out.append(tellerSignatures)
        return out.joined(separator: "\n")
    }

    /// The secretary and the chair sign the minutes.
    var signatures: String {
        signatureBlock(left: (t("THƯ KÝ", "SECRETARY"), secretaryName), right: (t("CHỦ TỌA", "CHAIR"), chair?.name ?? ""))
    }

    /// The head and a member of the ban kiểm phiếu sign the ballot count.
    var tellerSignatures: String {
        let members = session.tellers.dropFirst().map(shortName).joined(separator: ", ")
        return signatureBlock(left: (t("THÀNH VIÊN BAN KIỂM PHIẾU", "COMMITTEE MEMBERS"), members),
                              right: (t("TRƯỞNG BAN KIỂM PHIẾU", "HEAD OF THE VOTE COUNT"), session.tellers.first.map(shortName) ?? ""))
    }

    func signatureBlock(left: (String, String), right: (String, String)) -> String {
        let hint = t("(Ký, ghi rõ họ tên)", "(Signature, full name)")
        func row(_ l: String, _ r: String) -> String { "    " + l.padding(toLength: 48, withPad: " ", startingAt: 0) + r }
        return [row(left.0, right.0), row(hint, hint), "", "", row(left.1, right.1)].joined(separator: "\n")
    }
}
