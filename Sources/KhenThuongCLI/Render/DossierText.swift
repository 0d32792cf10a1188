import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Dossiers and their history as a person reads them.
enum DossierText {
    static func describe(_ d: Dossier, workflow wf: Workflow, awards: AwardCatalog, allowed: [String]?, actor: Actor?, _ l: Language) -> String {
        let vi = l == .vi
        let award = awards.award(d.awardID)?.name[l] ?? d.awardID
        var fields: [(String, String)] = [
            // Both years when the dossier was opened for a longer period or proposed later.
            (vi ? "Danh hiệu" : "Award", "\(award) (\(d.awardID)), " + (d.achievementPeriod.isPlainYear
                ? "\(vi ? "năm" : "year") \(d.year)" : d.achievementPeriod.described(l))),
            (vi ? "Người được đề nghị" : "Nominee", "\(d.nominee.name) (\(d.nominee.id), \(vi ? (d.nominee.kind == .individual ? "cá nhân" : "tập thể") : d.nominee.kind.rawValue))"),
            (vi ? "Đơn vị đề nghị" : "Proposed by", d.proposerUnit),
            (vi ? "Gửi tới" : "Addressed to", d.addresseeUnit),
            (vi ? "Quy trình" : "Workflow", "\(wf.definition.name[l]) (\(d.workflowID) \(d.workflowVersion))"),
            (vi ? "Trạng thái" : "State", "\(wf.stateLabel(d.state, l)) (\(d.state)) \(vi ? "từ" : "since") \(Timestamp.local(d.enteredStateAt, l))"),
        ]
        if let due = d.dueDate { fields.append((vi ? "Hạn nộp" : "Due date", due.formatted(l))) }
        let docs = d.documents.map { "\(wf.documentName($0, l)) (\($0))" }.joined(separator: "; ")
        fields.append((vi ? "Tài liệu" : "Documents", docs.isEmpty ? (vi ? "chưa có" : "none") : docs))
        fields.append((vi ? "Số sự kiện" : "Events", "\(d.eventCount)"))
        if let allowed, let actor {
            let list = allowed.map { "\($0) (\(wf.eventLabel($0, l)))" }.joined(separator: ", ")
            fields.append(((vi ? "Được phép cho " : "Allowed for ") + actor.description, list.isEmpty ? (vi ? "không có" : "none") : list))
        }
        let width = fields.dropLast(allowed != nil && actor != nil ? 1 : 0).map(\.0.count).max() ?? 0
        var lines = ["\(vi ? "Hồ sơ" : "Dossier") \(d.id)"]
        for (label, value) in fields {
            lines.append("  " + label + ":" + String(repeating: " ", count: max(1, width - label.count + 1)) + value)
        }
        return lines.joined(separator: "\n")
    }

    static func history(_ events: [StoredEvent], workflow wf: Workflow?, _ l: Language) -> String {
        let vi = l == .vi
        let header = vi ? ["#", "Thời điểm", "Sự kiện", "Từ → đến", "Người thực hiện", "Lý do"] : ["#", "Time", "Event", "From → to", "Actor", "Reason"]
        let rows = events.map { e -> [String] in
            let from = e.fromState.map { wf?.stateLabel($0, l) ?? $0 } ?? "—"
            let to = wf?.stateLabel(e.toState, l) ?? e.toState
            if e.kind == .record {
                return ["\(e.seq)", Timestamp.local(e.at, l), e.event, "(\(to))", e.actor.description, e.reason ?? ""]
            }
            let label = e.kind == .created ? (vi ? "lập hồ sơ" : "opened") : e.event
            return ["\(e.seq)", Timestamp.local(e.at, l), label, "\(from) → \(to)", e.actor.description, e.reason ?? ""]
        }
        var out = TextTable.render(header: header, rows: rows)
        if let last = events.last { out += "\n\(vi ? "Mã băm sự kiện cuối" : "Last event hash"): \(last.hash)" }
        return out
    }

    static func table(_ dossiers: [Dossier], definitions: Definitions, _ l: Language) -> String {
        let vi = l == .vi
        let header = vi ? ["Mã hồ sơ", "Danh hiệu", "Năm", "Người được đề nghị", "Đơn vị", "Trạng thái"] : ["Dossier", "Award", "Year", "Nominee", "Unit", "State"]
        let rows = dossiers.map { d in
            [d.id, d.awardID, "\(d.year)", d.nominee.name, d.proposerUnit,
             definitions.workflows[d.workflowID]?.stateLabel(d.state, l) ?? d.state]
        }
        return TextTable.render(header: header, rows: rows) + "\n" + (vi ? "\(dossiers.count) hồ sơ" : "\(dossiers.count) dossiers")
    }
}
