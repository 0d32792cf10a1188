import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Appends movement facts inside one store transaction, after checking them against what
/// the store already holds (the movement, its targets and phases, the dossier).
///
/// Every fact is a record with subject `movement:<id>`; nothing is ever edited.
public enum MovementRecorder {
    /// Records a definition (`movement_defined`); a later one for the same id supersedes it.
    /// - Returns: the movement and how many times it has now been recorded.
    public static func define(text: String, file: String, in tx: inout StoreTransaction, store: any EventLog,
                              actor: Actor, at time: Date) throws -> (Movement, Int) {
        let record: MovementDefinitionRecord
        do { record = try MovementLoader.record(text, file: file) } catch {
            throw MovementError.invalidDefinition(file: file, findings: error.findings)
        }
        let ledger = try MovementLedger.read(store)
        try tx.append(record, actor: actor, at: time)
        return (record.movement, (ledger.versions[record.movement.id] ?? 0) + 1)
    }

    /// Adds a target to a recorded movement (`movement_target`).
    public static func addTarget(_ target: MovementTarget, to id: String, in tx: inout StoreTransaction, store: any EventLog,
                                 actor: Actor, at time: Date) throws {
        let m = try MovementLedger.read(store).movement(id)
        guard m.target(target.id) == nil else { throw MovementError.duplicateTarget(target.id, movement: id) }
        let findings = MovementLinter.lint(target, movement: m, source: "movement target add")
        guard findings.isEmpty else { throw MovementError.invalidDefinition(file: "movement target add", findings: findings) }
        try tx.append(MovementTargetRecord(movementID: id, target: target), actor: actor, at: time)
    }

    /// Records a registration (`movement_registration`); a phase must be one of the movement's.
    public static func register(_ r: MovementRegistration, for id: String, in tx: inout StoreTransaction, store: any EventLog,
                                actor: Actor, at time: Date) throws {
        let m = try MovementLedger.read(store).movement(id)
        if let n = r.phase, m.phase(n) == nil { throw MovementError.unknownPhase(n, movement: id, known: m.phases.map(\.number)) }
        try tx.append(MovementRegistrationRecord(movementID: id, registration: r), actor: actor, at: time)
    }

    /// Records an observation for a target (`movement_observation`).
    public static func observe(_ o: MovementObservation, for id: String, in tx: inout StoreTransaction, store: any EventLog,
                               actor: Actor, at time: Date) throws {
        let m = try MovementLedger.read(store).movement(id)
        guard let t = m.target(o.target) else { throw MovementError.unknownTarget(o.target, movement: id, known: m.targets.map(\.id)) }
        if (t.kind == .share) != (o.of != nil) { throw MovementError.populationMismatch(target: t.id, kind: t.kind) }
        // Bounded before anything is written, so the sums a progress report takes stay exact.
        let bound = Int(MovementTarget.maxGoal)
        for (option, n) in [("--value", o.value), ("--of", o.of ?? 0)] where n < 0 || n > bound {
            throw MovementError.figureOutOfRange(option: option, value: n)
        }
        try tx.append(MovementObservationRecord(movementID: id, observation: o), actor: actor, at: time)
    }

    /// Links a stored dossier to a movement and phase (`movement_link`).
    public static func link(_ l: MovementLink, to id: String, in tx: inout StoreTransaction, store: any EventLog,
                            actor: Actor, at time: Date) throws {
        let ledger = try MovementLedger.read(store)
        let m = try ledger.movement(id)
        if let n = l.phase, m.phase(n) == nil { throw MovementError.unknownPhase(n, movement: id, known: m.phases.map(\.number)) }
        guard try tx.dossier(l.dossier) != nil else { throw MovementError.unknownDossier(l.dossier) }
        if (ledger.links[id] ?? []).contains(where: { $0.dossier == l.dossier }) { throw MovementError.alreadyLinked(l.dossier, movement: id) }
        try tx.append(MovementLinkRecord(movementID: id, link: l), actor: actor, at: time)
    }
}
