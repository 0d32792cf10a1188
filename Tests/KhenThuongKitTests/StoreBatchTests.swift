import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The two-thread batch writer must produce the very same chain as event-by-event appends.
@Suite struct StoreBatchTests {
    let directory: StoreTemporaryDirectory

    init() throws { directory = try StoreTemporaryDirectory() }

    /// Walks `count` dossiers through submit → receive → start_appraisal with the pure machine,
    /// writing them either through `write` (one event at a time) or `writeBatch`.
    func fill(_ store: EventStore, count: Int, batch: Bool) throws {
        let definitions = try StoreFixture.definitions()
        let workflow = try #require(definitions.workflows["yearly"])
        let time = try StoreFixture.instant("2025-12-01T02:00:00.123Z")
        var dossiers: [(Dossier, [(Transition, Actor, String?)])] = []
        for k in 0..<count {
            var d = try StoreFixture.newDossier(String(format: "HS-%04d", k), definitions: definitions, createdAt: time)
            d.documents = ["achievement_report", "cover_letter", "review_minutes"]
            let start = d
            var steps: [(Transition, Actor, String?)] = []
            for (event, actor, reason) in [("submit", StoreFixture.proposer, nil), ("receive", StoreFixture.secretariat, nil),
                                           ("start_appraisal", StoreFixture.secretariat, nil),
                                           ("request_supplement", StoreFixture.secretariat, "Thiếu \"bảng chấm công\"\n")] as [(String, Actor, String?)] {
                let t = try DossierMachine.decide(d, EventRequest(event: event, reason: reason), by: actor, at: time,
                                                  in: workflow, context: definitions.context).get()
                d.apply(t, at: time)
                steps.append((t, actor, reason))
            }
            dossiers.append((start, steps))
        }
        if batch {
            try store.writeBatch { b in
                for (start, steps) in dossiers {
                    try b.append(created: start, actor: StoreFixture.proposer, at: time)
                    var d = start
                    for (t, actor, reason) in steps {
                        try b.append(transition: t, dossierID: d.id, actor: actor, at: time, reason: reason)
                        d.apply(t, at: time)
                    }
                    try b.saveProjection(d)
                }
            }
        } else {
            try store.write { tx in
                for (start, steps) in dossiers {
                    try tx.append(created: start, actor: StoreFixture.proposer, at: time)
                    var d = start
                    for (t, actor, reason) in steps {
                        d.apply(t, at: time)
                        try tx.append(transition: t, to: d, actor: actor, at: time, reason: reason)
                    }
                }
            }
        }
    }

    @Test("A batch written on two threads has exactly the hashes of event-by-event appends, and verifies")
    func batchEqualsSequential() throws {
        let one = try EventStore(path: directory.path("one.db"))
        let two = try EventStore(path: directory.path("two.db"))
        try fill(one, count: 3000, batch: false)
        try fill(two, count: 3000, batch: true)
        #expect(try one.head()?.hash == two.head()?.hash)
        #expect(try one.eventCount() == 15_000 && two.eventCount() == 15_000)
        #expect(try one.events(dossierID: "HS-2999") == two.events(dossierID: "HS-2999"))
        #expect(try one.dossiers() == two.dossiers())
        #expect(try two.verify().isIntact)
        #expect(try two.rebuild(dryRun: true).isConsistent)
    }

    @Test("A batch that fails half-way writes nothing, and the store stays usable")
    func failedBatchWritesNothing() throws {
        let store = try EventStore(path: directory.path())
        try fill(store, count: 10, batch: true)
        let definitions = try StoreFixture.definitions()
        let time = try StoreFixture.instant("2025-12-02T02:00:00.000Z")
        #expect(throws: StoreError.dossierExists(path: store.path, id: "HS-0003")) {
            try store.writeBatch { b in
                for k in 10..<5000 {
                    try b.append(created: StoreFixture.newDossier(String(format: "HS-%04d", k), definitions: definitions, createdAt: time),
                                 actor: StoreFixture.proposer, at: time)
                }
                try b.append(created: StoreFixture.newDossier("HS-0003", definitions: definitions, createdAt: time),
                             actor: StoreFixture.proposer, at: time)
            }
        }
        #expect(try store.eventCount() == 50)
        #expect(try store.verify().isIntact)
        try fill(EventStore(path: directory.path("other.db")), count: 1, batch: true)
        let head = try #require(try store.head())
        let next = try store.write { tx in
            try tx.append(created: StoreFixture.newDossier("HS-NEW", definitions: definitions, createdAt: time), actor: StoreFixture.proposer, at: time)
        }
        // The refused batch left no gap: the next event follows the head it left.
        #expect(next.seq == head.seq + 1 && next.prevHash == head.hash)
        #expect(try store.eventCount() == 51 && store.verify().isIntact)
    }

    @Test("A second batch continues the chain, moves dossiers the store already held, and refuses an unknown one")
    func secondBatchContinuesChain() throws {
        let one = try EventStore(path: directory.path("one.db"))
        let two = try EventStore(path: directory.path("two.db"))
        try fill(one, count: 70, batch: false)
        try fill(two, count: 70, batch: true)
        let definitions = try StoreFixture.definitions()
        let workflow = try #require(definitions.workflows["yearly"])
        let time = try StoreFixture.instant("2025-12-03T02:00:00.000Z")
        // 70 deferrals: two full multi-row inserts and six single rows.
        var moves: [(Dossier, Transition)] = []
        for d in try two.dossiers() {
            let t = try DossierMachine.decide(d, EventRequest(event: "defer", reason: "Đang xác minh"), by: StoreFixture.secretariat,
                                              at: time, in: workflow, context: definitions.context).get()
            moves.append((d.applying(t, at: time), t))
        }
        try one.write { tx in
            for (d, t) in moves { try tx.append(transition: t, to: d, actor: StoreFixture.secretariat, at: time, reason: "Đang xác minh") }
        }
        try two.writeBatch { b in
            for (d, t) in moves {
                try b.append(transition: t, dossierID: d.id, actor: StoreFixture.secretariat, at: time, reason: "Đang xác minh")
                try b.saveProjection(d)
            }
        }
        #expect(moves.count == 70)
        #expect(try one.head()?.hash == two.head()?.hash)
        #expect(try one.dossiers() == two.dossiers())
        #expect(try two.dossiers().allSatisfy { $0.state == "deferred" })
        #expect(try two.verify().isIntact)
        #expect(throws: StoreError.unknownDossier(path: two.path, id: "HS-NOPE")) {
            try two.writeBatch { b in
                try b.append(transition: moves[0].1, dossierID: "HS-0000", actor: StoreFixture.secretariat, at: time, reason: "x")
                try b.append(transition: moves[0].1, dossierID: "HS-NOPE", actor: StoreFixture.secretariat, at: time, reason: "x")
            }
        }
        #expect(try two.eventCount() == 70 * 6)
        #expect(try two.verify().isIntact)
    }
}
