import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What `demo` prints: one line per scenario step (a refusal with its reasons, indented) and
/// the closing summary.
enum DemoText {
    /// What the run has seen so far.
    struct Tally {
        var scenarioPath: String
        var steps = 0
        var refusals = 0
        /// `file:line` of the steps that were (not) refused against their `expect`.
        var surprises: [String] = []
        var outputs: [(vi: String, en: String, path: String)] = []

        mutating func count(_ step: Scenario.Step, _ outcome: StepOutcome) {
            steps += 1
            if outcome.isRefusal { refusals += 1 }
            if outcome.isRefusal != step.expectRefusal { surprises.append("\(scenarioPath):\(step.line)") }
            if case .season(let s) = outcome {
                switch s {
                case .minutes(_, let file): outputs.append(("biên bản họp", "minutes", file))
                case .package(_, let file): outputs.append(("gói trình cấp trên", "upward package", file))
                case .site(_, let folder): outputs.append(("trang công khai", "public site", (folder as NSString).appendingPathComponent("index.html")))
                default: break
                }
            }
        }
    }

    static func step(_ step: Scenario.Step, _ outcome: StepOutcome, definitions: Definitions, _ l: Language) -> String {
        let vi = l == .vi
        var lines: [String] = []
        if let note = step.note { lines.append("• " + note[l]) }
        let head = "  [\(Timestamp.local(step.at, l))] \(step.actor)"
        func label(_ d: Dossier, _ state: String) -> String { definitions.workflows[d.workflowID]?.stateLabel(state, l) ?? state }
        switch outcome {
        case .created(let d):
            lines.append("\(head) — \(vi ? "lập hồ sơ" : "opens") \(d.id) → \(label(d, d.state))")
        case .transitioned(let d, let t, let check):
            let event = definitions.workflows[d.workflowID]?.eventLabel(t.event, l) ?? t.event
            var line = "\(head) — \(d.id) \(event): \(label(d, t.from)) → \(label(d, t.to))"
            if let note = check?.note(l, awards: definitions.awards) { line += " · " + note }
            lines.append(line)
        case .refused(let r, let wf):
            lines.append("\(head) — \(r.dossierID) \(wf.eventLabel(r.event, l)): \(vi ? "TỪ CHỐI" : "REFUSED")")
            lines += r.message(l, workflow: wf).split(separator: "\n").dropFirst().map { "      " + $0 }
        case .stopped(_, let message):
            var text = message[l].split(separator: "\n").map(String.init)
            for prefix in ["Từ chối: ", "Refused: "] where text.first?.hasPrefix(prefix) == true { text[0].removeFirst(prefix.count) }
            lines.append("\(head) — \(vi ? "TỪ CHỐI" : "REFUSED"): " + (text.first ?? ""))
            lines += text.dropFirst().map { "      " + $0 }
        case .season(let s):
            lines.append("\(head) — " + season(s, definitions: definitions, l))
        }
        return lines.joined(separator: "\n")
    }

    static func season(_ s: SeasonOutcome, definitions: Definitions, _ l: Language) -> String {
        let vi = l == .vi
        switch s {
        case .facts(let id, let facts, let seq, let verdict):
            let outcome = verdict.map { v in
                switch (v.outcome, vi) {
                case (.eligible, true): "đủ điều kiện"
                case (.eligible, false): "eligible"
                case (.notEligible, true): "KHÔNG ĐỦ ĐIỀU KIỆN (\(v.failing.joined(separator: ", ")))"
                case (.notEligible, false): "NOT ELIGIBLE (\(v.failing.joined(separator: ", ")))"
                case (.deferred, true): "tạm dừng xét"
                case (.deferred, false): "deferred"
                }
            } ?? (vi ? "chưa có bộ quy tắc" : "no rule set")
            return vi ? "\(id): ghi dữ kiện của \(facts.name) [sự kiện #\(seq)]; xét thử: \(outcome)"
                      : "\(id): facts of \(facts.name) recorded [event #\(seq)]; trial verdict: \(outcome)"
        case .complaint(let o):
            return ComplaintText.describe(o, workflow: definitions.workflows[o.dossier.workflowID], l)
        case .council(let c):
            return CouncilText.council(c, l)
        case .session(let session, let c):
            return CouncilText.session(session, c, l)
        case .vote(let r, let d):
            return CouncilText.vote(r, d, definitions.workflows[d.workflowID], l)
        case .minutes(let m, let file):
            return vi ? "biên bản phiên \(m.session.id) (\(m.lines.count) hồ sơ) → \(file)" : "minutes of session \(m.session.id) (\(m.lines.count) dossiers) → \(file)"
        case .decision(let d):
            return vi ? "Quyết định số \(d.number) ngày \(d.date.vietnamese): \(d.recipients.map(\.dossier).joined(separator: ", ")) → Đã công bố; tiền thưởng \(CouncilText.vnd(d.totalVND, l)) đồng"
                      : "Decision \(d.number) of \(d.date): \(d.recipients.map(\.dossier).joined(separator: ", ")) → Published; reward money \(CouncilText.vnd(d.totalVND, l)) VND"
        case .revocation(let r, let ground):
            return vi ? "Hồ sơ \(r.dossier): hủy bỏ khen thưởng theo quyết định \(r.decision) — điểm \(r.ground) khoản 2 Điều 93 Luật Thi đua, khen thưởng: \(ground.vi); thu hồi \(CouncilText.vnd(r.amountVND, l)) đồng → Đã hủy bỏ, thu hồi"
                      : "Dossier \(r.dossier): award under decision \(r.decision) revoked — Luật 06/2022 Article 93(2)(\(r.ground)): \(ground.en); \(CouncilText.vnd(r.amountVND, l)) VND to recover → Revoked"
        case .package(let p, let file):
            return vi ? "gói trình cấp trên \(p.dossiers.map(\.id).joined(separator: ", ")) → \(file) (SHA-256 \(p.sha256.prefix(16))…, đã kiểm tra lại)"
                      : "upward package \(p.dossiers.map(\.id).joined(separator: ", ")) → \(file) (SHA-256 \(p.sha256.prefix(16))…, checked back)"
        case .site(let m, let folder):
            return vi ? "xuất trang công khai → \(folder)/index.html: \(m.notices.count) hồ sơ đang công khai, \(m.decisions.count) quyết định, \(m.recipients.count) người/tập thể"
                      : "public site → \(folder)/index.html: dossiers under notice \(m.notices.count), decisions \(m.decisions.count), recipients \(m.recipients.count)"
        }
    }

