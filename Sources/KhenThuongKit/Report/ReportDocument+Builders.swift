import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension ReportDocument {
    /// The award statistics: sentences, one row per group, bars of each group's total.
    public static func awards(_ stats: AwardStatistics, entries: [AwardEntry], _ l: Language) -> ReportDocument {
        let vi = l == .vi
        let header = stats.by.map { $0.header[l] } + (vi ? ["Tập thể", "Cá nhân", "Tổng"] : ["Collectives", "Individuals", "Total"])
        var rows = stats.rows.map { r in
            zip(stats.by, r.keys).map { AwardStatistics.label($0, $1, l) }
                + [NumberText.integer(r.collectives, l), NumberText.integer(r.individuals, l), NumberText.integer(r.total, l)]
        }
        rows.append([vi ? "Tổng cộng" : "Total"] + Array(repeating: "", count: max(stats.by.count - 1, 0))
                    + [NumberText.integer(stats.collectives, l), NumberText.integer(stats.individuals, l),
                       NumberText.integer(stats.collectives + stats.individuals, l)])
        if stats.revoked > 0 {
            rows.append([vi ? "Đã thu hồi (không tính)" : "Revoked (not counted)"] + Array(repeating: "", count: max(stats.by.count - 1, 0))
                        + ["", "", NumberText.integer(stats.revoked, l)])
        }
        let bars = stats.rows.map { r in
            (label: zip(stats.by, r.keys).map { AwardStatistics.label($0, $1, l) }.joined(separator: " · "), value: Double(r.total))
        }
        let title = vi ? "Kết quả công tác khen thưởng từ \(stats.from.vietnamese) đến \(stats.to.vietnamese)"
                       : "Awards from \(stats.from) to \(stats.to)"
        return ReportDocument(title: title, sentences: [AwardSentences.text(entries, from: stats.from, to: stats.to, l)],
                              header: header, rows: rows, bars: bars, chartTitle: vi ? "Số khen thưởng theo nhóm" : "Awards per group")
    }

    /// Target attainment of one movement: a row per target, bars of value against goal (percent of goal).
    public static func targets(_ m: Movement, _ progress: [TargetProgress], asOf: CivilDate, _ l: Language) -> ReportDocument {
        let vi = l == .vi
        let met = progress.filter { $0.status == .met }.count
        let measured = progress.filter { $0.status != .notMeasured }.count
        let sentence = vi ? "Tính đến ngày \(asOf.vietnamese), phong trào có \(NumberText.integer(measured, l)) chỉ tiêu đo được, trong đó \(NumberText.integer(met, l)) chỉ tiêu đã đạt."
                          : "As of \(asOf), the movement has \(measured) measurable targets, of which \(met) are met."
        let bars = progress.compactMap { p -> (label: String, value: Double)? in
            guard let v = p.value, let g = p.goal, g > 0 else { return nil }
            let isPercentOfUnits = p.kind == MovementTarget.Kind.perUnit.rawValue
            return (label: p.target, value: isPercentOfUnits ? v : v / g * 100)
        }
        return ReportDocument(title: "\(m.name[l]) — \(vi ? "kết quả thực hiện chỉ tiêu" : "target attainment")",
                              sentences: [sentence], header: MovementText.progressHeader(l),
                              rows: MovementText.progressRows(m, progress, l), bars: bars,
                              chartTitle: vi ? "Mức đạt so với mục tiêu (%)" : "Attainment against the goal (%)")
    }

    /// Exemplary people and collectives: the counted award entries, highest level first.
    public static func exemplary(_ entries: [AwardEntry], from: CivilDate, to: CivilDate, _ l: Language) -> ReportDocument {
        let vi = l == .vi
        let counted = entries.filter { !$0.revoked }.sorted {
            (AwardStatistics.orderKey(.level, $0.level), AwardStatistics.orderKey(.form, $0.form), $0.nomineeName)
                < (AwardStatistics.orderKey(.level, $1.level), AwardStatistics.orderKey(.form, $1.form), $1.nomineeName)
        }
        let rows = counted.map { e in
            [e.nomineeName, AwardVocabulary.subject(e.subject)[l], e.unit, e.awardName, AwardVocabulary.level(e.level)[l], "\(e.year)", e.date.formatted(l)]
        }
        var perUnit: [String: Int] = [:]
        for e in counted { perUnit[e.unit, default: 0] += 1 }
        return ReportDocument(title: vi ? "Gương điển hình được khen thưởng từ \(from.vietnamese) đến \(to.vietnamese)" : "Exemplary people and collectives awarded from \(from) to \(to)",
                              sentences: [], header: vi ? ["Tập thể / cá nhân", "Đối tượng", "Đơn vị", "Khen thưởng", "Cấp", "Năm", "Ngày"]
                                                        : ["Nominee", "Subject", "Unit", "Award", "Level", "Year", "Date"],
                              rows: rows, bars: perUnit.keys.sorted().map { (label: $0, value: Double(perUnit[$0]!)) },
                              chartTitle: vi ? "Số khen thưởng theo đơn vị" : "Awards per unit")
    }
}
