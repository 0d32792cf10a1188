/// Why a key could not be made, read, written or used.
///
/// Each case says what went wrong with the key itself; the file it came from is named by the
/// caller (the command line names the path it was given) except for the cases that are about
/// the file (`unreadableFile`, `unwritableFile`, `fileExists`).
public enum SigningError: Error, Sendable, Equatable {
    /// A public key's text is neither `ed25519:<base64 of 32 bytes>` nor a PEM public key block.
    case malformedPublicKey(detail: String)
    /// OpenSSL could not sign (it names why).
    case signingFailed(detail: String)
    /// OpenSSL could not make a new key pair.
    case keyGenerationFailed(detail: String)
    /// OpenSSL could not write the key as PEM.
    case encodingFailed(detail: String)
    /// The private key is encrypted and no passphrase was given.
    case passphraseRequired
    /// The passphrase given does not decrypt the private key.
    case wrongPassphrase
    /// A public key was given where a private key is needed.
    case publicKeyGiven
    /// The text is not a readable private key: truncated, garbled, or no PEM block at all.
    case malformedKey(detail: String)
    /// The key is of an algorithm the store does not sign with (`name` as OpenSSL names it, e.g. "RSA").
    case unsupportedAlgorithm(name: String)
    /// The key file cannot be read (missing, a folder, no permission).
    case unreadableFile(path: String, detail: String)
    /// The key file cannot be written (no such folder, no permission, disk full).
    case unwritableFile(path: String, detail: String)
    /// A file already exists where a new key was to be written; it is left as it is.
    case fileExists(path: String)
}

extension SigningError: CustomStringConvertible {
    /// What went wrong, in a few English words, for a message that quotes it (a failed commit
    /// signature); the command line's own messages are bilingual (`CLIError.from`).
    public var description: String {
        switch self {
        case .malformedPublicKey(let detail): "not a public key: \(detail)"
        case .signingFailed(let detail): "the key could not sign: \(detail)"
        case .keyGenerationFailed(let detail): "no key could be made: \(detail)"
        case .encodingFailed(let detail): "the key could not be written: \(detail)"
        case .passphraseRequired: "the key is encrypted and no passphrase was given"
        case .wrongPassphrase: "the passphrase is wrong"
        case .publicKeyGiven: "a public key was given where the private key is needed"
        case .malformedKey(let detail): "the key file is damaged: \(detail)"
        case .unsupportedAlgorithm(let name): "a \(name) key, not Ed25519"
        case .unreadableFile(let path, let detail): "cannot read \(path): \(detail)"
        case .unwritableFile(let path, let detail): "cannot write \(path): \(detail)"
        case .fileExists(let path): "\(path) already exists"
        }
    }
}
