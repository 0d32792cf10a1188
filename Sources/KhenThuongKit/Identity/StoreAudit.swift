import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The whole check of a store: the hash chain and the signed commits (`EventLog.verify`), then
/// who signed what: for every event, that the key which signed its commit held, at that moment,
/// the grant the event's actor names (or, for a directory record, an administrator's), and that
/// the workflow lets that role and unit fire that event on that dossier (the machine's role and
/// unit checks, replayed from the record).
public struct StoreAudit: Sendable {
    public init(chain: VerifyReport, checkedEvents: Int64, firstUnauthorised: UnauthorisedEvent?, unauthorisedCount: Int64) {
        self.chain = chain
        self.checkedEvents = checkedEvents
        self.firstUnauthorised = firstUnauthorised
        self.unauthorisedCount = unauthorisedCount
    }

    /// The chain and the signatures.
    public var chain: VerifyReport
    /// Projection rows that disagree with the events (`EventLog.projectionFaults()`; only the
    /// full `run` looks).
    public var projectionFaults: [ProjectionDifference] = []
    /// Events checked against the grants.
    public var checkedEvents: Int64
    /// The first event whose signer had no right to it, and how many such events.
    public var firstUnauthorised: UnauthorisedEvent?
    public var unauthorisedCount: Int64
    /// The receipts and the ones the store no longer extends (`run(witnesses: true)` only;
    /// judged only when the chain is intact).
    public var witnesses: WitnessReport?

    /// Whether the chain, every signature and every signer's right check out (and, when asked,
    /// every receipt).
    public var isIntact: Bool { chain.isIntact && firstUnauthorised == nil && projectionFaults.isEmpty && (witnesses?.faults.isEmpty ?? true) }

    /// The first fault found, as a sentence: a broken event, a bad commit or an event signed
    /// without the grant; `nil` when intact.
    public func firstFault(_ language: Language) -> String? {
        if let broken = chain.firstBroken { return broken.message(language) }
        if let bad = chain.commits.firstBad { return bad.message(language) }
        if let unauthorised = firstUnauthorised { return unauthorised.message(language) }
        return projectionFaults.first.map { first in
            language == .vi ? "bảng hồ sơ không khớp với các sự kiện: \(first.message(language)) (có người sửa tệp ngoài chương trình; `khenthuong rebuild --check` cho biết chi tiết)"
                            : "the dossier table does not match the events: \(first.message(language)) (someone edited the file behind the program; `khenthuong rebuild --check` shows the details)"
        } ?? witnesses?.faults.first?.message(language)
    }

    /// Verifies `log` from the first event, and keeps the point reached as the store's
    /// verified mark when everything checks out.
    /// - Parameter progress: called now and then with (events read, newest event number).
    /// - Parameter witnesses: also check every receipt the store keeps (`verify --witnesses`):
    ///   the Merkle root at each cosigned size is computed during the same read of the chain.
    public static func run(_ log: any EventLog, definitions: Definitions,
                           progress: ((Int64, Int64) -> Void)? = nil, witnesses: Bool = false) throws -> StoreAudit {
        var walk = GrantWalk(commits: [], definitions: definitions, directory: Directory(), dossier: { (try? log.dossierUnits($0)) ?? nil })
        var receipts: [(seq: Int64, receipt: Receipt)] = []
        if witnesses {
            for e in try log.records(named: Receipt.kind) { receipts.append((e.seq, try e.record(Receipt.self))) }
            walk.merkle = MerkleRootsAtSizes(sizes: receipts.map(\.receipt.checkpoint.eventCount))
        }
        // A store with no signature and no directory record (written before signatures) has no
        // grant to check: its events are counted unsigned, and the walk is skipped.
        var hasDirectory = false
        for kind in Directory.recordKinds where !hasDirectory { hasDirectory = !(try log.records(named: kind).isEmpty) }
        // (Commits without a directory record are read only then: the walk reads them otherwise.)
        let walks = try hasDirectory || !receipts.isEmpty || !log.commits(from: 1).isEmpty
        // The grant walk runs during verify's read of the chain, while the signatures are
        // checked on the other cores; its result counts only when the whole chain, signatures
        // included, is intact.
        let chain = walks
            ? try log.verify(progress: progress, skeletons: Set(Directory.recordKinds), walk: &walk)
            : try log.verify(progress: progress)
        var audit = chain.isIntact
            ? StoreAudit(chain: chain, checkedEvents: walk.checked, firstUnauthorised: walk.first, unauthorisedCount: walk.count)
            : StoreAudit(chain: chain, checkedEvents: 0, firstUnauthorised: nil, unauthorisedCount: 0)
        if chain.isIntact { audit.projectionFaults = try log.projectionFaults() }
        if witnesses, chain.isIntact, let roots = walk.merkle {
            audit.witnesses = try WitnessReport.judge(receipts, roots: roots, storeID: try log.storeID(), events: chain.headSeq ?? 0,
                                                      hash: { try log.hash(at: $0) })
        }
        if audit.isIntact, let seq = chain.headSeq, let hash = chain.headHash {
            log.saveVerifiedMark(VerifiedMark(seq: seq, hash: hash, signedFrom: walk.firstSignedSeq))
        }
        return audit
    }

