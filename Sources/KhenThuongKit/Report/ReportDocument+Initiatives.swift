import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension ReportDocument {
    /// Exemplary initiatives (sáng kiến) recognised in a period, from a nominee facts file:
    /// largest benefit first, with who made them, their unit and the recognising level.
    public static func initiatives(_ nominees: [NomineeFacts], from: CivilDate, to: CivilDate, _ l: Language) -> ReportDocument {
        let vi = l == .vi
        var found: [(person: Individual, initiative: Initiative)] = []
        for case .individual(let p) in nominees {
            for i in p.initiatives where i.recognised >= from && i.recognised <= to { found.append((p, i)) }
        }
        found.sort { ($0.initiative.benefitVND, $1.initiative.recognised, $1.initiative.id) > ($1.initiative.benefitVND, $0.initiative.recognised, $0.initiative.id) }
        let rows = found.map { f in
            [f.initiative.title, f.person.name, f.person.unit, AwardVocabulary.level(f.initiative.level)[l],
             f.initiative.recognised.formatted(l), NumberText.integer(Int(f.initiative.benefitVND), l)]
        }
        var perLevel: [String: Int] = [:]
        for f in found { perLevel[f.initiative.level, default: 0] += 1 }
        let total = found.reduce(Int64(0)) { $0 + $1.initiative.benefitVND }
        let sentence = vi ? "Từ ngày \(from.vietnamese) đến ngày \(to.vietnamese) có \(NumberText.integer(found.count, l)) sáng kiến được công nhận, làm lợi \(NumberText.integer(Int(total), l)) đồng."
                          : "From \(from) to \(to), \(found.count) initiatives were recognised, with a benefit of \(NumberText.integer(Int(total), l)) VND."
        let levels = perLevel.keys.sorted { AwardStatistics.orderKey(.level, $0) < AwardStatistics.orderKey(.level, $1) }
        return ReportDocument(title: vi ? "Sáng kiến tiêu biểu" : "Exemplary initiatives", sentences: [sentence],
                              header: vi ? ["Sáng kiến", "Tác giả", "Đơn vị", "Cấp công nhận", "Ngày công nhận", "Làm lợi (đồng)"]
                                         : ["Initiative", "Author", "Unit", "Recognised by", "Recognised on", "Benefit (VND)"],
                              rows: rows, bars: levels.map { (label: AwardVocabulary.level($0)[l], value: Double(perLevel[$0]!)) },
                              chartTitle: vi ? "Số sáng kiến theo cấp công nhận" : "Initiatives per recognising level")
    }
}
