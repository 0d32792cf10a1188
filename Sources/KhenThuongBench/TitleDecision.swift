import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// What a ``TitleDecider`` says about one person: the titles the person is eligible for,
/// before any unit quota.
package struct TitleDecision: Equatable, Sendable {
    /// Lao động tiên tiến.
    package var ldtt: Bool
    /// Chiến sĩ thi đua cơ sở (eligible; the unit quota may still cut it).
    package var cstdcs: Bool
    /// Chiến sĩ thi đua cấp tỉnh (eligible; needs CSTDCS in the year, so a quota cut removes it).
    package var cstdTinh: Bool

    package init(ldtt: Bool, cstdcs: Bool, cstdTinh: Bool) {
        self.ldtt = ldtt
        self.cstdcs = cstdcs
        self.cstdTinh = cstdTinh
    }

    /// The title without a quota (W2): the highest eligible one, or `""`.
    package var titleWithoutQuota: String {
        cstdTinh ? "CSTD_TINH" : cstdcs ? "CSTDCS" : ldtt ? "LDTT" : ""
    }

    /// The three flags as bits: 1 LDTT, 2 CSTDCS, 4 CSTD_TINH.
    @inline(__always) var bits: UInt8 { (ldtt ? 1 : 0) | (cstdcs ? 2 : 0) | (cstdTinh ? 4 : 0) }
}