    /// The check official outputs run before reporting: only what follows the store's verified
    /// mark (the whole chain when there is none, or when the mark's event no longer has the
    /// mark's hash), then the mark moves to the head. The chain from the mark, every signature
    /// after it and every signer's right are checked, as `run` does.
    public static func checkSinceMark(_ log: any EventLog, definitions: Definitions) throws -> StoreAudit {
        guard let mark = try log.verifiedMark(), let stored = try log.hash(at: mark.seq),
              stored.utf8.elementsEqual(mark.hash.utf8) else {
            return try run(log, definitions: definitions)
        }
        let start = mark.seq + 1
        // One read: the commit ending at the mark (if any), then those after it.
        var fromMark = try log.commits(from: mark.seq)
        let atMark = fromMark.first.flatMap { $0.lastSeq == mark.seq ? $0 : nil }
        if atMark != nil { fromMark.removeFirst() }
        let commits = fromMark
        let storeID = try log.storeID()
        // The signatures are checked on the other cores while the directory is read and the
        // chain and the grants are walked here.
        let signing = DispatchGroup()
        nonisolated(unsafe) var valid: [Bool] = []
        DispatchQueue.global().async(group: signing) { valid = CommitCheck.signaturesValid(commits, storeID: storeID) }
        defer { signing.wait() }
        // The directory as it stood at the mark, then replayed on with the events.
        var directory = Directory()
        var before: [StoredEvent] = []
        for kind in Directory.recordKinds { before += try log.records(named: kind).filter { $0.seq < start } }
        for event in before.sorted(by: { $0.seq < $1.seq }) { try directory.apply(event) }
        // In a signed store the mark must be a signed commit's head, signed by a key of the
        // directory: someone who rewrote the file and moved the mark would need such a key.
        if let signedFrom = mark.signedFrom, mark.seq >= signedFrom {
            guard let atMark, atMark.headHash.utf8.elementsEqual(mark.hash.utf8),
                  atMark.signatureIsValid(storeID: storeID), directory.knows(atMark.publicKey) else {
                return try run(log, definitions: definitions)
            }
        }
        var walk = GrantWalk(commits: commits, definitions: definitions, directory: directory, dossier: { (try? log.dossierUnits($0)) ?? nil })
        var verifier = ChainVerifier(after: mark.seq, hash: mark.hash)
        var hashes: [Int64: String] = [:]
        try log.scan(from: start) { event throws(StoreError) in
            verifier.check(event)
            hashes[event.seq] = event.hash
            walk.check(event)
        }
        var chain = verifier.report
        let head = chain.headSeq ?? mark.seq
        signing.wait()
        chain.commits = CommitCheck.run(commits.map { ($0, hashes[$0.lastSeq]) }, headSeq: head, storeID: storeID,
                                        from: start, signedFrom: mark.signedFrom, valid: valid)
        let audit = StoreAudit(chain: chain, checkedEvents: walk.checked, firstUnauthorised: walk.first, unauthorisedCount: walk.count)
        if audit.isIntact, let seq = chain.headSeq, let hash = chain.headHash {
            log.saveVerifiedMark(VerifiedMark(seq: seq, hash: hash, signedFrom: mark.signedFrom ?? commits.first?.firstSeq))
        }
        return audit
    }
}

