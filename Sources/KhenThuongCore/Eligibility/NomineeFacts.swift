/// One person's facts for one year.
public struct YearRecord: Sendable, Hashable, Codable {
    public var duty: DutyRating?
    public var monthsWorked: Int
    /// Why fewer months were worked, if that is the case.
    public var leave: LeaveReason?
    public var disciplines: [Discipline]

    public init(duty: DutyRating? = nil, monthsWorked: Int = 12, leave: LeaveReason? = nil, disciplines: [Discipline] = []) {
        self.duty = duty
        self.monthsWorked = monthsWorked
        self.leave = leave
        self.disciplines = disciplines
    }

    /// The heaviest measure of the year.
    public var heaviestDiscipline: DisciplineLevel? { disciplines.map(\.level).max() }
}

/// An individual nominee (cá nhân) and their history.
public struct Individual: Sendable, Hashable, Codable {
    public var id: String
    /// Full name, NFC.
    public var name: String
    /// The grassroots union (CĐCS) or unit the person belongs to.
    public var unit: String
    /// The proposing unit above (LĐLĐ tỉnh / CĐ ngành TW) whose caps apply; `nil`: `unit`.
    public var proposer: String?
    /// The date of recruitment (for a contract employee later appointed as a civil servant, the
    /// start of the contract).
    public var hireDate: CivilDate?
    /// The date the person was appointed (tuyển dụng) as a civil servant or public employee,
    /// when that came after `hireDate`. With `continuousService` the whole continuous stretch
    /// from `hireDate` counts (Bộ Nội vụ answer on Luật 2022 Điều 24 k1); without it service
    /// counts from this date.
    public var appointedDate: CivilDate?
    /// Whether service since `hireDate` was continuous (a contract followed by recruitment
    /// in the same agency counts as one stretch: Bộ Nội vụ answer on Luật 2022 Điều 24 k1).
    public var continuousService: Bool
    public var isLeader: Bool
    public var education: EducationLevel?
    public var unionMember: Bool
    /// Yearly records, keyed by year.
    public var years: [Int: YearRecord]
    public var proceedings: [PendingProceeding]
    public var initiatives: [Initiative]
    public var awards: [ReceivedAward]

    public init(id: String, name: String, unit: String, hireDate: CivilDate? = nil, continuousService: Bool = true,
                isLeader: Bool = false, education: EducationLevel? = nil, unionMember: Bool = true,
                years: [Int: YearRecord] = [:], proceedings: [PendingProceeding] = [], initiatives: [Initiative] = [],
                awards: [ReceivedAward] = [], proposer: String? = nil, appointedDate: CivilDate? = nil) {
        self.id = id
        self.name = name.nfc
        self.unit = unit
        self.proposer = proposer
        self.hireDate = hireDate
        self.appointedDate = appointedDate
        self.continuousService = continuousService
        self.isLeader = isLeader
        self.education = education
        self.unionMember = unionMember
        self.years = years
        self.proceedings = proceedings
        self.initiatives = initiatives
        self.awards = awards
    }
}

extension Individual {
    /// The day service counts from for the months-of-service rules: `hireDate`, or
    /// `appointedDate` when service was not continuous since the hire date.
    public var serviceStart: CivilDate? {
        if let a = appointedDate, !continuousService { return a }
        return hireDate ?? appointedDate
    }

    /// The person with the initiatives `ids` marked as used for `use` (one achievement, one
    /// award: Luật 2022 Điều 5 k2).
    /// - Throws: ``InitiativeReuse`` naming the first use when one of them already served
    ///   another award; nothing is changed then.
    public func recordingUse(of ids: [String], for use: AwardUse) throws(InitiativeReuse) -> Individual {
        var copy = self
        for id in ids {
            guard let i = copy.initiatives.firstIndex(where: { $0.id == id }) else { continue }
            if let first = copy.initiatives[i].usedFor, first != use {
                throw InitiativeReuse(initiative: id, first: first, second: use)
            }
            copy.initiatives[i].usedFor = use
        }
        return copy
    }
}

/// An attempt to use an initiative for a second award.
public struct InitiativeReuse: Error, Sendable, Hashable {
    public var initiative: String
    /// The award and year it already served.
    public var first: AwardUse
    public var second: AwardUse

