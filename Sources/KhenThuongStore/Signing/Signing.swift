import Foundation

/// A signature algorithm, named in every signature the store keeps, so that a store can hold
/// signatures of more than one kind (an X.509 certificate key — RSA or ECDSA, as Vietnamese
/// CAs issue for chữ ký số — can be added as a new case without changing the event format).
public enum SignatureAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    case ed25519
}

/// What signs a commit: a private key the acting person holds. The store asks it to sign the
/// commit statement (`CommitStatement.bytes`) and keeps the result beside the events.
public protocol CommitSigner: Sendable {
    /// The public half, recorded with each signature.
    var publicKey: PublicKey { get }
    /// Signs `message`.
    func sign(_ message: [UInt8]) throws(SigningError) -> [UInt8]
}
