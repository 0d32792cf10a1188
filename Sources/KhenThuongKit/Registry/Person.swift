import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A person of the registry: `person_added`, subject `person:<id>` (issue 14 item 1, persons
/// only). A correction is a `person_corrected` record; neither is ever rewritten.
public struct PersonAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "person_added"
    public var id: String
    public var name: String
    public var born: CivilDate?
    public var unit: String?

    public init(id: String, name: String, born: CivilDate? = nil, unit: String? = nil) {
        self.id = id.nfc
        self.name = name.nfc
        self.born = born
        self.unit = unit?.nfc
    }

    package var subject: RecordSubject { .person(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "name": .string(name), "born": .optional(born?.description), "unit": .optional(unit)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.personID()) else { throw p.fail("id", "“\(id)” is not the subject’s person") }
        self.init(id: id, name: try p.nonEmptyString("name"), born: try PersonRegistry.date(p, "born"), unit: try p.optionalString("unit"))
    }
}

/// A correction of a person: `person_corrected`, subject `person:<id>`; the fields given replace
/// the current values (a new unit starts a new line of the unit history).
public struct PersonCorrected: StoreRecord, Sendable, Equatable {
    package static let kind = "person_corrected"
    public var id: String
    public var name: String?
    public var born: CivilDate?
    public var unit: String?

    public init(id: String, name: String? = nil, born: CivilDate? = nil, unit: String? = nil) {
        self.id = id.nfc
        self.name = name?.nfc
        self.born = born
        self.unit = unit?.nfc
    }

    package var subject: RecordSubject { .person(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "name": .optional(name), "born": .optional(born?.description), "unit": .optional(unit)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.personID()) else { throw p.fail("id", "“\(id)” is not the subject’s person") }
        self.init(id: id, name: try p.optionalString("name"), born: try PersonRegistry.date(p, "born"), unit: try p.optionalString("unit"))
    }
}

/// A person as the registry holds them now, with the unit history and the events behind it.
public struct Person: Sendable, Equatable {
    public struct UnitSpell: Sendable, Equatable {
        public var unit: String
        /// The day the record naming the unit was written.
        public var since: CivilDate
    }

    public var id: String
    public var name: String
    public var born: CivilDate?
    public var units: [UnitSpell]
    /// The records' event numbers, oldest first (the addition, then each correction).
    public var events: [Int64]

    public var unit: String? { units.last?.unit }
}

/// Why a registry command was refused.
public struct RegistryError: Error, Sendable, Equatable {
    public var message: LocalizedText
    public var fix: LocalizedText
}

/// The person registry: add, correct and read persons as records in the chain.
public enum PersonRegistry {
    static func date(_ p: RecordReader, _ key: String) throws(RecordDecodingError) -> CivilDate? {
        guard let text = try p.optionalString(key) else { return nil }
        guard let d = try? CivilDate(parsing: text) else { throw p.fail(key, "“\(text)” is not a YYYY-MM-DD date") }
        return d
    }

    /// The person `id` as the records in `log` make them, or `nil`.
    public static func person(_ id: String, in log: any EventLog) throws -> Person? {
        try person(from: log.events(dossierID: RecordSubject.person(id.nfc).stored))
    }

    /// The person the events of a `person:<id>` subject make: the addition (`person_added`, or
    /// the first imported profile when no addition came before it), then each correction.
    static func person(from events: [StoredEvent]) throws -> Person? {
        var person: Person?
        for e in events where e.kind == .record {
            let day = CivilDate(e.at)
            if e.event == PersonAdded.kind {
                let r = try e.record(PersonAdded.self)
                person = Person(id: r.id, name: r.name, born: r.born, units: r.unit.map { [.init(unit: $0, since: day)] } ?? [], events: [e.seq])
            } else if e.event == NomineeProfileRecord.kind {
                if person == nil {
                    let f = try e.record(NomineeProfileRecord.self).facts
                    person = Person(id: f.id, name: f.name, born: nil, units: [.init(unit: f.unit, since: day)], events: [e.seq])
                } else {
                    person?.events.append(e.seq)
                }
            } else if e.event == PersonCorrected.kind, var p = person {
                let r = try e.record(PersonCorrected.self)
                if let name = r.name { p.name = name }
                if let born = r.born { p.born = born }
                if let unit = r.unit, unit != p.unit { p.units.append(.init(unit: unit, since: day)) }
                p.events.append(e.seq)
                person = p
            }
        }
        return person
    }

