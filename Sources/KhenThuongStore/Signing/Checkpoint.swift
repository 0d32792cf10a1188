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
/// khenthuong-checkpoint/1
/// store 8c1f…
/// events 71
/// head eb8f…
/// at 2025-12-01T02:00:00.000Z
///
/// — 3f2a9c… ed25519:base64-public-key base64-signature
/// ```
public struct Checkpoint: Sendable, Equatable {
    public var storeID: String
    public var eventCount: Int64
    public var headHash: String
    public var at: Date
    public var publicKey: PublicKey
    public var signature: [UInt8]

    static let header = "khenthuong-checkpoint/1"

    /// The signed checkpoint of `log` as it is now.
    public static func make(_ log: any EventLog, signer: any CommitSigner, at time: Date) throws(StoreError) -> Checkpoint {
        let head = try log.head()
        var c = Checkpoint(storeID: try log.storeID(), eventCount: head?.seq ?? 0, headHash: head?.hash ?? StoredEvent.genesisHash,
                           at: StoreTime.truncated(time), publicKey: signer.publicKey, signature: [])
        do {
            c.signature = try signer.sign(Array(c.body.utf8))
        } catch {
            throw StoreError.signingFailed(path: log.location, detail: "\(error)")
        }
        return c
    }

    /// The signed part.
    public var body: String {
        "\(Self.header)\nstore \(storeID)\nevents \(eventCount)\nhead \(headHash)\nat \(StoreTime.iso(at))\n"
    }

    /// The whole text, as written to a file.
    public var text: String {
        body + "\n— \(publicKey.id) \(publicKey.text) \(Data(signature).base64EncodedString())\n"
    }

    /// Whether the signature is the key's over the body.
    public var signatureIsValid: Bool { publicKey.verify(signature: signature, message: Array(body.utf8)) }

    public init(storeID: String, eventCount: Int64, headHash: String, at: Date, publicKey: PublicKey, signature: [UInt8]) {
        self.storeID = storeID
        self.eventCount = eventCount
        self.headHash = headHash
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
        guard lines.first == Self.header else { throw .malformed(line: 1, detail: "expected “\(Self.header)”") }
        let store = try field(1, "store")
        guard let events = Int64(try field(2, "events")), events >= 0 else { throw .malformed(line: 3, detail: "the event count is not a number") }
        let head = try field(3, "head")
        guard head.utf8.count == 64, head.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw .malformed(line: 4, detail: "the head is not a SHA-256 in hex")
        }
        guard let at = StoreTime.parseDate(try field(4, "at")) else { throw .malformed(line: 5, detail: "the time is not an ISO 8601 time") }
        guard lines.count > 6, lines[5].isEmpty else { throw .malformed(line: 6, detail: "expected an empty line before the signature") }
        let parts = lines[6].split(separator: " ").map(String.init)
        guard parts.count == 4, parts[0] == "—" else { throw .malformed(line: 7, detail: "expected “— KEY-ID PUBLIC-KEY SIGNATURE”") }
        let key: PublicKey
        do { key = try PublicKey(text: parts[2]) } catch { throw .malformed(line: 7, detail: "the public key is not readable") }
        guard let signature = Data(base64Encoded: parts[3]) else { throw .malformed(line: 7, detail: "the signature is not base64") }
        self.init(storeID: store, eventCount: events, headHash: head, at: at, publicKey: key, signature: Array(signature))
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