    public var message: LocalizedText {
        .init(vi: "sáng kiến \"\(initiative)\" đã được dùng cho \(first.award) năm \(first.year); không dùng lại cho \(second.award) năm \(second.year) (Luật 06/2022/QH15, Điều 5 khoản 2)",
              en: "initiative \"\(initiative)\" was already used for \(first.award) \(first.year); it cannot serve \(second.award) \(second.year) too (Luật 06/2022/QH15, Article 5(2))")
    }
}

/// How many members of a collective were in each status in a year.
public struct MemberCounts: Sendable, Hashable, Codable {
    public var total: Int
    /// Reached Lao động tiên tiến.
    public var ldtt: Int
    /// Reached Chiến sĩ thi đua cơ sở.
    public var cstdcs: Int
    /// Completed their duties (HTNV or better).
    public var completedDuty: Int
    /// Disciplined with cảnh cáo or heavier.
    public var disciplinedWarningOrAbove: Int

    public init(total: Int, ldtt: Int = 0, cstdcs: Int = 0, completedDuty: Int = 0, disciplinedWarningOrAbove: Int = 0) {
        self.total = total
        self.ldtt = ldtt
        self.cstdcs = cstdcs
        self.completedDuty = completedDuty
        self.disciplinedWarningOrAbove = disciplinedWarningOrAbove
    }
}

/// A collective's facts for one year.
public struct CollectiveYear: Sendable, Hashable, Codable {
    public var duty: DutyRating?
    public var members: MemberCounts

    public init(duty: DutyRating? = nil, members: MemberCounts) {
        self.duty = duty
        self.members = members
    }
}

/// A collective nominee (tập thể): a union, a department, a unit.
public struct Collective: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The unit above it.
    public var unit: String
    /// The proposing unit (LĐLĐ tỉnh / CĐ ngành TW) whose caps apply; `nil`: `unit`.
    public var proposer: String?
    /// The emulation bloc (khối / cụm thi đua), if any.
    public var bloc: String?
    public var years: [Int: CollectiveYear]
    public var proceedings: [PendingProceeding]
    public var awards: [ReceivedAward]

    public init(id: String, name: String, unit: String, bloc: String? = nil, years: [Int: CollectiveYear] = [:],
                proceedings: [PendingProceeding] = [], awards: [ReceivedAward] = [], proposer: String? = nil) {
        self.id = id
        self.name = name.nfc
        self.unit = unit
        self.proposer = proposer
        self.bloc = bloc
        self.years = years
        self.proceedings = proceedings
        self.awards = awards
    }
}

/// Someone or something proposed for an award, with the history eligibility reads.
public enum NomineeFacts: Sendable, Hashable {
    case individual(Individual)
    case collective(Collective)

    public var id: String {
        switch self {
        case .individual(let p): p.id
        case .collective(let c): c.id
        }
    }

    public var name: String {
        switch self {
        case .individual(let p): p.name
        case .collective(let c): c.name
        }
    }

    public var unit: String {
        switch self {
        case .individual(let p): p.unit
        case .collective(let c): c.unit
        }
    }

    /// The proposer as given in the data, if any.
    public var declaredProposer: String? {
        switch self {
        case .individual(let p): p.proposer
        case .collective(let c): c.proposer
        }
    }

    /// The proposing unit whose caps apply: the declared proposer, else the unit.
    public var proposer: String { declaredProposer ?? unit }

    public var awards: [ReceivedAward] {
        switch self {
        case .individual(let p): p.awards
        case .collective(let c): c.awards
        }
    }

    public var proceedings: [PendingProceeding] {
        switch self {
        case .individual(let p): p.proceedings
        case .collective(let c): c.proceedings
        }
    }

    public var isCollective: Bool {
        if case .collective = self { return true }
        return false
    }

    /// Whether one of the nominee's initiatives already served an award: only then can a
    /// verdict note an initiative skipped for that reason.
    package var hasUsedInitiatives: Bool {
        guard case .individual(let p) = self else { return false }
        return p.initiatives.contains { $0.usedFor != nil }
    }
}
