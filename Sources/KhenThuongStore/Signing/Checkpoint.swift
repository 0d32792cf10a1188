import Foundation
import KhenThuongCore

/// A signed statement of how far a store's chain went at one moment: its id, how many events,
/// the head hash, the time and the signer. Kept outside the store (a file, the public site), it
/// proves later that the store still extends it: a store whose chain was truncated, or edited
/// and recomputed, no longer holds that head at that number.
///
/// The text, a body of one field per line, a blank line, then the signature line:
///
/// ```
/// khenthuong-checkpoint/2
/// store 8c1f…
/// events 71
/// head eb8f…
/// root 5dc9…
/// at 2025-12-01T02:00:00.000Z
///
/// — 3f2a9c… ed25519:base64-public-key base64-signature
/// ```
///
/// `root` (version 2) is the RFC 9162 Merkle tree head over the events' hashes 1 through
/// `events` (`EventLog.merkleRoot(size:)`): an award's verification file proves its events
/// against it with a few audit-path hashes. A version 1 checkpoint (no `root` line) is still
/// read and checked as before. The fields match a C2SP `tlog-checkpoint` body (origin, tree
/// size, root hash) with the store id for the origin and hex for base64.
public struct Checkpoint: Sendable, Equatable {
    public var storeID: String
    public var eventCount: Int64
    public var headHash: String
    /// The Merkle root of events 1 through `eventCount` (lowercase hex); `nil` in a version 1 checkpoint.
    public var root: String?
    public var at: Date
    public var publicKey: PublicKey
    public var signature: [UInt8]

    static let header = "khenthuong-checkpoint/2"
    /// The first line of a checkpoint without a Merkle root, still read.
    static let headerVersion1 = "khenthuong-checkpoint/1"

    /// The signed checkpoint of `log` as it is now.
    public static func make(_ log: any EventLog, signer: any CommitSigner, at time: Date) throws(StoreError) -> Checkpoint {
        let head = try log.head()
        let count = head?.seq ?? 0
        var c = Checkpoint(storeID: try log.storeID(), eventCount: count, headHash: head?.hash ?? StoredEvent.genesisHash,
                           at: StoreTime.truncated(time), publicKey: signer.publicKey, signature: [],
                           root: MerkleHash.hex(try log.merkleRoot(size: count)))
        do {
            c.signature = try signer.sign(Array(c.body.utf8))
        } catch {
            throw StoreError.signingFailed(path: log.location, detail: "\(error)")
        }
        return c
    }

    /// The signed part.
    public var body: String {
        guard let root else {
            return "\(Self.headerVersion1)\nstore \(storeID)\nevents \(eventCount)\nhead \(headHash)\nat \(StoreTime.iso(at))\n"
        }
        return "\(Self.header)\nstore \(storeID)\nevents \(eventCount)\nhead \(headHash)\nroot \(root)\nat \(StoreTime.iso(at))\n"
    }

    /// The whole text, as written to a file.
    public var text: String {
        body + "\n— \(publicKey.id) \(publicKey.text) \(Data(signature).base64EncodedString())\n"
    }

    /// Whether the signature is the key's over the body.
    public var signatureIsValid: Bool { publicKey.verify(signature: signature, message: Array(body.utf8)) }

    public init(storeID: String, eventCount: Int64, headHash: String, at: Date, publicKey: PublicKey, signature: [UInt8], root: String? = nil) {
        self.storeID = storeID
        self.eventCount = eventCount
        self.headHash = headHash
        self.root = root
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
    }

    /// Reads a checkpoint's text.
    /// - Throws: `CheckpointError.malformed` naming the line at fault.
    public init(parsing text: String) throws(CheckpointError) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func field(_ n: Int, _ name: String) throws(CheckpointError) -> String {
            guard n < lines.count, lines[n].hasPrefix(name + " ") else {
                throw .malformed(line: n + 1, detail: "expected “\(name) …”")
            }
            return String(lines[n].dropFirst(name.count + 1))
        }
        func isHex(_ s: String) -> Bool { s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } }
        let hasRoot: Bool
        switch lines.first {
        case Self.header: hasRoot = true
        case Self.headerVersion1: hasRoot = false
        default: throw .malformed(line: 1, detail: "expected “\(Self.header)” (or “\(Self.headerVersion1)”)")
        }
        let store = try field(1, "store")
        guard let events = Int64(try field(2, "events")), events >= 0 else { throw .malformed(line: 3, detail: "the event count is not a number") }
        let head = try field(3, "head")
        guard isHex(head) else { throw .malformed(line: 4, detail: "the head is not a SHA-256 in hex") }
        var n = 4
        var root: String?
        if hasRoot {
            let r = try field(n, "root")
            guard isHex(r) else { throw .malformed(line: n + 1, detail: "the root is not a SHA-256 in hex") }
            root = r
            n += 1
        }
        guard let at = StoreTime.parseDate(try field(n, "at")) else { throw .malformed(line: n + 1, detail: "the time is not an ISO 8601 time") }
        guard lines.count > n + 2, lines[n + 1].isEmpty else { throw .malformed(line: n + 2, detail: "expected an empty line before the signature") }
        let parts = lines[n + 2].split(separator: " ").map(String.init)
        guard parts.count == 4, parts[0] == "—" else { throw .malformed(line: n + 3, detail: "expected “— KEY-ID PUBLIC-KEY SIGNATURE”") }
        let key: PublicKey
        do { key = try PublicKey(text: parts[2]) } catch { throw .malformed(line: n + 3, detail: "the public key is not readable") }
        guard let signature = Data(base64Encoded: parts[3]) else { throw .malformed(line: n + 3, detail: "the signature is not base64") }
        self.init(storeID: store, eventCount: events, headHash: head, at: at, publicKey: key, signature: Array(signature), root: root)
    }
}

/// Why a checkpoint file cannot be read.
public enum CheckpointError: Error, Sendable, Equatable {
    case malformed(line: Int, detail: String)
}

/// How a store stands against a checkpoint.
public enum CheckpointResult: Sendable, Equatable {
    /// The store holds the checkpoint's head at its number (and maybe more events after it).
    case extends
    /// The checkpoint's signature does not check out.
    case badSignature
    /// The checkpoint is of another store.
    case otherStore(found: String)
    /// The store has fewer events than the checkpoint: events were removed.
    case truncated(events: Int64)
    /// The event at the checkpoint's number has another hash: the chain was changed and recomputed.
    case differs(seq: Int64, hash: String)

    /// Checks `log` against `checkpoint`.
    public static func check(_ log: any EventLog, against checkpoint: Checkpoint) throws(StoreError) -> CheckpointResult {
        guard checkpoint.signatureIsValid else { return .badSignature }
        let id = try log.storeID()
        guard id.utf8.elementsEqual(checkpoint.storeID.utf8) else { return .otherStore(found: id) }
        let count = try log.head()?.seq ?? 0
        guard count >= checkpoint.eventCount else { return .truncated(events: count) }
        guard checkpoint.eventCount > 0 else { return .extends }
        guard let hash = try log.hash(at: checkpoint.eventCount) else { return .truncated(events: count) }
        return hash.utf8.elementsEqual(checkpoint.headHash.utf8) ? .extends : .differs(seq: checkpoint.eventCount, hash: hash)
    }
}