/// An event whose signer had no right to it.
public struct UnauthorisedEvent: Sendable, Equatable {
    public var seq: Int64
    public var subject: String
    /// The signing key's id, and the name the directory gives its holder (if any).
    public var keyID: String?
    public var signerName: String?
    public var reason: LocalizedText

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        let who = keyID.map { k in
            let name = signerName.map { " (\($0))" } ?? ""
            return vi ? ", ký bằng khóa \(k)\(name)" : ", signed by key \(k)\(name)"
        } ?? (vi ? ", không có chữ ký" : ", unsigned")
        return vi ? "sự kiện số \(seq) (\(subject))\(who): \(reason.vi)" : "event \(seq) (\(subject))\(who): \(reason.en)"
    }
}

/// The walk behind `StoreAudit`: events in chain order, the directory replayed as it goes.
struct GrantWalk: VerifyWalk {
    private var commits: [StoredCommit]
    private var commitIndex = 0
    /// Each workflow by id, boxed: looked up for every transition without copying it.
    private let workflows: [String: WorkflowBox]
    private var directory = Directory()
    /// Each dossier's workflow and units, from its creation.
    private var dossiers: [String: (workflow: String, proposer: String, addressee: String)] = [:]
    /// Bumped by every directory record: a grant found for a key stays found until then.
    private var directoryVersion = 0
    /// The last grant check that passed: the commit, the actor and the directory it held in
    /// (the events of one commit are mostly one actor's).
    private var lastHeld: (commit: Int, actor: Actor, version: Int)?
    private(set) var checked: Int64 = 0
    private(set) var first: UnauthorisedEvent?
    private(set) var count: Int64 = 0

    /// Reads the workflow and units of a dossier created before the walk began (they never change).
    private let lookUp: (String) -> (workflow: String, proposer: String, addressee: String)?

    init(commits: [StoredCommit], definitions: Definitions, directory: Directory,
         dossier: @escaping (String) -> (workflow: String, proposer: String, addressee: String)?) {
        self.commits = commits
        self.workflows = definitions.workflows.mapValues(WorkflowBox.init)
        self.directory = directory
        self.lookUp = dossier
    }

    mutating func start(commits: [StoredCommit]) { self.commits = commits }

    mutating func visit(_ event: StoredEvent) { check(event) }

    /// The Merkle roots at the cosigned sizes (`verify --witnesses`), fed in verify's read.
    var merkle: MerkleRootsAtSizes?

    var hashesThrough: Int64 { merkle?.through ?? 0 }

    mutating func visitHash(seq: Int64, hex: UnsafeBufferPointer<UInt8>) { merkle?.add(seq: seq, hex: hex) }

    /// The first event of the first signed commit.
    var firstSignedSeq: Int64? { commits.first?.firstSeq }

    /// The key of the commit covering `seq`, if any (events come in order, so the index only moves on).
    private mutating func key(covering seq: Int64) -> PublicKey? {
        while commitIndex < commits.count, commits[commitIndex].lastSeq < seq { commitIndex += 1 }
        guard commitIndex < commits.count, commits[commitIndex].firstSeq <= seq else { return nil }
        return commits[commitIndex].publicKey
    }

