import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Sentences and tables the council, decision, package and revocation commands print.
enum CouncilText {
    /// 7020000 → "7.020.000" (vi) or "7,020,000" (en).
    static func vnd(_ amount: Int, _ language: Language) -> String { NumberText.integer(amount, language) }

    static func council(_ c: Council, _ l: Language) -> String {
        l == .vi ? "Đã ghi hội đồng \(c.id) — \(c.name.vi): \(c.members.count) thành viên, cần ít nhất \(c.quorumMinimum) người có mặt (\(c.quorumNumerator)/\(c.quorumDenominator))"
                 : "Recorded council \(c.id) — \(c.name.en): \(c.members.count) members, at least \(c.quorumMinimum) present needed (\(c.quorumNumerator)/\(c.quorumDenominator))"
    }

    static func session(_ s: CouncilSession, _ c: Council, _ l: Language) -> String {
        l == .vi ? "Đã mở phiên họp \(s.id) của \(c.id) ngày \(s.date.vietnamese): \(s.present.count)/\(c.members.count) thành viên có mặt (tối thiểu \(c.quorumMinimum)); chương trình: \(s.agenda.joined(separator: ", "))"
                 : "Opened session \(s.id) of \(c.id) on \(s.date): \(s.present.count)/\(c.members.count) members present (quorum \(c.quorumMinimum)); agenda: \(s.agenda.joined(separator: ", "))"
    }

    static func vote(_ r: BallotRecord, _ d: Dossier, _ wf: Workflow?, _ l: Language) -> String {
        let c = r.count
        let pct = NumberText.exact(c.percent)
        let state = wf?.stateLabel(d.state, l) ?? d.state
        let event = wf?.eventLabel(r.outcome, l) ?? r.outcome
        let recused = c.recused.isEmpty ? "" : (l == .vi ? "; miễn biểu quyết: \(c.recused.joined(separator: ", "))" : "; recused: \(c.recused.joined(separator: ", "))")
        return l == .vi
            ? "Hồ sơ \(d.id): \(c.tally.yes)/\(c.denominator) phiếu đồng ý, \(c.tally.no) không đồng ý, \(c.tally.invalid) không hợp lệ (cần ≥ \(pct)% \(c.base == "present" ? "số có mặt" : "tổng số thành viên")\(recused)) → \(state) [\(event)]"
            : "Dossier \(d.id): \(c.tally.yes)/\(c.denominator) yes, \(c.tally.no) no, \(c.tally.invalid) invalid (needs ≥ \(pct)% of \(c.base == "present" ? "members present" : "all members")\(recused)) → \(state) [\(event)]"
    }

    static func decision(_ d: Decision, _ l: Language, awards: AwardCatalog? = nil, unitName: (String) -> String? = { _ in nil }) -> String {
        let head = l == .vi
            ? "Quyết định số \(d.number) ngày \(d.date.vietnamese) — \(d.authority) (\(d.level)), người ký: \(d.signer)"
            : "Decision \(d.number) of \(d.date) — \(d.authority) (\(d.level)), signed by \(d.signer)"
        let rows = d.recipients.enumerated().map { i, r in
            [String(i + 1), r.dossier, r.nomineeName, unitName(r.unit) ?? r.unit, awards?.award(r.award)?.name[l] ?? r.award, r.achievementPeriod.cell(l), l == .vi ? String(r.multiplier).replacingOccurrences(of: ".", with: ",") : String(r.multiplier), vnd(r.baseSalaryVND, l), vnd(r.amountVND, l)]
        }
        let header = l == .vi ? ["STT", "Hồ sơ", "Họ tên / tập thể", "Đơn vị", "Danh hiệu", "Năm", "Hệ số", "Lương cơ sở", "Tiền thưởng (đồng)"]
                              : ["#", "Dossier", "Nominee", "Unit", "Award", "Year", "Multiplier", "Base salary", "Amount (VND)"]
        let total = l == .vi ? "Tổng cộng: \(vnd(d.totalVND, l)) đồng" : "Total: \(vnd(d.totalVND, l)) VND"
        return [head, TextTable.render(header: header, rows: rows), total].joined(separator: "\n")
    }

    static func decisions(_ list: [Decision], _ l: Language) -> String {
        let header = l == .vi ? ["Số", "Ngày", "Cấp", "Người ký", "Số người", "Tổng tiền (đồng)"] : ["Number", "Date", "Level", "Signer", "Recipients", "Total (VND)"]
        return TextTable.render(header: header, rows: list.map { [$0.number, $0.date.formatted(l), $0.level, $0.signer, String($0.recipients.count), vnd($0.totalVND, l)] })
    }

    static func revocation(_ r: Revocation, _ l: Language) -> String {
        l == .vi ? "Hồ sơ \(r.dossier): đã hủy bỏ khen thưởng theo quyết định \(r.decision) — căn cứ điểm \(r.ground) khoản 2 Điều 93 Luật Thi đua, khen thưởng: \(r.groundText); thu hồi \(vnd(r.amountVND, l)) đồng"
                 : "Dossier \(r.dossier): award under decision \(r.decision) revoked — Luật 06/2022 Article 93(2)(\(r.ground)): \(r.groundText); \(vnd(r.amountVND, l)) VND to recover"
    }

    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(.init(vi: "không đọc được tệp \(path)", en: "cannot read \(path)"),
                           fix: .init(vi: "kiểm tra đường dẫn", en: "check the path"), exit: .dataError)
        }
        return Array(data)
    }
}
