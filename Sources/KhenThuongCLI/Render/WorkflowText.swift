import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A workflow described for a person: states, roles, documents, transitions.
enum WorkflowText {
    static func describe(_ wf: Workflow, _ l: Language) -> String {
        let d = wf.definition
        let vi = l == .vi
        var lines = ["\(d.name[l]) — \(d.id) \(d.version)", ""]
        lines.append(vi ? "Trạng thái:" : "States:")
        for s in d.states {
            let kind = s.kind == .normal ? "" : " [\(vi ? (s.kind == .initial ? "bắt đầu" : "kết thúc") : s.kind.rawValue)]"
            lines.append("  \(s.id): \(s.label[l])\(kind)")
        }
        lines += ["", vi ? "Vai trò:" : "Roles:"]
        for r in d.roles { lines.append("  \(r.id): \(r.name[l]) (\(r.side.rawValue))") }
        lines += ["", vi ? "Tài liệu:" : "Documents:"]
        for doc in d.documents { lines.append("  \(doc.id): \(doc.name[l])") }
        lines += ["", vi ? "Chuyển tiếp:" : "Transitions:"]
        for t in d.transitions {
            var extra: [String] = []
            extra.append((vi ? "vai trò " : "roles ") + t.roles.joined(separator: ", "))
            if !t.documents.isEmpty { extra.append((vi ? "tài liệu " : "documents ") + t.documents.joined(separator: ", ")) }
            for g in t.guards {
                let params = g.parameters.keys.sorted().map { "\($0)=\(render(g.parameters[$0]!))" }.joined(separator: ", ")
                extra.append(params.isEmpty ? g.name : "\(g.name)(\(params))")
            }
            switch t.deadline {
            case .workingDaysInState(let n)?: extra.append(vi ? "hạn \(n) ngày làm việc" : "deadline \(n) working days")
            case .dossierDueDate?: extra.append(vi ? "hạn nộp của hồ sơ" : "the dossier's due date")
            case nil: break
            }
            lines.append("  \(t.event) (\(t.label[l])): \(t.from.joined(separator: ", ")) → \(t.to)  [\(extra.joined(separator: "; "))]")
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let d): d.rounded() == d ? String(Int(d)) : String(d)
        case .string(let s): s
        case .array(let a): "[" + a.map { render($0.value) }.joined(separator: ",") + "]"
        case .object: "{…}"
        }
    }
}
