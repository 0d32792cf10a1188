import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension BenchmarkCSVLoader {
    /// Checks the header and each row of the benchmark CSV, collecting findings with line,
    /// column and column name.
    struct RowReader {
        let path: String
        let maxFindings: Int
        var findings: [LintFinding] = []
        var field: [String: Int] = [:]

        init(path: String, maxFindings: Int) {
            self.path = path
            self.maxFindings = maxFindings
        }

        func column(_ c: String) -> Int { (field[c] ?? 0) + 1 }

        mutating func bad(_ line: Int, _ column: Int, _ vi: String, _ en: String) {
            let name = column > 0 && column <= BenchmarkCSVLoader.columns.count ? (field.first { $0.value == column - 1 }?.key ?? "") : ""
            findings.append(LintFinding(kind: .invalidDefinition, file: path,
                                        location: .init(path: name.isEmpty ? "row" : name, position: .init(line: line, column: column)),
                                        message: .init(vi: vi, en: en)))
        }

        /// Reads every row with `reader`, calling `body` for each good one.
        mutating func read(_ reader: CSVReader, _ body: (inout RowReader, BenchmarkRow, CSVReader.Record) -> Void) {
            do {
                try reader.forEach { r in
                    if field.isEmpty {
                        for i in 0..<r.count { field[r.string(i)] = i }
                        for c in BenchmarkCSVLoader.columns where field[c] == nil {
                            bad(r.line, 1, "thiếu cột \"\(c)\" trong dòng tiêu đề", "the column \"\(c)\" is missing from the header")
                        }
                        return findings.isEmpty
                    }
                    guard findings.count < maxFindings else { return false }
                    if let row = parse(r) { body(&self, row, r) }
                    return true
                }
            } catch {
                findings.append(CSVReader.finding(for: error, file: path))
            }
        }

        /// One data row, or `nil` (with findings) when a cell is bad.
        package mutating func parse(_ r: CSVReader.Record) -> BenchmarkRow? {
            // Columns are read by their header position: a header naming a column twice keeps the
            // later position, so the row must reach the furthest one, not only the count.
            let needed = (field.values.max() ?? -1) + 1
            guard r.count >= needed else {
                bad(r.line, r.count, "dòng có \(r.count) trường, cần \(needed)", "the row has \(r.count) fields, \(needed) expected")
                return nil
            }
            func text(_ c: String) -> String { r.string(field[c]!) }
            func int(_ c: String, _ range: ClosedRange<Int>) -> Int? {
                guard let v = r.int(field[c]!), range.contains(v) else {
                    bad(r.line, column(c), "\"\(c)\" phải là số nguyên trong \(range.lowerBound)…\(range.upperBound), không phải \"\(text(c))\"",
                        "\"\(c)\" must be an integer within \(range.lowerBound)…\(range.upperBound), not \"\(text(c))\"")
                    return nil
                }
                return v
            }
            func code<E: RawRepresentable & CaseIterable>(_ c: String, _: E.Type, empty: Bool) -> E?? where E.RawValue == String {
                let s = text(c)
                if s.isEmpty && empty { return .some(nil) }
                if let e = E(rawValue: s) { return .some(e) }
                let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
                bad(r.line, column(c), "\"\(c)\" phải là một trong: \(allowed)\(empty ? " hoặc rỗng" : "") (không phải \"\(s)\")",
                    "\"\(c)\" must be one of \(allowed)\(empty ? " or empty" : "") (not \"\(s)\")")
                return nil
            }
            let before = findings.count
            let id = text("person_id")
            if id.isEmpty { bad(r.line, column("person_id"), "\"person_id\" rỗng", "\"person_id\" is empty") }
            let year = int("year", 1900...2200)
            let months = int("months_worked", 0...12)
            let initiatives = int("initiatives", 0...1000)
            let benefit = int("initiative_benefit_vnd", 0...Int(Int64.max / 4))
            let leader = int("leader", 0...1)
            let leave = code("leave_reason", LeaveReason.self, empty: true)
            let duty = code("duty_rating", DutyRating.self, empty: false)
            let discipline = code("discipline", DisciplineLevel.self, empty: true)
            let title = text("title")
            if !title.isEmpty && BenchmarkCSVLoader.titles[title] == nil {
                bad(r.line, column("title"), "\"title\" phải là LDTT, CSTDCS, CSTD_TINH hoặc rỗng (không phải \"\(title)\")",
                    "\"title\" must be LDTT, CSTDCS, CSTD_TINH or empty (not \"\(title)\")")
            }
            guard findings.count == before, let year, let months, let initiatives, let benefit, let leader,
                  let leave, let duty, let discipline else { return nil }
            let disciplines = discipline.map { [Discipline(level: $0, date: CivilDate(unchecked: year, 7, 1))] } ?? []
            return BenchmarkRow(id: id, name: text("full_name"), unit: text("unit_id"), leader: leader == 1, year: year,
                                record: YearRecord(duty: duty, monthsWorked: months, leave: leave, disciplines: disciplines),
                                initiatives: initiatives, benefit: benefit, title: title)
        }

        /// Adds a row's year to `person`; a second row for the same year is a finding.
        mutating func add(_ row: BenchmarkRow, to person: inout Individual, _ r: CSVReader.Record) {
            if person.years[row.year] != nil {
                bad(r.line, column("year"), "\(row.id) đã có dòng cho năm \(row.year)", "\(row.id) already has a row for \(row.year)")
                return
            }
            person.years[row.year] = row.record
            for n in 0..<row.initiatives {
                person.initiatives.append(Initiative(id: "\(row.id)-\(row.year)-\(n + 1)", title: "", level: "co_so",
                                                     recognised: CivilDate(unchecked: row.year, 6, 30), benefitVND: n == 0 ? Int64(row.benefit) : 0))
            }
            if let award = BenchmarkCSVLoader.titles[row.title] { person.awards.append(ReceivedAward(award: award, year: row.year)) }
        }
    }
}
