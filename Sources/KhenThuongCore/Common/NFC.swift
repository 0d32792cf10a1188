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
        if let plain = utf8.withContiguousStorageIfAvailable(Self.plainUTF8) { return plain ? self : precomposedStringWithCanonicalMapping }
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var plain = true
        for u in unicodeScalars where u.value >= 0x300 && !(0x1E00..<0x1F00).contains(u.value) {
            plain = false
            break
        }
        return plain ? self : precomposedStringWithCanonicalMapping
    }

    /// Whether the (valid) UTF-8 `bytes` hold only scalars below U+0300 or in U+1E00–U+1EFF,
    /// read from the bytes: a lead byte below 0xCC starts a scalar below U+0300; U+1E00–U+1EFF
    /// are 0xE1 followed by 0xB8…0xBB; every other lead byte starts a scalar outside both.
    static func plainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0xCC { i += 1; continue } // ASCII, a continuation byte, or a scalar below U+0300
            guard b == 0xE1, i + 1 < n, bytes[i + 1] >= 0xB8 && bytes[i + 1] <= 0xBB else { return false }
            i += 3
        }
        return true
    }
}