    static func summary(_ t: Tally, audit: StoreAudit, setUpEvents: Int64, dossiers: [Dossier], decisions: [Decision], definitions: Definitions,
                        storePath: String, _ l: Language) -> String {
        let vi = l == .vi
        var byState: [(label: String, count: Int)] = []
        for d in dossiers {
            let label = definitions.workflows[d.workflowID]?.stateLabel(d.state, l) ?? d.state
            if let i = byState.firstIndex(where: { $0.label == label }) { byState[i].count += 1 } else { byState.append((label, 1)) }
        }
        let states = byState.map { "\($0.label) \($0.count)" }.joined(separator: ", ")
        let money = CouncilText.vnd(decisions.reduce(0) { $0 + $1.totalVND }, l)
        let people = decisions.reduce(0) { $0 + $1.recipients.count }
        let report = audit.chain
        let chain = report.isIntact ? (vi ? "toàn vẹn" : "intact") : (vi ? "HỎNG" : "BROKEN")
        let c = report.commits
        let signatures = audit.isIntact
            ? (vi ? "\(c.commitCount) lần ghi có chữ ký, chữ ký hợp lệ, người ký đều có quyền lúc ký"
                  : "\(c.commitCount) signed commits, signatures valid, every signer held the grant at the time")
            : (vi ? "HỎNG: \(audit.firstFault(.vi) ?? "")" : "BROKEN: \(audit.firstFault(.en) ?? "")")
        var lines = [
            vi ? "Tổng kết: \(t.steps) bước, \(t.refusals) lần bị từ chối (không ghi gì), \(report.eventCount - setUpEvents) sự kiện đã ghi (cùng \(setUpEvents) sự kiện danh mục đơn vị và quyền)."
               : "Summary: \(t.steps) steps, \(t.refusals) refused (nothing recorded), \(report.eventCount - setUpEvents) events recorded (besides \(setUpEvents) events of the unit and grant directory).",
            vi ? "Hồ sơ theo trạng thái: \(states)." : "Dossiers by state: \(states).",
            vi ? "Quyết định: \(decisions.count), \(people) người/tập thể, tổng tiền thưởng \(money) đồng."
               : "Decisions: \(decisions.count), \(people) recipients, reward money in total \(money) VND.",
        ]
        lines += t.outputs.map { vi ? "Tệp: \($0.vi) \($0.path)" : "File: \($0.en) \($0.path)" }
        lines.append(vi ? "Kiểm tra chuỗi băm: \(chain), mã băm cuối \(report.headHash ?? "—")."
                        : "Hash chain check: \(chain), last hash \(report.headHash ?? "—").")
        lines.append(vi ? "Kiểm tra chữ ký: \(signatures)." : "Signature check: \(signatures).")
        lines.append(vi ? "Xem tiếp: khenthuong --store \(storePath) dossier history HS-2025-000001 · decision list · verify"
                        : "Next: khenthuong --store \(storePath) dossier history HS-2025-000001 · decision list · verify")
        return lines.joined(separator: "\n")
    }
}
