import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// A per-unit cap on a title: at most `percent` % of the unit's base count (W3: CSTDCS ≤ 15 %
/// of the unit's LDTT persons), rounded as ``rounding`` says. Integer arithmetic only.
package struct QuotaRule: Equatable, Sendable {
    package enum Rounding: Sendable {
        /// ⌊percent × base / 100⌋ (the benchmark's W3 quota).
        case floor
        /// ⌈percent × base / 100⌉.
        case ceiling
        /// Nearest, halves up.
        case nearest
    }

    package var percent: Int
    package var rounding: Rounding

    package init(percent: Int = 15, rounding: Rounding = .floor) {
        precondition(percent >= 0, "a quota percentage is not negative")
        self.percent = percent
        self.rounding = rounding
    }

    /// How many may keep the title in a unit with `base` persons in the base title.
    package func allowed(base: Int) -> Int {
        let x = percent * base
        switch rounding {
        case .floor: return x / 100
        case .ceiling: return (x + 99) / 100
        case .nearest: return (x + 50) / 100
        }
    }
}
