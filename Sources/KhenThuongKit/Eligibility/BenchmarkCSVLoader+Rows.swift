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
        /// The field number of each of ``BenchmarkCSVLoader/columns``, in that order (set from the header).
        var at: [Int] = []
        /// The id of the last row parsed, and its bytes: a row with the same id reuses it.
        var previousID = ""
        var previousIDBytes: [UInt8] = []
        /// The fields a row must have (see ``parse(_:)``), found at the first row, once the
        /// header is read; -1 before.
        var needed = -1
        /// Whether a new person's name is read (`""` otherwise).
        var readsNames = true

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
                        at = BenchmarkCSVLoader.columns.map { field[$0] ?? 0 }
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

        /// One data row, or `nil` (with findings) when a cell is bad. When the row has the id of
        /// the last row parsed, that id is reused and the name and unit are not read (`""`: they
        /// only name a new person).
        ///
        /// Cells are matched as bytes against the columns' field numbers found in the header;
        /// a string is made only for the id of a new person, their name and unit.
        package mutating func parse(_ r: CSVReader.Record) -> BenchmarkRow? {
            // Columns are read by their header position: a header naming a column twice keeps the
            // later position, so the row must reach the furthest one, not only the count.
            if needed < 0 { needed = (field.values.max() ?? -1) + 1 }
            guard r.count >= needed else {
                bad(r.line, r.count, "dòng có \(r.count) trường, cần \(needed)", "the row has \(r.count) fields, \(needed) expected")
                return nil
            }
            typealias C = BenchmarkCSVLoader.Column
            func text(_ c: String) -> String { r.string(field[c]!) }
            func int(_ c: C, _ range: ClosedRange<Int>) -> Int? {
                guard let v = r.int(at[c.rawValue]), range.contains(v) else {
                    let name = BenchmarkCSVLoader.columns[c.rawValue]
                    bad(r.line, column(name), "\"\(name)\" phải là số nguyên trong \(range.lowerBound)…\(range.upperBound), không phải \"\(text(name))\"",
                        "\"\(name)\" must be an integer within \(range.lowerBound)…\(range.upperBound), not \"\(text(name))\"")
                    return nil
                }
                return v
            }
            func code<E: RawRepresentable & CaseIterable>(_ c: C, _ table: [([UInt8], E)], empty: Bool) -> E?? where E.RawValue == String {
                let i = at[c.rawValue]
                if empty && r.isEmpty(i) { return .some(nil) }
                for (bytes, e) in table where r.equals(i, bytes: bytes) { return .some(e) }
                let name = BenchmarkCSVLoader.columns[c.rawValue], s = text(name)
                let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
                bad(r.line, column(name), "\"\(name)\" phải là một trong: \(allowed)\(empty ? " hoặc rỗng" : "") (không phải \"\(s)\")",
                    "\"\(name)\" must be one of \(allowed)\(empty ? " or empty" : "") (not \"\(s)\")")
                return nil
            }
            let before = findings.count
            let same = !previousIDBytes.isEmpty && r.equals(at[C.personID.rawValue], bytes: previousIDBytes)
            let id = same ? previousID : r.string(at[C.personID.rawValue])
            if id.isEmpty { bad(r.line, column("person_id"), "\"person_id\" rỗng", "\"person_id\" is empty") }
            let year = int(.year, 1900...2200)
            let months = int(.monthsWorked, 0...12)
            let initiatives = int(.initiatives, 0...1000)
            let benefit = int(.benefit, 0...Int(Int64.max / 4))
            let leader = int(.leader, 0...1)
            let leave = code(.leaveReason, Tables.leave, empty: true)
            let duty = code(.dutyRating, Tables.duty, empty: false)
            let discipline = code(.discipline, Tables.discipline, empty: true)
            var title: String? // the award id
            let t = at[C.title.rawValue]
            if !r.isEmpty(t) {
                for (bytes, award) in Tables.titles where r.equals(t, bytes: bytes) { title = award }
                if title == nil {
                    let s = r.string(t)
                    bad(r.line, column("title"), "\"title\" phải là LDTT, CSTDCS, CSTD_TINH hoặc rỗng (không phải \"\(s)\")",
                        "\"title\" must be LDTT, CSTDCS, CSTD_TINH or empty (not \"\(s)\")")
                }
            }
            guard findings.count == before, let year, let months, let initiatives, let benefit, let leader,
                  let leave, let duty, let discipline else { return nil }
            if !same {
                previousID = id
                previousIDBytes.removeAll(keepingCapacity: true) // no array made per person
                previousIDBytes.append(contentsOf: id.utf8)
            }
            let disciplines = discipline.map { [Discipline(level: $0, date: CivilDate(unchecked: year, 7, 1))] } ?? []
            return BenchmarkRow(id: id, name: same || !readsNames ? "" : r.string(at[C.fullName.rawValue]), unit: same ? "" : r.string(at[C.unitID.rawValue]),
                                leader: leader == 1, year: year,
                                record: YearRecord(duty: duty, monthsWorked: months, leave: leave, disciplines: disciplines),
                                initiatives: initiatives, benefit: benefit, award: title)
        }

        /// The codes a cell may hold, as bytes.
        enum Tables {
            static let duty = DutyRating.allCases.map { (Array($0.rawValue.utf8), $0) }
            static let leave = LeaveReason.allCases.map { (Array($0.rawValue.utf8), $0) }
            static let discipline = DisciplineLevel.allCases.map { (Array($0.rawValue.utf8), $0) }
            /// `title` codes and the award each stands for.
            static let titles = BenchmarkCSVLoader.titles.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
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
            if let award = row.award { person.awards.append(ReceivedAward(award: award, year: row.year)) }
        }
    }
}
