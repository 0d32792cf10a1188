import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Text helpers for publication: search keys and file names.
package enum Text {
    /// `text` folded for search: diacritics removed (đ/Đ → d), lower case, runs of white space
    /// made one space, trimmed. “Nguyễn Thị Hoa” and “nguyen  THI hoa” give the same key.
    ///
    /// The published search page folds the query the same way in JavaScript
    /// (`normalize('NFD')`, combining marks U+0300–U+036F removed, `đ`→`d`, lower case).
    package static func searchKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch scalar {
            case "đ", "Đ": out.append("d")
            default: out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// A file-name fragment for `text`: its search key with every run of characters other than
    /// `a–z` and `0–9` made one `-` (“123/QĐ-TLĐ” → `123-qd-tld`); `x` when nothing is left.
    package static func slug(_ text: String) -> String {
        var out = ""
        for scalar in searchKey(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : String(out.prefix(80))
    }
}
