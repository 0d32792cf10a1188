import Foundation
import KhenThuongCore

extension Directory {
    /// Whether unit `code` may decide `award` itself, from the hierarchy: its kind is one of the
    /// award's `decidedBy` levels in `workflows/awards.json`. A Bằng khen Tổng Liên đoàn is above
    /// a Liên đoàn Lao động tỉnh's power, so its council proposes it upward even when its own
    /// `decides` list names it; a State form (Thủ tướng, Chủ tịch nước) is above every union unit.
    /// - Returns: `nil` when the directory does not know the unit or the award names no level;
    ///   the council's `decides` list alone then says.
    public func mayDecide(_ award: AwardDefinition, unit code: String) -> Bool? {
        guard !award.decidedBy.isEmpty, let u = unit(code) else { return nil }
        return award.decidedBy.contains(u.kind.rawValue)
    }
}
