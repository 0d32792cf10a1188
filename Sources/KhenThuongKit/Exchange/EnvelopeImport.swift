import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Imports an envelope (`exchange import FILE`): every check runs before anything is written —
/// the signature; that the envelope is for the importing unit; that the sending unit is in the
/// directory and the signing key holds a grant there; that it was not imported before; every
/// event's hash and its place in the chain segment, which must end at the sender's signed
/// checkpoint; every attachment's bytes, size and type. Then, in one transaction, each dossier
/// is opened (a submission from below, or a proposal upward: in the state the workflow tags
/// `incoming`) or advanced by the workflow's `exchange` transition to the state the sender shows.
public struct EnvelopeImport {
    public var runner: DossierRunner
    public var directory: Directory
    public var folder: AttachmentFolder
    public var limits: AttachmentLimits

    public init(runner: DossierRunner, directory: Directory, folder: AttachmentFolder, limits: AttachmentLimits) {
        self.runner = runner
        self.directory = directory
        self.folder = folder
        self.limits = limits
    }

    /// What the import did, dossier by dossier.
    public struct Summary: Sendable, Equatable {
        public var id: String
        public var from: String
        public var opened: [(id: String, state: String)]
        public var advanced: [(id: String, event: String, state: String)]
        public var attachments: Int
        /// The receipts kept: the witness's cosignatures of this store's checkpoints.
        public var receipts: [Receipt] = []

        public static func == (a: Summary, b: Summary) -> Bool {
            a.id == b.id && a.opened.map(\.id) == b.opened.map(\.id) && a.advanced.map(\.id) == b.advanced.map(\.id)
        }
    }

    private enum Plan {
        case open(Dossier, sender: [StoredEvent])
        case advance(Dossier, EventRequest, sender: [StoredEvent])
    }

