import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Per year, the share of individuals who reached a title (LĐTT, CSTĐCS …), from a nominee
/// facts file: the population of a year is every individual with a record for that year
/// (`years`), the achievers those who received the award for that year (`awards`).
public struct TitleRates: Sendable, Equatable, Encodable {
    public struct Row: Sendable, Equatable, Encodable {
        public var year: Int
        public var award: String
        public var achievers: Int
        public var population: Int
        /// Percent, `nil` when the population is zero.
        public var percent: Double?
    }

    public var rows: [Row]

    public init(nominees: [NomineeFacts], awards: [String]) {
        let people: [Individual] = nominees.compactMap { if case .individual(let p) = $0 { p } else { nil } }
        let years = Set(people.flatMap { $0.years.keys }).sorted()
        rows = years.flatMap { year in
            let population = people.filter { $0.years[year] != nil }
            return awards.map { award in
                let achievers = population.filter { p in p.awards.contains { $0.award == award && $0.year == year } }.count
                return Row(year: year, award: award, achievers: achievers, population: population.count,
                           percent: population.isEmpty ? nil : Double(achievers) * 100 / Double(population.count))
            }
        }
    }

    public func document(_ catalog: AwardCatalog, _ l: Language) -> ReportDocument {
        let vi = l == .vi
        let name = { (a: String) in catalog.award(a)?.name[l] ?? a }
        let rows = self.rows.map { r in
            ["\(r.year)", name(r.award), NumberText.integer(r.achievers, l), NumberText.integer(r.population, l),
             r.percent.map { NumberText.decimal($0, l) + "%" } ?? "—"]
        }
        let sentences = self.rows.compactMap { r -> String? in
            guard let p = r.percent else { return nil }
            return vi ? "Năm \(r.year) có \(NumberText.decimal(p, l))% cá nhân (\(NumberText.integer(r.achievers, l))/\(NumberText.integer(r.population, l))) đạt danh hiệu \(name(r.award))."
                      : "In \(r.year), \(NumberText.decimal(p, l))% of individuals (\(r.achievers)/\(r.population)) reached \(name(r.award))."
        }
        return ReportDocument(title: vi ? "Tỉ lệ đạt danh hiệu thi đua theo năm" : "Title rates per year", sentences: sentences,
                              header: vi ? ["Năm", "Danh hiệu", "Số đạt", "Tổng số", "Tỉ lệ"] : ["Year", "Title", "Achievers", "Population", "Rate"],
                              rows: rows, bars: self.rows.map { (label: "\($0.year) · \(name($0.award))", value: $0.percent ?? 0) },
                              chartTitle: vi ? "Tỉ lệ đạt (%)" : "Rate (%)")
    }
}
