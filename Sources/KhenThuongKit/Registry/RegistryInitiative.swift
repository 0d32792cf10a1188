import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// An initiative (sáng kiến) registered: `initiative_added`, subject `initiative:<id>`. Then,
/// each a new record: its recognition (`initiative_recognised`: level, date, decision, benefit),
/// corrections (`initiative_corrected`) and the one award it serves (`initiative_used`).
public struct InitiativeAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "initiative_added"
    public var id: String
    public var title: String
    /// The owners' person ids.
    public var owners: [String]
    public var registered: CivilDate

    public init(id: String, title: String, owners: [String], registered: CivilDate) {
        self.id = id.nfc
        self.title = title.nfc
        self.owners = owners.map(\.nfc)
        self.registered = registered
    }

    package var subject: RecordSubject { .initiative(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "title": .string(title), "owners": .list(owners.map { .string($0) }), "registered": .string(registered.description)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.initiativeID()) else { throw p.fail("id", "“\(id)” is not the subject’s initiative") }
        self.init(id: id, title: try p.nonEmptyString("title"), owners: try p.strings("owners"), registered: try p.date("registered"))
    }
}

/// The recognition of an initiative by a level (`co_so`, `tinh`, `bo`, `toan_quoc`…), on a date,
/// by a decision, with the benefit found (giá trị làm lợi, VND).
public struct InitiativeRecognised: StoreRecord, Sendable, Equatable {
    package static let kind = "initiative_recognised"
    public var id: String
    public var level: String
    public var date: CivilDate
    public var decision: String
    public var benefitVND: Int64

    public init(id: String, level: String, date: CivilDate, decision: String, benefitVND: Int64) {
        self.id = id.nfc
        self.level = level.nfc
        self.date = date
        self.decision = decision.nfc
        self.benefitVND = benefitVND
    }

    package var subject: RecordSubject { .initiative(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "level": .string(level), "date": .string(date.description), "decision": .string(decision),
                 "benefitVND": .int(Int(benefitVND))])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.initiativeID()) else { throw p.fail("id", "“\(id)” is not the subject’s initiative") }
        let benefit = try p.int("benefitVND")
        guard benefit >= 0 else { throw p.fail("benefitVND", "\(benefit) is negative") }
        self.init(id: id, level: try p.nonEmptyString("level"), date: try p.date("date"), decision: try p.nonEmptyString("decision"),
                  benefitVND: Int64(benefit))
    }
}

/// A correction of an initiative: the fields given replace the current values.
public struct InitiativeCorrected: StoreRecord, Sendable, Equatable {
    package static let kind = "initiative_corrected"
    public var id: String
    public var title: String?
    public var owners: [String]?
    public var registered: CivilDate?
    public var benefitVND: Int64?

    public init(id: String, title: String? = nil, owners: [String]? = nil, registered: CivilDate? = nil, benefitVND: Int64? = nil) {
        self.id = id.nfc
        self.title = title?.nfc
        self.owners = owners?.map(\.nfc)
        self.registered = registered
        self.benefitVND = benefitVND
    }

    package var subject: RecordSubject { .initiative(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "title": .optional(title), "owners": owners.map { .list($0.map { .string($0) }) } ?? .null,
                 "registered": .optional(registered?.description), "benefitVND": benefitVND.map { .int(Int($0)) } ?? .null])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.initiativeID()) else { throw p.fail("id", "“\(id)” is not the subject’s initiative") }
        let benefit = try p.optionalInt("benefitVND")
        if let benefit, benefit < 0 { throw p.fail("benefitVND", "\(benefit) is negative") }
        self.init(id: id, title: try p.optionalString("title"), owners: try p.optionalStrings("owners"),
                  registered: try PersonRegistry.date(p, "registered"), benefitVND: benefit.map { Int64($0) })
    }
}

/// The award an initiative served (Luật 06/2022/QH15 Điều 5 khoản 2: once): the award and
/// achievement year, and the dossier or decision that used it.
public struct InitiativeUsed: StoreRecord, Sendable, Equatable {
    package static let kind = "initiative_used"
    public var id: String
    public var award: String
    public var year: Int
    /// The dossier of this store, or the decision number, that used it.
    public var by: String

    public init(id: String, award: String, year: Int, by: String) {
        self.id = id.nfc
        self.award = award
        self.year = year
        self.by = by.nfc
    }

