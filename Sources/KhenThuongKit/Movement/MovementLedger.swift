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
    public static let subjectPrefix = "movement:"

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
    public static func read(_ store: EventStore) throws(StoreError) -> MovementLedger {
        var ledger = MovementLedger()
        // Definitions and added targets in chain order: a re-definition supersedes the earlier
        // one together with the targets added to it.
        let defining = (try store.records(named: "movement_defined") + store.records(named: "movement_target")).sorted { $0.seq < $1.seq }
        for e in defining {
            let id = String(e.dossierID.dropFirst(subjectPrefix.count))
            if e.event == "movement_target" {
                if let t = MovementPayload.target(e.payload) { ledger.movements[id]?.targets.append(t) }
                continue
            }
            guard let m = MovementLoader.parse(e.payload, file: e.dossierID).0 else { continue }
            ledger.movements[id] = m
            ledger.versions[id, default: 0] += 1
            ledger.definitions[id] = e.payload
        }
        func each(_ name: String, _ body: (String, PayloadJSON) -> Void) throws(StoreError) {
            for e in try store.records(named: name) {
                guard let p = try? PayloadJSON.parse(e.payload) else { continue }
                body(String(e.dossierID.dropFirst(subjectPrefix.count)), p)
            }
        }
        try each("movement_registration") { id, p in
            if let r = MovementPayload.registration(p) { ledger.registrations[id, default: []].append(r) }
        }
        try each("movement_observation") { id, p in
            if let o = MovementPayload.observation(p) { ledger.observations[id, default: []].append(o) }
        }
        try each("movement_link") { id, p in
            if let l = MovementPayload.link(p) { ledger.links[id, default: []].append(l) }
        }
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
