import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The package a level sends to the next one for dossiers it proposes upward: each dossier
/// with its full event history, the hash-chain links from its first event to the store's
/// head (seq, prev_hash, hash of every event in between, content left out), and the head.
///
/// Format (JSON, keys sorted): `{"format": "khenthuong-package", "version": 1, "exportedAt",
/// "source": {"head": {"seq", "hash"}}, "dossiers": [{"id", "events": [event…]}],
/// "chain": [[seq, prev_hash, hash]…]}` where an event has the `events` table's columns
/// (`seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user, at,
/// reason, payload, prev_hash, hash`).
public enum UpwardPackage {
    public static let format = "khenthuong-package"

    /// The package text for `dossiers` (each must be proposed upward: in the state its workflow
    /// tags `upward`).
    public static func export(_ dossiers: [String], from store: any EventLog, definitions: Definitions, at time: Date) throws -> String {
        guard !dossiers.isEmpty else { throw CouncilError.data(vi: "cần ít nhất một hồ sơ", en: "at least one dossier is needed") }
        var items: [JSONValue] = []
        var first = Int64.max
        for id in dossiers {
            guard let d = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            guard definitions.state(of: d, isTagged: .upward) else {
                let upward = definitions.workflows[d.workflowID]?.state(tagged: .upward) ?? "\(StateTag.upward)"
                throw CouncilError.refused(vi: "hồ sơ \(id) đang ở trạng thái \(d.state); chỉ hồ sơ đã trình cấp trên (\(upward)) mới đóng gói được",
                                           en: "dossier \(id) is in state \(d.state); only dossiers proposed upward can be packaged")
            }
            let events = try store.events(dossierID: id)
            first = min(first, events.first?.seq ?? first)
            items.append(.fields(["id": .string(id), "events": .list(events.map(eventJSON))]))
        }
        guard let head = try store.head() else { throw CouncilError.data(vi: "kho trống", en: "the store is empty") }
        let links = try store.chainLinks(from: first).map { JSONValue.list([.int($0.seq), .string($0.prev), .string($0.hash)]) }
        return CanonicalJSONWriter.text(.fields([
            "format": .string(format), "version": .int(1), "exportedAt": .string(StoreTime.iso(time)),
            "source": .fields(["head": .fields(["seq": .int(head.seq), "hash": .string(head.hash)])]),
            "dossiers": .list(items), "chain": .list(links),
        ]), capacity: 4096) + "\n"
    }

    static func eventJSON(_ e: StoredEvent) -> JSONValue {
        .fields(["seq": .int(e.seq), "dossier_id": .string(e.dossierID), "kind": .string(e.kind.rawValue),
                 "event": .string(e.event), "from_state": .optional(e.fromState), "to_state": .string(e.toState),
                 "actor_role": .string(e.actor.role), "actor_unit": .string(e.actor.unit), "actor_user": .string(e.actor.user),
                 "at": .string(e.atText), "reason": .optional(e.reason), "payload": .string(e.payload),
                 "prev_hash": .string(e.prevHash), "hash": .string(e.hash)])
    }

    /// A package whose every hash and link checked out.
    public struct Verified: Sendable {
        public var sha256: String
        public var headSeq: Int64
        public var headHash: String
        public var dossiers: [(id: String, events: [StoredEvent])]
    }