    public func run(_ path: String, by actor: Actor, at time: Date) throws -> Summary {
        let envelope = try Envelope.read(path)
        let m = envelope.manifest
        let file = (path as NSString).lastPathComponent
        guard let from = m["from"]?.string, let to = m["to"]?.string, let storeID = m["store"]?.string,
              let checkpointText = m["checkpoint"]?.string, let items = m["dossiers"]?.elements, let links = m["chain"]?.elements,
              let blobs = m["attachments"]?.elements else {
            throw ExchangeError.tampered(.init(vi: "bản kê thiếu from, to, store, checkpoint, dossiers, chain hoặc attachments",
                                               en: "the manifest lacks from, to, store, checkpoint, dossiers, chain or attachments"), at: "\(file): manifest")
        }
        // For whom, from whom, signed by whom.
        guard to == actor.unit else {
            throw ExchangeError(.init(vi: "phong bì gửi \(to), không phải \(actor.unit)", en: "the envelope is addressed to \(to), not to \(actor.unit)"),
                                at: "\(file): to", fix: .init(vi: "chuyển tệp cho \(to) nhập, hoặc xin \(from) gửi lại cho đúng đơn vị",
                                                              en: "pass the file to \(to), or ask \(from) to send it again to the right unit"), isDataError: false)
        }
        guard directory.unit(from) != nil else {
            let near = directory.suggestions(for: from)
            throw ExchangeError(.init(vi: "đơn vị gửi \(from) không có trong danh bạ của kho này", en: "the sending unit \(from) is not in this store's directory"),
                                at: "\(file): from", fix: .init(vi: "nhập danh bạ chung (directory import) rồi nhập lại\(near.isEmpty ? "" : "; gần nhất: " + near.joined(separator: ", "))",
                                                                en: "import the shared directory (directory import) and try again\(near.isEmpty ? "" : "; closest: " + near.joined(separator: ", "))"))
        }
        guard directory.grants(for: envelope.publicKey).contains(where: { $0.unit == from }) else {
            throw ExchangeError(.init(vi: "khóa ký \(envelope.publicKey.id) không có quyền nào tại \(from) trong danh bạ của kho này",
                                      en: "the signing key \(envelope.publicKey.id) holds no grant at \(from) in this store's directory"),
                                at: "\(file): signature", fix: .init(vi: "chỉ nhận phong bì do người có quyền của \(from) ký; nếu quyền mới được cấp, nhập lại danh bạ",
                                                                     en: "accept only envelopes signed by someone granted at \(from); if the grant is new, import the directory again"))
        }
        if try !runner.store.records(EnvelopeImported.self, subject: .envelope(envelope.id)).isEmpty {
            throw ExchangeError(.init(vi: "phong bì \(envelope.id) đã được nhập", en: "envelope \(envelope.id) was already imported"),
                                at: file, fix: .init(vi: "không cần nhập lại; xem hồ sơ bằng `khenthuong dossier show`", en: "nothing to do; see the dossiers with `khenthuong dossier show`"),
                                isDataError: false)
        }
        // The chain segment, ending at the sender's signed checkpoint.
        var chain: [Int64: (prev: String, hash: String)] = [:]
        chain.reserveCapacity(links.count)
        var previous: (seq: Int, hash: String)?
        for (i, l) in links.enumerated() {
            guard let a = l.elements, a.count == 3, let seq = a[0].int, let prev = a[1].string, let hash = a[2].string,
                  previous.map({ seq == $0.seq + 1 && prev == $0.hash }) ?? true else {
                throw ExchangeError.tampered(.init(vi: "chuỗi băm đứt tại mắt xích \(i)", en: "the hash chain breaks at link \(i)"), at: "\(file): chain[\(i)]")
            }
            chain[Int64(seq)] = (prev, hash)
            previous = (seq, hash)
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(parsing: checkpointText) } catch {
            throw ExchangeError.tampered(.init(vi: "mốc kiểm tra của bên gửi không đọc được", en: "the sender's checkpoint cannot be read"), at: "\(file): checkpoint")
        }
        guard checkpoint.signatureIsValid, checkpoint.publicKey == envelope.publicKey, checkpoint.storeID == storeID,
              let last = previous, Int64(last.seq) == checkpoint.eventCount, last.hash == checkpoint.headHash else {
            throw ExchangeError.tampered(.init(vi: "chuỗi băm không kết thúc ở mốc kiểm tra đã ký của bên gửi", en: "the chain does not end at the sender's signed checkpoint"),
                                         at: "\(file): checkpoint")
        }
        try checkExtends(checkpoint, chain: chain, from: from, file: file)
        // Every event.
        var dossiers: [(id: String, state: String, events: [StoredEvent])] = []
        var carried: [String: Attachment] = [:]
        for (i, item) in items.enumerated() {
            guard let id = item["id"]?.string, let localID = item["localID"]?.string, let evs = item["events"]?.elements, !evs.isEmpty else {
                throw ExchangeError.tampered(.init(vi: "hồ sơ thứ \(i + 1) thiếu mã hoặc sự kiện", en: "dossier \(i + 1) lacks its id or events"), at: "\(file): dossiers[\(i)]")
            }
            var events: [StoredEvent] = []
            for e in evs + (item["related"]?.elements ?? []) {
                let event: StoredEvent
                do { event = try UpwardPackage.decode(e, file: file) } catch {
                    throw ExchangeError.tampered(.init(vi: "một sự kiện của hồ sơ \(id) thiếu trường", en: "an event of dossier \(id) has a missing field"), at: "\(file): dossier \(id)")
                }
                let computed = event.computedHash()
                guard computed == event.hash, let link = chain[event.seq], link.hash == event.hash, link.prev == event.prevHash else {
                    throw ExchangeError.tampered(.init(vi: "sự kiện #\(event.seq) (\(event.event)) của hồ sơ \(id) đã bị sửa hoặc không nằm trong chuỗi băm: mã băm ghi \(event.hash), tính lại \(computed)",
                                                       en: "event #\(event.seq) (\(event.event)) of dossier \(id) was altered or is not in the chain: recorded hash \(event.hash), recomputed \(computed)"),
                                                 at: "\(file): dossier \(id), event #\(event.seq)")
                }
                events.append(event)
            }
            let own = events.filter { $0.dossierID == localID }
            guard let replayed = try? Dossier(replaying: own) else {
                throw ExchangeError.tampered(.init(vi: "hồ sơ \(id) không bắt đầu bằng sự kiện lập", en: "dossier \(id) does not start with its creation"), at: "\(file): dossier \(id)")
            }
            for e in own where e.kind == .record && e.event == Attachment.kind {
                if let a = try? e.record(Attachment.self) { carried[a.sha256] = Attachment(dossier: id, document: a.document, name: a.name, mediaType: a.mediaType, sha256: a.sha256, size: a.size) }
            }
            dossiers.append((id, replayed.state, events))
        }
        // Every event checked out: now the signature over the whole manifest (any other change).
        guard envelope.signatureIsValid else {
            throw ExchangeError.tampered(.init(vi: "chữ ký của phong bì không khớp với bản kê (mã \(envelope.id))",
                                               en: "the envelope's signature does not match its manifest (id \(envelope.id))"), at: "\(file): signature")
        }
        let plans = try dossiers.map { try plan($0.id, senderState: $0.state, events: $0.events, from: from, actor: actor, file: file) }
        let receipts = try checkReceipts(m["receipts"], from: from, envelope: envelope.id, file: file)
        // Every attachment's bytes, staged beside the folder until everything checked out.
        let staged = try stage(envelope, blobs: blobs, carried: carried, path: path, file: file)
        defer { try? FileManager.default.removeItem(atPath: staged.folder) }
        for (sha, temporary) in staged.files where !folder.contains(sha) {
            let target = folder.path(of: sha)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard rename(temporary, target) == 0 else { throw AttachmentError.unwritable(path: target) }
        }
        try folder.put(envelope.manifestBytes)
        folder.syncFileSystem()
        // The files each copy already records, and the received ones by dossier (read before the write).
        var known: [String: Set<String>] = [:]
        for case .advance(let d, _, _) in plans {
            known[d.id] = Set(try runner.store.records(Attachment.self, subject: .dossier(d.id)).map(\.sha256))
        }
        let received = Dictionary(grouping: carried.values.sorted { $0.sha256 < $1.sha256 }, by: \.dossier)
        var summary = Summary(id: envelope.id, from: from, opened: [], advanced: [], attachments: carried.count, receipts: receipts)
        try runner.store.write { tx in
            var entries: [EnvelopeImported.Entry] = []
            let message = [m["message"]?["reason"]?.string, m["message"]?["deadline"]?.string.map { "hạn \($0)" }].compactMap { $0 }.joined(separator: "; ")
            let note = "Phong bì \(envelope.id.prefix(16)) từ \(from)" + (message.isEmpty ? "" : ": \(message)")
            for (plan, sent) in zip(plans, dossiers) {
                let local: String
                switch plan {
                case .open(let d, _):
                    _ = try tx.append(created: d, actor: actor, at: time, reason: note)
                    summary.opened.append((d.id, d.state))
                    local = d.id
                case .advance(let d, var request, _):
                    request.reason = note
                    let (next, _) = try runner.act(in: &tx, on: d, request, by: actor, at: time)
                    summary.advanced.append((d.id, request.event, next.state))
                    local = d.id
                }
                for a in received[sent.id] ?? [] where known[local]?.contains(a.sha256) != true {
                    var mine = a
                    mine.dossier = local
                    _ = try tx.append(mine, actor: actor, at: time)
                }
                entries.append(.init(id: sent.id, senderState: sent.state, events: sent.events.count, lastHash: sent.events.last?.hash ?? ""))
            }
            for r in receipts { _ = try tx.append(r, actor: actor, at: time) }
            _ = try tx.append(EnvelopeImported(id: envelope.id, from: from, to: to, key: envelope.publicKey.text,
                                               signature: Data(envelope.signature).base64EncodedString(), checkpoint: checkpointText,
                                               dossiers: entries, attachments: carried.count), actor: actor, at: time)
        }
        return summary
    }

