/// The people of one chunk of person-year records (the benchmark CSV profile), typed: per
/// person an id, name and unit, per person-year one ``Row`` of small integers. No dictionary of
/// years, no `Initiative` or `ReceivedAward` per row: ``BatchProgram/run(_:_:_:)`` fills the fact
/// row from it and the history functions read it (``EligibilityContext/reset(_:_:)``).
///
/// It stands for exactly the individuals the benchmark loader builds from the same records
/// (``individual(_:)`` makes one, for the paths that read ``NomineeFacts``): a year's record
/// (duty, months, leave, one discipline dated 1 July), `initiatives` initiatives of kind
/// `sang_kien` recognised at level `co_so` on 30 June, the first carrying the whole benefit,
/// ids `<person>-<year>-<k>`, and the award a `title` stands for, received for that year.
package final class PersonRows: Sendable {
    /// One person-year.
    package struct Row: Sendable {
        package var year: Int32
        package var months: Int8
        /// The case index in `DutyRating.allCases`, -1 for none.
        package var duty: Int8
        /// The case index in `LeaveReason.allCases`, -1 for none.
        package var leave: Int8
        /// The discipline's rank (`DisciplineLevel.rank`), 0 for none.
        package var discipline: Int8
        /// The award received for the year, as an index in ``PersonRows/awardIDs``; -1 for none.
        package var title: Int8
        package var initiatives: Int32
        package var benefit: Int64
    }

    package let ids: [String], names: [String], units: [String]
    package let leaders: [Bool]
    /// Person `k`'s rows are `rows[first[k] ..< first[k + 1]]`.
    package let first: [Int]
    package let rows: [Row]
    /// The awards the rows' titles stand for.
    package let awardIDs: [String]

    /// The rows as they are read (a value, filled by one thread); ``PersonRows/init(_:)`` then
    /// keeps them unchanged.
    package struct Builder {
        var ids: [String] = [], names: [String] = [], units: [String] = []
        var leaders: [Bool] = []
        var first: [Int] = [0]
        var rows: [Row] = []
        var awardIDs: [String] = []

        package init(capacity: Int = 0) {
            ids.reserveCapacity(capacity); names.reserveCapacity(capacity); units.reserveCapacity(capacity)
            leaders.reserveCapacity(capacity); first.reserveCapacity(capacity + 1); rows.reserveCapacity(capacity * 5)
        }

        package var count: Int { ids.count }

        /// Starts a new person (their rows follow with ``add(year:record:initiatives:benefit:award:)``).
        /// The name is kept in NFC, as ``Individual`` keeps it.
        package mutating func start(id: String, name: String, unit: String, leader: Bool) {
            ids.append(id)
            names.append(name.nfc)
            units.append(unit)
            leaders.append(leader)
            first.append(rows.count)
        }

        /// Adds a year to the person started last; `false` (nothing added) when they already
        /// have a row for that year. At most one discipline of the record is kept (the heaviest).
        package mutating func add(year: Int, record: YearRecord, initiatives: Int, benefit: Int, award: String?) -> Bool {
            let k = ids.count - 1
            for r in rows[first[k]...] where Int(r.year) == year { return false }
            var title: Int8 = -1
            if let award {
                if let i = awardIDs.firstIndex(of: award) { title = Int8(i) } else {
                    awardIDs.append(award)
                    title = Int8(awardIDs.count - 1)
                }
            }
            rows.append(Row(year: Int32(year), months: Int8(record.monthsWorked), duty: record.duty.map { Int8($0.ordinal) } ?? -1,
                            leave: record.leave.map { Int8($0.ordinal) } ?? -1, discipline: Int8(record.heaviestDiscipline?.rank ?? 0),
                            title: title, initiatives: Int32(initiatives), benefit: Int64(benefit)))
            first[k + 1] = rows.count
            return true
        }
    }

    package init(_ b: Builder) {
        ids = b.ids; names = b.names; units = b.units; leaders = b.leaders; first = b.first; rows = b.rows; awardIDs = b.awardIDs
    }

    package var count: Int { ids.count }

    /// Person `k`'s rows.
    @inline(__always)
    package func rows(of k: Int) -> ArraySlice<Row> { rows[first[k] ..< first[k + 1]] }

    /// Person `k`'s row for `year`, if any.
    @inline(__always)
    func row(_ k: Int, year: Int) -> Row? {
        for r in rows(of: k) where Int(r.year) == year { return r }
        return nil
    }

    /// Whether person `k` has at least one initiative.
    func hasInitiatives(_ k: Int) -> Bool { rows(of: k).contains { $0.initiatives > 0 } }

    /// The benefit of person `k`'s initiatives recognised in `year` (none has served an award):
    /// what ``Quota/benefit(of:for:year:)`` gives for the person.
    package func benefit(_ k: Int, year: Int) -> Int64 {
        guard let r = row(k, year: year), r.initiatives > 0 else { return 0 }
        return r.benefit
    }

    /// Person `k` as the benchmark loader builds them.
    package func individual(_ k: Int) -> Individual {
        var p = Individual(id: ids[k], name: names[k], unit: units[k], isLeader: leaders[k], years: Dictionary(minimumCapacity: 6))
        p.awards.reserveCapacity(5)
        for r in rows(of: k) {
            let year = Int(r.year)
            let disciplines = r.discipline > 0 ? [Discipline(level: Self.discipline(rank: Int(r.discipline)), date: CivilDate(unchecked: year, 7, 1))] : []
            p.years[year] = YearRecord(duty: r.duty >= 0 ? DutyRating.allCases[Int(r.duty)] : nil, monthsWorked: Int(r.months),
                                       leave: r.leave >= 0 ? LeaveReason.allCases[Int(r.leave)] : nil, disciplines: disciplines)
            for n in 0..<Int(r.initiatives) {
                p.initiatives.append(Initiative(id: "\(ids[k])-\(year)-\(n + 1)", title: "", level: Self.initiativeLevel,
                                                recognised: CivilDate(unchecked: year, 6, 30), benefitVND: n == 0 ? r.benefit : 0))
            }
            if r.title >= 0 { p.awards.append(ReceivedAward(award: awardIDs[Int(r.title)], year: year)) }
        }
        return p
    }

    /// Every person as ``individual(_:)`` makes them.
    package func facts() -> [NomineeFacts] { (0..<count).map { .individual(individual($0)) } }

    /// The level (and so the scope) of every initiative of these records.
    static let initiativeLevel = "co_so"

    static func discipline(rank: Int) -> DisciplineLevel {
        DisciplineLevel.allCases.first { $0.rank == rank }!
    }

    /// Person `k`'s awards as ``individual(_:)`` has them (for the functions that read them whole).
    func awards(_ k: Int) -> [ReceivedAward] {
        rows(of: k).compactMap { r in r.title >= 0 ? ReceivedAward(award: awardIDs[Int(r.title)], year: Int(r.year)) : nil }
    }

    /// The initiatives of person `k` recognised in `years`, as ``individual(_:)`` has them but
    /// without their ids (the functions that read them count them and sum their benefits).
    /// Empty when `include` does not hold for them: it may read only what every initiative of
    /// typed rows shares (kind, level, scope), so it is asked once.
    func initiatives(_ k: Int, in years: ClosedRange<Int>, where include: (Initiative) -> Bool) -> [Initiative] {
        let sample = Initiative(id: "", title: "", level: Self.initiativeLevel, recognised: CivilDate(unchecked: years.lowerBound, 6, 30), benefitVND: 0)
        guard include(sample) else { return [] }
        var out: [Initiative] = []
        for r in rows(of: k) where r.initiatives > 0 && years.contains(Int(r.year)) {
            for n in 0..<Int(r.initiatives) {
                out.append(Initiative(id: "", title: "", level: Self.initiativeLevel, recognised: CivilDate(unchecked: Int(r.year), 6, 30),
                                      benefitVND: n == 0 ? r.benefit : 0))
            }
        }
        return out
    }
}
