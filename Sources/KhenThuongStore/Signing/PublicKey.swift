import CCrypto
import Foundation

/// The public half of a signing key: what the store records beside each signature and what an
/// administrator is given to grant a person a role.
///
/// Written as text `ed25519:<base64 of the 32 raw bytes>`; `id` is a short fingerprint for
/// people to compare. Verification goes through OpenSSL's libcrypto. The OpenSSL key object is
/// made once, when the value is made, and only read afterwards, so `verify` may be called from
/// several threads at once.
///
/// ```swift
/// let key = try PublicKey(text: "ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
/// key.verify(signature: signature, message: Array("…".utf8))
/// ```
public struct PublicKey: Sendable, Hashable {
    /// The algorithm the key belongs to.
    public let algorithm: SignatureAlgorithm
    /// The raw public key: 32 bytes for Ed25519.
    public let raw: [UInt8]
    /// The OpenSSL key, or `nil` when `raw` is not a valid key of `algorithm` (then nothing verifies).
    private let verifier: VerifierKey?
    /// The key as text: `ed25519:` and the base64 of `raw` (made once: every commit statement
    /// names it).
    public let text: String

    /// A key from its raw bytes. It does not throw: a key of the wrong length verifies nothing.
    public init(algorithm: SignatureAlgorithm, raw: [UInt8]) {
        self.algorithm = algorithm
        self.raw = raw
        self.verifier = VerifierKey(algorithm: algorithm, raw: raw)
        self.text = "\(algorithm.rawValue):" + Data(raw).base64EncodedString()
    }

    /// A short fingerprint: the first 16 lowercase hex digits of the SHA-256 of `raw`.
    public var id: String { SHA256Digest.hex(raw).prefix(16).description }

    /// Reads a key written as `text` (`ed25519:<base64>`) or as a PEM `BEGIN PUBLIC KEY` block
    /// (SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it). Surrounding blank space is ignored.
    /// - Throws: `SigningError.malformedPublicKey` for anything else; `.unsupportedAlgorithm`
    ///   for a PEM public key of another algorithm (RSA, EC…).
    public init(text: String) throws(SigningError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("-----BEGIN PUBLIC KEY-----") {
            self = try PublicKey(pem: trimmed)
            return
        }
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let algorithm = SignatureAlgorithm(rawValue: parts[0].lowercased()) else {
            throw .malformedPublicKey(detail: "expected ed25519:<base64>, got “\(PublicKey.excerpt(trimmed))”")
        }
        guard let data = Data(base64Encoded: String(parts[1])), data.count == algorithm.publicKeyLength else {
            throw .malformedPublicKey(detail: "the base64 after “\(algorithm.rawValue):” is not \(algorithm.publicKeyLength) bytes")
        }
        self.init(algorithm: algorithm, raw: Array(data))
    }

    /// Whether `signature` is this key's signature of `message`. A malformed signature or key is
    /// simply not valid. Safe to call from several threads at once.
    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let verifier, signature.count == algorithm.signatureLength else { return false }
        return verifier.verify(signature: signature, message: message)
    }

    /// `verify(signature:message:)` for many signatures on one thread: the OpenSSL context of
    /// each key is kept in `contexts` and re-initialised for every signature, which spares
    /// allocating it and looking the algorithm up each time (about a fifth of an Ed25519
    /// verification). The same answer as `verify(signature:message:)`.
    package func verify(signature: [UInt8], message: [UInt8], contexts: VerifyContexts) -> Bool {
        guard let verifier, signature.count == algorithm.signatureLength else { return false }
        guard let ctx = contexts.context(for: verifier) else { return verify(signature: signature, message: message) }
        return verifier.verify(signature: signature, message: message, initialisedContext: ctx)
    }

    /// The key as a PEM `BEGIN PUBLIC KEY` block (SubjectPublicKeyInfo).
    package func pem() throws(SigningError) -> String {
        guard let verifier else { throw .encodingFailed(detail: "not a valid \(algorithm.rawValue) public key") }
        guard let text = MemoryBIO.writing({ PEM_write_bio_PUBKEY($0, verifier.pkey) == 1 }) else {
            throw .encodingFailed(detail: OpenSSLErrors.detail("PEM_write_bio_PUBKEY failed"))
        }
        return text
    }

    /// A key from a PEM `BEGIN PUBLIC KEY` block.
    init(pem: String) throws(SigningError) {
        let loaded = MemoryBIO.reading(pem) { bio in PEM_read_bio_PUBKEY(bio, nil, nil, nil) }
        guard let pkey = loaded ?? nil else {
            throw .malformedPublicKey(detail: OpenSSLErrors.detail("not a readable PEM public key"))
        }
        defer { EVP_PKEY_free(pkey) }
        self.init(algorithm: try SignatureAlgorithm(pkey), raw: try PublicKey.rawPublicKey(pkey))
    }

    /// The raw public bytes of an OpenSSL key.
    static func rawPublicKey(_ pkey: OpaquePointer) throws(SigningError) -> [UInt8] {
        var length = 0
        guard EVP_PKEY_get_raw_public_key(pkey, nil, &length) == 1 else {
            throw .malformedKey(detail: OpenSSLErrors.detail("no raw public key"))
        }
        var raw = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_raw_public_key(pkey, &raw, &length) == 1 else {
            throw .malformedKey(detail: OpenSSLErrors.detail("no raw public key"))
        }
        return Array(raw.prefix(length))
    }

    static func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    public static func == (a: PublicKey, b: PublicKey) -> Bool {
        a.algorithm == b.algorithm && a.raw == b.raw
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(algorithm)
        hasher.combine(raw)
    }
}

