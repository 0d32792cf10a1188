import Foundation

/// Interns string facts as `Int64` codes for ``SpecDecider`` (`""` is code 0). Safe to use
/// from several threads. A rule-language decider uses its schema's table instead.
public final class FactStringTable: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String: Int64] = ["": 0]
    private var texts: [String] = [""]

    public init() {}

    /// The code of `text`, adding it when it is new.
    public func intern(_ text: String) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if let code = codes[text] { return code }
        let code = Int64(texts.count)
        texts.append(text)
        codes[text] = code
        return code
    }

    /// The text with `code`, or `nil`.
    public func text(for code: Int64) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return code >= 0 && code < Int64(texts.count) ? texts[Int(code)] : nil
    }
}
