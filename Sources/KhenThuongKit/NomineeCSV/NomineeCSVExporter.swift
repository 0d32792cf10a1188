import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Writes nominees in the full CSV profile (``NomineeCSV``): UTF-8 with a byte-order mark,
/// CRLF line ends, every column of ``NomineeCSV/columns`` in order.
///
/// A nominee gets one row per year that has a year record, a proceeding opened, an
/// initiative recognised or an award given for it (years ascending), or a single row with an
/// empty `year` when it has none. Identity is repeated on every row. Items of a year keep
/// their relative order, so ``NomineeCSVLoader`` reads back the same facts with each list
/// grouped by year.
public enum NomineeCSVExporter {
    /// The whole file.
    /// - Parameter excel: `;` separated, for Excel in a Vietnamese locale (`--excel`); the
    ///   loader reads it back (``CSVInput`` detects the `;`).
    public static func export(_ nominees: [NomineeFacts], excel: Bool = false) -> String {
        var out = CSVWriter(dialect: excel ? .excel : .standard)
        out.row(NomineeCSV.columns.map(\.name))
        for n in nominees {
            for row in rows(n) { out.row(NomineeCSV.columns.map { row[$0.name] ?? "" }) }
        }
        return out.text
    }

    /// The cells of a nominee's rows, by column name.
    static func rows(_ n: NomineeFacts) -> [[String: String]] {
        var identity: [String: String] = ["id": n.id, "name": n.name, "unit": n.unit]
        identity["proposer"] = n.declaredProposer ?? ""
        var years = Set(n.awards.map(\.year)).union(n.proceedings.map(\.opened.year))
        switch n {
        case .individual(let p):
            identity["kind"] = "individual"
            identity["hire_date"] = p.hireDate?.description ?? ""
            identity["appointed_date"] = p.appointedDate?.description ?? ""
            identity["continuous_service"] = p.continuousService ? "1" : "0"
            identity["leader"] = p.isLeader ? "1" : "0"
            identity["education"] = p.education?.rawValue ?? ""
            identity["union_member"] = p.unionMember ? "1" : "0"
            years.formUnion(p.years.keys)
            years.formUnion(p.initiatives.map(\.recognised.year))
        case .collective(let c):
            identity["kind"] = "collective"
            identity["bloc"] = c.bloc ?? ""
            years.formUnion(c.years.keys)
        }
        guard !years.isEmpty else { return [identity] }
        return years.sorted().map { year in
            var row = identity
            row["year"] = String(year)
            yearCells(n, year, into: &row)
            let proceedings = n.proceedings.filter { $0.opened.year == year }
            row["proceeding_kinds"] = NomineeCSV.join(proceedings.map(\.kind.rawValue))
            row["proceeding_opened"] = NomineeCSV.join(proceedings.map(\.opened.description))
            row["proceeding_closed"] = NomineeCSV.join(proceedings.map { $0.closed?.description ?? "" })
            let awards = n.awards.filter { $0.year == year }
            row["award_ids"] = NomineeCSV.join(awards.map(\.award))
            row["award_levels"] = NomineeCSV.join(awards.map { $0.level ?? "" })
            row["award_decisions"] = NomineeCSV.join(awards.map { $0.decisionNumber ?? "" })
            row["award_decision_dates"] = NomineeCSV.join(awards.map { $0.decisionDate?.description ?? "" })
            row["award_periods"] = NomineeCSV.join(awards.map { a in
                guard let f = a.periodFrom, let t = a.periodTo else { return "" }
                return "\(f)/\(t)"
            })
            row["award_flags"] = NomineeCSV.join(awards.map { a in
                [a.adHoc ? "adhoc" : nil, a.thematic ? "thematic" : nil].compactMap { $0 }.joined(separator: "+")
            })
            return row
        }
    }

    static func yearCells(_ n: NomineeFacts, _ year: Int, into row: inout [String: String]) {
        switch n {
        case .individual(let p):
            if let r = p.years[year] {
                row["duty_rating"] = r.duty?.rawValue ?? ""
                row["months_worked"] = String(r.monthsWorked)
                row["leave_reason"] = r.leave?.rawValue ?? ""
                row["discipline_levels"] = NomineeCSV.join(r.disciplines.map(\.level.rawValue))
                row["discipline_dates"] = NomineeCSV.join(r.disciplines.map(\.date.description))
            }
            let initiatives = p.initiatives.filter { $0.recognised.year == year }
            row["initiative_ids"] = NomineeCSV.join(initiatives.map(\.id))
            row["initiative_titles"] = NomineeCSV.join(initiatives.map(\.title))
            row["initiative_levels"] = NomineeCSV.join(initiatives.map(\.level))
            row["initiative_kinds"] = initiatives.allSatisfy { $0.kind == "sang_kien" } ? "" : NomineeCSV.join(initiatives.map(\.kind))
            row["initiative_scopes"] = initiatives.allSatisfy { $0.scope == nil } ? "" : NomineeCSV.join(initiatives.map { $0.scope ?? "" })
            row["initiative_recognised"] = NomineeCSV.join(initiatives.map(\.recognised.description))
            row["initiative_benefit_vnd"] = NomineeCSV.join(initiatives.map { String($0.benefitVND) })
            row["initiative_used_for"] = NomineeCSV.join(initiatives.map { $0.usedFor.map { "\($0.award)@\($0.year)" } ?? "" })
        case .collective(let c):
            guard let r = c.years[year] else { return }
            row["duty_rating"] = r.duty?.rawValue ?? ""
            row["members_total"] = String(r.members.total)
            row["members_ldtt"] = String(r.members.ldtt)
            row["members_cstdcs"] = String(r.members.cstdcs)
            row["members_completed_duty"] = String(r.members.completedDuty)
            row["members_disciplined"] = String(r.members.disciplinedWarningOrAbove)
        }
    }
}