    /// The witness's side (docs/exchange.md#receipts): the sender's new checkpoint must extend every
    /// checkpoint of the same store this store already received from it: not fewer events, and the
    /// same head at the old number wherever the envelope's chain segment (or the new head) shows it.
    /// A sender that rewrote or cut its history after reporting here is refused.
    private func checkExtends(_ checkpoint: Checkpoint, chain: [Int64: (prev: String, hash: String)], from: String, file: String) throws {
        for earlier in try runner.store.records(EnvelopeImported.self) where earlier.from == from {
            guard let old = try? Checkpoint(parsing: earlier.checkpoint), old.storeID == checkpoint.storeID else { continue }
            let shown = old.eventCount == checkpoint.eventCount ? checkpoint.headHash : chain[old.eventCount]?.hash
            guard old.eventCount > checkpoint.eventCount || (shown.map { $0 != old.headHash } ?? false) else { continue }
            let now = old.eventCount > checkpoint.eventCount
                ? (vi: "nay chỉ có \(checkpoint.eventCount) sự kiện", en: "now has only \(checkpoint.eventCount) events")
                : (vi: "nay có mã băm \(shown ?? "")", en: "now has hash \(shown ?? "")")
            throw ExchangeError(.init(vi: "kho của \(from) không còn nối tiếp mốc \(old.eventCount) sự kiện (mã băm cuối \(old.headHash)) mà kho này đã nhận trong phong bì \(earlier.id): sự kiện #\(old.eventCount) \(now.vi); lịch sử của bên gửi đã bị viết lại hoặc cắt bớt sau khi báo lên",
                                      en: "\(from)'s store no longer extends the checkpoint of \(old.eventCount) events (head \(old.headHash)) this store received in envelope \(earlier.id): event #\(old.eventCount) \(now.en); the sender's history was rewritten or cut after reporting here"),
                                at: "\(file): checkpoint",
                                fix: .init(vi: "không nhận phong bì này; báo \(from) giải trình (`khenthuong verify --witnesses` tại kho của \(from) cũng báo lỗi)",
                                           en: "do not accept this envelope; ask \(from) to explain (`khenthuong verify --witnesses` in \(from)'s store fails too)"))
        }
    }

