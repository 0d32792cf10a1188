import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A collective of the registry (tổ công đoàn, phòng, đơn vị…): `collective_added`, subject
/// `collective:<id>`. Corrections are `collective_corrected`, member changes
/// `collective_members`; none is ever rewritten.
public struct CollectiveAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "collective_added"
    public var id: String
    public var name: String
    public var unit: String
    /// What kind of collective it is, as the unit names it (`tổ công đoàn`, `phòng`, `đơn vị`).
    public var collectiveKind: String

    public init(id: String, name: String, unit: String, collectiveKind: String) {
        self.id = id.nfc
        self.name = name.nfc
        self.unit = unit.nfc
        self.collectiveKind = collectiveKind.nfc
    }

    package var subject: RecordSubject { .collective(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "name": .string(name), "unit": .string(unit), "kind": .string(collectiveKind)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.collectiveID()) else { throw p.fail("id", "“\(id)” is not the subject’s collective") }
        self.init(id: id, name: try p.nonEmptyString("name"), unit: try p.nonEmptyString("unit"), collectiveKind: try p.nonEmptyString("kind"))
    }
}

/// A correction of a collective: the fields given replace the current values.
public struct CollectiveCorrected: StoreRecord, Sendable, Equatable {
    package static let kind = "collective_corrected"
    public var id: String
    public var name: String?
    public var unit: String?
    public var collectiveKind: String?

    public init(id: String, name: String? = nil, unit: String? = nil, collectiveKind: String? = nil) {
        self.id = id.nfc
        self.name = name?.nfc
        self.unit = unit?.nfc
        self.collectiveKind = collectiveKind?.nfc
    }

    package var subject: RecordSubject { .collective(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "name": .optional(name), "unit": .optional(unit), "kind": .optional(collectiveKind)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.collectiveID()) else { throw p.fail("id", "“\(id)” is not the subject’s collective") }
        self.init(id: id, name: try p.optionalString("name"), unit: try p.optionalString("unit"), collectiveKind: try p.optionalString("kind"))
    }
}

/// Members joining or leaving a collective from a day on.
public struct CollectiveMembersChanged: StoreRecord, Sendable, Equatable {
    package static let kind = "collective_members"
    public var id: String
    public var from: CivilDate
    public var added: [String]
    public var removed: [String]

    public init(id: String, from: CivilDate, added: [String], removed: [String]) {
        self.id = id.nfc
        self.from = from
        self.added = added.map(\.nfc)
        self.removed = removed.map(\.nfc)
    }

    package var subject: RecordSubject { .collective(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "from": .string(from.description), "added": .list(added.map { .string($0) }),
                 "removed": .list(removed.map { .string($0) })])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.collectiveID()) else { throw p.fail("id", "“\(id)” is not the subject’s collective") }
        self.init(id: id, from: try p.date("from"), added: try p.strings("added"), removed: try p.strings("removed"))
    }
}

/// A collective as the registry holds it now: its unit history, its members by period and the
/// events behind them.
public struct RegistryCollective: Sendable, Equatable {
    public struct Membership: Sendable, Equatable {
        public var person: String
        public var from: CivilDate
        /// The day they left (`nil`: still a member).
        public var to: CivilDate?
    }

    public var id: String
    public var name: String
    /// `nil` when only an imported profile added it (the profile names no kind).
    public var collectiveKind: String?
    public var units: [Person.UnitSpell]
    public var members: [Membership]
    public var events: [Int64]

    public var unit: String? { units.last?.unit }

    /// The members on `day`.
    public func members(on day: CivilDate) -> [String] {
        members.filter { $0.from <= day && ($0.to.map { day < $0 } ?? true) }.map(\.person)
    }
}

/// The collective registry: add, correct, change members and read collectives as records.
public enum CollectiveRegistry {
    static let what = LocalizedText(vi: "không ghi tập thể này", en: "the collective is not recorded")

    /// The collective `id` as the records in `log` make them, or `nil`.
    public static func collective(_ id: String, in log: any EventLog) throws -> RegistryCollective? {
        try collective(from: log.events(dossierID: RecordSubject.collective(id.nfc).stored))
    }

    static func collective(from events: [StoredEvent]) throws -> RegistryCollective? {
        var c: RegistryCollective?
        for e in events where e.kind == .record {
            let day = CivilDate(e.at)
            switch e.event {
            case CollectiveAdded.kind:
                let r = try e.record(CollectiveAdded.self)
                c = RegistryCollective(id: r.id, name: r.name, collectiveKind: r.collectiveKind, units: [.init(unit: r.unit, since: day)],
                                       members: [], events: [e.seq])
            case NomineeProfileRecord.kind:
                if c == nil {
                    let f = try e.record(NomineeProfileRecord.self).facts
                    c = RegistryCollective(id: f.id, name: f.name, collectiveKind: nil, units: [.init(unit: f.unit, since: day)], members: [], events: [e.seq])
                } else {
                    c?.events.append(e.seq)
                }
            case CollectiveCorrected.kind:
                guard var x = c else { continue }
                let r = try e.record(CollectiveCorrected.self)
                if let name = r.name { x.name = name }
                if let k = r.collectiveKind { x.collectiveKind = k }
                if let unit = r.unit, unit != x.unit { x.units.append(.init(unit: unit, since: day)) }
                x.events.append(e.seq)
                c = x
            case CollectiveMembersChanged.kind:
                guard var x = c else { continue }
                let r = try e.record(CollectiveMembersChanged.self)
                for p in r.removed {
                    if let i = x.members.lastIndex(where: { $0.person == p && $0.to == nil }) { x.members[i].to = r.from }
                }
                x.members += r.added.map { .init(person: $0, from: r.from, to: nil) }
                x.events.append(e.seq)
                c = x
            default:
                continue
            }
        }
        return c
    }

