import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Records public comments and complaints against dossiers (công khai, lấy ý kiến), defers a
/// dossier while a complaint is verified (NĐ 98/2023 Điều 4: “tạm dừng xét”, not rejected)
/// and resumes it when the last complaint is resolved.
///
/// Each call is one store transaction: the record and the transition it causes are written
/// together or not at all. The workflow's own `defer` and `resume` transitions are fired through
/// the pure machine, so their roles, guards and target states stay data in `workflows/`.
///
/// ```swift
/// let desk = ComplaintDesk(runner: runner)
/// try desk.complain(on: "HS-2025-000001", text: "Số liệu sáng kiến không đúng", from: "Trần Văn B",
///                   by: secretariat, at: now)   // records complaint_filed, fires defer
/// ```
public struct ComplaintDesk {
    public let runner: DossierRunner

    /// The workflow events a complaint fires.
    public static let deferEvent = "defer"
    public static let resumeEvent = "resume"

    public init(runner: DossierRunner) {
        self.runner = runner
    }

    /// What one call wrote: the record, the dossier after it, and the transition it fired (if any).
    public struct Outcome: Sendable {
        public var record: StoredEvent
        public var dossier: Dossier
        public var transition: Transition?
        /// A comment's number among the dossier's comments (1 for its first), as the officer reads it.
        public var number: Int? = nil
    }

    /// Records a public comment (`comment`); the dossier's state does not change.
    /// - Parameters:
    ///   - from: who sent it, or `nil` for an anonymous comment.
    /// - Throws: `RunnerError.unknownDossier`, `ComplaintError` (role, unit, state, empty text).
    @discardableResult
    public func comment(on id: String, text: String, from: String?, by actor: Actor, at time: Date) throws -> Outcome {
        let text = try Self.nonEmpty(text, field: "--text")
        return try runner.store.write { tx in
            let (dossier, workflow) = try load(id, tx)
            try Self.authorize(actor, dossier, roles: workflow.definition.roles.filter { $0.side == .addressee }.map(\.id),
                               action: .init(vi: "ghi nhận ý kiến góp ý", en: "record comments"))
            guard Self.underConsideration(workflow).contains(dossier.state) else {
                throw ComplaintError.notUnderConsideration(dossier: id, state: Self.label(dossier.state, workflow), stateID: dossier.state)
            }
            let comment = PublicComment(dossier: id, from: from.map(\.nfc).flatMap { $0.isEmpty ? nil : $0 }, text: text)
            let earlier = try runner.store.events(dossierID: id).filter { $0.kind == .record && $0.event == Complaint.commentEvent }.count
            let record = try tx.append(comment, actor: actor, at: time)
            return Outcome(record: record, dossier: dossier, transition: nil, number: earlier + 1)
        }
    }

    /// Records a complaint (`complaint_filed`) and defers the dossier with the workflow's
    /// `defer` event; a dossier already deferred stays deferred and the complaint is recorded.
    /// - Throws: `ComplaintError.notDeferrable` when the dossier's state cannot be deferred
    ///   (nothing written), other `ComplaintError`s, `RunnerError`, `StoreError`.
    @discardableResult
    public func complain(on id: String, text: String, from: String, by actor: Actor, at time: Date) throws -> Outcome {
        let text = try Self.nonEmpty(text, field: "--text")
        let from = try Self.nonEmpty(from, field: "--from")
        return try runner.store.write { tx in
            let (dossier, workflow) = try load(id, tx)
            let deferral = try Self.transition(Self.deferEvent, workflow)
            try Self.authorize(actor, dossier, roles: deferral.roles, action: .init(vi: "ghi nhận khiếu nại", en: "record complaints"))
            let alreadyDeferred = deferral.to == .state(dossier.state)
            guard alreadyDeferred || deferral.from.contains(dossier.state) else {
                throw ComplaintError.notDeferrable(dossier: id, state: Self.label(dossier.state, workflow), stateID: dossier.state,
                                                   deferrable: deferral.from)
            }
            let record = try tx.append(ComplaintFiling(dossier: id, deferred: !alreadyDeferred, from: from, text: text), actor: actor, at: time)
            guard !alreadyDeferred else { return Outcome(record: record, dossier: dossier, transition: nil) }
            let reason = "Khiếu nại số \(record.seq) đang được xác minh (NĐ 98/2023 Điều 4)"
            let (after, transition) = try runner.act(in: &tx, on: dossier, EventRequest(event: Self.deferEvent, reason: reason),
                                                     by: actor, at: time)
            return Outcome(record: record, dossier: after, transition: transition)
        }
    }