    /// The receipts the envelope returns, checked (docs/exchange.md#receipts): each is the sending
    /// unit's, signed by a key holding a grant there, over a checkpoint this store issued (its
    /// store id, signed, and this store still holds that head at that number). Receipts already
    /// kept are left out.
    private func checkReceipts(_ list: JSONValue?, from: String, envelope: String, file: String) throws -> [Receipt] {
        guard let list else { return [] }
        guard let items = list.elements else {
            throw ExchangeError.tampered(.init(vi: "receipts không phải một danh sách", en: "receipts is not a list"), at: "\(file): receipts")
        }
        let kept = try runner.store.records(Receipt.self)
        let storeID = try runner.store.storeID()
        let count = try runner.store.head()?.seq ?? 0
        var out: [Receipt] = []
        for (i, item) in items.enumerated() {
            let at = "\(file): receipts[\(i)]"
            guard var r = Receipt(json: item) else {
                throw ExchangeError.tampered(.init(vi: "biên nhận thứ \(i + 1) thiếu trường hoặc không đọc được", en: "receipt \(i + 1) has a missing or unreadable field"), at: at)
            }
            guard r.witness == from else {
                throw ExchangeError(.init(vi: "biên nhận thứ \(i + 1) là của \(r.witness), không phải của đơn vị gửi \(from)",
                                          en: "receipt \(i + 1) is \(r.witness)'s, not the sending unit \(from)'s"),
                                    at: at, fix: .init(vi: "chỉ nhận biên nhận do chính \(from) gửi lại; xin \(from) xuất lại phong bì",
                                                       en: "accept only receipts \(from) returns itself; ask \(from) to export the envelope again"))
            }
            guard directory.grants(for: r.publicKey).contains(where: { $0.unit == r.witness }) else {
                throw ExchangeError(.init(vi: "biên nhận thứ \(i + 1) được ký bằng khóa \(r.publicKey.id), khóa này không có quyền nào tại \(r.witness) trong danh bạ của kho này",
                                          en: "receipt \(i + 1) is signed by key \(r.publicKey.id), which holds no grant at \(r.witness) in this store's directory"),
                                    at: at, fix: .init(vi: "biên nhận phải do người có quyền của \(r.witness) ký; nếu quyền mới được cấp, nhập lại danh bạ (directory import)",
                                                       en: "a receipt must be signed by someone granted at \(r.witness); if the grant is new, import the directory again (directory import)"))
            }
            guard r.signatureIsValid else {
                throw ExchangeError.tampered(.init(vi: "chữ ký của biên nhận thứ \(i + 1) (\(r.witness), mốc \(r.checkpoint.eventCount) sự kiện) không khớp: biên nhận bị giả hoặc bị sửa",
                                                   en: "the signature of receipt \(i + 1) (\(r.witness), checkpoint of \(r.checkpoint.eventCount) events) does not match: the receipt is forged or altered"),
                                             at: at)
            }
            let c = r.checkpoint
            var issued = c.storeID == storeID && c.signatureIsValid && c.eventCount <= count
            if issued, c.eventCount > 0 { issued = try runner.store.hash(at: c.eventCount) == c.headHash }
            guard issued else {
                throw ExchangeError(.init(vi: "biên nhận thứ \(i + 1) đồng ký một mốc kiểm tra mà kho này chưa từng phát ra (kho \(c.storeID.prefix(16)), \(c.eventCount) sự kiện, mã băm cuối \(c.headHash.prefix(16))…)",
                                          en: "receipt \(i + 1) cosigns a checkpoint this store never issued (store \(c.storeID.prefix(16)), \(c.eventCount) events, head \(c.headHash.prefix(16))…)"),
                                    at: at, fix: .init(vi: "nhập phong bì vào đúng kho đã gửi mốc đó; nếu đúng kho, báo \(from) về biên nhận sai",
                                                       en: "import the envelope into the store that sent that checkpoint; if it is the right store, tell \(from) about the wrong receipt"))
            }
            r.envelope = envelope
            if kept.contains(where: { $0.sameCosignature(r) }) || out.contains(where: { $0.sameCosignature(r) }) { continue }
            out.append(r)
        }
        return out
    }

