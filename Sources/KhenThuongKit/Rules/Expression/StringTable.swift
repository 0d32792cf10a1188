import Foundation

/// Interns strings as `Int64` codes so that string equality is an integer compare.
///
/// A schema owns one table. The compiler interns string constants; the host interns string
/// facts when it fills a row; the same text always gets the same code. Code 0 is the empty
/// string, so a row of zeros holds empty strings. Texts are stored in NFC; canonically
/// equivalent texts (NFC or NFD) get the same code. Safe to use from several threads.
public final class StringTable: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String: Int64] = ["": 0]
    private var texts: [String] = [""]

    /// An empty table (holding only `""` as code 0).
    public init() {}

    /// The code of `text`, adding it to the table when it is new.
    public func intern(_ text: String) -> Int64 {
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
    public func code(of text: String) -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        return codes[text]
    }

    /// The text with `code`, or `nil` when no text has that code.
    public func text(for code: Int64) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard code >= 0, code < Int64(texts.count) else { return nil }
        return texts[Int(code)]
    }

    /// How many texts the table holds (including `""`).
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return texts.count
    }
}

/// Interns lists of encoded values (`Int64`) as handles, so a list fits in one row slot.
///
/// Handle 0 is the empty list. The compiler interns constant list literals used as values
/// (for example a function argument `["CSTDCS", "CSTD_TINH"]`); the host interns list facts
/// when it fills a row. Safe to use from several threads.
public final class ListTable: @unchecked Sendable {
    private let lock = NSLock()
    private var handles: [[Int64]: Int64] = [[]: 0]
    private var lists: [[Int64]] = [[]]

    /// An empty table (holding only `[]` as handle 0).
    public init() {}

    /// The handle of `elements`, adding the list when it is new.
    public func intern(_ elements: [Int64]) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if let handle = handles[elements] { return handle }
        let handle = Int64(lists.count)
        lists.append(elements)
        handles[elements] = handle
        return handle
    }

    /// The elements of the list with `handle` (empty for an unknown handle).
    public func elements(of handle: Int64) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        guard handle >= 0, handle < Int64(lists.count) else { return [] }
        return lists[Int(handle)]
    }

    /// Whether the list with `handle` holds `value`.
    public func contains(_ value: Int64, inList handle: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard handle >= 0, handle < Int64(lists.count) else { return false }
        return lists[Int(handle)].contains(value)
    }
}
