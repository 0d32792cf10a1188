import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Reads the benchmark's person-year CSV (the dataset generator's `records.csv`) into individuals.
///
/// Columns (by header name, any order): `person_id, full_name, unit_id, province,
/// direct_worker, leader, year, months_worked, leave_reason, duty_rating, discipline,
/// initiatives, initiative_benefit_vnd, title`. Each row is one person-year:
///
/// - `duty_rating`, `months_worked`, `leave_reason` and `discipline` fill the year's record
///   (a discipline is dated 1 July of its year, the file gives no date);
/// - `initiatives` recognised initiatives become that many initiatives recognised on 30 June,
///   ids `<person>-<year>-<k>`, the first carrying the whole `initiative_benefit_vnd`;
/// - `title` becomes an award received for that year: `LDTT` → `lao_dong_tien_tien`,
///   `CSTDCS` → `chien_si_thi_dua_co_so`, `CSTD_TINH` → `chien_si_thi_dua_cap_tinh`;
/// - `leader` sets the leader flag; `province` and `direct_worker` are not kept; there is no
///   hire date (so `months_of_service` is unknown, i.e. long).
///
/// All or nothing: any bad row makes the load fail, and every bad value is reported with its
/// line and column (the column is the field's number, counted from 1) and the column name.
/// ``load(path:maxFindings:)`` accepts a person's rows anywhere in the file;
/// ``stream(path:chunk:maxFindings:progress:_:)`` needs them consecutive (the generator's order).
public enum BenchmarkCSVLoader {
    static let columns = ["person_id", "full_name", "unit_id", "province", "direct_worker", "leader", "year", "months_worked",
                          "leave_reason", "duty_rating", "discipline", "initiatives", "initiative_benefit_vnd", "title"]

    /// The positions in ``columns``.
    enum Column: Int {
        case personID, fullName, unitID, province, directWorker, leader, year, monthsWorked, leaveReason, dutyRating, discipline,
             initiatives, benefit, title
    }

    /// The award id a `title` code stands for.
    public static let titles = ["LDTT": "lao_dong_tien_tien", "CSTDCS": "chien_si_thi_dua_co_so", "CSTD_TINH": "chien_si_thi_dua_cap_tinh"]

    /// Reads `path`.
    /// - Returns: the individuals in order of first appearance when no row is bad, and every
    ///   finding (at most `maxFindings`).
    public static func load(path: String, maxFindings: Int = 100) -> ([NomineeFacts]?, [LintFinding]) {
        var index: [String: Int] = [:]
        var people: [Individual] = []
        // Only the first chunk is looked at: this reader must stay fast on large files.
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path, wholeFile: false) } catch { return (nil, [error.finding]) }
        defer { input.close() }
        var rows = RowReader(path: path, maxFindings: maxFindings)
        rows.read(CSVReader(path: input.path)) { rows, row, r in
            let k: Int
            if let existing = index[row.id] { k = existing } else {
                k = people.count
                index[row.id] = k
                people.append(row.newPerson())
            }
            rows.add(row, to: &people[k], r)
        }
        return (rows.findings.isEmpty ? people.map(NomineeFacts.individual) : nil, rows.findings)
    }

    /// Reads `path` a person at a time, handing `body` the individuals `chunk` by `chunk` in
    /// file order; a person's rows must be consecutive.
    /// - Parameter progress: called with the bytes read so far.
    /// - Returns: the findings (empty when the whole file was read). `body` may already have
    ///   seen earlier chunks when a later row turns out bad: write to a temporary file.
    public static func stream(path: String, chunk: Int = 4096, maxFindings: Int = 100, progress: @escaping (Int64) -> Void = { _ in },
                              _ body: ([NomineeFacts]) -> Void) -> [LintFinding] {
        var rows = RowReader(path: path, maxFindings: maxFindings)
        var current: Individual?
        var finished: Set<String> = []
        var batch: [NomineeFacts] = []
        batch.reserveCapacity(chunk)
        func flush(_ person: Individual, clean: Bool) {
            finished.insert(person.id)
            guard clean else { return batch.removeAll(keepingCapacity: true) } // the load fails: keep nothing
            batch.append(.individual(person))
            if batch.count >= chunk, clean {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        // Only the first chunk is looked at: this reader must stay fast on large files.
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path, wholeFile: false) } catch { return [error.finding] }
        defer { input.close() }
        var reader = CSVReader(path: input.path)
        reader.onChunk = progress
        rows.read(reader) { rows, row, r in
            if current?.id != row.id {
                if let done = current { flush(done, clean: rows.findings.isEmpty) }
                current = nil
                if finished.contains(row.id) {
                    rows.bad(r.line, rows.column("person_id"),
                             "các dòng của \(row.id) phải liền nhau (nhóm trước kết thúc trước dòng \(r.line)); hãy sắp xếp tệp theo person_id",
                             "the rows of \(row.id) must be consecutive (an earlier group of them ended before line \(r.line)); sort the file by person_id")
                    return
                }
                current = row.newPerson()
            }
            rows.add(row, to: &current!, r)
        }
        if let done = current { flush(done, clean: rows.findings.isEmpty) }
        if rows.findings.isEmpty && !batch.isEmpty { body(batch) }
        return rows.findings
    }
}

/// One parsed row of the benchmark CSV.
struct BenchmarkRow {
    var id: String
    var name: String
    var unit: String
    var leader: Bool
    var year: Int
    var record: YearRecord
    var initiatives: Int
    var benefit: Int
    /// The award the row's `title` stands for, if any.
    var award: String?

    func newPerson() -> Individual {
        // Room for the five years and their titles at once, not grown row by row.
        var p = Individual(id: id, name: name, unit: unit, isLeader: leader, years: Dictionary(minimumCapacity: 6))
        p.awards.reserveCapacity(5)
        return p
    }
}