    /// Checks every event's hash, every link of the chain segment up to the head, that each
    /// event sits in that chain, and that each dossier ends proposed upward (in the state its
    /// workflow, as `definitions` define it, tags `upward`).
    /// - Throws: `CouncilError.data` naming the first broken event.
    public static func verify(_ bytes: [UInt8], file: String, definitions: Definitions) throws(CouncilError) -> Verified {
        // A parse error keeps its place: the first byte that is not UTF-8, or the JSON error's
        // line and column.
        if let place = UTF8Validation.firstInvalid(in: bytes) {
            let m = UTF8Validation.message(place)
            throw .data(vi: "\(file):\(place.line):\(place.column): \(m.vi)", en: "\(file):\(place.line):\(place.column): \(m.en)")
        }
        let root: JSONValue
        do { root = try JSONParser.parseVerbatim(String(decoding: bytes, as: UTF8.self)) } catch {
            throw .data(vi: "\(file):\(error.position.line):\(error.position.column): không phải gói hồ sơ khenthuong-package: JSON không hợp lệ: \(error.text.vi)",
                        en: "\(file):\(error.position.line):\(error.position.column): not a khenthuong-package file: malformed JSON: \(error.text.en)")
        }
        guard root["format"]?.string == format, root["version"]?.int == 1 else {
            throw .data(vi: "\(file): không phải gói hồ sơ khenthuong-package phiên bản 1", en: "\(file): not a khenthuong-package version 1 file")
        }
        guard let headSeq = root["source"]?["head"]?["seq"]?.int, let headHash = root["source"]?["head"]?["hash"]?.string,
              let links = root["chain"]?.elements, let items = root["dossiers"]?.elements else {
            throw .data(vi: "\(file): thiếu source.head, chain hoặc dossiers", en: "\(file): source.head, chain or dossiers is missing")
        }
        var chain: [Int64: (prev: String, hash: String)] = [:]
        var previous: (seq: Int, hash: String)?
        for (i, l) in links.enumerated() {
            guard let a = l.elements, a.count == 3, let seq = a[0].int, let prev = a[1].string, let hash = a[2].string else {
                throw .data(vi: "\(file): chain[\(i)] không hợp lệ", en: "\(file): chain[\(i)] is malformed")
            }
            if let p = previous, seq != p.seq &+ 1 || prev != p.hash {
                throw .data(vi: "\(file): chuỗi băm đứt tại sự kiện #\(seq): prev_hash không khớp với mã băm của sự kiện #\(p.seq)",
                            en: "\(file): the hash chain breaks at event #\(seq): its prev_hash does not match event #\(p.seq)'s hash")
            }
            chain[Int64(seq)] = (prev, hash)
            previous = (seq, hash)
        }
        guard let last = previous, last.seq == headSeq, last.hash == headHash else {
            throw .data(vi: "\(file): chuỗi băm không kết thúc ở mã băm cuối của kho nguồn (#\(headSeq))",
                        en: "\(file): the chain does not end at the source store's head (#\(headSeq))")
        }
        var dossiers: [(id: String, events: [StoredEvent])] = []
        for item in items {
            guard let id = item["id"]?.string, let events = item["events"]?.elements, !events.isEmpty else {
                throw .data(vi: "\(file): một hồ sơ thiếu id hoặc sự kiện", en: "\(file): a dossier lacks its id or events")
            }
            var list: [StoredEvent] = []
            for e in events {
                let event = try decode(e, file: file)
                let computed = event.computedHash()
                guard computed == event.hash, event.dossierID == id else {
                    throw .data(vi: "\(file): sự kiện #\(event.seq) (\(event.event)) của hồ sơ \(id) đã bị sửa: mã băm ghi \(event.hash), tính lại được \(computed)",
                                en: "\(file): event #\(event.seq) (\(event.event)) of dossier \(id) was altered: recorded hash \(event.hash), recomputed \(computed)")
                }
                guard let link = chain[event.seq], link.hash == event.hash, link.prev == event.prevHash else {
                    throw .data(vi: "\(file): sự kiện #\(event.seq) (\(event.event)) của hồ sơ \(id) không nằm trong chuỗi băm của gói",
                                en: "\(file): event #\(event.seq) (\(event.event)) of dossier \(id) is not in the package's hash chain")
                }
                list.append(event)
            }
            let workflow = list.first.flatMap { try? EventPayload.decodeDossier($0.payload) }.flatMap { definitions.workflows[$0.workflowID] }
            guard list.first?.kind == .created, let last = list.last, workflow?.state(last.toState, isTagged: .upward) == true else {
                let upward = workflow?.state(tagged: .upward) ?? "\(StateTag.upward)"
                throw .data(vi: "\(file): hồ sơ \(id) phải bắt đầu bằng sự kiện lập và đang ở trạng thái \(upward)",
                            en: "\(file): dossier \(id) must start with its creation and end proposed upward")
            }
            dossiers.append((id, list))
        }
        return Verified(sha256: SHA256Digest.hex(bytes), headSeq: Int64(headSeq), headHash: headHash, dossiers: dossiers)
    }

    static func decode(_ e: JSONValue, file: String) throws(CouncilError) -> StoredEvent {
        guard let seq = e["seq"]?.int, let id = e["dossier_id"]?.string, let kind = e["kind"]?.string.flatMap(StoredEvent.Kind.init(rawValue:)),
              let event = e["event"]?.string, let to = e["to_state"]?.string, let role = e["actor_role"]?.string,
              let unit = e["actor_unit"]?.string, let user = e["actor_user"]?.string, let atText = e["at"]?.string,
              let at = StoreTime.parseDate(atText), let payload = e["payload"]?.string, let prev = e["prev_hash"]?.string,
              let hash = e["hash"]?.string else {
            throw .data(vi: "\(file): một sự kiện thiếu trường hoặc sai kiểu", en: "\(file): an event has a missing or mistyped field")
        }
        return StoredEvent(seq: Int64(seq), dossierID: id, kind: kind, event: event, fromState: e["from_state"]?.string, toState: to,
                           actor: Actor(role: role, unit: unit, user: user), at: at, reason: e["reason"]?.string,
                           payload: payload, prevHash: prev, hash: hash)
    }

