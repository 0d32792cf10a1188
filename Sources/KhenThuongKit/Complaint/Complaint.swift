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
    public static let filedEvent = "complaint_filed"
    public static let resolvedEvent = "complaint_resolved"
    /// The record name of a public comment.
    public static let commentEvent = "comment"

    /// Every complaint of one dossier, oldest first, from the dossier's events.
    public static func complaints(in events: [StoredEvent]) -> [Complaint] {
        var out: [Complaint] = []
        for e in events where e.kind == .record {
            guard let json = try? PayloadJSON.parse(e.payload) else { continue }
            if e.event == filedEvent {
                out.append(Complaint(seq: e.seq, dossierID: e.dossierID, from: json["from"]?.string ?? "",
                                     text: json["text"]?.string ?? "", filedAt: e.at,
                                     deferred: json["deferred"] == .bool(true), outcome: nil, resolvedSeq: nil))
            } else if e.event == resolvedEvent, let target = json["complaint"]?.int,
                      let i = out.firstIndex(where: { $0.seq == Int64(target) }) {
                out[i].outcome = json["outcome"]?.string.flatMap(ComplaintOutcome.init(rawValue:))
                out[i].resolvedSeq = e.seq
            }
        }
        return out
    }

    /// Whether the dossier's current deferral was caused by a complaint: its last `defer`
    /// transition came right after a `complaint_filed` record that deferred it, with no
    /// `resume` since.
    public static func deferralIsByComplaint(_ events: [StoredEvent], deferEvent: String, resumeEvent: String) -> Bool {
        var byComplaint = false
        var previous: StoredEvent?
        for e in events {
            if e.kind == .transition, e.event == deferEvent {
                byComplaint = previous.map { $0.kind == .record && $0.event == filedEvent
                    && (try? PayloadJSON.parse($0.payload))?["deferred"] == .bool(true) } ?? false
            } else if e.kind == .transition, e.event == resumeEvent {
                byComplaint = false
            }
            previous = e
        }
        return byComplaint
    }
}
