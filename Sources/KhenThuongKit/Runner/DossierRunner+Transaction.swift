import Foundation

extension DossierRunner {
    /// Fires `request` on `dossier` inside a write transaction that is already open, so a
    /// command can append a record and the transition it causes atomically (a complaint and
    /// the deferral it brings).
    ///
    /// - Parameters:
    ///   - dossier: the dossier as `tx` holds it now.
    ///   - tx: the open transaction.
    /// - Returns: the dossier after the transition, and the transition.
    /// - Throws: `RunnerError.refused` with the machine's refusal, or a `StoreError`; the caller's
    ///   `write` then rolls everything back.
    @discardableResult
    public func act(on dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                    within tx: inout StoreTransaction) throws -> (Dossier, Transition) {
        let workflow = try self.workflow(of: dossier)
        switch DossierMachine.decide(dossier, request, by: actor, at: time, in: workflow, context: definitions.context) {
        case .failure(let refusal):
            throw RunnerError.refused(refusal, workflow: workflow)
        case .success(let transition):
            let next = dossier.applying(transition, at: time)
            try tx.append(transition: transition, to: next, actor: actor, at: time, reason: request.reason)
            return (next, transition)
        }
    }
}