    /// Verifies `bytes` and, in one transaction, opens each dossier at the receiving level
    /// (the actor's unit; proposer: the level that sent it) and records `package_imported`
    /// (subject `package:<sha256>`) with the source head and the package's SHA-256.
    public static func importPackage(_ bytes: [UInt8], file: String, runner: DossierRunner, by actor: Actor, at time: Date) throws -> Verified {
        let package = try verify(bytes, file: file, definitions: runner.definitions)
        if try !runner.store.records(PackageImport.self, subject: .package(package.sha256)).isEmpty {
            throw CouncilError.data(vi: "gói \(package.sha256) đã được nhập", en: "package \(package.sha256) was already imported")
        }
        try runner.store.write { tx in
            var entries: [PackageImport.Entry] = []
            for (id, events) in package.dossiers {
                guard let source = try? EventPayload.decodeDossier(events[0].payload) else {
                    throw CouncilError.data(vi: "\(file): không đọc được hồ sơ \(id)", en: "\(file): dossier \(id) cannot be read")
                }
                guard let award = runner.definitions.awards.award(source.awardID), let wf = runner.definitions.workflows[award.workflow] else {
                    throw RunnerError.unknownAward(source.awardID, known: runner.definitions.awards.awards.map(\.id))
                }
                guard wf.definition.role(actor.role)?.side == .addressee else {
                    throw CouncilError.refused(vi: "vai trò \(actor.role) không được nhận hồ sơ; dùng vai trò phía cơ quan nhận (secretariat)",
                                               en: "role \(actor.role) may not receive dossiers; use a receiving role (secretariat)")
                }
                let sender = events.last!.actor.unit
                let dossier = Dossier(id: id, workflowID: wf.id, workflowVersion: wf.version, awardID: award.id, year: source.year,
                                      nominee: source.nominee, proposerUnit: sender, addresseeUnit: actor.unit, initialState: wf.initialState,
                                      documents: source.documents, dueDate: nil, createdAt: time)
                try tx.append(created: dossier, actor: actor, at: time, reason: "Nhận từ gói hồ sơ \(package.sha256) do \(sender) trình")
                entries.append(PackageImport.Entry(id: id, sourceUnit: sender, sourceEvents: events.count, sourceLastHash: events.last!.hash))
            }
            try tx.append(PackageImport(sha256: package.sha256, headSeq: package.headSeq, headHash: package.headHash, dossiers: entries),
                          actor: actor, at: time)
        }
        return package
    }
}

/// A package as imported: `package_imported`, subject `package:<sha256>`, with the source
/// store's head and, per dossier opened, the sending unit and the last event it sent.
public struct PackageImport: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var sourceUnit: String
        public var sourceEvents: Int
        public var sourceLastHash: String
    }

    /// The SHA-256 of the package file.
    public var sha256: String
    public var headSeq: Int64
    public var headHash: String
    public var dossiers: [Entry]
}

extension PackageImport: StoreRecord {
    package static let kind = "package_imported"
    package var subject: RecordSubject { .package(sha256) }

    package var payload: JSONValue {
        .fields([
            "sha256": .string(sha256), "sourceHead": .fields(["seq": .int(headSeq), "hash": .string(headHash)]),
            "dossiers": .list(dossiers.map {
                .fields(["id": .string($0.id), "sourceUnit": .string($0.sourceUnit), "sourceEvents": .int($0.sourceEvents),
                         "sourceLastHash": .string($0.sourceLastHash)])
            }),
        ])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let head = try p.object("sourceHead")
        var dossiers: [Entry] = []
        for d in try p.objects("dossiers") {
            dossiers.append(Entry(id: try d.string("id"), sourceUnit: try d.string("sourceUnit"), sourceEvents: try d.int("sourceEvents"),
                                  sourceLastHash: try d.string("sourceLastHash")))
        }
        self.init(sha256: try p.string("sha256"), headSeq: Int64(try head.int("seq")), headHash: try head.string("hash"), dossiers: dossiers)
    }
}

extension EventLog {
    /// (seq, prev_hash, hash) of every event from `seq` to the head.
    func chainLinks(from seq: Int64) throws(StoreError) -> [(seq: Int64, prev: String, hash: String)] {
        var out: [(seq: Int64, prev: String, hash: String)] = []
        try scan(from: seq) { e in out.append((e.seq, e.prevHash, e.hash)) }
        return out
    }
}