    /// What the import does with one dossier, or why it cannot.
    private func plan(_ id: String, senderState: String, events: [StoredEvent], from: String, actor: Actor, file: String) throws -> Plan {
        let created = events.first { $0.kind == .created }
        guard let created, let source = try? EventPayload.decodeDossier(created.payload),
              let workflow = runner.definitions.workflows[source.workflowID], workflow.version == source.workflowVersion else {
            throw ExchangeError(.init(vi: "hồ sơ \(id) chạy theo một quy trình không có ở đây", en: "dossier \(id) runs under a workflow not defined here"),
                                at: "\(file): dossier \(id)", fix: .init(vi: "dùng cùng thư mục workflows/ với bên gửi", en: "use the same workflows/ folder as the sender"))
        }
        let sent = try Dossier(replaying: events.filter { $0.dossierID == created.dossierID }) ?? source
        let fromAbove = directory.ancestors(of: actor.unit).contains { $0.code == from }
        let local = try localCopy(id)
        guard let local else {
            let incoming = workflow.state(tagged: .incoming)
            let submission = workflow.state(senderState, isTagged: .incoming) && sent.addresseeUnit == actor.unit
            let proposal = workflow.state(senderState, isTagged: .upward) && directory.ancestors(of: from).contains { $0.code == actor.unit }
            guard let incoming, submission || proposal, !fromAbove else {
                if fromAbove {
                    throw ExchangeError(.init(vi: "phong bì mang kết quả của hồ sơ \(id) (trạng thái \(label(senderState, workflow))) mà \(actor.unit) chưa từng trình",
                                              en: "the envelope carries the outcome of dossier \(id) (state \(label(senderState, workflow))), which \(actor.unit) never proposed"),
                                        at: "\(file): dossier \(id)", fix: .init(vi: "báo \(from): kho này không có hồ sơ \(id); kiểm tra mã hồ sơ và đơn vị nhận",
                                                                                 en: "tell \(from) that this store has no dossier \(id); check the dossier id and the destination"))
                }
                throw ExchangeError(.init(vi: "hồ sơ \(id) chưa từng được nhận ở đây, mà phong bì đưa nó ở trạng thái \(label(senderState, workflow)): sai thứ tự",
                                          en: "dossier \(id) was never received here, yet the envelope shows it in state \(label(senderState, workflow)): out of order"),
                                    at: "\(file): dossier \(id)", fix: .init(vi: "nhập trước phong bì nộp hồ sơ của \(from)", en: "import \(from)'s submission envelope first"))
            }
            guard workflow.definition.role(actor.role)?.side == .addressee else {
                throw ExchangeError(.init(vi: "vai trò \(actor.role) không được nhận hồ sơ", en: "role \(actor.role) may not receive dossiers"), at: "--as",
                                    fix: .init(vi: "nhập bằng vai trò phía cơ quan nhận, ví dụ --as secretariat@\(actor.unit)", en: "import with a receiving role, e.g. --as secretariat@\(actor.unit)"),
                                    isDataError: false)
            }
            let d = Dossier(id: id, workflowID: workflow.id, workflowVersion: workflow.version, awardID: sent.awardID, year: sent.year,
                            nominee: sent.nominee, proposerUnit: proposal ? from : sent.proposerUnit, addresseeUnit: actor.unit,
                            initialState: incoming, documents: sent.documents, dueDate: sent.dueDate, createdAt: sent.createdAt)
            return .open(d, sender: events)
        }
        guard local.nominee.id == sent.nominee.id, local.awardID == sent.awardID else {
            let award = runner.awardName(local.awardID)
            throw ExchangeError(.init(vi: "hồ sơ \(local.id) ở đây là của \(local.nominee.name) (\(award.vi)), không phải hồ sơ \(id) của \(sent.nominee.name)",
                                      en: "dossier \(local.id) here is \(local.nominee.name)'s (\(award.en)), not \(sent.nominee.name)'s dossier \(id)"),
                                at: "\(file): dossier \(id)", fix: .init(vi: "báo \(from) về sự trùng mã", en: "tell \(from) about the clashing id"))
        }
        let step = workflow.definition.transitions.first { t in
            t.exchange && t.from.contains(local.state) && t.to == .state(senderState)
        }
        guard let step else {
            if fromAbove, !workflow.state(local.state, isTagged: .upward), local.proposerUnit != actor.unit {
                throw ExchangeError(.init(vi: "phong bì mang kết quả của hồ sơ \(id) mà \(actor.unit) chưa từng trình lên \(from)",
                                          en: "the envelope carries the outcome of dossier \(id), which \(actor.unit) never proposed to \(from)"),
                                    at: "\(file): dossier \(id)", fix: .init(vi: "trình hồ sơ lên trước (exchange export --to \(from))", en: "propose the dossier first (exchange export --to \(from))"))
            }
            let allowed = workflow.definition.transitions.filter { $0.exchange && $0.from.contains(local.state) }.map { "\($0.to)" }
            throw ExchangeError(.init(vi: "hồ sơ \(id) ở đây đang ở trạng thái \(label(local.state, workflow)); phong bì đưa nó sang \(label(senderState, workflow)), không theo được quy trình (sai thứ tự)",
                                      en: "dossier \(id) is here in state \(label(local.state, workflow)); the envelope shows it in \(label(senderState, workflow)), which the workflow cannot follow (out of order)"),
                                at: "\(file): dossier \(id)",
                                fix: .init(vi: "nhập các phong bì theo thứ tự gửi; từ trạng thái này nhận được: \(allowed.isEmpty ? "không có" : allowed.joined(separator: ", "))",
                                           en: "import envelopes in the order they were sent; from this state it may follow: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))"))
        }
        let attach = sent.documents.filter { !local.documents.contains($0) }
        return .advance(local, EventRequest(event: step.event, attach: attach), sender: events)
    }

