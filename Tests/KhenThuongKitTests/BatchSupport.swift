import Foundation
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// A small deterministic `records.csv` in the benchmark generator's format, with what the
/// batch tests need: streaks, discipline, maternity and other leave, persons without a 2025
/// row or with a gap in their history, a strong unit where the quota binds, benefits in
/// steps of 25 M so that ties (broken by person id) happen.
enum MiniSeason {
    static let header = "person_id,full_name,unit_id,province,direct_worker,leader,year,months_worked,leave_reason,"
        + "duty_rating,discipline,initiatives,initiative_benefit_vnd,title"

    /// SplitMix64: the same seed gives the same season.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    }

    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
    static let middles = ["Thị", "Văn", "Ngọc", "Đức", "Minh"]
    static let given = ["Hoa", "An", "Bình", "Cường", "Dũng", "Hằng", "Lan", "Tuấn", "Phương", "Quý"]

    /// `people` persons over `units` units (unit 1 is strong); years 2021–2025; CRLF.
    static func csv(people: Int = 400, units: Int = 6, seed: UInt64 = 7) -> String {
        var r = Random(state: seed)
        var lines = [header]
        for i in 1...people {
            let pid = "P" + String(format: "%06d", i)
            let name = "\(r.pick(surnames)) \(r.pick(middles)) \(r.pick(given))"
            let unitNumber = r.chance(20) ? 1 : 1 + r.below(units)
            let unit = "U" + String(format: "%04d", unitNumber)
            let strong = unitNumber == 1 || r.chance(8)
            let province = ["HNI", "HCM", "DNG"][unitNumber % 3]
            let direct = r.chance(65) ? 1 : 0, leader = r.chance(7) ? 1 : 0
            let hasEvaluationYear = !r.chance(4)
            let gap = r.chance(5) ? 2021 + r.below(4) : 0
            var previousHigh = 0
            for year in 2021...2025 {
                if year == gap || (year == 2025 && !hasEvaluationYear) { previousHigh = 0; continue }
                var months = 12, leave = ""
                if r.chance(8) {
                    switch r.below(5) {
                    case 0: months = 6; leave = "THAI_SAN"
                    case 1: months = 3 + r.below(7); leave = "THAI_SAN"
                    case 2: months = 4 + r.below(6); leave = "OM_DAU"
                    case 3: months = 10  // exactly the threshold, no leave
                    default: months = 9; leave = "KHAC"
                    }
                }
                let duty = strong
                    ? (r.chance(75) ? "HTXSNV" : r.pick(["HTTNV", "HTNV"]))
                    : r.pick(["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"])
                let discipline = r.chance(5) ? r.pick(["KHIEN_TRACH", "KHIEN_TRACH", "CANH_CAO", "CACH_CHUC"]) : ""
                let initiatives = duty == "HTXSNV" && r.chance(strong ? 85 : 50) ? 1 + r.below(3) : (r.chance(3) ? 1 : 0)
                let benefit = initiatives == 0 ? 0 : 25_000_000 * r.below(9) + (r.chance(10) ? 1000 * r.below(50) : 0)
                var title = ""
                if year < 2025 {
                    let ldtt = (months >= 10 || leave == "THAI_SAN") && (duty == "HTXSNV" || duty == "HTTNV") && discipline.isEmpty
                    let cst = ldtt && duty == "HTXSNV" && initiatives >= 1
                    title = cst ? (previousHigh >= 2 && benefit >= 100_000_000 ? "CSTD_TINH" : "CSTDCS") : ldtt ? "LDTT" : ""
                    if r.chance(3) { title = title == "CSTD_TINH" ? "CSTDCS" : title == "CSTDCS" ? "LDTT" : "" }
                    previousHigh = title == "CSTDCS" || title == "CSTD_TINH" ? previousHigh + 1 : 0
                }
                lines.append([pid, name, unit, province, "\(direct)", "\(leader)", "\(year)", "\(months)", leave, duty,
                              discipline, "\(initiatives)", "\(benefit)", title].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// The W3 rules written the plain way, independently of the pipeline: rows as dictionaries,
/// persons grouped by consecutive id, a sort per unit. Only for unquoted CSV.
enum BatchReference {
    struct Person {
        var id: String
        var unit: String
        var facts: [String: String]
        var consec: Int
        var ldtt = false, cstdcs = false, tinh = false, cut = false
        var benefit: Int { Int(facts["initiative_benefit_vnd"]!)! }
    }

    static func rows(_ csv: String) -> [[String: String]] {
        var lines = csv.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        lines.removeAll { $0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        return lines.dropFirst().map { line in
            let fields = line.components(separatedBy: ",")
            var row: [String: String] = [:]
            for (k, name) in header.enumerated() { row[name] = fields[k] }
            return row
        }
    }

    static func persons(_ csv: String, year: Int = 2025) -> [Person] {
        var groups: [[[String: String]]] = []
        for row in rows(csv) {
            if let last = groups.last?.last, last["person_id"] == row["person_id"] {
                groups[groups.count - 1].append(row)
            } else {
                groups.append([row])
            }
        }
        var persons: [Person] = []
        for g in groups {
            guard let ev = g.last(where: { Int($0["year"]!) == year }) else { continue }
            var titles: [Int: String] = [:]
            for row in g where Int(row["year"]!) != year { titles[Int(row["year"]!)!] = row["title"]! }
            var consec = 0
            var y = year - 1
            while titles[y] == "CSTDCS" || titles[y] == "CSTD_TINH" { consec += 1; y -= 1 }
            var p = Person(id: ev["person_id"]!, unit: ev["unit_id"]!, facts: ev, consec: consec)
            let months = Int(ev["months_worked"]!)!, duty = ev["duty_rating"]!
            p.ldtt = (months >= 10 || ev["leave_reason"] == "THAI_SAN") && ["HTXSNV", "HTTNV"].contains(duty)
                && ev["discipline"] == ""
            p.cstdcs = p.ldtt && duty == "HTXSNV" && Int(ev["initiatives"]!)! >= 1
            p.tinh = p.cstdcs && consec >= 2 && p.benefit >= 100_000_000
            persons.append(p)
        }
        return persons
    }

    /// decisions.csv as the Python peer writes it.
    static func decisions(_ csv: String, percent: Int = 15) -> String {
        var persons = persons(csv)
        var ldttCount: [String: Int] = [:]
        for p in persons where p.ldtt { ldttCount[p.unit, default: 0] += 1 }
        for unit in Set(persons.map(\.unit)) {
            let candidates = persons.indices.filter { persons[$0].unit == unit && persons[$0].cstdcs }
            let q = percent * ldttCount[unit, default: 0] / 100
            let ranked = candidates.sorted {
                persons[$0].benefit != persons[$1].benefit ? persons[$0].benefit > persons[$1].benefit : persons[$0].id < persons[$1].id
            }
            for i in ranked.dropFirst(q) { persons[i].cut = true }
        }
        var out = "person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r\n"
        for p in persons {
            let title = p.cstdcs && !p.cut ? (p.tinh ? "CSTD_TINH" : "CSTDCS") : p.ldtt ? "LDTT" : ""
            out += "\(p.id),\(p.unit),\(p.ldtt ? 1 : 0),\(p.cstdcs ? 1 : 0),\(p.tinh ? 1 : 0),\(p.cut ? 1 : 0),\(title)\r\n"
        }
        return out
    }
}

/// Builds a records.csv by hand: one call per row, the 14 columns in the generator's order.
struct RecordsBuilder {
    var lines = [MiniSeason.header]

    mutating func row(_ pid: String, unit: String = "U0001", year: Int = 2025, months: Int = 12, leave: String = "",
                      duty: String = "HTTNV", discipline: String = "", initiatives: Int = 0, benefit: Int = 0,
                      title: String = "") {
        lines.append([pid, "Trần Thị Hoa", unit, "HNI", "1", "0", "\(year)", "\(months)", leave, duty, discipline,
                      "\(initiatives)", "\(benefit)", title].joined(separator: ","))
    }

    /// A person with history titles for 2021... and a 2025 row.
    mutating func person(_ pid: String, unit: String = "U0001", history: [String] = [], months: Int = 12, leave: String = "",
                         duty: String = "HTTNV", discipline: String = "", initiatives: Int = 0, benefit: Int = 0) {
        for (k, t) in history.enumerated() { row(pid, unit: unit, year: 2025 - history.count + k, duty: duty, title: t) }
        row(pid, unit: unit, months: months, leave: leave, duty: duty, discipline: discipline, initiatives: initiatives,
            benefit: benefit)
    }

    var csv: String { lines.joined(separator: "\r\n") + "\r\n" }
    var bytes: [UInt8] { Array(csv.utf8) }
}

extension W3Result {
    /// The data rows of decisions.csv by person id, each as its 7 fields.
    var rowsByID: [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
            let f = line.components(separatedBy: ",")
            rows[f[0]] = f
        }
        return rows
    }
}
