import Foundation

/// Reads the benchmark's person-year CSV (`../shared/bench/SPEC.md`) into individuals.
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
public enum BenchmarkCSVLoader {
    static let columns = ["person_id", "full_name", "unit_id", "province", "direct_worker", "leader", "year", "months_worked",
                          "leave_reason", "duty_rating", "discipline", "initiatives", "initiative_benefit_vnd", "title"]

    /// The award id a `title` code stands for.
    public static let titles = ["LDTT": "lao_dong_tien_tien", "CSTDCS": "chien_si_thi_dua_co_so", "CSTD_TINH": "chien_si_thi_dua_cap_tinh"]

    /// Reads `path`.
    /// - Returns: the individuals in order of first appearance when no row is bad, and every
    ///   finding (at most `maxFindings`).
    public static func load(path: String, maxFindings: Int = 100) -> ([NomineeFacts]?, [LintFinding]) {
        var findings: [LintFinding] = []
        var index: [String: Int] = [:]
        var people: [Individual] = []
        var field: [String: Int] = [:]
        func bad(_ line: Int, _ column: Int, _ vi: String, _ en: String) {
            let name = column > 0 && column <= columns.count ? (field.first { $0.value == column - 1 }?.key ?? "") : ""
            findings.append(LintFinding(kind: .invalidDefinition, file: path,
                                        location: .init(path: name.isEmpty ? "row" : name, position: .init(line: line, column: column)),
                                        message: .init(vi: vi, en: en)))
        }
        do {
            try CSVReader(path: path).forEach { r in
                if field.isEmpty {
                    for i in 0..<r.count { field[r.string(i)] = i }
                    for c in columns where field[c] == nil {
                        bad(r.line, 1, "thiếu cột \"\(c)\" trong dòng tiêu đề", "the column \"\(c)\" is missing from the header")
                    }
                    return findings.isEmpty
                }
                guard findings.count < maxFindings else { return false }
                guard r.count >= field.count else {
                    bad(r.line, r.count, "dòng có \(r.count) trường, cần \(field.count)", "the row has \(r.count) fields, \(field.count) expected")
                    return true
                }
                func text(_ c: String) -> String { r.string(field[c]!) }
                func col(_ c: String) -> Int { field[c]! + 1 }
                func int(_ c: String, _ range: ClosedRange<Int>) -> Int? {
                    guard let v = r.int(field[c]!), range.contains(v) else {
                        bad(r.line, col(c), "\"\(c)\" phải là số nguyên trong \(range.lowerBound)…\(range.upperBound), không phải \"\(text(c))\"",
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
                    bad(r.line, col(c), "\"\(c)\" phải là một trong: \(allowed)\(empty ? " hoặc rỗng" : "") (không phải \"\(s)\")",
                        "\"\(c)\" must be one of \(allowed)\(empty ? " or empty" : "") (not \"\(s)\")")
                    return nil
                }
                let before = findings.count
                let id = text("person_id")
                if id.isEmpty { bad(r.line, col("person_id"), "\"person_id\" rỗng", "\"person_id\" is empty") }
                let year = int("year", 1900...2200)
                let months = int("months_worked", 0...12)
                let initiatives = int("initiatives", 0...1000)
                let benefit = int("initiative_benefit_vnd", 0...Int(Int64.max / 4))
                let leader = int("leader", 0...1)
                let leave = code("leave_reason", LeaveReason.self, empty: true)
                let duty = code("duty_rating", DutyRating.self, empty: false)
                let discipline = code("discipline", DisciplineLevel.self, empty: true)
                let title = text("title")
                if !title.isEmpty && titles[title] == nil {
                    bad(r.line, col("title"), "\"title\" phải là LDTT, CSTDCS, CSTD_TINH hoặc rỗng (không phải \"\(title)\")",
                        "\"title\" must be LDTT, CSTDCS, CSTD_TINH or empty (not \"\(title)\")")
                }
                guard findings.count == before, let year, let months, let initiatives, let benefit, let leader,
                      let leave, let duty, let discipline else { return true }
                let k: Int
                if let existing = index[id] { k = existing } else {
                    k = people.count
                    index[id] = k
                    people.append(Individual(id: id, name: text("full_name"), unit: text("unit_id"), isLeader: leader == 1))
                }
                if people[k].years[year] != nil {
                    bad(r.line, col("year"), "\(id) đã có dòng cho năm \(year)", "\(id) already has a row for \(year)")
                    return true
                }
                let disciplines = discipline.map { [Discipline(level: $0, date: CivilDate(unchecked: year, 7, 1))] } ?? []
                people[k].years[year] = YearRecord(duty: duty, monthsWorked: months, leave: leave, disciplines: disciplines)
                for n in 0..<initiatives {
                    people[k].initiatives.append(Initiative(id: "\(id)-\(year)-\(n + 1)", title: "", level: "co_so",
                                                            recognised: CivilDate(unchecked: year, 6, 30), benefitVND: n == 0 ? Int64(benefit) : 0))
                }
                if let award = titles[title] { people[k].awards.append(ReceivedAward(award: award, year: year)) }
                return true
            }
        } catch let e as CSVReader.SyntaxError {
            findings.append(LintFinding(kind: .malformedJSON, file: path, location: .init(path: "row", position: .init(line: e.line, column: 1)),
                                        message: .init(vi: "CSV không hợp lệ: \(e.message)", en: "malformed CSV: \(e.message)")))
        } catch {
            findings.append(LintFinding(kind: .malformedJSON, file: path, location: nil,
                                        message: .init(vi: "không đọc được tệp; hãy kiểm tra đường dẫn", en: "the file cannot be read; check the path")))
        }
        return (findings.isEmpty ? people.map(NomineeFacts.individual) : nil, findings)
    }
}
