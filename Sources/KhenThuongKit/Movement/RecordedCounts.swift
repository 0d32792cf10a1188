import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What the store itself records for a movement's `count` and `share` targets that say what they count
/// (`"counts"` in the definition, docs/movements-reports.md “Counted from the store”):
///
/// - `{"awards": [ids]}`: awards of those ids given — decisions and dossiers `report awards`
///   counts, and past awards imported with `history import` — whose achievement year falls in
///   the target's window and whose decision is dated on or before the evaluation day; revoked
///   ones do not count; for a `share` target, the distinct people holding them (the achievers),
///   over the population typed with `movement record --of`;
/// - `"initiatives"`: the distinct initiatives (by id) in the facts recorded on dossiers
///   (`dossier facts`) recognised within the window.
///
/// A target whose count is zero falls back to the typed figures (`movement record`), and the
/// progress says which it used (``TargetProgress/source``).
public struct RecordedCounts: Sendable {
    var awards: [AwardEntry]
    var initiatives: [String: CivilDate]

    /// Nothing recorded: every target reads its typed figures.
    public static let empty = RecordedCounts(awards: [], initiatives: [:])

    /// Reads what the store holds up to `asOf`.
    public static func read(_ store: any EventLog, definitions: Definitions, asOf: CivilDate) throws -> RecordedCounts {
        let start = try CivilDate(year: 1945, month: 1, day: 1)
        let awards = try AwardCollector.collect(store, definitions: definitions, from: start, to: asOf).filter { !$0.revoked }
        var initiatives: [String: CivilDate] = [:]
        for record in try store.records(NomineeFactsRecord.self) {
            guard case .individual(let p) = record.facts else { continue }
            for i in p.initiatives { initiatives[i.id] = i.recognised }
        }
        return RecordedCounts(awards: awards, initiatives: initiatives)
    }

    /// The count for `counts` in the window `start`…`end` (inclusive).
    /// - Parameter people: count the distinct nominees holding any of the awards (the achievers of
    ///   a `share` target) instead of the awards.
    public func count(_ counts: MovementTarget.Counts, from start: CivilDate, to end: CivilDate, people: Bool = false) -> Int {
        switch counts {
        case .awards(let ids):
            let wanted = Set(ids)
            let given = awards.filter { wanted.contains($0.award) && $0.year >= start.year && $0.year <= end.year }
            return people ? Set(given.map(\.nomineeID)).count : given.count
        case .initiatives:
            return initiatives.values.filter { $0 >= start && $0 <= end }.count
        }
    }
}

extension MovementLedger {
    /// The progress of every target of movement `id` on `asOf`, a target that says what it counts
    /// counted from `recorded` when the store holds any of it, else from the typed figures.
    public func progress(_ id: String, asOf: CivilDate, recorded: RecordedCounts) throws(MovementError) -> [TargetProgress] {
        let m = try movement(id)
        let units = registeredUnits(id)
        let observed = observations[id] ?? []
        return m.targets.map { t in
            let typed = observed.filter { $0.target == t.id }
            var p = MovementProgress.evaluate(t, movement: m, observations: typed, units: units, asOf: asOf)
            guard let counts = t.counts, t.kind == .count || t.kind == .share else { return p }
            let n = recorded.count(counts, from: p.start, to: min(asOf, p.deadline), people: t.kind == .share)
            guard n > 0 else {
                p.source = typed.isEmpty ? .nothing : .typed
                return p
            }
            // Counted: one observation on the evaluation day carrying the store's count; for a
            // share, the achievers counted over the population typed (each unit's latest `--of`).
            let counted = MovementObservation(target: t.id, unit: "", value: n, of: t.kind == .share ? p.denominator ?? 0 : nil,
                                              date: min(asOf, p.deadline))
            p = MovementProgress.evaluate(t, movement: m, observations: [counted], units: units, asOf: asOf)
            if t.kind == .share {
                p.units = []
                // No population typed yet: the share cannot be judged.
                if p.denominator == 0 { p.value = nil; p.expected = nil; p.status = asOf > p.deadline ? .notMet : .noData }
            }
            p.source = .counted
            return p
        }
    }
}
