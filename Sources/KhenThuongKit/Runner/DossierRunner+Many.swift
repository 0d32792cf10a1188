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

    /// Records on every dossier of `ids` its nominee's facts from `facts` (by the dossier's
    /// nominee id) in one store transaction: all of them, or none when any dossier is unknown,
    /// refused to the actor, or its nominee is missing from `facts` — then every dossier is still
    /// tried, so the refusal names each one.
    /// - Returns: each dossier with its nominee's facts and the record's event, in the order of `ids`.
    /// - Throws: `BatchRefusal` (nothing written), or a `StoreError`.
    public func recordFacts(onEach ids: [String], from facts: [String: NomineeFacts], source: String, file: String,
                            by actor: Actor, at time: Date) throws -> [(dossier: Dossier, facts: NomineeFacts, event: StoredEvent)] {
        try store.write { tx in
            var recorded: [(dossier: Dossier, facts: NomineeFacts, event: StoredEvent)] = []
            var lines: [(dossier: String, refusal: LocalizedText?)] = []
            for id in ids {
                do {
                    guard let dossier = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
                    guard let f = facts[dossier.nominee.id] else {
                        throw RunnerError.facts(.init(vi: "không có \(dossier.nominee.name) (\(dossier.nominee.id)) trong \(file); thêm vào tệp hoặc bỏ hồ sơ này khỏi lệnh",
                                                      en: "\(dossier.nominee.name) (\(dossier.nominee.id)) is not in \(file); add them to the file or leave this dossier out"))
                    }
                    let event = try recordFacts(f, on: id, source: source, by: actor, at: time, in: &tx)
                    recorded.append((dossier, f, event))
                    lines.append((id, nil))
                } catch let error as RunnerError {
                    lines.append((id, LocalizedText(vi: error.message(.vi), en: error.message(.en))))
                }
            }
            if lines.contains(where: { $0.refusal != nil }) { throw BatchRefusal(lines: lines) }
            return recorded
        }
    }
}
