import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A movement printed back as a person reads the plan: title, document, period, phases with
/// their occasions, themes, levels, targets (with how each is measured) and the source.
public enum MovementText {
    public static func show(_ m: Movement, _ l: Language) -> String {
        let vi = l == .vi
        var lines = ["\(m.name[l]) (\(m.id))"]
        var doc = "\(vi ? "Văn bản" : "Document"): \(vi ? "Số" : "No.") \(m.document.number), \(m.document.place.map { "\($0), " } ?? "")\(vi ? "ngày" : "dated") \(m.document.date.formatted(l))"
        if let signer = m.document.signer { doc += " — \(signer)" }
        lines.append("\(vi ? "Cơ quan phát động" : "Launched by"): \(m.launchedBy[l])")
        lines.append(doc)
        for b in m.basis { lines.append("\(vi ? "Căn cứ" : "Basis"): \(b[l])") }
        let end = m.period.to.map { $0.formatted(l) } ?? (vi ? "chưa định" : "open")
        lines.append("\(vi ? "Thời gian" : "Period"): \(m.period.from.formatted(l)) – \(end)")
        if let note = m.period.note { lines.append("  \(note[l])") }
        if !m.phases.isEmpty {
            lines += ["", vi ? "Các đợt thi đua:" : "Phases:"]
            for p in m.phases {
                lines.append("  \(vi ? "Đợt" : "Phase") \(p.number) (\(p.from.formatted(l)) – \(p.to.formatted(l))): \(p.name[l])")
                for o in p.occasions { lines.append("    - \(o[l])") }
            }
        }
        lines += ["", vi ? "Nội dung thi đua:" : "Themes:"] + m.themes.map { "  - \($0[l])" }
        lines += ["", vi ? "Cấp tham gia:" : "Levels taking part:"] + m.levels.map { "  - \($0[l])" }
        lines += ["", vi ? "Chỉ tiêu:" : "Targets:"]
        if m.targets.isEmpty { lines.append(vi ? "  (văn bản không đặt chỉ tiêu bằng số)" : "  (the plan sets no numeric targets)") }
        for t in m.targets {
            lines.append("  [\(t.id)] \(t.text[l])")
            var how = "      \(kindName(t.kind)[l]): \(t.goalText(l))"
            if let from = t.from { how += "; \(vi ? "từ" : "from") \(from.formatted(l))" }
            if let d = t.deadline { how += "; \(vi ? "hạn" : "due") \(d.formatted(l))" }
            if t.yearly { how += vi ? "; hàng năm" : "; yearly" }
            if let s = t.section { how += "; \(vi ? "mục" : "section") \(s)" }
            lines.append(how)
            if let c = t.counts { lines.append("      \(vi ? "Đếm từ kho" : "Counted from the store"): \(countsText(c, l))") }
            if let note = t.note { lines.append("      \(vi ? "Ghi chú" : "Note"): \(note[l])") }
        }
        lines += ["", "\(vi ? "Nguồn" : "Source"): \(m.source.file), \(vi ? "mục" : "section") \(m.source.section)"]
        return lines.joined(separator: "\n")
    }

    public static func kindName(_ k: MovementTarget.Kind) -> LocalizedText {
        switch k {
        case .count: .init(vi: "số lượng đến hạn", en: "count by a date")
        case .share: .init(vi: "tỉ lệ trên tổng số", en: "share of a population")
        case .perUnit: .init(vi: "tối thiểu mỗi đơn vị", en: "minimum per unit")
        case .unitShare: .init(vi: "tỉ lệ đơn vị thực hiện", en: "share of units")
        case .qualitative: .init(vi: "định tính", en: "qualitative")
        }
    }

    /// The progress table's rows: target, goal, value, expected, status, window.
    public static func progressRows(_ m: Movement, _ progress: [TargetProgress], _ l: Language) -> [[String]] {
        progress.map { p in
            let t = m.target(p.target)
            let percent = t?.kind == .share || t?.kind == .unitShare || t?.kind == .perUnit
            let value = p.value.map { NumberText.decimal($0, l) + (percent ? "%" : "") } ?? "—"
            let behind = p.denominator.map { " (\(NumberText.integer(p.numerator, l))/\(NumberText.integer($0, l)))" } ?? ""
            let expected = p.expected.map { NumberText.decimal($0, l) + (percent ? "%" : "") } ?? "—"
            return [p.target, t?.goalText(l) ?? "", value + behind, expected, p.status.text[l],
                    "\(p.start.formatted(l)) – \(p.deadline.formatted(l))"]
        }
    }

    /// What a target counts, as people read it.
    public static func countsText(_ c: MovementTarget.Counts, _ l: Language, name: (String) -> String = { $0 }) -> String {
        switch c {
        case .awards(let ids): return ids.map(name).joined(separator: ", ")
        case .initiatives: return l == .vi ? "sáng kiến được công nhận (dữ kiện ghi trên hồ sơ)" : "initiatives recognised (facts recorded on dossiers)"
        }
    }

    /// Under the progress table, when a target counts from the store: which figures were
    /// counted and which typed.
    public static func sourceLines(_ m: Movement, _ progress: [TargetProgress], _ l: Language, name: (String) -> String = { $0 }) -> [String] {
        let vi = l == .vi
        let marked = progress.filter { $0.source != nil }
        guard !marked.isEmpty else { return [] }
        var lines = [vi ? "Nguồn số liệu:" : "Where the figures come from:"]
        for p in marked {
            guard let source = p.source, let t = m.target(p.target), let c = t.counts else { continue }
            let population = t.kind == .share && source == .counted
                ? (vi ? " (số người đạt; tổng số nhập tay bằng movement record --of)" : " (the achievers; the population typed with movement record --of)") : ""
            lines.append("  \(p.target): \(source.text[l])\(population) — \(countsText(c, l, name: name))")
        }
        if marked.count < progress.count {
            lines.append(vi ? "  các chỉ tiêu khác: nhập tay (movement record)" : "  the other targets: typed (movement record)")
        }
        return lines
    }

    public static func progressHeader(_ l: Language) -> [String] {
        l == .vi ? ["Chỉ tiêu", "Mục tiêu", "Hiện đạt", "Theo tiến độ", "Đánh giá", "Thời hạn"]
                 : ["Target", "Goal", "Current", "Pace asks", "Status", "Window"]
    }
}
