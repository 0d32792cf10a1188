import Foundation

/// One signed commit: the events one command wrote (`firstSeq…lastSeq`), the chain head after
/// them, and the signature of the person whose key acted. The signature covers the commit
/// statement (`CommitStatement`), which names the head hash: since every event's hash covers the
/// one before it, one signature covers every event of the command and everything before.
public struct StoredCommit: Sendable, Equatable {
    /// The first and the last event of the commit.
    public var firstSeq: Int64
    public var lastSeq: Int64
    /// The hash of event `lastSeq` when the commit was signed.
    public var headHash: String
    /// When it was signed (the time of its events), to the millisecond.
    public var at: Date
    /// The signing key (its algorithm is the signature's).
    public var publicKey: PublicKey
    /// The signature over `statement(storeID:)`.
    public var signature: [UInt8]

    public init(firstSeq: Int64, lastSeq: Int64, headHash: String, at: Date, publicKey: PublicKey, signature: [UInt8]) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.headHash = headHash
        self.at = StoreTime.truncated(at)
        self.publicKey = publicKey
        self.signature = signature
    }

    /// A commit as a backend stores it (texts), checked.
    /// - Throws: `StoreError.corruptEvent` naming the commit's last event when a column is malformed.
    /// `keys` keeps the keys read so far by their text: a store holds many commits of few keys,
    /// and each key is parsed (and made an OpenSSL key) once.
    package init(lastSeq: Int64, firstSeq: Int64, headHash: String, atText: String, publicKeyText: String,
                 signatureText: String, path: String?, keys: inout [String: PublicKey]) throws(StoreError) {
        func bad(_ detail: String) -> StoreError {
            .corruptEvent(path: path, seq: lastSeq, detail: "the signature of events \(firstSeq)–\(lastSeq): \(detail)")
        }
        guard let at = StoreTime.parseDate(atText) else { throw bad("time “\(atText)” is not a time") }
        let key: PublicKey
        if let known = keys[publicKeyText] {
            key = known
        } else {
            do { key = try PublicKey(text: publicKeyText) } catch { throw bad("key “\(publicKeyText)” is not a public key") }
            keys[publicKeyText] = key
        }
        guard let signature = Data(base64Encoded: signatureText) else { throw bad("the signature is not base64") }
        self.init(firstSeq: firstSeq, lastSeq: lastSeq, headHash: headHash, at: at, publicKey: key, signature: Array(signature))
    }

    /// The statement this commit's signature covers, in the store `storeID`.
    public func statement(storeID: String) -> CommitStatement {
        CommitStatement(storeID: storeID, firstSeq: firstSeq, lastSeq: lastSeq, headHash: headHash, at: at, publicKey: publicKey)
    }

    /// Whether the signature is the key's over the statement.
    public func signatureIsValid(storeID: String) -> Bool {
        publicKey.verify(signature: signature, message: statement(storeID: storeID).bytes)
    }

    /// `signatureIsValid(storeID:)` reusing one thread's verification contexts.
    package func signatureIsValid(storeID: String, contexts: VerifyContexts) -> Bool {
        publicKey.verify(signature: signature, message: statement(storeID: storeID).bytes, contexts: contexts)
    }

    /// The signature as stored: base64.
    public var signatureText: String { Data(signature).base64EncodedString() }
}

/// The text a commit signature covers, one field per line:
///
/// ```
/// khenthuong-commit/1
/// store 8c1f…
/// events 41-43
/// head 9b2e…
/// at 2025-12-01T02:00:00.000Z
/// key ed25519:base64…
/// ```
///
/// The store id binds the signature to one store (a commit cannot be moved to another); the
/// key line names the algorithm, so another kind of key (an X.509 certificate's RSA or ECDSA
/// key) signs the same statement.
public struct CommitStatement: Sendable, Equatable {
    public var storeID: String
    public var firstSeq: Int64
    public var lastSeq: Int64
    public var headHash: String
    public var at: Date
    public var publicKey: PublicKey

    /// The statement's UTF-8 text.
    public var text: String {
        "khenthuong-commit/1\nstore \(storeID)\nevents \(firstSeq)-\(lastSeq)\nhead \(headHash)\nat \(StoreTime.iso(at))\nkey \(publicKey.text)\n"
    }

    /// The bytes signed.
    public var bytes: [UInt8] { Array(text.utf8) }
}