extension SignatureAlgorithm {
    /// The length of a raw public key.
    var publicKeyLength: Int { 32 }
    /// The length of a signature.
    var signatureLength: Int { 64 }
    /// The OpenSSL key type.
    var openSSLType: Int32 { EVP_PKEY_ED25519 }

    /// The algorithm of an OpenSSL key.
    /// - Throws: `.unsupportedAlgorithm` naming the key's type as OpenSSL names it ("RSA", "EC"…).
    init(_ pkey: OpaquePointer) throws(SigningError) {
        let type = EVP_PKEY_get_base_id(pkey)
        if type == EVP_PKEY_ED25519 {
            self = .ed25519
            return
        }
        let name = EVP_PKEY_get0_type_name(pkey).map { String(cString: $0) }
            ?? OBJ_nid2sn(type).map { String(cString: $0) } ?? "NID \(type)"
        throw .unsupportedAlgorithm(name: name)
    }
}

/// One OpenSSL public key, made once and only read afterwards (OpenSSL allows a key that is
/// not modified to be used by several threads at once; each verification has its own context).
final class VerifierKey: @unchecked Sendable {
    let pkey: OpaquePointer

    init?(algorithm: SignatureAlgorithm, raw: [UInt8]) {
        guard raw.count == algorithm.publicKeyLength,
              let pkey = EVP_PKEY_new_raw_public_key(algorithm.openSSLType, nil, raw, raw.count) else {
            ERR_clear_error()
            return nil
        }
        self.pkey = pkey
    }

    deinit { EVP_PKEY_free(pkey) }

    func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        return verify(signature: signature, message: message, context: ctx)
    }

    /// Verifies with `ctx`, initialised once for this key: a one-shot Ed25519 verification
    /// (`EVP_DigestVerify`, no streaming digest) leaves the context ready for the next one, as
    /// `openssl speed` uses it.
    func verify(signature: [UInt8], message: [UInt8], initialisedContext ctx: OpaquePointer) -> Bool {
        let ok = message.withNonNilBaseAddress { base, count in
            EVP_DigestVerify(ctx, signature, signature.count, base, count) == 1
        }
        if !ok { ERR_clear_error() }
        return ok
    }

    /// Verifies with `ctx`, a context used only with this key (initialised here, every time).
    func verify(signature: [UInt8], message: [UInt8], context ctx: OpaquePointer) -> Bool {
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, pkey) == 1 else {
            ERR_clear_error()
            return false
        }
        let ok = message.withNonNilBaseAddress { base, count in
            EVP_DigestVerify(ctx, signature, signature.count, base, count) == 1
        }
        if !ok { ERR_clear_error() }
        return ok
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with the bytes' address and count; an empty array still gets an address
    /// (OpenSSL reads nothing when the count is 0 but some of its paths reject a null pointer).
    func withNonNilBaseAddress<R>(_ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base, buffer.count) }
            let none: UInt8 = 0
            return withUnsafePointer(to: none) { body($0, 0) }
        }
    }
}

/// OpenSSL verification contexts kept per key for one thread's run of verifications
/// (`PublicKey.verify(signature:message:contexts:)`); not to be shared between threads.
package final class VerifyContexts {
    /// Each key's context, with the key kept alive (its object identity is the dictionary key).
    private var contexts: [ObjectIdentifier: (key: VerifierKey, ctx: OpaquePointer)] = [:]

    package init() {}

    deinit { for entry in contexts.values { EVP_MD_CTX_free(entry.ctx) } }

    fileprivate func context(for key: VerifierKey) -> OpaquePointer? {
        if let entry = contexts[ObjectIdentifier(key)] { return entry.ctx }
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, key.pkey) == 1 else {
            ERR_clear_error()
            EVP_MD_CTX_free(ctx)
            return nil
        }
        contexts[ObjectIdentifier(key)] = (key, ctx)
        return ctx
    }
}