    /// Records how a complaint was settled (`complaint_resolved`) and, when no complaint of the
    /// dossier is left open and a complaint deferred it, resumes it with the `resume` event.
    /// - Parameters:
    ///   - complaint: the complaint's number (`seq` of its record); `nil` when only one is open.
    ///   - reason: the written conclusion of the verification.
    @discardableResult
    public func resolve(on id: String, complaint: Int64?, outcome: ComplaintOutcome, reason: String,
                        by actor: Actor, at time: Date) throws -> Outcome {
        let reason = try Self.nonEmpty(reason, field: "--reason")
        return try runner.store.write { tx in
            let (dossier, workflow) = try load(id, tx)
            let resumption = try Self.transition(Self.resumeEvent, workflow)
            try Self.authorize(actor, dossier, roles: resumption.roles, action: .init(vi: "giải quyết khiếu nại", en: "resolve complaints"))
            let events = try runner.store.events(dossierID: id)
            let open = try Complaint.complaints(in: events).filter(\.isOpen).map(\.seq)
            let target: Int64
            if let complaint {
                guard open.contains(complaint) else { throw ComplaintError.unknownComplaint(dossier: id, seq: complaint, open: open) }
                target = complaint
            } else {
                guard let only = open.first else { throw ComplaintError.noOpenComplaint(dossier: id) }
                guard open.count == 1 else { throw ComplaintError.whichComplaint(dossier: id, open: open) }
                target = only
            }
            let byComplaint = try Complaint.deferralIsByComplaint(events, deferEvent: Self.deferEvent, resumeEvent: Self.resumeEvent)
            let resume = open.count == 1 && resumption.from.contains(dossier.state) && byComplaint
            let resolution = ComplaintResolution(dossier: id, complaint: target, outcome: outcome, resumed: resume)
            let record = try tx.append(resolution, actor: actor, at: time, reason: reason)
            guard resume else { return Outcome(record: record, dossier: dossier, transition: nil) }
            let (after, transition) = try runner.act(in: &tx, on: dossier, EventRequest(event: Self.resumeEvent, reason: reason),
                                                     by: actor, at: time)
            return Outcome(record: record, dossier: after, transition: transition)
        }
    }

    /// Every complaint of dossier `id`, oldest first.
    public func complaints(of id: String) throws -> [Complaint] {
        try Complaint.complaints(in: try runner.store.events(dossierID: id))
    }

    // MARK: Checks

    private func load(_ id: String, _ tx: StoreTransaction) throws -> (Dossier, Workflow) {
        guard let dossier = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
        return (dossier, try runner.workflow(of: dossier))
    }

    /// The states in which a dossier is still being considered: those its workflow can defer
    /// from, and the deferred state itself (all non-final states past the initial one when the
    /// workflow has no `defer`).
    static func underConsideration(_ workflow: Workflow) -> Set<String> {
        if let deferral = workflow.definition.transition(event: deferEvent), case .state(let deferred) = deferral.to {
            return Set(deferral.from + [deferred])
        }
        return Set(workflow.definition.states.filter { $0.kind == .normal }.map(\.id))
    }

    private static func transition(_ event: String, _ workflow: Workflow) throws(ComplaintError) -> TransitionDefinition {
        guard let t = workflow.definition.transition(event: event) else {
            throw ComplaintError.noDeferral(workflow: workflow.id, event: event)
        }
        return t
    }

    private static func authorize(_ actor: Actor, _ dossier: Dossier, roles: [String], action: LocalizedText) throws(ComplaintError) {
        guard roles.contains(actor.role) else { throw ComplaintError.roleNotAllowed(role: actor.role, allowed: roles, action: action) }
        guard actor.unit == dossier.addresseeUnit else { throw ComplaintError.wrongUnit(unit: actor.unit, addressee: dossier.addresseeUnit) }
        guard actor.user != dossier.nominee.id else { throw ComplaintError.nomineeSelf(user: actor.user) }
    }

    private static func nonEmpty(_ text: String, field: String) throws(ComplaintError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).nfc
        guard !trimmed.isEmpty else { throw ComplaintError.emptyText(field: field) }
        return trimmed
    }

    private static func label(_ state: String, _ workflow: Workflow) -> LocalizedText {
        .init(vi: workflow.stateLabel(state, .vi), en: workflow.stateLabel(state, .en))
    }
}
