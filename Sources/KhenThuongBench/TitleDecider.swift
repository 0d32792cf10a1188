import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The rule set that decides titles from one person's facts: the pluggable step of the
/// batch pipeline (``W3Pipeline``).
///
/// ``SpecDecider`` is the benchmark's rule set written by hand. A rule-language decider
/// implements the same two requirements: ``intern(_:)`` with its expression schema's string
/// table, ``decide(_:)`` by evaluating its compiled expressions over `facts.row`.
///
/// Both are called from several threads at once.
package protocol TitleDecider: Sendable {
    /// The code under which this decider knows a string fact (`""` must be 0). The pipeline
    /// calls it once per distinct value and thread, and caches the answer.
    func intern(_ text: String) -> Int64

    /// Decides one person, before the unit quota.
    func decide(_ facts: W3Facts) -> TitleDecision
}
