import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The slots of a W3 fact row: one person's facts for the evaluation year, each an `Int64`.
///
/// Strings are interned to codes by the decider (``TitleDecider/intern(_:)``; `""` is code 0),
/// booleans would be 0/1. The slot order is the row layout; a rule engine declares one
/// variable per slot with ``name`` and ``kind``.
package enum W3Slot: Int, CaseIterable, Sendable {
    /// `months_worked` of the evaluation-year row.
    case monthsWorked
    /// `leave_reason` (interned): `""`, `THAI_SAN`, `OM_DAU`, `KHAC`.
    case leaveReason
    /// `duty_rating` (interned): `HTXSNV`, `HTTNV`, `HTNV`, `KHTNV`.
    case dutyRating
    /// `discipline` (interned): `""`, `KHIEN_TRACH`, `CANH_CAO`, `CACH_CHUC`.
    case discipline
    /// `initiatives` of the evaluation-year row.
    case initiatives
    /// `initiative_benefit_vnd` of the evaluation-year row.
    case benefitVND
    /// Consecutive years Y-1, Y-2, … whose title is CSTDCS or higher (from history).
    case consecCSTDCS

    /// How many slots a row has.
    package static let count = allCases.count

    /// What a slot holds.
    package enum Kind: Sendable {
        case integer
        /// An interned string code.
        case string
    }

    /// The fact's name (the CSV column, or the feature's name in the benchmark specification).
    package var name: String {
        switch self {
        case .monthsWorked: "months_worked"
        case .leaveReason: "leave_reason"
        case .dutyRating: "duty_rating"
        case .discipline: "discipline"
        case .initiatives: "initiatives"
        case .benefitVND: "initiative_benefit_vnd"
        case .consecCSTDCS: "consec_cstdcs"
        }
    }

    package var kind: Kind {
        switch self {
        case .leaveReason, .dutyRating, .discipline: .string
        default: .integer
        }
    }
}
