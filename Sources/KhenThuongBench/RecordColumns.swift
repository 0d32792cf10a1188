import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// Where the columns W3 reads are in `records.csv` (by header name; the last of duplicate
/// names wins, as in the Python peer).
struct RecordColumns: Sendable {
    static let required = ["person_id", "unit_id", "year", "months_worked", "leave_reason", "duty_rating",
                           "discipline", "initiatives", "initiative_benefit_vnd", "title"]

    let names: [String]
    let person, unit, year, months, leave, duty, discipline, initiatives, benefit, title: Int

    var count: Int { names.count }

    init(header names: [String]) throws(W3InputError) {
        var at: [String: Int] = [:]
        for (i, n) in names.enumerated() { at[n] = i }
        for c in RecordColumns.required where at[c] == nil {
            throw W3InputError(line: 1, columnName: c, message: "the header has no column \(c)")
        }
        self.names = names
        person = at["person_id"]!
        unit = at["unit_id"]!
        year = at["year"]!
        months = at["months_worked"]!
        leave = at["leave_reason"]!
        duty = at["duty_rating"]!
        discipline = at["discipline"]!
        initiatives = at["initiatives"]!
        benefit = at["initiative_benefit_vnd"]!
        title = at["title"]!
    }
}