    package var subject: RecordSubject { .initiative(id) }
    package var payload: JSONValue {
        .fields(["id": .string(id), "award": .string(award), "year": .int(year), "by": .string(by)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("id")
        guard id == (try p.subject.initiativeID()) else { throw p.fail("id", "“\(id)” is not the subject’s initiative") }
        self.init(id: id, award: try p.nonEmptyString("award"), year: try p.int("year"), by: try p.nonEmptyString("by"))
    }
}

/// An initiative as the registry holds it now.
public struct RegistryInitiative: Sendable, Equatable {
    public struct Recognition: Sendable, Equatable {
        public var level: String
        public var date: CivilDate
        public var decision: String
    }

    public struct Use: Sendable, Equatable {
        public var award: String
        public var year: Int
        public var by: String
        public var seq: Int64
    }

    public var id: String
    public var title: String
    public var owners: [String]
    public var registered: CivilDate
    public var recognition: Recognition?
    public var benefitVND: Int64
    public var use: Use?
    public var events: [Int64]
}

/// The initiative registry: register, recognise, correct, record the award an initiative
/// served, and read initiatives back (one indexed read of `initiative:<id>`).
public enum InitiativeRegistry {
    /// The largest benefit accepted: Int64's range (a larger figure overflows and is refused).
    public static let maximumBenefit = Int64.max

    /// Reads a benefit in VND: digits, optionally grouped by `.`, `,` or spaces (`1.500.000`).
    /// - Throws: `RegistryError` for anything else, a negative figure, or one past ``maximumBenefit``.
    public static func benefit(parsing text: String) throws -> Int64 {
        let digits = text.trimmingCharacters(in: .whitespaces).filter { !".,  ".contains($0) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RegistryError(message: .init(vi: "giá trị làm lợi “\(text)” không phải một số đồng không âm", en: "the benefit “\(text)” is not a non-negative amount of VND"),
                                fix: .init(vi: "viết số đồng bằng chữ số, ví dụ 150000000 hoặc 150.000.000", en: "write the VND amount in digits, e.g. 150000000 or 150.000.000"))
        }
        var value: Int64 = 0
        for d in digits.utf8 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(d - 0x30))
            guard !o1, !o2, plus <= maximumBenefit else {
                throw RegistryError(message: .init(vi: "giá trị làm lợi “\(text)” quá lớn (tối đa \(maximumBenefit) đồng)", en: "the benefit “\(text)” is too large (at most \(maximumBenefit) VND)"),
                                    fix: .init(vi: "kiểm tra lại số đồng (có thừa chữ số không?)", en: "check the amount (a digit too many?)"))
            }
            value = plus
        }
        return value
    }

    /// The initiative `id` as the records in `log` make it, or `nil`.
    public static func initiative(_ id: String, in log: any EventLog) throws -> RegistryInitiative? {
        var x: RegistryInitiative?
        for e in try log.events(dossierID: RecordSubject.initiative(id.nfc).stored) where e.kind == .record {
            switch e.event {
            case InitiativeAdded.kind:
                let r = try e.record(InitiativeAdded.self)
                x = RegistryInitiative(id: r.id, title: r.title, owners: r.owners, registered: r.registered, recognition: nil, benefitVND: 0, use: nil, events: [e.seq])
            case InitiativeRecognised.kind:
                let r = try e.record(InitiativeRecognised.self)
                x?.recognition = .init(level: r.level, date: r.date, decision: r.decision)
                x?.benefitVND = r.benefitVND
                x?.events.append(e.seq)
            case InitiativeCorrected.kind:
                let r = try e.record(InitiativeCorrected.self)
                if let t = r.title { x?.title = t }
                if let o = r.owners { x?.owners = o }
                if let d = r.registered { x?.registered = d }
                if let b = r.benefitVND { x?.benefitVND = b }
                x?.events.append(e.seq)
            case InitiativeUsed.kind:
                let r = try e.record(InitiativeUsed.self)
                x?.use = .init(award: r.award, year: r.year, by: r.by, seq: e.seq)
                x?.events.append(e.seq)
            default:
                continue
            }
        }
        return x
    }

    static func unknown(_ id: String) -> RegistryError {
        RegistryError(message: .init(vi: "sổ đăng ký chưa có sáng kiến mang mã \(id)", en: "the registry has no initiative with id \(id)"),
                      fix: .init(vi: "đăng ký bằng `khenthuong initiative add \(id) --title … --owner …`", en: "register it with `khenthuong initiative add \(id) --title … --owner …`"))
    }

    /// The sentence naming the award an initiative already served.
    /// The refusal of a second use; `awardName` gives the label a person reads for an award id.
    static func usedText(_ x: RegistryInitiative, _ use: RegistryInitiative.Use, awardName: (String) -> LocalizedText) -> LocalizedText {
        let award = awardName(use.award)
        return .init(vi: "sáng kiến “\(x.id)” (\(x.title)) đã được dùng cho \(award.vi) năm \(use.year) (\(use.by), sự kiện #\(use.seq)); một thành tích chỉ khen một lần (Luật 06/2022/QH15, Điều 5 khoản 2)",
                     en: "initiative “\(x.id)” (\(x.title)) already served \(award.en) \(use.year) (\(use.by), event #\(use.seq)); an achievement is rewarded once (Luật 06/2022/QH15, Article 5(2))")
    }

