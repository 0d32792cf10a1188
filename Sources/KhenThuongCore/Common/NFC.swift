import Foundation

extension String {
    /// The text in Unicode NFC, as every stored text must be.
    ///
    /// Text made only of scalars below U+0300 or in Latin Extended Additional
    /// (U+1E00–U+1EFF, where precomposed Vietnamese letters live) is already NFC: every such
    /// scalar has NFC_Quick_Check = Yes and none can combine with a neighbour. That covers
    /// Vietnamese written with precomposed letters, so only decomposed input (e.g. typed with
    /// "Unicode tổ hợp") takes the trip through Foundation.
    public var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var plain = true
        for u in unicodeScalars where u.value >= 0x300 && !(0x1E00..<0x1F00).contains(u.value) {
            plain = false
            break
        }
        return plain ? self : precomposedStringWithCanonicalMapping
    }
}
