import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Several dossiers refused in one batch: nothing was written; each line says why.
public struct BatchRefusal: Error, Sendable {
    /// Every dossier asked for, in order, with its refusal (`nil`: it would have gone through).
    public var lines: [(dossier: String, refusal: LocalizedText?)]
    public var refusedCount: Int { lines.filter { $0.refusal != nil }.count }
}

extension DossierRunner {
    /// Fires `request` on every dossier of `ids` in one store transaction: all of them, or none
    /// when any is refused (the workflow, the eligibility guard, an unknown dossier) — then
    /// every dossier is still tried, so the refusal names each one that would fail.
    /// - Returns: each dossier's outcome, in the order of `ids`.
    /// - Throws: `BatchRefusal` (nothing written), or a `StoreError`.
    public func act(onEach ids: [String], _ request: EventRequest, by actor: Actor, at time: Date,
                    override: EligibilityOverride?) throws -> [ActOutcome] {
        try store.write { tx in
            var outcomes: [ActOutcome] = []
            var lines: [(dossier: String, refusal: LocalizedText?)] = []
            for id in ids {
                do {
                    guard let dossier = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
                    let outcome = try act(in: &tx, on: dossier, request, by: actor, at: time, override: override)
                    outcomes.append(outcome)
                    lines.append((id, nil))
                } catch let error as RunnerError {
                    lines.append((id, LocalizedText(vi: error.message(.vi), en: error.message(.en))))
                }
            }
            if lines.contains(where: { $0.refusal != nil }) { throw BatchRefusal(lines: lines) }
            return outcomes
        }
    }
}
