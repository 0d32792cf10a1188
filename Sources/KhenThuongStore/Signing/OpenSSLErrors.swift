import CCrypto

/// OpenSSL's per-thread error queue, read and emptied after a failure.
enum OpenSSLErrors {
    /// Every error queued on this thread, oldest first, as OpenSSL words them; the queue is
    /// left empty so that a later failure does not report this one.
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages
    }

    /// The queued errors joined in one line (emptying the queue), or `fallback` when there are none.
    static func detail(_ fallback: String) -> String {
        let messages = drain()
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}

/// A memory BIO: what OpenSSL writes PEM into and reads PEM from.
enum MemoryBIO {
    /// Calls `body` with a read-only BIO over `text`'s UTF-8 bytes; the BIO is freed afterwards.
    static func reading<R>(_ text: String, _ body: (OpaquePointer) -> R) -> R? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer -> R? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    /// Calls `write` with an empty memory BIO and returns what it wrote, or `nil` when it
    /// returns false. The BIO is freed afterwards.
    static func writing(_ write: (OpaquePointer) -> Bool) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard write(bio) else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            if n <= 0 { break }
            out += chunk[0..<Int(n)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
