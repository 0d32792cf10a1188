/// A disciplinary measure taken against a person.
public struct Discipline: Sendable, Hashable, Codable {
    public var level: DisciplineLevel
    /// The date of the decision.
    public var date: CivilDate

    public init(level: DisciplineLevel, date: CivilDate) {
        self.level = level
        self.date = date
    }
}

/// A discipline review, inspection or complaint about a nominee; while it is open, awards wait.
public struct PendingProceeding: Sendable, Hashable, Codable {
    public var kind: ProceedingKind
    public var opened: CivilDate
    /// When it was closed; `nil` while it is still open.
    public var closed: CivilDate?

    public init(kind: ProceedingKind, opened: CivilDate, closed: CivilDate? = nil) {
        self.kind = kind
        self.opened = opened
        self.closed = closed
    }

    /// Whether the proceeding is open on `date` (opened on or before it, not closed by then).
    public func isPending(at date: CivilDate) -> Bool {
        opened <= date && (closed.map { $0 > date } ?? true)
    }
}

/// An award and achievement year an initiative (or an achievement) was used for.
public struct AwardUse: Sendable, Hashable, Codable, CustomStringConvertible {
    public var award: String
    public var year: Int

    public init(award: String, year: Int) {
        self.award = award
        self.year = year
    }

    public var description: String { "\(award) \(year)" }
}

/// A recognised initiative (sáng kiến) with its benefit, or one of the achievements the law
/// accepts in its place (Luật 2022 Điều 21–23, 74 k1 d): an accepted scientific research topic
/// (đề tài, đề án khoa học, công trình khoa học và công nghệ đã được nghiệm thu) or
/// ingenuity in combat (mưu trí, sáng tạo trong chiến đấu, phục vụ chiến đấu).
public struct Initiative: Sendable, Hashable, Codable {
    /// What the achievement is: `sang_kien` (an initiative), `de_tai` (an accepted research
    /// topic), `muu_tri` (ingenuity in combat).
    public static let kinds = ["sang_kien", "de_tai", "muu_tri"]

    public var id: String
    public var title: String
    /// `sang_kien` (default), `de_tai` or `muu_tri` (``kinds``).
    public var kind: String
    /// The level that recognised it (`co_so`, `tinh`, `bo`, `toan_quoc`, …).
    public var level: String
    /// The scope in which it was found effective and replicable (phạm vi ảnh hưởng: `co_so`,
    /// `tinh`, `bo`, `toan_quoc`), recorded apart from the recognising level; `nil`: as `level`.
    public var scope: String?
    /// The date it was recognised.
    public var recognised: CivilDate
    /// Giá trị làm lợi, in VND.
    public var benefitVND: Int64
    /// The award it was already used for, if any: it then counts for nothing else.
    public var usedFor: AwardUse?

    public init(id: String, title: String, level: String, recognised: CivilDate, benefitVND: Int64, usedFor: AwardUse? = nil,
                kind: String = "sang_kien", scope: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.level = level
        self.scope = scope
        self.recognised = recognised
        self.benefitVND = benefitVND
        self.usedFor = usedFor
    }

    /// The scope of effect: ``scope`` when recorded, else the recognising ``level``.
    public var effectiveScope: String { scope ?? level }
}

/// An award the nominee already received.
public struct ReceivedAward: Sendable, Hashable, Codable {
    /// The award id (from `workflows/awards.json`, e.g. `chien_si_thi_dua_co_so`).
    public var award: String
    /// The achievement year it was given for.
    public var year: Int
    /// The level that gave it (`co_so`, `tinh`, `tong_lien_doan`, …), free text.
    public var level: String?
    public var decisionNumber: String?
    public var decisionDate: CivilDate?
    /// The achievement period the decision states (NĐ 98 Điều 30 k9 counts intervals from it).
    public var periodFrom: CivilDate?
    public var periodTo: CivilDate?
    /// Khen thưởng đột xuất: never a stepping stone (NĐ 98 Điều 4).
    public var adHoc: Bool
    /// Chuyên đề: never a stepping stone (NĐ 98 Điều 4).
    public var thematic: Bool

    public init(award: String, year: Int, level: String? = nil, decisionNumber: String? = nil, decisionDate: CivilDate? = nil,
                periodFrom: CivilDate? = nil, periodTo: CivilDate? = nil, adHoc: Bool = false, thematic: Bool = false) {
        self.award = award
        self.year = year
        self.level = level
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.adHoc = adHoc
        self.thematic = thematic
    }

    /// Whether it may count toward a later award (neither ad hoc nor thematic).
    public var isSteppingStone: Bool { !adHoc && !thematic }

    /// The year intervals to the next award count from: the end of the achievement period,
    /// else the decision date, else the achievement year.
    public var intervalBaseYear: Int { periodTo?.year ?? decisionDate?.year ?? year }

    /// The achievement years the award was given for: its stated period, else the `cycle`
    /// years ending with its achievement year (a title awarded for a multi-year cycle, such as
    /// Chiến sĩ thi đua cấp tỉnh for three CSTĐCS years).
    public func achievementYears(cycle: Int) -> ClosedRange<Int> {
        if let f = periodFrom, let t = periodTo { return f.year...t.year }
        return (year - max(1, cycle) + 1)...year
    }
}