    /// This store's copy of the dossier the hierarchy knows as `id`.
    private func localCopy(_ id: String) throws -> Dossier? {
        if let d = try runner.store.dossier(id) { return d }
        for unit in directory.units.map(\.code) where id.hasPrefix(unit + "-") {
            if let d = try runner.store.dossier(String(id.dropFirst(unit.count + 1))), d.proposerUnit == unit { return d }
        }
        return nil
    }

    private func label(_ state: String, _ workflow: Workflow) -> String {
        workflow.definition.state(state).map { "“\($0.label.vi)” (\(state))" } ?? state
    }

    /// Reads every attachment's bytes into a staging folder, checking size, type and SHA-256.
    private func stage(_ envelope: Envelope, blobs: [JSONValue], carried: [String: Attachment], path: String,
                       file: String) throws -> (folder: String, files: [(String, String)]) {
        let staging = folder.root + "/.staging-\(envelope.id.prefix(16))-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        var files: [(String, String)] = []
        do {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw AttachmentError.unreadable(path: path) }
            defer { try? handle.close() }
            try handle.seek(toOffset: envelope.blobOffset)
            var listed = Set<String>()
            for (i, b) in blobs.enumerated() {
                guard let sha = b["sha256"]?.string, let size = b["size"]?.int, size >= 0, let a = carried[sha] else {
                    throw ExchangeError.tampered(.init(vi: "tệp đính kèm thứ \(i + 1) không thuộc sự kiện nào của phong bì", en: "attachment \(i + 1) belongs to no event of the envelope"),
                                                 at: "\(file): attachments[\(i)]")
                }
                listed.insert(sha)
                guard size <= limits.maxBytes, limits.mediaType(of: a.name) != nil else {
                    throw ExchangeError(.init(vi: "tệp đính kèm \(a.name) của hồ sơ \(a.dossier): \(size) byte, kiểu \(a.mediaType); giới hạn \(limits.maxBytes) byte",
                                              en: "attachment \(a.name) of dossier \(a.dossier): \(size) bytes, type \(a.mediaType); the limit is \(limits.maxBytes) bytes"),
                                        at: "\(file): attachments[\(i)] (\(a.name))",
                                        fix: .init(vi: "xin bên gửi nén hoặc tách tệp; giới hạn ở workflows/exchange/attachments.json", en: "ask the sender to compress or split the file; the limit is in workflows/exchange/attachments.json"))
                }
                let data = (try handle.read(upToCount: size)) ?? Data()
                guard data.count == size, SHA256Digest.hex(Array(data)) == sha else {
                    throw ExchangeError.tampered(.init(vi: "tệp đính kèm \(a.name) (tài liệu \(a.document) của hồ sơ \(a.dossier)) bị thiếu hoặc đã đổi byte: SHA-256 không khớp \(sha)",
                                                       en: "attachment \(a.name) (document \(a.document) of dossier \(a.dossier)) is missing or has changed bytes: its SHA-256 does not match \(sha)"),
                                                 at: "\(file): attachments[\(i)] (\(a.name))")
                }
                let temporary = staging + "/" + sha
                if !FileManager.default.fileExists(atPath: temporary) { try AttachmentFolder.write(data, to: temporary, sync: false) }
                files.append((sha, temporary))
            }
            if let missing = carried.values.first(where: { !listed.contains($0.sha256) }) {
                throw ExchangeError.tampered(.init(vi: "thiếu tệp đính kèm \(missing.name) (tài liệu \(missing.document) của hồ sơ \(missing.dossier))",
                                                   en: "the attachment \(missing.name) (document \(missing.document) of dossier \(missing.dossier)) is missing"),
                                             at: "\(file): attachments")
            }
            if let extra = try handle.read(upToCount: 1), !extra.isEmpty {
                throw ExchangeError.tampered(.init(vi: "có byte thừa sau tệp đính kèm cuối", en: "there are bytes after the last attachment"), at: "\(file): attachments")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return (staging, files)
    }
}
