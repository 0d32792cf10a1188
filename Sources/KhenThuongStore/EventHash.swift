import KhenThuongCore

/// The canonical form of an event and its hash (the formula is on `StoredEvent.computedHash()`).
///
/// Appending computes it from Swift strings; `verify` computes it from the raw column bytes
/// SQLite hands back. Both go through `write(seq:fields:into:)`, so they cannot drift apart.
enum EventHash {
    /// Number of text fields after `seq` in the canonical array.
    static let textFieldCount = 12

    /// Writes `[seq, f0, f1, …, f11]` where a `nil` field becomes `null`.
    @inline(__always)
    static func write(seq: Int64, fields: (Int) -> UnsafeBufferPointer<UInt8>?, into writer: inout CanonicalJSONWriter) {
        writePrefix(seq: seq, fields: fields, into: &writer)
        writer.punctuation(",")
        if let field = fields(textFieldCount - 1) { writer.string(bytes: field) } else { writer.null() }
        writer.punctuation("]")
    }

    /// Writes `[seq, f0, …, f10` — everything before the last field, `prev_hash`, which the
    /// batch writer appends later as `,"<hex>"]` (see `BatchWriter`).
    @inline(__always)
    static func writePrefix(seq: Int64, fields: (Int) -> UnsafeBufferPointer<UInt8>?, into writer: inout CanonicalJSONWriter) {
        writer.punctuation("[")
        writer.int(seq)
        for i in 0..<(textFieldCount - 1) {
            writer.punctuation(",")
            if let field = fields(i) { writer.string(bytes: field) } else { writer.null() }
        }
    }

    /// The canonical bytes of an event given as strings.
    static func canonical(seq: Int64, dossierID: String, kind: String, event: String, fromState: String?,
                          toState: String, actor: Actor, at: String, reason: String?, payload: String,
                          prevHash: String) -> [UInt8] {
        let texts: [String?] = [dossierID, kind, event, fromState, toState, actor.role, actor.unit, actor.user,
                                at, reason, payload, prevHash]
        // All fields in one buffer, so one pointer stays valid while the array is written.
        var joined: [UInt8] = []
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(textFieldCount)
        for text in texts {
            guard let text else { ranges.append(nil); continue }
            let start = joined.count
            joined.append(contentsOf: text.utf8)
            ranges.append(start..<joined.count)
        }
        var writer = CanonicalJSONWriter(capacity: joined.count + joined.count / 8 + 96)
        joined.withUnsafeBufferPointer { all in
            write(seq: seq, fields: { i in ranges[i].map { UnsafeBufferPointer(rebasing: all[$0]) } }, into: &writer)
        }
        return writer.bytes
    }

    /// The lowercase hex SHA-256 of an event given as strings.
    static func compute(seq: Int64, dossierID: String, kind: String, event: String, fromState: String?,
                        toState: String, actor: Actor, at: String, reason: String?, payload: String,
                        prevHash: String) -> String {
        SHA256Digest.hex(canonical(seq: seq, dossierID: dossierID, kind: kind, event: event, fromState: fromState,
                                   toState: toState, actor: actor, at: at, reason: reason, payload: payload,
                                   prevHash: prevHash))
    }
}