    /// Registers `record`.
    /// - Throws: `RegistryError` when the id is taken or no owner is given.
    @discardableResult
    public static func add(_ record: InitiativeAdded, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard !record.owners.isEmpty else {
                throw RegistryError(message: .init(vi: "sáng kiến phải có ít nhất một tác giả", en: "an initiative needs at least one owner"),
                                    fix: .init(vi: "đưa ra --owner MÃ_NGƯỜI", en: "give --owner PERSON_ID"))
            }
            if let existing = try initiative(record.id, in: tx.store) {
                throw RegistryError(message: .init(vi: "đã có sáng kiến mang mã \(record.id) (\(existing.title), sự kiện #\(existing.events[0]))",
                                                   en: "the registry already has an initiative with id \(record.id) (\(existing.title), event #\(existing.events[0]))"),
                                    fix: .init(vi: "sửa bằng `khenthuong initiative correct \(record.id)`, hoặc chọn mã khác",
                                               en: "correct it with `khenthuong initiative correct \(record.id)`, or pick another id"))
            }
            return try tx.append(record, actor: actor, at: time)
        }
    }

    /// Records the recognition.
    /// - Throws: `RegistryError` when the initiative is unknown, already recognised, or
    ///   recognised before it was registered.
    @discardableResult
    public static func recognise(_ record: InitiativeRecognised, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard let x = try initiative(record.id, in: tx.store) else { throw unknown(record.id) }
            if let r = x.recognition {
                throw RegistryError(message: .init(vi: "sáng kiến \(x.id) đã được công nhận (\(r.level), \(r.date.vietnamese), quyết định \(r.decision))",
                                                   en: "initiative \(x.id) is already recognised (\(r.level), \(r.date), decision \(r.decision))"),
                                    fix: .init(vi: "sửa giá trị làm lợi bằng `khenthuong initiative correct \(x.id) --benefit …`",
                                               en: "correct the benefit with `khenthuong initiative correct \(x.id) --benefit …`"))
            }
            guard record.date >= x.registered else {
                throw RegistryError(message: .init(vi: "ngày công nhận \(record.date.vietnamese) trước ngày đăng ký \(x.registered.vietnamese)",
                                                   en: "the recognition date \(record.date) is before the registration \(x.registered)"),
                                    fix: .init(vi: "kiểm tra --date", en: "check --date"))
            }
            return try tx.append(record, actor: actor, at: time)
        }
    }

    /// Records `correction` with its reason.
    /// - Throws: `RegistryError` when the initiative is unknown or nothing would change.
    @discardableResult
    public static func correct(_ correction: InitiativeCorrected, reason: String, in log: any EventLog, by actor: Actor, at time: Date) throws -> StoredEvent {
        try log.write { tx in
            guard let x = try initiative(correction.id, in: tx.store) else { throw unknown(correction.id) }
            let changes = (correction.title.map { $0 != x.title } ?? false) || (correction.owners.map { $0 != x.owners } ?? false)
                || (correction.registered.map { $0 != x.registered } ?? false) || (correction.benefitVND.map { $0 != x.benefitVND } ?? false)
            guard changes else {
                throw RegistryError(message: .init(vi: "không có gì để sửa: các giá trị đưa ra giống giá trị hiện có của \(x.id)",
                                                   en: "nothing to correct: the values given are those \(x.id) already has"),
                                    fix: .init(vi: "đưa ra ít nhất một giá trị mới: --title, --owner, --registered hoặc --benefit",
                                               en: "give at least one new value: --title, --owner, --registered or --benefit"))
            }
            return try tx.append(correction, actor: actor, at: time, reason: reason.nfc)
        }
    }

    /// Records that the initiative served `record.award` for `record.year`.
    /// `awardName` gives the label a person reads for an award id (the catalogue's name).
    /// - Throws: `RegistryError` when it is unknown, not recognised, or already served an award.
    @discardableResult
    public static func use(_ record: InitiativeUsed, in log: any EventLog, by actor: Actor, at time: Date,
                           awardName: (String) -> LocalizedText) throws -> StoredEvent {
        try log.write { tx in
            guard let x = try initiative(record.id, in: tx.store) else { throw unknown(record.id) }
            if let use = x.use {
                let award = awardName(record.award)
                throw RegistryError(message: usedText(x, use, awardName: awardName),
                                    fix: .init(vi: "chọn sáng kiến khác cho \(award.vi) năm \(record.year)", en: "pick another initiative for \(award.en) \(record.year)"))
            }
            guard x.recognition != nil else {
                throw RegistryError(message: .init(vi: "sáng kiến \(x.id) chưa được công nhận", en: "initiative \(x.id) is not recognised yet"),
                                    fix: .init(vi: "ghi công nhận bằng `khenthuong initiative recognise \(x.id) …` trước", en: "record its recognition with `khenthuong initiative recognise \(x.id) …` first"))
            }
            return try tx.append(record, actor: actor, at: time)
        }
    }
}
