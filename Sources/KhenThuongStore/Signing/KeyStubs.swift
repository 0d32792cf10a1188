// TEMPORARY stand-ins until the key layer lands (PublicKey.swift, PrivateKey.swift).
import Foundation

public struct PublicKey: Sendable, Hashable {
    public let algorithm: SignatureAlgorithm
    public let raw: [UInt8]
    public init(algorithm: SignatureAlgorithm, raw: [UInt8]) { self.algorithm = algorithm; self.raw = raw }
    public var id: String { SHA256Digest.hex(raw).prefix(16).description }
    public var text: String { "\(algorithm.rawValue):" + Data(raw).base64EncodedString() }
    public init(text: String) throws(SigningError) { throw SigningError.malformedPublicKey(detail: text) }
    public func verify(signature: [UInt8], message: [UInt8]) -> Bool { false }
}

public enum SigningError: Error, Sendable, Equatable {
    case malformedPublicKey(detail: String)
    case signingFailed(detail: String)
}