    static func unknown(_ id: String) -> RegistryError {
        RegistryError(message: .init(vi: "sổ đăng ký chưa có tập thể mang mã \(id)", en: "the registry has no collective with id \(id)"),
                      fix: .init(vi: "thêm bằng `khenthuong collective add \(id) --name … --unit … --kind …`",
                                 en: "add it with `khenthuong collective add \(id) --name … --unit … --kind …`"))
    }

    /// Adds `record`.
    /// - Throws: `RegistryError` when the id is taken or the actor's unit does not keep the unit.
    @discardableResult
    public static func add(_ record: CollectiveAdded, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            try PersonRegistry.checkScope(actor, units: [record.unit], in: tx.store, what: what)
            if let existing = try collective(record.id, in: tx.store) {
                throw RegistryError(
                    message: .init(vi: "đã có tập thể mang mã \(record.id) trong sổ đăng ký (\(existing.name), sự kiện #\(existing.events[0]))",
                                   en: "the registry already has a collective with id \(record.id) (\(existing.name), event #\(existing.events[0]))"),
                    fix: .init(vi: "sửa bằng `khenthuong collective correct \(record.id)`, hoặc chọn mã khác",
                               en: "correct it with `khenthuong collective correct \(record.id)`, or pick another id"))
            }
            return try tx.append(record, actor: actor, at: time)
        }
    }

    /// Records `correction` with its reason.
    /// - Throws: `RegistryError` when the collective is unknown, out of the actor's scope (the
    ///   old and the new unit both count), or nothing would change.
    @discardableResult
    public static func correct(_ correction: CollectiveCorrected, reason: String, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard let current = try collective(correction.id, in: tx.store) else { throw unknown(correction.id) }
            try PersonRegistry.checkScope(actor, units: [current.unit, correction.unit], in: tx.store, what: what)
            let changes = (correction.name.map { $0 != current.name } ?? false) || (correction.unit.map { $0 != current.unit } ?? false)
                || (correction.collectiveKind.map { $0 != current.collectiveKind } ?? false)
            guard changes else {
                throw RegistryError(message: .init(vi: "không có gì để sửa: các giá trị đưa ra giống giá trị hiện có của \(correction.id)",
                                                   en: "nothing to correct: the values given are those \(correction.id) already has"),
                                    fix: .init(vi: "đưa ra ít nhất một giá trị mới: --name, --unit hoặc --kind", en: "give at least one new value: --name, --unit or --kind"))
            }
            return try tx.append(correction, actor: actor, at: time, reason: reason.nfc)
        }
    }

    /// Records members joining (`change.added`) and leaving (`change.removed`) from `change.from`.
    /// - Throws: `RegistryError` when the collective is unknown or out of scope, an added person
    ///   is not in the registry or already a member, a removed one is not a member, or both
    ///   lists are empty.
    @discardableResult
    public static func changeMembers(_ change: CollectiveMembersChanged, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard let current = try collective(change.id, in: tx.store) else { throw unknown(change.id) }
            try PersonRegistry.checkScope(actor, units: [current.unit], in: tx.store, what: what)
            guard !change.added.isEmpty || !change.removed.isEmpty else {
                throw RegistryError(message: .init(vi: "không có ai được thêm hay bớt", en: "nobody is added or removed"),
                                    fix: .init(vi: "đưa ra --add hoặc --remove", en: "give --add or --remove"))
            }
            let now = Set(current.members.filter { $0.to == nil }.map(\.person))
            for p in change.added {
                if now.contains(p) {
                    throw RegistryError(message: .init(vi: "\(p) đã là thành viên của \(change.id)", en: "\(p) is already a member of \(change.id)"),
                                        fix: .init(vi: "bỏ \(p) khỏi --add", en: "drop \(p) from --add"))
                }
                guard try PersonRegistry.person(p, in: tx.store) != nil else {
                    throw RegistryError(message: .init(vi: "sổ đăng ký chưa có người mang mã \(p)", en: "the registry has no person with id \(p)"),
                                        fix: .init(vi: "thêm bằng `khenthuong person add \(p) --name …` trước", en: "add them with `khenthuong person add \(p) --name …` first"))
                }
            }
            for p in change.removed where !now.contains(p) {
                throw RegistryError(message: .init(vi: "\(p) không phải thành viên hiện nay của \(change.id)", en: "\(p) is not a current member of \(change.id)"),
                                    fix: .init(vi: "bỏ \(p) khỏi --remove", en: "drop \(p) from --remove"))
            }
            return try tx.append(change, actor: actor, at: time)
        }
    }
}