    /// Adds `record`.
    /// - Throws: `RegistryError` when the id is already in the registry (nothing written).
    @discardableResult
    public static func add(_ record: PersonAdded, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            try checkScope(actor, units: [record.unit], in: tx.store)
            if let existing = try person(record.id, in: tx.store) {
                throw RegistryError(
                    message: .init(vi: "đã có người mang mã \(record.id) trong sổ đăng ký (\(existing.name), sự kiện #\(existing.events[0]))",
                                   en: "the registry already has a person with id \(record.id) (\(existing.name), event #\(existing.events[0]))"),
                    fix: .init(vi: "sửa bằng `khenthuong person correct \(record.id)`, hoặc chọn mã khác",
                               en: "correct them with `khenthuong person correct \(record.id)`, or pick another id"))
            }
            return try tx.append(record, actor: actor, at: time)
        }
    }

    /// Records `correction` with its reason.
    /// - Throws: `RegistryError` when the person is not in the registry, or nothing would change.
    @discardableResult
    public static func correct(_ correction: PersonCorrected, reason: String, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard let current = try person(correction.id, in: tx.store) else {
                throw RegistryError(message: .init(vi: "sổ đăng ký chưa có người mang mã \(correction.id)", en: "the registry has no person with id \(correction.id)"),
                                    fix: .init(vi: "thêm bằng `khenthuong person add \(correction.id) --name …`", en: "add them with `khenthuong person add \(correction.id) --name …`"))
            }
            try checkScope(actor, units: [current.unit, correction.unit], in: tx.store)
            let changes = (correction.name.map { $0 != current.name } ?? false) || (correction.born.map { $0 != current.born } ?? false)
                || (correction.unit.map { $0 != current.unit } ?? false)
            guard changes else {
                throw RegistryError(message: .init(vi: "không có gì để sửa: các giá trị đưa ra giống giá trị hiện có của \(correction.id)",
                                                   en: "nothing to correct: the values given are those \(correction.id) already has"),
                                    fix: .init(vi: "đưa ra ít nhất một giá trị mới: --name, --born hoặc --unit", en: "give at least one new value: --name, --born or --unit"))
            }
            return try tx.append(correction, actor: actor, at: time, reason: reason.nfc)
        }
    }

    /// A person's record is kept by their unit or a unit above it: when the store's directory
    /// knows the actor's unit, every unit the record names or had must be that unit or below it.
    /// (A store without a directory keeps the single-office behaviour.)
    static func checkScope(_ actor: Actor, units: [String?], in log: any EventLog,
                           what: LocalizedText = .init(vi: "không ghi người này", en: "the person is not recorded")) throws {
        try checkScope(actor, units: units, directory: try Directory.load(from: log), what: what)
    }

    /// `checkScope(_:units:in:what:)` with the directory already read.
    static func checkScope(_ actor: Actor, units: [String?], directory: Directory, what: LocalizedText) throws {
        guard directory.unit(actor.unit) != nil else { return }
        for case let unit? in units where unit != actor.unit && !directory.ancestors(of: unit).contains(where: { $0.code == actor.unit }) {
            throw RegistryError(
                message: .init(vi: "đơn vị \(actor.unit) không quản lý đơn vị \(unit) (không phải đơn vị đó hay đơn vị cấp trên của nó); \(what.vi)",
                               en: "unit \(actor.unit) does not keep unit \(unit) (it is neither that unit nor above it); \(what.en)"),
                fix: .init(vi: "để đơn vị \(unit) hoặc cấp trên của nó ghi, hoặc chọn đúng --unit",
                           en: "let \(unit) or a unit above it record them, or give the right --unit"))
        }
    }
}

