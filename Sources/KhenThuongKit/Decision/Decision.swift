import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A decision (quyết định khen thưởng) as recorded: event `decision_issued`, subject
/// `decision:<number>`. The payload's keys are a contract other parts of the product read.
public struct Decision: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        public var dossier: String
        public var nomineeID: String
        public var nomineeName: String
        public var nomineeKind: Nominee.Kind
        public var unit: String
        public var award: String
        public var year: Int
        public var amountVND: Int
        public var multiplier: Double
        public var baseSalaryVND: Int
        /// The dossier's achievement period's first year and its proposal year, when they
        /// differ from `year` (recorded only then).
        public var periodFrom: Int? = nil
        public var proposalYear: Int? = nil

        /// The achievement period the recipient was decided for.
        public var achievementPeriod: AchievementPeriod {
            AchievementPeriod(from: periodFrom ?? year, to: year, proposalYear: proposalYear)
        }
    }

    public var number: String
    public var date: CivilDate
    public var signer: String
    /// The deciding level: the unit that issued it.
    public var level: String
    public var authority: String
    public var recipients: [Recipient]

    public var totalVND: Int { recipients.reduce(0) { $0 + $1.amountVND } }

    init(number: String, date: CivilDate, signer: String, level: String, authority: String, recipients: [Recipient]) {
        self.number = number
        self.date = date
        self.signer = signer
        self.level = level
        self.authority = authority
        self.recipients = recipients
    }
}

extension Decision: StoreRecord {
    package static let kind = "decision_issued"
    package var subject: RecordSubject { .decision(number) }

    /// The contract other parts of the product read (docs/councils-decisions.md); strings a decision
    /// prints may not be empty.
    package var payload: JSONValue {
        .fields([
            "number": .string(number), "date": .string(date.description), "signer": .string(signer),
            "level": .string(level), "authority": .string(authority),
            "recipients": .list(recipients.map { r -> JSONValue in
                var fields: [(String, JSONValue)] = [
                    ("dossier", .string(r.dossier)), ("nomineeID", .string(r.nomineeID)), ("nomineeName", .string(r.nomineeName)),
                    ("nomineeKind", .string(r.nomineeKind.rawValue)), ("unit", .string(r.unit)), ("award", .string(r.award)),
                    ("year", .int(r.year)), ("amountVND", .int(r.amountVND)), ("multiplier", .number(r.multiplier)),
                    ("baseSalaryVND", .int(r.baseSalaryVND))]
                if let from = r.periodFrom { fields.append(("periodFrom", .int(from))) }
                if let proposal = r.proposalYear { fields.append(("proposalYear", .int(proposal))) }
                return .fields(fields)
            }),
        ])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let number = try p.nonEmptyString("number"), date = try p.date("date")
        var recipients: [Recipient] = []
        for r in try p.objects("recipients") {
            let dossier = try r.nonEmptyString("dossier"), nomineeID = try r.nonEmptyString("nomineeID")
            let nomineeName = try r.nonEmptyString("nomineeName"), kind = try r.nonEmptyString("nomineeKind")
            guard let nomineeKind = Nominee.Kind(rawValue: kind) else { throw r.fail("nomineeKind", "“\(kind)” is neither individual nor collective") }
            recipients.append(Recipient(dossier: dossier, nomineeID: nomineeID, nomineeName: nomineeName, nomineeKind: nomineeKind,
                                        unit: try r.nonEmptyString("unit"), award: try r.nonEmptyString("award"), year: try r.int("year"),
                                        amountVND: try r.int("amountVND"), multiplier: try r.number("multiplier"),
                                        baseSalaryVND: try r.int("baseSalaryVND"),
                                        periodFrom: try r.optionalInt("periodFrom"), proposalYear: try r.optionalInt("proposalYear")))
        }
        self.init(number: number, date: date, signer: try p.nonEmptyString("signer"), level: try p.nonEmptyString("level"),
                  authority: try p.nonEmptyString("authority"), recipients: recipients)
    }
}

/// A revocation as recorded: event `revocation`, subject the dossier (contract payload keys).
public struct Revocation: Sendable, Equatable {
    public var dossier: String
    public var ground: String
    public var groundText: String
    public var amountVND: Int
    public var decision: String
    public var revokedBy: String
}

extension Revocation: StoreRecord {
    package static let kind = "revocation"
    package var subject: RecordSubject { .dossier(dossier) }

    package var payload: JSONValue {
        .fields(["ground": .string(ground), "groundText": .string(groundText), "amountVND": .int(amountVND),
                 "decision": .string(decision), "revokedBy": .string(revokedBy)])
    }

    /// Reads a `revocation` payload; the dossier is the event's subject.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), ground: try p.string("ground"), groundText: try p.string("groundText"),
                  amountVND: try p.int("amountVND"), decision: try p.string("decision"), revokedBy: try p.string("revokedBy"))
    }
}
