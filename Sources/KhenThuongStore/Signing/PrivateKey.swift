import CCrypto
import Foundation

/// A private signing key (Ed25519), held as an OpenSSL key and freed with the value.
///
/// Made with `generate()`, kept on disk as PKCS#8 PEM (`pem(passphrase:)`, `KeyFile`), read
/// back with `load(pem:passphrase:)`. The key is not modified after it is made, so `sign` may
/// be called from several threads at once.
///
/// ```swift
/// let key = try PrivateKey.generate()
/// let signature = try key.sign(Array("statement".utf8))
/// key.publicKey.verify(signature: signature, message: Array("statement".utf8))  // true
/// ```
public final class PrivateKey: CommitSigner, @unchecked Sendable {
    /// The OpenSSL key (`EVP_PKEY`), owned by this object.
    private let pkey: OpaquePointer
    /// The public half.
    public let publicKey: PublicKey

    /// Takes ownership of `pkey`, which must be an Ed25519 private key.
    private init(owning pkey: OpaquePointer) throws(SigningError) {
        self.pkey = pkey
        do {
            self.publicKey = PublicKey(algorithm: try SignatureAlgorithm(pkey), raw: try PublicKey.rawPublicKey(pkey))
        } catch {
            EVP_PKEY_free(pkey)
            throw error
        }
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A key from a raw 32-byte Ed25519 secret (the RFC 8032 "secret key"), for known-answer tests.
    package convenience init(rawEd25519Seed seed: [UInt8]) throws(SigningError) {
        guard seed.count == 32, let pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count) else {
            throw .malformedKey(detail: OpenSSLErrors.detail("an Ed25519 secret is 32 bytes, not \(seed.count)"))
        }
        try self.init(owning: pkey)
    }

    /// A new key pair from OpenSSL's random generator.
    /// - Throws: `SigningError.keyGenerationFailed` when OpenSSL cannot make one.
    public static func generate(_ algorithm: SignatureAlgorithm = .ed25519) throws(SigningError) -> PrivateKey {
        guard let ctx = EVP_PKEY_CTX_new_id(algorithm.openSSLType, nil) else {
            throw .keyGenerationFailed(detail: OpenSSLErrors.detail("EVP_PKEY_CTX_new_id failed"))
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_keygen(ctx, &pkey) == 1, let pkey else {
            throw .keyGenerationFailed(detail: OpenSSLErrors.detail("EVP_PKEY_keygen failed"))
        }
        return try PrivateKey(owning: pkey)
    }

    /// The signature of `message` (64 bytes for Ed25519; the same message always gives the same signature).
    /// - Throws: `SigningError.signingFailed` with OpenSSL's reason.
    public func sign(_ message: [UInt8]) throws(SigningError) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw .signingFailed(detail: "EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, nil, nil, pkey) == 1 else {
            throw .signingFailed(detail: OpenSSLErrors.detail("EVP_DigestSignInit failed"))
        }
        var signature = [UInt8](repeating: 0, count: publicKey.algorithm.signatureLength)
        var length = signature.count
        let ok = message.withNonNilBaseAddress { base, count in
            EVP_DigestSign(ctx, &signature, &length, base, count) == 1
        }
        guard ok else { throw .signingFailed(detail: OpenSSLErrors.detail("EVP_DigestSign failed")) }
        return Array(signature.prefix(length))
    }