    private mutating func fail(_ event: StoredEvent, _ key: PublicKey?, _ reason: LocalizedText) {
        count += 1
        guard first == nil else { return }
        let name = key.flatMap { k in directory.administrator(for: k)?.name ?? directory.grants(for: k).first?.name }
        first = UnauthorisedEvent(seq: event.seq, subject: event.dossierID, keyID: key?.id, signerName: name, reason: reason)
    }

    mutating func check(_ event: StoredEvent) {
        checked += 1
        let key = key(covering: event.seq)
        let isDirectoryRecord = event.kind == .record && Directory.recordKinds.contains(event.event)
        if isDirectoryRecord {
            checkDirectoryRecord(event, key)
        } else if let key {
            checkGrant(event, key)
        } else if !directory.isEmpty {
            fail(event, nil, .init(vi: "không có chữ ký, dù kho đã có danh bạ khóa", en: "not signed, though the store has a key directory"))
        }
        if event.kind == .created, let d = EventPayload.creationUnits(event.payload), d.id == event.dossierID {
            dossiers[event.dossierID] = (d.workflow, d.proposer, d.addressee)
        }
        if isDirectoryRecord { directoryVersion += 1 }
        do { try directory.apply(event) } catch {
            let why: LocalizedText = switch error {
            case let e as DirectoryError: e.message
            case let e as StoreError: .init(vi: e.message(.vi), en: e.message(.en))
            default: .init(vi: "\(error)", en: "\(error)")
            }
            fail(event, key, .init(vi: "bản ghi danh bạ không hợp lệ: \(why.vi)", en: "an invalid directory record: \(why.en)"))
        }
    }

    private mutating func checkDirectoryRecord(_ event: StoredEvent, _ key: PublicKey?) {
        guard let key else {
            fail(event, nil, .init(vi: "bản ghi danh bạ không có chữ ký", en: "a directory record without a signature"))
            return
        }
        if directory.administrator(for: key) != nil { return }
        // The first administrator signs their own record (`init`).
        if directory.isEmpty, event.event == AdministratorAdded.kind,
           let r = try? event.record(AdministratorAdded.self), r.key == key { return }
        fail(event, key, .init(vi: "người ký không phải quản trị viên lúc đó", en: "the signer was not an administrator at the time"))
    }

    private mutating func checkGrant(_ event: StoredEvent, _ key: PublicKey) {
        let actor = event.actor
        let held: Bool
        if let last = lastHeld, last.commit == commitIndex, last.version == directoryVersion, last.actor == actor {
            held = true
        } else if actor.role == Grant.administratorRole {
            held = directory.administrator(for: key).map { $0.user == actor.user } ?? false
        } else {
            held = directory.grant(for: key, role: actor.role, unit: actor.unit).map { $0.user == actor.user } ?? false
        }
        guard held else {
            fail(event, key, .init(vi: "khóa ký không có quyền \(actor) lúc đó", en: "the signing key held no grant \(actor) at the time"))
            return
        }
        lastHeld = (commitIndex, actor, directoryVersion)
        guard event.kind == .transition, let from = event.fromState else { return }
        let units: (workflow: String, proposer: String, addressee: String)
        if let known = dossiers[event.dossierID] {
            units = known
        } else if let found = lookUp(event.dossierID) {
            units = found
            dossiers[event.dossierID] = found
        } else {
            return
        }
        guard let box = workflows[units.workflow] else { return }
        if let reason = box.workflow.authorises(actor, event: event.event, from: from, proposerUnit: units.proposer, addresseeUnit: units.addressee) {
            fail(event, key, .init(vi: Refusal.describe(reason, .vi, workflow: box.workflow), en: Refusal.describe(reason, .en, workflow: box.workflow)))
        }
    }
}

/// A workflow held by reference.
private final class WorkflowBox {
    let workflow: Workflow
    init(_ workflow: Workflow) { self.workflow = workflow }
}
