import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Movement facts go into the store as records and come back as the same values.
@Suite struct MovementLedgerTests {
    static let file = StoreFixture.workflowsDirectory + "/movements/tv-2021-cnvcld-chien-thang-covid-19.json"
    static let id = "TV-2021-chien-thang-covid-19"

    @Test("Definitions, targets, registrations, observations and links round-trip through the store")
    func roundTrip() throws {
        let dir = try StoreTemporaryDirectory()
        let store = try EventStore(path: dir.path())
        let defs = try StoreFixture.definitions()
        let at = try StoreFixture.instant("2021-10-01T02:00:00.000Z")
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        let extra = MovementTarget(id: "extra", kind: .count, text: .init(vi: "Ít nhất 3 mô hình", en: "At least 3 models"),
                                   comparison: .greaterThan, goal: 3, from: CivilDate(unchecked: 2021, 9, 1),
                                   deadline: CivilDate(unchecked: 2021, 12, 31), yearly: false, note: nil, section: "II")
        let registration = MovementRegistration(unit: "CDCS-A", person: "nguyen.a", phase: nil, compact: "Khối y tế")
        let observation = MovementObservation(target: "moi-cdcs-02-sang-kien", unit: "CDCS-A", value: 2, date: CivilDate(unchecked: 2021, 9, 20))
        let first = try store.write { tx in
            try tx.append(created: try StoreFixture.newDossier("HS-1", definitions: defs, createdAt: at), actor: StoreFixture.proposer, at: at)
            let first = try MovementRecorder.define(text: text, file: Self.file, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            try MovementRecorder.addTarget(extra, to: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            try MovementRecorder.register(registration, for: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            try MovementRecorder.register(.init(unit: "CDCS-B"), for: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            try MovementRecorder.observe(observation, for: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            try MovementRecorder.link(.init(dossier: "HS-1"), to: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            return first
        }
        let ledger = try MovementLedger.read(store)
        let shipped = try #require(MovementLoader.load(path: Self.file).0)
        #expect(first.0 == shipped && first.1 == 1)
        #expect(try ledger.movement(Self.id).targets == shipped.targets + [extra])
        #expect(ledger.registrations[Self.id] == [registration, .init(unit: "CDCS-B")])
        #expect(ledger.observations[Self.id] == [observation])
        #expect(ledger.links[Self.id] == [.init(dossier: "HS-1")])
        let progress = try ledger.progress(Self.id, asOf: CivilDate(unchecked: 2021, 10, 1))
        let perUnit = try #require(progress.first { $0.target == "moi-cdcs-02-sang-kien" })
        #expect(perUnit.units.map(\.unit) == ["CDCS-A", "CDCS-B"])
        #expect(perUnit.units.map(\.met) == [true, false])
        #expect(perUnit.status == .open)
        #expect(progress.first { $0.target == "cnvcld-kho-khan" }?.status == .notMeasured)
        #expect(try store.verify().firstBroken == nil)

        let second = try store.write { tx in try MovementRecorder.define(text: text, file: Self.file, in: &tx, store: store, actor: StoreFixture.secretariat, at: at) }
        #expect(second.0 == shipped && second.1 == 2)
        let again = try MovementLedger.read(store)
        #expect(again.versions[Self.id] == 2)
        #expect(try again.movement(Self.id).targets == shipped.targets)
    }

    @Test("A refused fact leaves the store as it was", arguments: [
        MovementObservation(target: "no-such-target", unit: "U", value: 1, date: CivilDate(unchecked: 2021, 9, 2)),
        MovementObservation(target: "moi-cdcs-02-sang-kien", unit: "U", value: 1, of: 5, date: CivilDate(unchecked: 2021, 9, 2)),
    ])
    func refusedObservation(_ o: MovementObservation) throws {
        let dir = try StoreTemporaryDirectory()
        let store = try EventStore(path: dir.path())
        let at = try StoreFixture.instant("2021-10-01T02:00:00.000Z")
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        try store.write { tx in _ = try MovementRecorder.define(text: text, file: Self.file, in: &tx, store: store, actor: StoreFixture.secretariat, at: at) }
        #expect(throws: MovementError.self) {
            try store.write { tx in try MovementRecorder.observe(o, for: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at) }
        }
        #expect(try store.eventCount() == 1)
    }

    @Test("A target added on its own is checked like one in a definition file: “trên 100%” cannot be met, and nothing is written")
    func addedTargetIsLinted() throws {
        let dir = try StoreTemporaryDirectory()
        let store = try EventStore(path: dir.path())
        let at = try StoreFixture.instant("2021-10-01T02:00:00.000Z")
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        try store.write { tx in _ = try MovementRecorder.define(text: text, file: Self.file, in: &tx, store: store, actor: StoreFixture.secretariat, at: at) }
        let before = try store.eventCount()
        let impossible = MovementTarget(id: "all", kind: .share, text: .init(vi: "Trên 100% đoàn viên", en: "Over 100% of members"),
                                        comparison: .greaterThan, goal: 100)
        let error = try #require(throws: MovementError.self) {
            try store.write { tx in
                try MovementRecorder.addTarget(impossible, to: Self.id, in: &tx, store: store, actor: StoreFixture.secretariat, at: at)
            }
        }
        guard case .invalidDefinition(_, let findings) = error else { Issue.record("\(error)"); return }
        #expect(findings.map(\.message.en) == ["“more than 100%” cannot be met; use \"atLeast\""])
        #expect(try store.eventCount() == before)
    }
}
