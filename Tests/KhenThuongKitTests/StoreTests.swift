import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct StoreTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    private func newDriver(_ store: EventStore, id: String = "HS-2025-001") throws -> StoreDriver {
        let dossier = try StoreFixture.newDossier(id, definitions: definitions,
                                                  createdAt: StoreFixture.instant("2025-12-01T01:30:00.000Z"))
        return try StoreDriver(store: store, definitions: definitions, dossier: dossier)
    }

    @Test("A dossier driven through the yearly workflow reads back as the machine built it")
    func roundTrip() throws {
        let store = try EventStore(path: directory.path())
        var driver = try newDriver(store)
        try driver.runToPublished()

        #expect(driver.dossier.state == "published")
        #expect(try store.dossier("HS-2025-001") == driver.dossier)
        let events = try store.events(dossierID: "HS-2025-001")
        #expect(events == driver.events)
        #expect(events.map(\.seq) == Array(1...9))
        #expect(events.map(\.event) == ["create", "submit", "receive", "start_appraisal", "request_supplement",
                                         "resubmit", "send_to_council", "approve", "publish"])
        #expect(events.first?.prevHash == StoredEvent.genesisHash)
        #expect(zip(events.dropFirst(), events).allSatisfy { $0.prevHash == $1.hash })
        #expect(events.allSatisfy { $0.hash == $0.computedHash() })
        #expect(try events.dropFirst().map { try $0.transition() } == driver.transitions)
        #expect(try events[0].createdDossier() == events[0].applied(to: nil))
        #expect(try Dossier(replaying: events) == driver.dossier)
        #expect(events[4].reason == "Thiếu \"xác nhận\"\nsáng kiến")
        #expect(events[7].payload == #"{"tally":{"invalid":0,"members":9,"no":1,"present":8,"yes":7},"vote":{"base":"total","percent":50}}"#)
        #expect(try store.eventCount() == 9)
        #expect(try store.dossierCount() == 1)
        let head = try #require(try store.head())
        #expect(head.seq == 9 && head.hash == events.last?.hash)
    }

    @Test("Reopening the store file gives back the same events and dossiers")
    func reopen() throws {
        var driver: StoreDriver
        do {
            let store = try EventStore(path: directory.path())
            driver = try newDriver(store)
            try driver.runToPublished()
        }
        let reopened = try EventStore(path: directory.path())
        #expect(try reopened.events(dossierID: "HS-2025-001") == driver.events)
        #expect(try reopened.dossier("HS-2025-001") == driver.dossier)
        #expect(try reopened.verify().isIntact)
    }

    @Test("Times are stored to the millisecond, and the projection still equals the replay")
    func millisecondTruncation() throws {
        let store = try EventStore(path: directory.path())
        let created = Date(timeIntervalSince1970: 1_764_552_600.123_987)
        let dossier = try StoreFixture.newDossier("HS-MS", definitions: definitions, createdAt: created)
        var driver = try StoreDriver(store: store, definitions: definitions, dossier: dossier)
        let submitted = Date(timeIntervalSince1970: 1_764_639_000.456_789)
        let event = try driver.fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                                    by: StoreFixture.proposer, at: submitted)
        #expect(event.atText == "2025-12-02T01:30:00.456Z")
        #expect(event.at == EventStore.storedDate(submitted))
        #expect(EventStore.storedDate(event.at) == event.at)
        let stored = try #require(try store.dossier("HS-MS"))
        #expect(StoreTime.iso(stored.createdAt) == "2025-12-01T01:30:00.123Z")
        #expect(stored.enteredStateAt == StoreTime.truncated(submitted))
        #expect(try Dossier(replaying: store.events(dossierID: "HS-MS")) == stored)
        #expect(try store.rebuild(dryRun: true).isConsistent)
    }

    @Test("Creating a dossier id a second time is refused and writes nothing")
    func duplicateCreate() throws {
        let store = try EventStore(path: directory.path())
        let driver = try newDriver(store)
        #expect(throws: StoreError.dossierExists(path: directory.path(), id: "HS-2025-001")) {
            try store.write { tx in try tx.append(created: driver.dossier, actor: StoreFixture.proposer, at: driver.dossier.createdAt) }
        }
        #expect(try store.eventCount() == 1)
        #expect(try store.head()?.hash == driver.events[0].hash)
    }

    @Test("A write body that throws leaves nothing written")
    func rollback() throws {
        struct Abort: Error {}
        let store = try EventStore(path: directory.path())
        let before = try newDriver(store)
        let other = try StoreFixture.newDossier("HS-2025-002", definitions: definitions,
                                                createdAt: StoreFixture.instant("2025-12-01T02:00:00.000Z"))
        #expect(throws: Abort.self) {
            try store.write { tx in
                try tx.append(created: other, actor: StoreFixture.proposer, at: other.createdAt)
                #expect(try tx.dossier("HS-2025-002") == other)
                throw Abort()
            }
        }
        #expect(try store.eventCount() == 1)
        #expect(try store.dossier("HS-2025-002") == nil)
        #expect(try store.head()?.hash == before.events[0].hash)
        // The chain continues from the committed head, not from the rolled-back event.
        let event = try store.write { tx in try tx.append(created: other, actor: StoreFixture.proposer, at: other.createdAt) }
        #expect(event.seq == 2 && event.prevHash == before.events[0].hash)
    }

    @Test("A transition computed from an outdated dossier is refused as stale")
    func staleTransition() throws {
        let store = try EventStore(path: directory.path())
        var driver = try newDriver(store)
        let draft = driver.dossier
        try driver.fire(EventRequest(event: "withdraw", reason: "Đơn vị rút hồ sơ"), by: StoreFixture.proposer,
                        at: StoreFixture.instant("2025-12-02T01:00:00.000Z"))
        let time = try StoreFixture.instant("2025-12-03T01:00:00.000Z")
        let late = try DossierMachine.decide(draft, EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                                             by: StoreFixture.proposer, at: time, in: driver.workflow,
                                             context: definitions.context).get()
        #expect(throws: StoreError.staleDossier(path: directory.path(), id: "HS-2025-001", expected: "draft", actual: "withdrawn")) {
            try store.write { tx in try tx.append(transition: late, to: draft.applying(late, at: time), actor: StoreFixture.proposer, at: time) }
        }
        #expect(try store.eventCount() == 2)
    }

    @Test("A dossier that is not the stored one with the transition applied is refused, naming the fields")
    func inconsistentDossier() throws {
        let store = try EventStore(path: directory.path())
        let driver = try newDriver(store)
        let time = try StoreFixture.instant("2025-12-02T01:00:00.000Z")
        let t = try DossierMachine.decide(driver.dossier, EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                                          by: StoreFixture.proposer, at: time, in: driver.workflow, context: definitions.context).get()
        var wrong = driver.dossier.applying(t, at: time)
        wrong.documents.removeLast()
        wrong.year = 2024
        #expect(throws: StoreError.inconsistentDossier(path: directory.path(), id: "HS-2025-001", fields: ["year", "documents"])) {
            try store.write { tx in try tx.append(transition: t, to: wrong, actor: StoreFixture.proposer, at: time) }
        }
        #expect(try store.eventCount() == 1)
    }

    @Test("A transition for a dossier that does not exist is refused")
    func unknownDossier() throws {
        let store = try EventStore(path: directory.path())
        let ghost = try StoreFixture.newDossier("HS-GHOST", definitions: definitions, createdAt: StoreFixture.instant("2025-12-01T00:00:00.000Z"))
        let t = Transition(event: "submit", from: "draft", to: "submitted", effects: [])
        #expect(throws: StoreError.unknownDossier(path: directory.path(), id: "HS-GHOST")) {
            try store.write { tx in try tx.append(transition: t, to: ghost.applying(t, at: ghost.createdAt), actor: StoreFixture.proposer, at: ghost.createdAt) }
        }
        #expect(throws: StoreError.unknownDossier(path: directory.path(), id: "HS-GHOST")) {
            try store.write { tx in try tx.appendEvent(transition: t, dossierID: "HS-GHOST", actor: StoreFixture.proposer, at: ghost.createdAt) }
        }
        #expect(try store.eventCount() == 0)
    }

    @Test("Queries filter dossiers by state, award, unit and year")
    func queries() throws {
        let store = try EventStore(path: directory.path())
        let at = try StoreFixture.instant("2025-12-01T01:00:00.000Z")
        var a = try StoreDriver(store: store, definitions: definitions,
                                dossier: StoreFixture.newDossier("HS-A", definitions: definitions, createdAt: at))
        _ = try StoreDriver(store: store, definitions: definitions,
                            dossier: StoreFixture.newDossier("HS-B", definitions: definitions, award: "chien_si_thi_dua_co_so",
                                                             proposerUnit: "CDCS-XD", createdAt: at),
                            by: Actor(role: "union_officer", unit: "CDCS-XD", user: "vu.f"))
        _ = try StoreDriver(store: store, definitions: definitions,
                            dossier: StoreFixture.newDossier("HS-C", definitions: definitions, year: 2024, createdAt: at))
        try a.fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                   by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T01:00:00.000Z"))
        func ids(_ list: [Dossier]) -> [String] { list.map(\.id) }
        #expect(ids(try store.dossiers()) == ["HS-A", "HS-B", "HS-C"])
        #expect(ids(try store.dossiers(state: "submitted")) == ["HS-A"])
        #expect(ids(try store.dossiers(state: "draft")) == ["HS-B", "HS-C"])
        #expect(ids(try store.dossiers(award: "chien_si_thi_dua_co_so")) == ["HS-B"])
        #expect(ids(try store.dossiers(unit: "CDCS-XD")) == ["HS-B"])
        #expect(ids(try store.dossiers(unit: "LDLD-HN")) == ["HS-A", "HS-B", "HS-C"])
        #expect(ids(try store.dossiers(year: 2024)) == ["HS-C"])
        #expect(ids(try store.dossiers(state: "draft", award: "lao_dong_tien_tien", unit: "CDCS-DHBK", year: 2024)) == ["HS-C"])
        #expect(try store.dossiers(state: "published").isEmpty)
        #expect(try store.events(dossierID: "HS-NONE").isEmpty)
    }

    @Test("A batch appends many events and saves each dossier's projection once")
    func batch() throws {
        let store = try EventStore(path: directory.path())
        let at = try StoreFixture.instant("2025-12-01T01:00:00.000Z")
        let workflow = try #require(definitions.workflows["yearly"])
        var finals: [Dossier] = []
        let appended = try store.write { tx -> Int in
            var count = 0
            for i in 0..<20 {
                var d = try StoreFixture.newDossier("HS-B\(i)", definitions: definitions, nominee: "person.\(i)", createdAt: at)
                try tx.appendEvent(created: d, actor: StoreFixture.proposer, at: at)
                count += 1
                for (event, actor) in [("submit", StoreFixture.proposer), ("receive", StoreFixture.secretariat),
                                       ("start_appraisal", StoreFixture.secretariat)] {
                    let time = at.addingTimeInterval(Double(count) * 60)
                    let request = EventRequest(event: event, attach: event == "submit" ? ["cover_letter", "achievement_report", "review_minutes"] : [])
                    let t = try DossierMachine.decide(d, request, by: actor, at: time, in: workflow, context: definitions.context).get()
                    try tx.appendEvent(transition: t, dossierID: d.id, actor: actor, at: time)
                    d = d.applying(t, at: time)
                    count += 1
                }
                try tx.saveProjection(d)
                finals.append(d)
            }
            return count
        }
        #expect(appended == 80)
        #expect(try store.eventCount() == 80)
        #expect(try store.dossiers() == finals.sorted { $0.id < $1.id })
        #expect(try store.verify().isIntact)
        #expect(try store.rebuild(dryRun: true).differences == [])
    }

    @Test("Writing inside a write, or with a transaction kept after its block, is refused")
    func misuse() throws {
        let store = try EventStore(path: directory.path())
        #expect(throws: StoreError.nestedWrite(directory.path())) {
            try store.write { _ in try store.write { _ in } }
        }
        var kept: StoreTransaction?
        try store.write { tx in kept = tx }
        var escaped = try #require(kept)
        let dossier = try StoreFixture.newDossier("HS-LATE", definitions: definitions, createdAt: StoreFixture.instant("2025-12-01T00:00:00.000Z"))
        #expect(throws: StoreError.transactionEnded(directory.path())) {
            try escaped.append(created: dossier, actor: StoreFixture.proposer, at: dossier.createdAt)
        }
        #expect(try store.eventCount() == 0)
    }
}
