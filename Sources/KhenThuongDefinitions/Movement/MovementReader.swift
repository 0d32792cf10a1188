import Foundation
import KhenThuongCore

/// Reads the members of a movement definition, collecting one finding per problem (with its
/// JSON path and position) instead of stopping at the first.
package struct MovementReader {
    package var base: WorkflowLoader.Reader

    package init(base: WorkflowLoader.Reader) { self.base = base }

    package mutating func movement(_ root: JSONValue.Positioned) -> Movement? {
        guard root.members != nil else {
            base.invalid("$", root, vi: "định nghĩa phong trào phải là một đối tượng JSON", en: "a movement definition must be a JSON object")
            return nil
        }
        let id = base.string(root, "id", "$")
        let name = base.text(root, "name", "$")
        let launchedBy = base.text(root, "launchedBy", "$")
        let document = documentReference(root)
        let basis = texts(root, "basis", "$", required: false)
        let period = period(root)
        var phases: [Movement.Phase] = []
        for (i, p) in (base.array(root, "phases", "$", required: false) ?? []).enumerated() {
            if let phase = phase(p, "$.phases[\(i)]") { phases.append(phase) }
        }
        let themes = texts(root, "themes", "$", required: true)
        let levels = texts(root, "levels", "$", required: true)
        var targets: [MovementTarget] = []
        for (i, t) in (base.array(root, "targets", "$") ?? []).enumerated() {
            if let target = target(t, "$.targets[\(i)]") { targets.append(target) }
        }
        let source = sourceReference(root)
        guard let id, let name, let launchedBy, let document, let period, let source else { return nil }
        return Movement(id: id, name: name, launchedBy: launchedBy, document: document, basis: basis, period: period,
                        phases: phases, themes: themes, levels: levels, targets: targets, source: source)
    }

    package mutating func date(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool) -> CivilDate? {
        guard let v = obj[key] else {
            if required { base.invalid("\(path).\(key)", obj, vi: "thiếu ngày \"\(key)\" (YYYY-MM-DD)", en: "the date \"\(key)\" (YYYY-MM-DD) is missing") }
            return nil
        }
        guard let s = v.string, let d = try? CivilDate(parsing: s) else {
            base.invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là ngày có thật dạng YYYY-MM-DD, ví dụ \"2022-05-31\"", en: "\"\(key)\" must be a real date written YYYY-MM-DD, e.g. \"2022-05-31\"")
            return nil
        }
        return d
    }

    package mutating func texts(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool) -> [LocalizedText] {
        guard let items = base.array(obj, key, path, required: required) else { return [] }
        var out: [LocalizedText] = []
        for (i, item) in items.enumerated() {
            guard let vi = item["vi"]?.string, let en = item["en"]?.string, !vi.isEmpty, !en.isEmpty else {
                base.invalid("\(path).\(key)[\(i)]", item, vi: "mỗi phần tử phải là {\"vi\": …, \"en\": …}", en: "each entry must be {\"vi\": …, \"en\": …}")
                continue
            }
            out.append(LocalizedText(vi: vi, en: en))
        }
        return out
    }

    package mutating func optionalText(_ obj: JSONValue.Positioned, _ key: String, _ path: String) -> LocalizedText? {
        obj[key] == nil ? nil : base.text(obj, key, path)
    }

    package mutating func documentReference(_ root: JSONValue.Positioned) -> Movement.DocumentReference? {
        guard let d = root["document"] else {
            base.invalid("$.document", root, vi: "thiếu \"document\" ({\"number\", \"date\", \"place\"})", en: "\"document\" ({\"number\", \"date\", \"place\"}) is missing")
            return nil
        }
        let number = base.string(d, "number", "$.document")
        let date = date(d, "date", "$.document", required: true)
        let place = base.string(d, "place", "$.document", required: false)
        let signer = base.string(d, "signer", "$.document", required: false)
        guard let number, let date else { return nil }
        return .init(number: number, date: date, place: place, signer: signer)
    }

    package mutating func period(_ root: JSONValue.Positioned) -> Movement.Period? {
        guard let p = root["period"] else {
            base.invalid("$.period", root, vi: "thiếu \"period\" ({\"from\", \"to\"})", en: "\"period\" ({\"from\", \"to\"}) is missing")
            return nil
        }
        let from = date(p, "from", "$.period", required: true)
        let to = date(p, "to", "$.period", required: false)
        let note = optionalText(p, "note", "$.period")
        guard let from else { return nil }
        return .init(from: from, to: to, note: note)
    }

    package mutating func phase(_ p: JSONValue.Positioned, _ path: String) -> Movement.Phase? {
        let number = p["number"]?.int
        if number == nil || number! < 1 {
            base.invalid("\(path).number", p["number"] ?? p, vi: "\"number\" phải là số nguyên dương (đợt 1, 2 …)", en: "\"number\" must be a positive integer (phase 1, 2 …)")
        }
        let from = date(p, "from", path, required: true)
        let to = date(p, "to", path, required: true)
        let name = base.text(p, "name", path)
        let occasions = texts(p, "occasions", path, required: false)
        guard let number, number >= 1, let from, let to, let name else { return nil }
        return .init(number: number, from: from, to: to, name: name, occasions: occasions)
    }

    package mutating func target(_ t: JSONValue.Positioned, _ path: String) -> MovementTarget? {
        let id = base.string(t, "id", path)
        let kindText = base.string(t, "kind", path)
        let kind = kindText.flatMap(MovementTarget.Kind.init(rawValue:))
        if kindText != nil && kind == nil {
            let all = MovementTarget.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            base.invalid("\(path).kind", t["kind"], vi: "loại chỉ tiêu \"\(kindText!)\" không có; dùng một trong: \(all)", en: "there is no target kind \"\(kindText!)\"; use one of: \(all)")
        }
        let text = base.text(t, "text", path)
        var comparison = MovementTarget.Comparison.atLeast
        if let c = t["comparison"] {
            if let s = c.string, let parsed = MovementTarget.Comparison(rawValue: s) { comparison = parsed } else {
                base.invalid("\(path).comparison", c, vi: "\"comparison\" phải là \"atLeast\" (ít nhất, ≥) hoặc \"greaterThan\" (trên, >)", en: "\"comparison\" must be \"atLeast\" (≥) or \"greaterThan\" (>)")
            }
        }
        var goal: Double?
        if let g = t["goal"] {
            goal = g.double
            if goal == nil || goal! < 0 {
                base.invalid("\(path).goal", g, vi: "\"goal\" phải là số không âm", en: "\"goal\" must be a non-negative number")
            }
        }
        let from = date(t, "from", path, required: false)
        let deadline = date(t, "deadline", path, required: false)
        let note = optionalText(t, "note", path)
        let section = base.string(t, "section", path, required: false)
        var counts: MovementTarget.Counts?
        if let c = t["counts"] {
            let awards = c["awards"]?.array?.compactMap(\.string) ?? []
            if c.string == "initiatives" {
                counts = .initiatives
            } else if !awards.isEmpty && awards.count == c["awards"]?.array?.count {
                counts = .awards(awards)
            } else {
                base.invalid("\(path).counts", c, vi: "\"counts\" phải là \"initiatives\" hoặc {\"awards\": [\"mã danh hiệu\", …]}",
                             en: "\"counts\" must be \"initiatives\" or {\"awards\": [\"award id\", …]}")
            }
            let fits = kind == .count || (kind == .share && counts != .initiatives)
            if counts != nil && kind != nil && !fits {
                base.invalid("\(path).counts", c, vi: "\"counts\" chỉ dùng cho chỉ tiêu loại \"count\", hoặc \"share\" với {\"awards\": …} (số người đạt)",
                             en: "\"counts\" applies to \"count\" targets, or to \"share\" targets with {\"awards\": …} (the achievers)")
                counts = nil
            }
        }
        guard let id, let kind, let text else { return nil }
        return MovementTarget(id: id, kind: kind, text: text, comparison: comparison, goal: goal, from: from,
                              deadline: deadline, yearly: t["yearly"]?.bool ?? false, note: note, section: section, counts: counts)
    }

    package mutating func sourceReference(_ root: JSONValue.Positioned) -> Movement.SourceReference? {
        guard let s = root["source"] else {
            base.invalid("$.source", root, vi: "thiếu \"source\" ({\"file\", \"section\"}): văn bản gốc của phong trào", en: "\"source\" ({\"file\", \"section\"}), the document it came from, is missing")
            return nil
        }
        guard let file = base.string(s, "file", "$.source"), let section = base.string(s, "section", "$.source") else { return nil }
        return .init(file: file, section: section)
    }
}
