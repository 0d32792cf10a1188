/// How well a person or a collective completed its duties in a year (xếp loại).
public enum DutyRating: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hoàn thành xuất sắc nhiệm vụ (excellent).
    case excellent = "HTXSNV"
    /// Hoàn thành tốt nhiệm vụ (good).
    case good = "HTTNV"
    /// Hoàn thành nhiệm vụ (completed).
    case completed = "HTNV"
    /// Không hoàn thành nhiệm vụ (not completed).
    case notCompleted = "KHTNV"
}

/// Why a person worked fewer months than the year has.
public enum LeaveReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Thai sản: maternity leave.
    case maternity = "THAI_SAN"
    /// Ốm đau: illness.
    case illness = "OM_DAU"
    /// Đào tạo: training.
    case training = "DAO_TAO"
    /// Tai nạn: injury (at work, in combat or in a rescue).
    case injury = "TAI_NAN"
    /// Khác: any other reason.
    case other = "KHAC"
}

/// A disciplinary measure, lightest first (the raw values are the codes the files use).
public enum DisciplineLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Khiển trách: reprimand.
    case reprimand = "KHIEN_TRACH"
    /// Cảnh cáo: warning.
    case warning = "CANH_CAO"
    /// Hạ bậc lương: salary step reduced.
    case salaryReduction = "HA_BAC_LUONG"
    /// Giáng chức: demotion.
    case demotion = "GIANG_CHUC"
    /// Cách chức: dismissal from the post.
    case dismissal = "CACH_CHUC"
    /// Buộc thôi việc: dismissal from employment.
    case termination = "BUOC_THOI_VIEC"

    /// 1 for khiển trách up to 6 for buộc thôi việc (0 is used for "none" in expressions).
    public var rank: Int {
        switch self {
        case .reprimand: 1
        case .warning: 2
        case .salaryReduction: 3
        case .demotion: 4
        case .dismissal: 5
        case .termination: 6
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// Education level, lowest first (used by the Bằng Lao động sáng tạo thresholds).
public enum EducationLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case general = "PHO_THONG"
    case vocational = "TRUNG_CAP"
    case college = "CAO_DANG"
    case university = "DAI_HOC"
    case master = "THAC_SI"
    case doctorate = "TIEN_SI"

    /// 1 (phổ thông) … 6 (tiến sĩ); 0 means unknown in expressions.
    public var rank: Int {
        switch self {
        case .general: 1
        case .vocational: 2
        case .college: 3
        case .university: 4
        case .master: 5
        case .doctorate: 6
        }
    }
}

/// What kind of pending proceeding defers an award (NĐ 98/2023 Điều 4).
public enum ProceedingKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Xem xét kỷ luật: a discipline review.
    case disciplineReview = "discipline-review"
    /// Thanh tra, kiểm tra, điều tra: an inspection or investigation.
    case inspection
    /// Xác minh khiếu nại, tố cáo: a complaint or denunciation being verified.
    case complaint
}
