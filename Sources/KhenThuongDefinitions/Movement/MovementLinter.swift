import Foundation
import KhenThuongCore

/// Checks a movement that parsed: dates in order, phases inside the period and not
/// overlapping, unique ids and phase numbers, goals that fit their kind.
package enum MovementLinter {
    package static func lint(_ m: Movement, root: JSONValue.Positioned, file: String) -> [LintFinding] {
        var out: [LintFinding] = []
        func add(_ kind: LintFinding.Kind, _ path: String, _ at: JSONValue.Positioned?, vi: String, en: String) {
            out.append(LintFinding(kind: kind, file: file, location: .init(path: path, position: at?.position ?? root.position),
                                   message: .init(vi: vi, en: en)))
        }
        let phasesJSON = root["phases"]?.array ?? []
        let targetsJSON = root["targets"]?.array ?? []
        if let to = m.period.to, to < m.period.from {
            add(.invalidDefinition, "$.period.to", root["period"]?["to"], vi: "ngày kết thúc \(to.vietnamese) trước ngày bắt đầu \(m.period.from.vietnamese)", en: "the end \(to) is before the start \(m.period.from)")
        }
        var numbers: Set<Int> = []
        for (i, p) in m.phases.enumerated() {
            let json = i < phasesJSON.count ? phasesJSON[i] : nil
            if !numbers.insert(p.number).inserted {
                add(.duplicateID, "$.phases[\(i)].number", json?["number"], vi: "đợt \(p.number) bị khai báo hai lần", en: "phase \(p.number) is declared twice")
            }
            if p.to < p.from {
                add(.invalidDefinition, "$.phases[\(i)].to", json?["to"], vi: "đợt \(p.number) kết thúc (\(p.to.vietnamese)) trước khi bắt đầu (\(p.from.vietnamese))", en: "phase \(p.number) ends (\(p.to)) before it starts (\(p.from))")
            }
            if p.from < m.period.from || (m.period.to.map { p.to > $0 } ?? false) {
                add(.invalidDefinition, "$.phases[\(i)]", json, vi: "đợt \(p.number) nằm ngoài thời gian của phong trào; sửa \"period\" hoặc ngày của đợt", en: "phase \(p.number) lies outside the movement's period; fix \"period\" or the phase dates")
            }
            if i > 0, p.from <= m.phases[i - 1].to {
                add(.invalidDefinition, "$.phases[\(i)].from", json?["from"], vi: "đợt \(p.number) bắt đầu trước khi đợt trước kết thúc", en: "phase \(p.number) starts before the previous phase ends")
            }
        }
        var ids: Set<String> = []
        for (i, t) in m.targets.enumerated() {
            let json = i < targetsJSON.count ? targetsJSON[i] : nil
            let p = "$.targets[\(i)]"
            if !ids.insert(t.id).inserted {
                add(.duplicateID, "\(p).id", json?["id"], vi: "chỉ tiêu \"\(t.id)\" bị khai báo hai lần", en: "target \"\(t.id)\" is declared twice")
            }
            lint(t, path: p, json: json, movement: m, add: add)
        }
        return out
    }

    /// The checks of one target added on its own (`movement target add`), the same as in a
    /// definition file; `source` names where it came from.
    package static func lint(_ t: MovementTarget, movement m: Movement, source: String) -> [LintFinding] {
        var out: [LintFinding] = []
        lint(t, path: "$.targets[\"\(t.id)\"]", json: nil, movement: m) { kind, path, _, vi, en in
            out.append(LintFinding(kind: kind, file: source, location: nil, message: .init(vi: vi, en: en)))
        }
        return out
    }

    private static func lint(_ t: MovementTarget, path p: String, json: JSONValue.Positioned?, movement m: Movement,
                             add: (LintFinding.Kind, String, JSONValue.Positioned?, String, String) -> Void) {
        if t.kind == .qualitative {
            if t.goal != nil { add(.invalidDefinition, "\(p).goal", json?["goal"], "chỉ tiêu định tính không có \"goal\"; đổi \"kind\" hoặc bỏ \"goal\"", "a qualitative target has no \"goal\"; change \"kind\" or drop \"goal\"") }
            return
        }
        guard let goal = t.goal else {
            add(.invalidDefinition, "\(p).goal", json, "chỉ tiêu loại \(t.kind.rawValue) cần \"goal\" (một số)", "a \(t.kind.rawValue) target needs a \"goal\" (a number)")
            return
        }
        if !goal.isFinite || goal < 0 || goal > MovementTarget.maxGoal {
            add(.invalidDefinition, "\(p).goal", json?["goal"], "\"goal\" phải là số từ 0 đến 1.000.000.000", "\"goal\" must be a number from 0 to 1,000,000,000")
            return
        }
        if t.isPercent && goal > 100 {
            add(.invalidDefinition, "\(p).goal", json?["goal"], "\"goal\" là phần trăm nên không quá 100", "\"goal\" is a percentage, so at most 100")
        }
        if t.isPercent && t.comparison == .greaterThan && goal >= 100 {
            add(.invalidDefinition, "\(p).comparison", json?["comparison"], "“trên 100%” không thể đạt; dùng \"atLeast\"", "“more than 100%” cannot be met; use \"atLeast\"")
        }
        if let from = t.from, let deadline = t.deadline, deadline < from {
            add(.invalidDefinition, "\(p).deadline", json?["deadline"], "hạn \(deadline.vietnamese) trước ngày bắt đầu tính \(from.vietnamese)", "the deadline \(deadline) is before the start \(from)")
        }
    }
}
