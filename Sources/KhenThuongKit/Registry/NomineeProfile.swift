import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A nominee's profile in the registry: `nominee_profile`, subject `person:<id>` or
/// `collective:<id>`, written by `person import`. The payload is one nominee as in
/// nominees.json (``NomineeExporter``), holding the years this record adds, and the file it
/// came from: `{"nominee": {…}, "source": "nominees-2025.csv"}`. A person's profile is the
/// union of their records' years, with the identity of the first (a later import never
/// overwrites it: a different value is a conflict, reported and not written).
public struct NomineeProfileRecord: StoreRecord, Sendable, Equatable {
    package static let kind = "nominee_profile"
    public var facts: NomineeFacts
    public var source: String

    public init(facts: NomineeFacts, source: String) {
        self.facts = facts
        self.source = source.nfc
    }

    package var subject: RecordSubject { facts.isCollective ? .collective(facts.id) : .person(facts.id) }

    package var payload: JSONValue {
        .fields(["nominee": NomineeExporter.tree(facts).jsonValue, "source": .string(source)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let facts = try NomineeFactsRecord.nominee(p, event)
        let expected: String = facts.isCollective ? try p.subject.collectiveID() : try p.subject.personID()
        guard expected == facts.id else { throw p.fail("nominee", "“\(facts.id)” is not the subject’s id") }
        self.init(facts: facts, source: try p.string("source"))
    }
}

/// Cutting a nominee's facts by achievement year and putting them back together: a year holds
/// its year record and the lists the full profile groups by year (awards by achievement year,
/// initiatives by the year recognised, proceedings by the year opened).
public enum NomineeProfile {
    /// The nominee with no year and no list: what identifies them (name, unit, hire date…).
    public static func identity(_ f: NomineeFacts) -> NomineeFacts {
        switch f {
        case .individual(var p):
            p.years = [:]; p.awards = []; p.initiatives = []; p.proceedings = []
            return .individual(p)
        case .collective(var c):
            c.years = [:]; c.awards = []; c.proceedings = []
            return .collective(c)
        }
    }

    /// The years the facts hold anything for, ascending.
    public static func years(_ f: NomineeFacts) -> [Int] {
        var out = Set(f.awards.map(\.year)).union(f.proceedings.map(\.opened.year))
        switch f {
        case .individual(let p): out.formUnion(p.years.keys); out.formUnion(p.initiatives.map(\.recognised.year))
        case .collective(let c): out.formUnion(c.years.keys)
        }
        return out.sorted()
    }

    /// `f` keeping only the years in `keep` (identity unchanged).
    public static func only(_ f: NomineeFacts, years keep: Set<Int>) -> NomineeFacts {
        switch f {
        case .individual(var p):
            p.years = p.years.filter { keep.contains($0.key) }
            p.awards = p.awards.filter { keep.contains($0.year) }
            p.initiatives = p.initiatives.filter { keep.contains($0.recognised.year) }
            p.proceedings = p.proceedings.filter { keep.contains($0.opened.year) }
            return .individual(p)
        case .collective(var c):
            c.years = c.years.filter { keep.contains($0.key) }
            c.awards = c.awards.filter { keep.contains($0.year) }
            c.proceedings = c.proceedings.filter { keep.contains($0.opened.year) }
            return .collective(c)
        }
    }

    /// Whether year `y` reads the same in `a` and `b` (lists compared as sets).
    static func sameYear(_ y: Int, _ a: NomineeFacts, _ b: NomineeFacts) -> Bool {
        let a = only(a, years: [y]), b = only(b, years: [y])
        guard Set(a.awards) == Set(b.awards), Set(a.proceedings) == Set(b.proceedings) else { return false }
        switch (a, b) {
        case (.individual(let p), .individual(let q)): return p.years == q.years && Set(p.initiatives) == Set(q.initiatives)
        case (.collective(let c), .collective(let d)): return c.years == d.years
        default: return false
        }
    }

    /// `base` with the years of `more` it lacks added (its identity kept).
    public static func merge(_ base: NomineeFacts, _ more: NomineeFacts) -> NomineeFacts {
        let have = Set(years(base))
        let add = only(more, years: Set(years(more)).subtracting(have))
        switch (base, add) {
        case (.individual(var p), .individual(let q)):
            p.years.merge(q.years) { a, _ in a }
            p.awards += q.awards; p.initiatives += q.initiatives; p.proceedings += q.proceedings
            return .individual(p)
        case (.collective(var c), .collective(let d)):
            c.years.merge(d.years) { a, _ in a }
            c.awards += d.awards; c.proceedings += d.proceedings
            return .collective(c)
        default:
            return base
        }
    }

    /// The identity fields whose values differ between `held` and `given` (by name, with the
    /// held and given values), read generically so a new field is compared too.
    static func identityDifferences(_ held: NomineeFacts, _ given: NomineeFacts) -> [(field: String, held: String, given: String)] {
        func fields(_ f: NomineeFacts) -> [(String, String)] {
            let value: Any
            switch identity(f) {
            case .individual(let p): value = p
            case .collective(let c): value = c
            }
            return Mirror(reflecting: value).children.compactMap { child in
                guard let label = child.label else { return nil }
                var text = ""
                dump(child.value, to: &text, maxDepth: 3)
                return (label, Self.plain(child.value, dumped: text))
            }
        }
        guard held.isCollective == given.isCollective else { return [("kind", held.isCollective ? "collective" : "individual", given.isCollective ? "collective" : "individual")] }
        return zip(fields(held), fields(given)).filter { $0.0.1 != $0.1.1 }.map { (field: $0.0.0, held: $0.0.1, given: $0.1.1) }
    }

    private static func plain(_ value: Any, dumped: String) -> String {
        if let s = value as? String { return s }
        if let d = value as? CivilDate { return d.description }
        if let b = value as? Bool { return b ? "1" : "0" }
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional {
            guard let inner = m.children.first?.value else { return "" }
            return plain(inner, dumped: dumped)
        }
        if let r = value as? any RawRepresentable { return "\(r.rawValue)" }
        return dumped.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
