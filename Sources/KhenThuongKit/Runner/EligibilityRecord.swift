import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What the eligibility guard found, as recorded before a guarded event: `eligibility_verdict`,
/// subject the dossier. `{"asOf","award","factsSeq","failing","outcome","regime","ruleSetVersion","year"}`
/// (`null` where not known).
public struct EligibilityVerdictRecord: Sendable, Equatable {
    public var dossier: String
    public var award: String
    public var year: Int
    public var asOf: CivilDate
    /// The number of the `nominee_facts` record the verdict was taken on.
    public var factsSeq: Int64?
    public var failing: [String]
    /// `eligible`, `not-eligible`, `deferred`, `no-facts` or `no-rule-set`.
    public var outcome: String
    public var regime: String?
    public var ruleSetVersion: String?

    public init(dossier: String, check: EligibilityCheck) {
        self.dossier = dossier
        award = check.award
        year = check.year
        asOf = check.asOf
        factsSeq = check.factsSeq
        failing = check.verdict?.failing ?? []
        outcome = check.outcome
        regime = check.verdict?.regime
        if case .noFacts(let version) = check.finding { ruleSetVersion = version } else { ruleSetVersion = check.verdict?.ruleSetVersion }
    }

    init(dossier: String, award: String, year: Int, asOf: CivilDate, factsSeq: Int64?, failing: [String], outcome: String,
         regime: String?, ruleSetVersion: String?) {
        self.dossier = dossier
        self.award = award
        self.year = year
        self.asOf = asOf
        self.factsSeq = factsSeq
        self.failing = failing
        self.outcome = outcome
        self.regime = regime
        self.ruleSetVersion = ruleSetVersion
    }
}

extension EligibilityVerdictRecord: StoreRecord {
    package static let kind = "eligibility_verdict"
    package var subject: RecordSubject { .dossier(dossier) }

    package var payload: JSONValue {
        .fields(["asOf": .string(asOf.description), "award": .string(award), "factsSeq": factsSeq.map(JSONValue.int) ?? .null,
                 "failing": .strings(failing), "outcome": .string(outcome), "regime": .optional(regime),
                 "ruleSetVersion": .optional(ruleSetVersion), "year": .int(year)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), award: try p.string("award"), year: try p.int("year"), asOf: try p.date("asOf"),
                  factsSeq: try p.optionalInt("factsSeq").map(Int64.init), failing: try p.strings("failing"),
                  outcome: try p.string("outcome"), regime: try p.optionalString("regime"),
                  ruleSetVersion: try p.optionalString("ruleSetVersion"))
    }
}

/// A verdict passed over in writing (`--override-eligibility --reason`): `eligibility_override`,
/// subject the dossier, the payload of the verdict it overrides; the reason is the event's.
public struct EligibilityOverrideRecord: Sendable, Equatable {
    public var verdict: EligibilityVerdictRecord

    public init(verdict: EligibilityVerdictRecord) { self.verdict = verdict }
}

extension EligibilityOverrideRecord: StoreRecord {
    package static let kind = "eligibility_override"
    package var subject: RecordSubject { verdict.subject }
    package var payload: JSONValue { verdict.payload }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(verdict: try EligibilityVerdictRecord(payload: p, event: event))
    }
}
