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

// MARK: Records (subject `movement:<id>`)

/// A movement's definition as recorded by `movement create`: `movement_defined`; a later one
/// for the same id supersedes it (and the targets added to it).
public struct MovementDefinitionRecord: Sendable, Equatable {
    public var movement: Movement
    /// The definition file's JSON, recorded canonically (keys sorted, no spaces).
    public var definition: JSONValue

    /// The same movement, recorded as the same bytes (the definition's key order and
    /// positions do not count).
    public static func == (a: Self, b: Self) -> Bool {
        a.movement == b.movement && a.canonicalPayload == b.canonicalPayload
    }
}

extension MovementDefinitionRecord: StoreRecord {
    package static let kind = "movement_defined"
    package var subject: RecordSubject { .movement(movement.id) }
    package var payload: JSONValue { definition }

    /// Reads the definition as `MovementLoader` reads a file; its first error is the error.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.subject.movementID()
        let (movement, findings) = MovementLoader.parse(p.positioned, file: event.dossierID)
        guard let movement else { throw Self.failure(findings.first { $0.severity == .error }) }
        guard movement.id == id else { throw p.fail("id", "“\(movement.id)” is not the subject's movement “\(id)”") }
        self.init(movement: movement, definition: p.value)
    }

    /// A finding of a definition reader as a decoding error.
    static func failure(_ finding: LintFinding?) -> RecordDecodingError {
        let path = finding?.location?.path ?? "$"
        return RecordDecodingError(field: path.hasPrefix("$.") ? String(path.dropFirst(2)) : path,
                                   detail: finding?.message.en ?? "not a movement definition")
    }
}

/// A target added to a recorded movement (`movement_target`), as the JSON object the
/// definition files use (its `note` is not recorded).
public struct MovementTargetRecord: Sendable, Equatable {
    public var movementID: String
    public var target: MovementTarget
}

extension MovementTargetRecord: StoreRecord {
    package static let kind = "movement_target"
    package var subject: RecordSubject { .movement(movementID) }

    package var payload: JSONValue {
        var m: [(String, JSONValue)] = [("comparison", .string(target.comparison.rawValue))]
        if let d = target.deadline { m.append(("deadline", .string(d.description))) }
        if let f = target.from { m.append(("from", .string(f.description))) }
        if let g = target.goal { m.append(("goal", .number(g))) }
        m += [("id", .string(target.id)), ("kind", .string(target.kind.rawValue))]
        if let s = target.section { m.append(("section", .string(s))) }
        m += [("text", .fields(["en": .string(target.text.en), "vi": .string(target.text.vi)])), ("yearly", .bool(target.yearly))]
        return .fields(m)
    }

    /// Reads the target as `MovementLoader` reads one in a file; its first finding is the error.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        var reader = MovementReader(base: WorkflowLoader.Reader(file: event.dossierID))
        let target = reader.target(p.positioned, "$")
        guard let target, reader.base.findings.isEmpty else { throw MovementDefinitionRecord.failure(reader.base.findings.first) }
        self.init(movementID: try p.subject.movementID(), target: target)
    }
}

/// A registration (`movement_registration`).
public struct MovementRegistrationRecord: Sendable, Equatable {
    public var movementID: String
    public var registration: MovementRegistration
}

extension MovementRegistrationRecord: StoreRecord {
    package static let kind = "movement_registration"
    package var subject: RecordSubject { .movement(movementID) }

    package var payload: JSONValue {
        .fields(["compact": .optional(registration.compact), "person": .optional(registration.person),
                 "phase": .optional(registration.phase), "unit": .string(registration.unit)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(movementID: try p.subject.movementID(),
                  registration: MovementRegistration(unit: try p.string("unit"), person: try p.optionalString("person"),
                                                     phase: try p.optionalInt("phase"), compact: try p.optionalString("compact")))
    }
}

/// An observed figure for a target (`movement_observation`).
public struct MovementObservationRecord: Sendable, Equatable {
    public var movementID: String
    public var observation: MovementObservation
}

extension MovementObservationRecord: StoreRecord {
    package static let kind = "movement_observation"
    package var subject: RecordSubject { .movement(movementID) }

    package var payload: JSONValue {
        .fields(["date": .string(observation.date.description), "of": .optional(observation.of), "target": .string(observation.target),
                 "unit": .string(observation.unit), "value": .int(observation.value)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(movementID: try p.subject.movementID(),
                  observation: MovementObservation(target: try p.string("target"), unit: try p.string("unit"), value: try p.int("value"),
                                                   of: try p.optionalInt("of"), date: try p.date("date")))
    }
}

/// A dossier linked to the movement (`movement_link`).
public struct MovementLinkRecord: Sendable, Equatable {
    public var movementID: String
    public var link: MovementLink
}

extension MovementLinkRecord: StoreRecord {
    package static let kind = "movement_link"
    package var subject: RecordSubject { .movement(movementID) }

    package var payload: JSONValue { .fields(["dossier": .string(link.dossier), "phase": .optional(link.phase)]) }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(movementID: try p.subject.movementID(),
                  link: MovementLink(dossier: try p.string("dossier"), phase: try p.optionalInt("phase")))
    }
}