    /// The key as PKCS#8 PEM: `BEGIN ENCRYPTED PRIVATE KEY` (AES-256-CBC, key derived from the
    /// passphrase by OpenSSL's default PBKDF2) when `passphrase` is given and not empty,
    /// `BEGIN PRIVATE KEY` otherwise.
    /// - Throws: `SigningError.encodingFailed` with OpenSSL's reason.
    public func pem(passphrase: String?) throws(SigningError) -> String {
        let pkey = self.pkey
        let written: String?
        if let passphrase, !passphrase.isEmpty {
            let bytes = Array(passphrase.utf8)
            written = bytes.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { c in
                    MemoryBIO.writing { PEM_write_bio_PKCS8PrivateKey($0, pkey, EVP_aes_256_cbc(), c.baseAddress, Int32(c.count), nil, nil) == 1 }
                }
            }
        } else {
            written = MemoryBIO.writing { PEM_write_bio_PKCS8PrivateKey($0, pkey, nil, nil, 0, nil, nil) == 1 }
        }
        guard let written else { throw .encodingFailed(detail: OpenSSLErrors.detail("PEM_write_bio_PKCS8PrivateKey failed")) }
        return written
    }

    /// Reads a private key from PEM (PKCS#8, encrypted or not, or OpenSSL's older forms).
    /// Text before the `BEGIN` line (a `# Họ và tên:` comment) is ignored.
    /// - Parameter passphrase: decrypts an encrypted key; ignored for a key that is not encrypted.
    /// - Throws: `.passphraseRequired` (encrypted, no passphrase), `.wrongPassphrase`,
    ///   `.publicKeyGiven` (only a `BEGIN PUBLIC KEY` block), `.unsupportedAlgorithm` (an RSA or EC
    ///   key, named), `.malformedKey` (no PEM block, truncated or garbled).
    public static func load(pem: String, passphrase: String?) throws(SigningError) -> PrivateKey {
        let kind = PEMKind(pem)
        switch kind {
        case .none:
            if pem.contains("-----BEGIN PUBLIC KEY-----") { throw .publicKeyGiven }
            throw .malformedKey(detail: pem.contains("-----BEGIN") ? "no private key block" : "no PEM block (-----BEGIN … PRIVATE KEY-----)")
        case .encrypted where passphrase?.isEmpty ?? true:
            throw .passphraseRequired
        default:
            break
        }
        let loaded = MemoryBIO.reading(pem) { bio -> OpaquePointer? in
            if let passphrase, !passphrase.isEmpty {
                var bytes = Array(passphrase.utf8CString)
                return bytes.withUnsafeMutableBytes { PEM_read_bio_PrivateKey(bio, nil, nil, $0.baseAddress) }
            }
            // No passphrase: a callback that gives none, so that OpenSSL never prompts on the terminal.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let pkey = loaded ?? nil else {
            let errors = OpenSSLErrors.drain()
            if kind == .encrypted && (errors.contains { $0.contains("bad decrypt") } || PEMKind.isWellFormedEncrypted(pem)) {
                throw .wrongPassphrase
            }
            throw .malformedKey(detail: errors.isEmpty ? "unreadable PEM" : errors.joined(separator: "; "))
        }
        // OpenSSL's decoders may leave the errors of the formats they tried first.
        ERR_clear_error()
        return try PrivateKey(owning: pkey)
    }
}

/// Which private key block a PEM text holds, read from its `BEGIN` line.
enum PEMKind: Equatable {
    /// `BEGIN PRIVATE KEY` or an older unencrypted form (`BEGIN RSA PRIVATE KEY`…).
    case plain
    /// `BEGIN ENCRYPTED PRIVATE KEY`, or an older form with `Proc-Type: 4,ENCRYPTED`.
    case encrypted

    init?(_ pem: String) {
        guard pem.contains("-----BEGIN "), pem.contains("PRIVATE KEY-----") else { return nil }
        self = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED") ? .encrypted : .plain
    }

    /// Whether the encrypted PKCS#8 structure itself reads (so a failure to decrypt it is the passphrase's).
    static func isWellFormedEncrypted(_ pem: String) -> Bool {
        let sig = MemoryBIO.reading(pem) { bio in PEM_read_bio_PKCS8(bio, nil, { _, _, _, _ in 0 }, nil) } ?? nil
        guard let sig else {
            ERR_clear_error()
            return false
        }
        X509_SIG_free(sig)
        return true
    }
}
