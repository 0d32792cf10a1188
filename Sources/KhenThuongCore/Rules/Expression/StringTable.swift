import Foundation

/// Interns strings as `Int64` codes so that string equality is an integer compare.
///
/// A schema owns one table. The compiler interns string constants; the host interns string
/// facts when it fills a row; the same text always gets the same code. Code 0 is the empty
/// string, so a row of zeros holds empty strings. Texts are stored in NFC; canonically
/// equivalent texts (NFC or NFD) get the same code. Safe to use from several threads.
package final class StringTable: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String: Int64] = ["": 0]
    private var texts: [String] = [""]

    /// An empty table (holding only `""` as code 0).
    package init() {}

    /// The code of `text`, adding it to the table when it is new.
    package func intern(_ text: String) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if let code = codes[text] { return code }
        let stored = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        let code = Int64(texts.count)
        texts.append(stored)
        codes[stored] = code
        return code
    }

    /// The code of `text` when it is in the table, without adding it.
    package func code(of text: String) -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        return codes[text]
    }

    /// The text with `code`, or `nil` when no text has that code.
    package func text(for code: Int64) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard code >= 0, code < Int64(texts.count) else { return nil }
        return texts[Int(code)]
    }

    /// How many texts the table holds (including `""`).
    package var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return texts.count
    }
}
