import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The W2/W3 rules of the benchmark specification, written by hand (the stand-in until the rule language
/// decides through ``TitleDecider``):
///
/// ```
/// LDTT        = (months_worked >= 10 or leave_reason == "THAI_SAN")
///               and duty_rating in {"HTXSNV", "HTTNV"} and discipline == ""
/// CSTDCS_e    = LDTT and duty_rating == "HTXSNV" and initiatives >= 1
/// CSTD_TINH_e = CSTDCS_e and consec_cstdcs >= 2 and initiative_benefit_vnd >= 100_000_000
/// ```
public struct SpecDecider: TitleDecider {
    public static let minMonths: Int64 = 10
    public static let minConsecutive: Int64 = 2
    public static let minBenefitTinh: Int64 = 100_000_000

    public let strings: StringTable
    private let maternity: Int64
    private let excellent: Int64
    private let good: Int64

    public init(strings: StringTable = StringTable()) {
        self.strings = strings
        maternity = strings.intern("THAI_SAN")
        excellent = strings.intern("HTXSNV")
        good = strings.intern("HTTNV")
    }

    public func intern(_ text: String) -> Int64 { strings.intern(text) }

    public func decide(_ f: W3Facts) -> TitleDecision {
        let duty = f.dutyRating
        let ldtt = (f.monthsWorked >= Self.minMonths || f.leaveReason == maternity)
            && (duty == excellent || duty == good) && f.discipline == 0
        let cstdcs = ldtt && duty == excellent && f.initiatives >= 1
        let tinh = cstdcs && f.consecCSTDCS >= Self.minConsecutive && f.benefitVND >= Self.minBenefitTinh
        return TitleDecision(ldtt: ldtt, cstdcs: cstdcs, cstdTinh: tinh)
    }
}
