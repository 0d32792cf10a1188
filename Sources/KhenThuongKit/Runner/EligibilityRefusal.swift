import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Why the eligibility guard stopped an event. Nothing is written when it is thrown.
public enum EligibilityRefusal: Error, Sendable, Hashable {
    /// A criterion fails: the verdict explains which, with the actual values and citations.
    case ineligible(dossier: String, verdict: EligibilityVerdict, policy: EligibilityGuardPolicy)
    /// A discipline review, inspection or complaint is pending: tạm dừng xét, not rejected.
    case deferred(dossier: String, verdict: EligibilityVerdict, policy: EligibilityGuardPolicy)
    /// The award has a rule set and no facts were recorded on the dossier.
    case noFacts(dossier: String, awardName: LocalizedText?, award: String, year: Int, policy: EligibilityGuardPolicy)
    /// `--override-eligibility` without a written reason.
    case overrideWithoutReason(dossier: String)
    /// The actor's role may not override.
    case overrideRoleNotAllowed(dossier: String, role: String, allowed: [String])
    /// An override was asked for where the guard did not stop anything.
    case overrideNotNeeded(dossier: String, check: EligibilityCheck)

    /// The dossier concerned.
    public var dossier: String {
        switch self {
        case .ineligible(let d, _, _), .deferred(let d, _, _), .noFacts(let d, _, _, _, _), .overrideWithoutReason(let d),
             .overrideRoleNotAllowed(let d, _, _), .overrideNotNeeded(let d, _):
            return d
        }
    }

    /// The verdict, when one was taken.
    public var verdict: EligibilityVerdict? {
        switch self {
        case .ineligible(_, let v, _), .deferred(_, let v, _): v
        default: nil
        }
    }

    /// What is wrong, the verdict line by line when there is one, and how to go on.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        func overrideHint(_ p: EligibilityGuardPolicy) -> String {
            let roles = p.overrideRoles.isEmpty ? (vi ? "không vai trò nào" : "no role") : p.overrideRoles.joined(separator: ", ")
            return vi ? "hoặc nộp vượt kiểm tra với --override-eligibility --reason \"…\" (vai trò được phép: \(roles); được ghi lại thành sự kiện eligibility_override)"
                      : "or submit past the check with --override-eligibility --reason \"…\" (roles allowed: \(roles); recorded as an eligibility_override event)"
        }
        switch self {
        case .ineligible(let d, let v, let p) where v.regime == nil:
            // No regime covers the achievement period (after the mid-2025 change, say): the
            // dossier is not decided under another period's rules, and new facts will not help.
            let period = v.period.rendered
            let head = vi ? "Từ chối: hồ sơ \(d) chưa được nộp — quy tắc “\(v.awardName?[language] ?? v.award)” không có chế độ nào áp dụng cho thời kỳ thành tích \(period); hồ sơ không được xét theo quy tắc của thời kỳ khác — \(p.source)."
                          : "Refused: dossier \(d) was not submitted — the rules of “\(v.awardName?[language] ?? v.award)” have no regime covering the achievement period \(period); the dossier is not decided under another period's rules — \(p.source)."
            let fix = vi ? "Cách khắc phục: khi văn bản của thời kỳ này được mã hoá, thêm chế độ vào workflows/rules/\(v.award).json (docs/rules.md, mục “The mid-2025 change”) rồi nộp lại; \(overrideHint(p))."
                         : "How to fix: once the texts for this period are encoded, add a regime to workflows/rules/\(v.award).json (docs/rules.md, “The mid-2025 change”) and submit again; \(overrideHint(p))."
            return [head, v.rendered(language), fix].joined(separator: "\n")
        case .ineligible(let d, let v, let p):
            let head = vi ? "Từ chối: hồ sơ \(d) không đủ điều kiện nên chưa được nộp — \(p.source)."
                          : "Refused: dossier \(d) is not eligible, so it was not submitted — \(p.source)."
            let fix = vi ? "Cách khắc phục: nếu dữ kiện sai, ghi lại bằng `khenthuong dossier facts \(d) --nominees TỆP`; \(overrideHint(p))."
                         : "How to fix: if the facts are wrong, record them again with `khenthuong dossier facts \(d) --nominees FILE`; \(overrideHint(p))."
            return [head, v.rendered(language), fix].joined(separator: "\n")
        case .deferred(let d, let v, let p):
            let head = vi ? "Tạm dừng xét: hồ sơ \(d) chưa được nộp và không bị bác; hồ sơ vẫn ở trạng thái hiện tại — không đề nghị khen thưởng khi đang xem xét kỷ luật, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo (NĐ 98/2023/NĐ-CP, Điều 4)."
                          : "Deferred: dossier \(d) was not submitted and is not rejected; it stays where it is — no award is proposed while discipline, an inspection or a complaint is pending (NĐ 98/2023/NĐ-CP, Article 4)."
            let fix = vi ? "Cách làm: khi thủ tục kết thúc, ghi lại dữ kiện (`khenthuong dossier facts \(d) --nominees TỆP`, có ngày \"closed\") rồi nộp lại; \(overrideHint(p))."
                         : "What to do: when the proceeding closes, record the facts again (`khenthuong dossier facts \(d) --nominees FILE`, with its \"closed\" date) and submit again; \(overrideHint(p))."
            return [head, v.rendered(language), fix].joined(separator: "\n")
        case .noFacts(let d, let name, let award, let year, let p):
            let a = name?[language] ?? award
            return vi ? "Từ chối: hồ sơ \(d) chưa có dữ kiện của người được đề nghị, nên chưa xét được điều kiện “\(a)” năm \(year) — \(p.source).\nCách khắc phục: ghi dữ kiện bằng `khenthuong dossier facts \(d) --nominees TỆP [--id MÃ]` rồi nộp lại; \(overrideHint(p))."
                      : "Refused: dossier \(d) has no facts about its nominee, so eligibility for “\(a)” \(year) cannot be checked — \(p.source).\nHow to fix: record them with `khenthuong dossier facts \(d) --nominees FILE [--id ID]` and submit again; \(overrideHint(p))."
        case .overrideWithoutReason(let d):
            return vi ? "Từ chối: vượt kiểm tra điều kiện cho hồ sơ \(d) cần lý do bằng văn bản.\nCách khắc phục: thêm --reason \"…\" (lý do được ghi vào sự kiện eligibility_override)."
                      : "Refused: overriding the eligibility check on dossier \(d) needs a written reason.\nHow to fix: add --reason \"…\" (it is recorded in the eligibility_override event)."
        case .overrideRoleNotAllowed(let d, let role, let allowed):
            let list = allowed.isEmpty ? (vi ? "không vai trò nào" : "none") : allowed.joined(separator: ", ")
            return vi ? "Từ chối: vai trò “\(role)” không được vượt kiểm tra điều kiện cho hồ sơ \(d); vai trò được phép: \(list) (workflows/rules/guard.json, overrideRoles).\nCách khắc phục: người có vai trò được phép thực hiện, hoặc bỏ --override-eligibility."
                      : "Refused: the role “\(role)” may not override the eligibility check on dossier \(d); roles allowed: \(list) (workflows/rules/guard.json, overrideRoles).\nHow to fix: have someone with an allowed role do it, or drop --override-eligibility."
        case .overrideNotNeeded(let d, let check):
            return vi ? "Từ chối: không có gì để vượt kiểm tra — hồ sơ \(d) có kết quả \(check.outcome).\nCách khắc phục: bỏ --override-eligibility."
                      : "Refused: there is nothing to override — dossier \(d) came out \(check.outcome).\nHow to fix: drop --override-eligibility."
        }
    }
}
