/// How sure LEGAL.md is of a rule or a value (see its legend).
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    /// Read in an official-format copy.
    case verified = "VERIFIED"
    /// A verbatim quotation read on a secondary page.
    case verifiedQuoted = "VERIFIED-Q"
    /// Recalled, inferred or paraphrased: a parameter to check.
    case unverified = "UNVERIFIED"
    /// From a ministry's own circular: an example, not the general rule.
    case ministryOnly = "MINISTRY-ONLY"
}
