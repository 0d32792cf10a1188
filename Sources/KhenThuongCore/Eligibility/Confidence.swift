/// How sure the encoding of a rule or a value is of its legal text.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    /// The provision was read in an official-format copy (the Công báo text, or an official
    /// text reproduced in full).
    case verified = "VERIFIED"
    /// A verbatim quotation read on a secondary page; the article and clause numbers are the
    /// quoting page's.
    case verifiedQuoted = "VERIFIED-Q"
    /// Recalled, inferred, paraphrased or known only from the document's metadata: a parameter
    /// to check against the primary text.
    case unverified = "UNVERIFIED"
    /// Verified text from a ministry's own circular (ngành): an example, not the general rule.
    case ministryOnly = "MINISTRY-ONLY"
}
