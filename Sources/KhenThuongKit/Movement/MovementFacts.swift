import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A unit's or person's registration (đăng ký thi đua), possibly inside a bloc's compact (giao ước).
public struct MovementRegistration: Sendable, Equatable {
    public var unit: String
    public var person: String?
    public var phase: Int?
    /// The bloc (khối thi đua) whose compact the unit signed.
    public var compact: String?

    public init(unit: String, person: String? = nil, phase: Int? = nil, compact: String? = nil) {
        self.unit = unit
        self.person = person
        self.phase = phase
        self.compact = compact
    }
}

/// A number observed for a target: for `count`, `perUnit` and `unitShare` it is how many more
/// things (initiatives, plans …) the unit has on `date` (negative to correct an earlier one);
/// for `share` it is the unit's achievers out of `of` (the latest observation per unit counts).
public struct MovementObservation: Sendable, Equatable {
    public var target: String
    public var unit: String
    public var value: Int
    public var of: Int?
    public var date: CivilDate

    public init(target: String, unit: String, value: Int, of: Int? = nil, date: CivilDate) {
        self.target = target
        self.unit = unit
        self.value = value
        self.of = of
        self.date = date
    }
}

/// A dossier linked to a movement (and a phase).
public struct MovementLink: Sendable, Equatable {
    public var dossier: String
    public var phase: Int?

    public init(dossier: String, phase: Int? = nil) {
        self.dossier = dossier
        self.phase = phase
    }
}

/// The record payloads of movement facts, written canonically and read back.
enum MovementPayload {
    static func encode(_ r: MovementRegistration) -> String {
        var w = CanonicalJSONWriter(capacity: 128)
        w.punctuation("{")
        w.key("compact"); w.optionalString(r.compact); w.punctuation(",")
        w.key("person"); w.optionalString(r.person); w.punctuation(",")
        w.key("phase"); optionalInt(r.phase, &w); w.punctuation(",")
        w.key("unit"); w.string(r.unit)
        w.punctuation("}")
        return w.text
    }

    static func encode(_ o: MovementObservation) -> String {
        var w = CanonicalJSONWriter(capacity: 128)
        w.punctuation("{")
        w.key("date"); w.string(o.date.description); w.punctuation(",")
        w.key("of"); optionalInt(o.of, &w); w.punctuation(",")
        w.key("target"); w.string(o.target); w.punctuation(",")
        w.key("unit"); w.string(o.unit); w.punctuation(",")
        w.key("value"); w.int(Int64(o.value))
        w.punctuation("}")
        return w.text
    }

    static func encode(_ l: MovementLink) -> String {
        var w = CanonicalJSONWriter(capacity: 64)
        w.punctuation("{")
        w.key("dossier"); w.string(l.dossier); w.punctuation(",")
        w.key("phase"); optionalInt(l.phase, &w)
        w.punctuation("}")
        return w.text
    }

    /// A target as the JSON object the definition files use.
    static func encode(_ t: MovementTarget) -> String {
        var w = CanonicalJSONWriter(capacity: 256)
        w.punctuation("{")
        w.key("comparison"); w.string(t.comparison.rawValue); w.punctuation(",")
        if let d = t.deadline { w.key("deadline"); w.string(d.description); w.punctuation(",") }
        if let f = t.from { w.key("from"); w.string(f.description); w.punctuation(",") }
        if let g = t.goal { w.key("goal"); w.double(g); w.punctuation(",") }
        w.key("id"); w.string(t.id); w.punctuation(",")
        w.key("kind"); w.string(t.kind.rawValue); w.punctuation(",")
        if let s = t.section { w.key("section"); w.string(s); w.punctuation(",") }
        w.key("text"); w.punctuation("{"); w.key("en"); w.string(t.text.en); w.punctuation(",")
        w.key("vi"); w.string(t.text.vi); w.punctuation("}"); w.punctuation(",")
        w.key("yearly"); for c in (t.yearly ? "true" : "false").unicodeScalars { w.punctuation(c) }
        w.punctuation("}")
        return w.text
    }

    private static func optionalInt(_ n: Int?, _ w: inout CanonicalJSONWriter) {
        if let n { w.int(Int64(n)) } else { w.null() }
    }

    static func registration(_ p: PayloadJSON) -> MovementRegistration? {
        guard let unit = p["unit"]?.string else { return nil }
        return .init(unit: unit, person: p["person"]?.string, phase: p["phase"]?.int, compact: p["compact"]?.string)
    }

    static func observation(_ p: PayloadJSON) -> MovementObservation? {
        guard let target = p["target"]?.string, let unit = p["unit"]?.string, let value = p["value"]?.int,
              let dateText = p["date"]?.string, let date = try? CivilDate(parsing: dateText) else { return nil }
        return .init(target: target, unit: unit, value: value, of: p["of"]?.int, date: date)
    }

    static func link(_ p: PayloadJSON) -> MovementLink? {
        guard let dossier = p["dossier"]?.string else { return nil }
        return .init(dossier: dossier, phase: p["phase"]?.int)
    }

    static func target(_ text: String) -> MovementTarget? {
        guard let root = try? JSONParser.parse(text) else { return nil }
        var reader = MovementReader(base: WorkflowLoader.Reader(file: "record"))
        return reader.target(root, "$")
    }
}
