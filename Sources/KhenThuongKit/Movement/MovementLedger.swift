import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Everything the store knows about movements, read back from its records:
/// `movement_defined` (the definition; a later one supersedes), `movement_target` (targets
/// added later), `movement_registration`, `movement_observation` and `movement_link`,
/// all with subject `movement:<id>`. A later `movement_defined` supersedes the earlier one
/// and the targets added to it.
public struct MovementLedger: Sendable {
    public var movements: [String: Movement] = [:]
    /// How many times each movement was defined (1 unless re-recorded).
    public var versions: [String: Int] = [:]
    /// The latest recorded definition of each movement, as canonical JSON.
    public var definitions: [String: String] = [:]
    public var registrations: [String: [MovementRegistration]] = [:]
    public var observations: [String: [MovementObservation]] = [:]
    public var links: [String: [MovementLink]] = [:]

    public init() {}

    /// Reads every movement record in chain order.
    /// - Throws: `StoreError.corruptRecord` naming the first record that does not decode.
    public static func read(_ store: any EventLog) throws(StoreError) -> MovementLedger {
        var ledger = MovementLedger()
        // Definitions and added targets in chain order: a re-definition supersedes the earlier
        // one together with the targets added to it.
        enum Defining { case definition(MovementDefinitionRecord, payload: String), target(MovementTargetRecord) }
        let defined = try store.recordEvents(MovementDefinitionRecord.self).map { (seq: $0.event.seq, Defining.definition($0.record, payload: $0.event.payload)) }
        let targets = try store.recordEvents(MovementTargetRecord.self).map { (seq: $0.event.seq, Defining.target($0.record)) }
        for (_, d) in (defined + targets).sorted(by: { $0.seq < $1.seq }) {
            switch d {
            case .definition(let r, let payload):
                let id = r.movement.id
                ledger.movements[id] = r.movement
                ledger.versions[id, default: 0] += 1
                ledger.definitions[id] = payload
            case .target(let r):
                ledger.movements[r.movementID]?.targets.append(r.target)
            }
        }
        for r in try store.records(MovementRegistrationRecord.self) { ledger.registrations[r.movementID, default: []].append(r.registration) }
        for r in try store.records(MovementObservationRecord.self) { ledger.observations[r.movementID, default: []].append(r.observation) }
        for r in try store.records(MovementLinkRecord.self) { ledger.links[r.movementID, default: []].append(r.link) }
        return ledger
    }

    /// The recorded movement `id`.
    /// - Throws: `MovementError.unknownMovement` naming the recorded ones.
    public func movement(_ id: String) throws(MovementError) -> Movement {
        guard let m = movements[id] else { throw .unknownMovement(id, known: movements.keys.sorted()) }
        return m
    }

    /// The units that registered for `id` (unit registrations and units of registered persons).
    public func registeredUnits(_ id: String) -> [String] {
        Array(Set((registrations[id] ?? []).map(\.unit))).sorted()
    }

    /// The progress of every target of movement `id` on `asOf`.
    public func progress(_ id: String, asOf: CivilDate) throws(MovementError) -> [TargetProgress] {
        let m = try movement(id)
        let units = registeredUnits(id)
        let observed = observations[id] ?? []
        return m.targets.map { t in
            MovementProgress.evaluate(t, movement: m, observations: observed.filter { $0.target == t.id }, units: units, asOf: asOf)
        }
    }
}
