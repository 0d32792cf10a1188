import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Dossiers and their history as a person reads them.
enum DossierText {
    static func describe(_ d: Dossier, workflow wf: Workflow, awards: AwardCatalog, allowed: [String]?, actor: Actor?, events: Int? = nil,
                         unitName: (String) -> String? = { _ in nil }, _ l: Language) -> String {
        func unit(_ code: String) -> String { Directory.label(code, name: unitName(code)) }
        let vi = l == .vi
        let award = awards.award(d.awardID)?.name[l] ?? d.awardID
        var fields: [(String, String)] = [
            // Both years when the dossier was opened for a longer period or proposed later.
            (vi ? "Danh hiệu" : "Award", "\(award) (\(d.awardID)), " + (d.achievementPeriod.isPlainYear
                ? "\(vi ? "năm" : "year") \(d.year)" : d.achievementPeriod.described(l))),
            (vi ? "Người được đề nghị" : "Nominee", "\(d.nominee.name) (\(d.nominee.id), \(vi ? (d.nominee.kind == .individual ? "cá nhân" : "tập thể") : d.nominee.kind.rawValue))"),
            (vi ? "Đơn vị đề nghị" : "Proposed by", unit(d.proposerUnit)),
            (vi ? "Gửi tới" : "Addressed to", unit(d.addresseeUnit)),
            (vi ? "Quy trình" : "Workflow", "\(wf.definition.name[l]) (\(d.workflowID) \(d.workflowVersion))"),
            (vi ? "Trạng thái" : "State", "\(wf.stateLabel(d.state, l)) (\(d.state)) \(vi ? "từ" : "since") \(Timestamp.local(d.enteredStateAt, l))"),
        ]
        if let due = d.dueDate { fields.append((vi ? "Hạn nộp" : "Due date", due.formatted(l))) }
        let docs = d.documents.map { "\(wf.documentName($0, l)) (\($0))" }.joined(separator: "; ")
        fields.append((vi ? "Tài liệu" : "Documents", docs.isEmpty ? (vi ? "chưa có" : "none") : docs))
        // Every event of the dossier (records such as facts, verdicts, ballots and comments too), not only its transitions.
        fields.append((vi ? "Số sự kiện" : "Events", "\(events ?? d.eventCount)"))
        if let allowed, let actor {
            let list = allowed.map { "\(wf.eventLabel($0, l)) (\($0))" }.joined(separator: ", ")
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
                return ["\(e.seq)", Timestamp.local(e.at, l), recordLabel(e.event, l), "(\(to))", e.actor.description, e.reason ?? ""]
            }
            let label = e.kind == .created ? (vi ? "lập hồ sơ" : "opened") : (wf?.eventLabel(e.event, l) ?? e.event)
            return ["\(e.seq)", Timestamp.local(e.at, l), label, "\(from) → \(to)", e.actor.description, e.reason ?? ""]
        }
        var out = TextTable.render(header: header, rows: rows)
        if let last = events.last { out += "\n\(vi ? "Mã băm sự kiện cuối" : "Last event hash"): \(last.hash)" }
        return out
    }

    /// What a record on a dossier is, as a person reads it (the kind stays in `--json`).
    static func recordLabel(_ kind: String, _ l: Language) -> String {
        let labels: [String: (String, String)] = [
            "nominee_facts": ("ghi dữ kiện người được đề nghị", "nominee facts recorded"),
            "eligibility_verdict": ("kết quả xét điều kiện", "eligibility verdict"),
            "eligibility_override": ("nộp không qua kiểm tra điều kiện", "eligibility check overridden"),
            "comment": ("ý kiến góp ý", "public comment"),
            "complaint_filed": ("khiếu nại", "complaint filed"),
            "complaint_resolved": ("giải quyết khiếu nại", "complaint resolved"),
            "ballot_count": ("kết quả kiểm phiếu", "ballot count"),
            "attachment_added": ("đính kèm tệp", "file attached"),
            "envelope_imported": ("nhập phong bì hồ sơ", "envelope imported"),
            "package_imported": ("nhập gói hồ sơ cấp dưới", "package imported"),
            "revocation": ("hủy bỏ khen thưởng", "award revoked"),
        ]
        guard let pair = labels[kind] else { return kind }
        return l == .vi ? pair.0 : pair.1
    }

    static func table(_ dossiers: [Dossier], definitions: Definitions, unitName: (String) -> String? = { _ in nil }, _ l: Language) -> String {
        let vi = l == .vi
        let header = vi ? ["Mã hồ sơ", "Danh hiệu", "Năm", "Người được đề nghị", "Đơn vị", "Trạng thái"] : ["Dossier", "Award", "Year", "Nominee", "Unit", "State"]
        let rows = dossiers.map { d in
            [d.id, definitions.awards.award(d.awardID)?.name[l] ?? d.awardID, "\(d.year)", d.nominee.name, unitName(d.proposerUnit) ?? d.proposerUnit,
             definitions.workflows[d.workflowID]?.stateLabel(d.state, l) ?? d.state]
        }
        return TextTable.render(header: header, rows: rows) + "\n" + (vi ? "\(dossiers.count) hồ sơ" : "\(dossiers.count) dossiers")
    }
}
