import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Writes the envelope one level sends another (`exchange export --to UNIT`): for each dossier
/// its whole event history (the dossier's events and records: facts, verdict, attachments,
/// comments) and the decisions naming it, the chain segment from the first of those events to
/// the head, the attached files, the sender's signed checkpoint and an optional message (the
/// reason and deadline of a request for supplement). Signed by the acting key.
public struct EnvelopeExport {
    public var runner: DossierRunner
    public var directory: Directory
    public var folder: AttachmentFolder

    public init(runner: DossierRunner, directory: Directory, folder: AttachmentFolder) {
        self.runner = runner
        self.directory = directory
        self.folder = folder
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var id: String
        public var dossiers: [String]
        public var events: Int
        public var attachments: Int
        /// Receipts returned to the destination (cosignatures of the checkpoints it sent here).
        public var receipts: Int = 0
    }

    /// A dossier's id as the whole hierarchy knows it: a dossier this store's unit opened under a
    /// per-store number (`HS-2025-000007`, before global ids) is prefixed with its proposing unit.
    static func globalID(of dossier: Dossier, createdBy unit: String) -> String {
        unit == dossier.proposerUnit && !dossier.id.hasPrefix(dossier.proposerUnit + "-") ? dossier.proposerUnit + "-" + dossier.id : dossier.id
    }

    public func write(_ ids: [String], to destination: String, by actor: Actor, signer: any CommitSigner, reason: String?,
                      deadline: CivilDate?, out path: String, at time: Date) throws -> Summary {
        let store = runner.store
        guard !ids.isEmpty else {
            throw ExchangeError(.init(vi: "chưa chọn hồ sơ nào để gửi", en: "no dossier was chosen to send"), at: "DOSSIER…",
                                fix: .init(vi: "ghi mã hồ sơ sau lệnh, ví dụ: exchange export --to LDLD-HN --out gui.ktx CDCS-DHBK-2025-000001",
                                           en: "name the dossiers after the command, e.g. exchange export --to LDLD-HN --out send.ktx CDCS-DHBK-2025-000001"), isDataError: false)
        }
        let above = directory.ancestors(of: actor.unit).map(\.code)
        var items: [JSONValue] = []
        var attachments: [(sha256: String, size: Int)] = []
        var seen = Set<String>()
        var first = Int64.max
        var count = 0
        let decisions = try store.records(named: "decision_issued")
        for id in ids {
            guard let d = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            let workflow = try runner.workflow(of: d)
            let parties = [d.proposerUnit, d.addresseeUnit]
            let upward = workflow.state(d.state, isTagged: .upward) && above.contains(destination)
            guard parties.contains(actor.unit), destination != actor.unit, parties.contains(destination) || upward else {
                let up = workflow.state(tagged: .upward) ?? "\(StateTag.upward)"
                throw ExchangeError(.init(vi: "hồ sơ \(id) (đơn vị đề nghị \(d.proposerUnit), cơ quan nhận \(d.addresseeUnit)) không gửi \(actor.unit) → \(destination) được",
                                          en: "dossier \(id) (proposed by \(d.proposerUnit), addressed to \(d.addresseeUnit)) cannot be sent \(actor.unit) → \(destination)"),
                                    at: "--to", fix: .init(vi: "gửi cho đơn vị đề nghị hoặc cơ quan nhận của hồ sơ; chỉ hồ sơ ở trạng thái \(up) mới trình lên cấp trên",
                                                            en: "send to the dossier's proposing or addressed unit; only a dossier in state \(up) goes to the level above"),
                                    isDataError: false)
            }
            let events = try store.events(dossierID: id)
            let related = decisions.filter { $0.payload.contains("\"dossier\":\"\(id)\"") }
            first = min(first, events.first?.seq ?? first, related.first?.seq ?? first)
            count += events.count + related.count
            for e in events where e.kind == .record && e.event == Attachment.kind {
                let a = try e.record(Attachment.self)
                if seen.insert(a.sha256).inserted { attachments.append((a.sha256, a.size)) }
            }
            let creator = events.first?.actor.unit ?? actor.unit
            items.append(.fields([
                "id": .string(Self.globalID(of: d, createdBy: creator)), "localID": .string(id), "state": .string(d.state),
                "events": .list(events.map(UpwardPackage.eventJSON)), "related": .list(related.map(UpwardPackage.eventJSON)),
            ]))
        }
        guard let head = try store.head() else { throw RunnerError.unknownDossier(ids[0]) }
        var links: [JSONValue] = []
        try store.scan(from: first) { e in links.append(.list([.int(e.seq), .string(e.prevHash), .string(e.hash)])) }
        let checkpoint = try Checkpoint.make(store, signer: signer, at: time)
        let receipts = try Self.receipts(for: destination, store: store, by: actor, signer: signer, at: time)
        var message: [(String, JSONValue)] = []
        if let reason { message.append(("reason", .string(reason.nfc))) }
        if let deadline { message.append(("deadline", .string(deadline.description))) }
        let manifest = JSONValue.fields([
            ("format", .string(Envelope.format)), ("version", .int(1)), ("from", .string(actor.unit)), ("to", .string(destination)),
            ("at", .string(StoreTime.iso(time))), ("store", .string(try store.storeID())),
            ("signer", .fields(["role": .string(actor.role), "user": .string(actor.user), "key": .string(signer.publicKey.text)])),
            ("head", .fields(["seq": .int(head.seq), "hash": .string(head.hash)])),
            ("checkpoint", .string(checkpoint.text)), ("receipts", .list(receipts.map(\.json))), ("message", .fields(message)),
            ("dossiers", .list(items)), ("chain", .list(links)),
            ("attachments", .list(attachments.map { .fields(["sha256": .string($0.sha256), "size": .int($0.size)]) })),
        ])
        let id = try Envelope.write(manifest: manifest, attachments: attachments, folder: folder, signer: signer, to: path)
        return Summary(id: id, dossiers: ids, events: count, attachments: attachments.count, receipts: receipts.count)
    }

    /// The receipts this level owes `destination`: a cosignature, by the acting key for the
    /// acting unit, of every distinct checkpoint received in an envelope from `destination`
    /// (the sender keeps each once; docs/exchange.md#receipts).
    static func receipts(for destination: String, store: any EventLog, by actor: Actor, signer: any CommitSigner,
                         at time: Date) throws -> [Receipt] {
        var seen = Set<String>()
        var out: [Receipt] = []
        for imported in try store.records(EnvelopeImported.self) where imported.from == destination {
            guard seen.insert(imported.checkpoint).inserted, let checkpoint = try? Checkpoint(parsing: imported.checkpoint) else { continue }
            out.append(try Receipt.make(checkpoint, by: actor, signer: signer, at: time))
        }
        return out
    }
}
