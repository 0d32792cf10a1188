import Foundation

extension String {
    /// The text in Unicode NFC, as every stored text must be. ASCII text is returned as is
    /// without a trip through Foundation; importers and the command line call this where
    /// text enters the system.
    public var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return precomposedStringWithCanonicalMapping
    }
}
