import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// How a complaint was settled: founded or not.
public enum ComplaintOutcome: String, Sendable, CaseIterable, Codable {
    /// The complaint was verified and found founded (khiếu nại đúng).
    case upheld
    /// The complaint was verified and found unfounded (khiếu nại không có cơ sở).
    case dismissed

    public var label: LocalizedText {
        switch self {
        case .upheld: .init(vi: "khiếu nại có cơ sở", en: "upheld")
        case .dismissed: .init(vi: "khiếu nại không có cơ sở", en: "dismissed")
        }
    }
}

/// A complaint (khiếu nại) filed against a dossier, read back from the chain: the
/// `complaint_filed` record and, once settled, its `complaint_resolved` record.
public struct Complaint: Sendable, Equatable {
    /// The `seq` of the `complaint_filed` record: the complaint's number in the store.
    public var seq: Int64
    public var dossierID: String
    /// Who complained (as written on the complaint).
    public var from: String
    public var text: String
    public var filedAt: Date
    /// Whether filing it deferred the dossier (a `defer` transition followed in the same write).
    public var deferred: Bool
    /// How it was settled, when it was.
    public var outcome: ComplaintOutcome?
    /// The `seq` of the `complaint_resolved` record, when settled.
    public var resolvedSeq: Int64?

    public var isOpen: Bool { outcome == nil }

    /// Record names in the chain.
    public static let filedEvent = ComplaintFiling.kind
    public static let resolvedEvent = ComplaintResolution.kind
    /// The record name of a public comment.
    public static let commentEvent = PublicComment.kind

    /// Every complaint of one dossier, oldest first, from the dossier's events.
    /// - Throws: `StoreError.corruptRecord` when a complaint record does not decode.
    public static func complaints(in events: [StoredEvent]) throws(StoreError) -> [Complaint] {
        var out: [Complaint] = []
        for e in events where e.kind == .record {
            if e.event == filedEvent {
                let filing = try e.record(ComplaintFiling.self)
                out.append(Complaint(seq: e.seq, dossierID: filing.dossier, from: filing.from, text: filing.text, filedAt: e.at,
                                     deferred: filing.deferred, outcome: nil, resolvedSeq: nil))
            } else if e.event == resolvedEvent {
                let resolution = try e.record(ComplaintResolution.self)
                if let i = out.firstIndex(where: { $0.seq == resolution.complaint }) {
                    out[i].outcome = resolution.outcome
                    out[i].resolvedSeq = e.seq
                }
            }
        }
        return out
    }

    /// Whether the dossier's current deferral was caused by a complaint: its last `defer`
    /// transition came right after a `complaint_filed` record that deferred it, with no
    /// `resume` since.
    /// - Throws: `StoreError.corruptRecord` when that complaint record does not decode.
    public static func deferralIsByComplaint(_ events: [StoredEvent], deferEvent: String, resumeEvent: String) throws(StoreError) -> Bool {
        var byComplaint = false
        var previous: StoredEvent?
        for e in events {
            if e.kind == .transition, e.event == deferEvent {
                if let p = previous, p.kind == .record, p.event == filedEvent {
                    byComplaint = try p.record(ComplaintFiling.self).deferred
                } else {
                    byComplaint = false
                }
            } else if e.kind == .transition, e.event == resumeEvent {
                byComplaint = false
            }
            previous = e
        }
        return byComplaint
    }
}

/// A public comment on a dossier (`comment`, subject the dossier): who sent it, if they gave
/// a name, and what it says.
public struct PublicComment: Sendable, Equatable {
    public var dossier: String
    public var from: String?
    public var text: String

    package init(dossier: String, from: String?, text: String) {
        self.dossier = dossier
        self.from = from
        self.text = text
    }
}

extension PublicComment: StoreRecord {
    package static let kind = "comment"
    package var subject: RecordSubject { .dossier(dossier) }
    package var payload: JSONValue { .fields(["from": .optional(from), "text": .string(text)]) }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), from: try p.optionalString("from"), text: try p.string("text"))
    }
}

/// A complaint as filed (`complaint_filed`, subject the dossier); `deferred` says whether
/// filing it deferred the dossier.
public struct ComplaintFiling: Sendable, Equatable {
    public var dossier: String
    public var deferred: Bool
    public var from: String
    public var text: String
}

extension ComplaintFiling: StoreRecord {
    package static let kind = "complaint_filed"
    package var subject: RecordSubject { .dossier(dossier) }
    package var payload: JSONValue { .fields(["deferred": .bool(deferred), "from": .string(from), "text": .string(text)]) }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), deferred: try p.bool("deferred"), from: try p.string("from"), text: try p.string("text"))
    }
}

/// How a complaint was settled (`complaint_resolved`, subject the dossier): the complaint's
/// number (its record's `seq`), the outcome, and whether the dossier was resumed.
public struct ComplaintResolution: Sendable, Equatable {
    public var dossier: String
    public var complaint: Int64
    public var outcome: ComplaintOutcome
    public var resumed: Bool
}

extension ComplaintResolution: StoreRecord {
    package static let kind = "complaint_resolved"
    package var subject: RecordSubject { .dossier(dossier) }
    package var payload: JSONValue {
        .fields(["complaint": .int(complaint), "outcome": .string(outcome.rawValue), "resumed": .bool(resumed)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), complaint: Int64(try p.int("complaint")),
                  outcome: try p.oneOf("outcome", ComplaintOutcome.self), resumed: try p.bool("resumed"))
    }
}
