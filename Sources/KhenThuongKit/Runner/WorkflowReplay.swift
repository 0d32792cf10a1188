import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Every event of a store replayed through the machine, as it stood at that point: a hash chain
/// proves only that nobody changed an event after it was written, not that the event was one
/// the workflow allowed. An event appended by hand with correct hashes (a dossier taken from
/// draft straight to approved) passes `verify`'s chain check; this replay refuses it, naming it.
///
/// For each transition the dossier as its earlier events built it, the recorded actor, time,
/// reason, documents and tally go through `DossierMachine.transition`; the machine must allow
/// it and reach the recorded state. An event the workflow reserves to a command must come with
/// that command's record: a council outcome with its `ballot_count` (the next event), a
/// publication with the `decision_issued` record listing the dossier, a revocation with its
/// `revocation` record (the next event).
public struct WorkflowReplay: Sendable {
    /// One event the machine would have refused where it stands.
    public struct Refused: Sendable, Equatable {
        public var seq: Int64
        public var dossierID: String
        public var event: String
        public var reasons: LocalizedText

        public func message(_ language: Language) -> String {
            language == .vi ? "sự kiện số \(seq) (\(event), hồ sơ \(dossierID)): \(reasons.vi)"
                            : "event \(seq) (\(event), dossier \(dossierID)): \(reasons.en)"
        }
    }

    /// Transitions replayed through the machine.
    public var checked: Int64 = 0
    /// Transitions of dossiers whose workflow (or its version) is no longer among the definitions.
    public var skipped: Int64 = 0
    /// Every refused event, in chain order.
    public var refused: [Refused] = []

    /// Replays every event of `log`.
    /// - Throws: `StoreError` when the store cannot be read or an event does not fit its dossier.
    public static func run(_ log: any EventLog, definitions: Definitions) throws -> WorkflowReplay {
        var replay = WorkflowReplay()
        var dossiers: [String: Dossier] = [:]
        // Reserved events waiting for their command's record.
        var awaitingNext: (seq: Int64, dossier: String, event: String, channel: ReservedChannel)?
        var awaitingDecision: [String: (seq: Int64, event: String)] = [:]
        var context = definitions.context
        context.actorIdentities = []
        try log.scan(from: 1) { event throws(StoreError) in
            if let pending = awaitingNext {
                awaitingNext = nil
                let wanted = pending.channel == .council ? BallotRecord.kind : Revocation.kind
                if !(event.kind == .record && event.event == wanted && event.dossierID == pending.dossier) {
                    replay.refused.append(Refused(seq: pending.seq, dossierID: pending.dossier, event: pending.event, reasons: Self.unaccompanied(pending.channel, wanted)))
                }
            }
            switch event.kind {
            case .created:
                dossiers[event.dossierID] = try event.applied(to: nil)
            case .record:
                if event.event == Decision.kind, let decision = try? event.record(Decision.self) {
                    for r in decision.recipients { awaitingDecision[r.dossier] = nil }
                }
            case .transition:
                guard let before = dossiers[event.dossierID] else {
                    dossiers[event.dossierID] = try event.applied(to: nil)
                    return
                }
                let after = try event.applied(to: before)
                dossiers[event.dossierID] = after
                guard let workflow = definitions.workflows[before.workflowID], workflow.version == before.workflowVersion else {
                    replay.skipped += 1
                    return
                }
                replay.checked += 1
                let recorded = try event.transition()
                let reserved = workflow.definition.transitions.first { $0.event == event.event && $0.from.contains(before.state) }?.reservedTo
                var attach: [String] = [], tally: Tally?
                for effect in recorded.effects {
                    if case .attachDocuments(let d) = effect { attach += d }
                    if case .recordTally(let t, _, _) = effect { tally = t }
                }
                let request = EventRequest(event: event.event, via: reserved, reason: event.reason, attach: attach, tally: tally)
                do throws(Refusal) {
                    let t = try DossierMachine.transition(before, request, by: event.actor, at: event.at, in: workflow, context: context)
                    if !t.to.utf8.elementsEqual(event.toState.utf8) {
                        replay.refused.append(Refused(seq: event.seq, dossierID: event.dossierID, event: event.event, reasons: .init(
                            vi: "quy trình đưa hồ sơ tới “\(workflow.stateLabel(t.to, .vi))” (\(t.to)), sự kiện ghi “\(event.toState)”",
                            en: "the workflow leads to “\(workflow.stateLabel(t.to, .en))” (\(t.to)), the event records “\(event.toState)”")))
                    }
                } catch {
                    let (vi, en) = (workflow.stateLabel(before.state, .vi), workflow.stateLabel(before.state, .en))
                    replay.refused.append(Refused(seq: event.seq, dossierID: event.dossierID, event: event.event, reasons: .init(
                        vi: "hồ sơ đang ở “\(vi)” (\(before.state)), quy trình từ chối: " + error.reasons.map { Refusal.describe($0, .vi, workflow: workflow) }.joined(separator: "; "),
                        en: "the dossier was in “\(en)” (\(before.state)), the workflow refuses: " + error.reasons.map { Refusal.describe($0, .en, workflow: workflow) }.joined(separator: "; "))))
                }
                switch reserved {
                case .council?: awaitingNext = (event.seq, event.dossierID, event.event, .council)
                case .decision? where workflow.state(event.toState, isTagged: .revocation):
                    awaitingNext = (event.seq, event.dossierID, event.event, .decision)
                case .decision?: awaitingDecision[event.dossierID] = (event.seq, event.event)
                case nil: break
                }
            }
        }
        if let pending = awaitingNext {
            let wanted = pending.channel == .council ? BallotRecord.kind : Revocation.kind
            replay.refused.append(Refused(seq: pending.seq, dossierID: pending.dossier, event: pending.event, reasons: Self.unaccompanied(pending.channel, wanted)))
        }
        for (dossier, pending) in awaitingDecision {
            replay.refused.append(Refused(seq: pending.seq, dossierID: dossier, event: pending.event, reasons: Self.unaccompanied(.decision, Decision.kind)))
        }
        replay.refused.sort { $0.seq < $1.seq }
        return replay
    }

    static func unaccompanied(_ channel: ReservedChannel, _ record: String) -> LocalizedText {
        .init(vi: "sự kiện dành riêng cho `\(channel.command)` nhưng không có bản ghi \(record) đi kèm: không được ghi qua lệnh đó",
              en: "the event is reserved to `\(channel.command)` but has no \(record) record with it: it was not recorded through that command")
    }
}
