/// What history functions read while one nominee is evaluated for one award and year: passed
/// to the expression evaluator as its `AnyObject` context.
///
/// It also notes the initiatives a function skipped because they were already used for
/// another award, so the verdict can name that first use.
public final class EligibilityContext {
    public let nominee: NomineeFacts
    /// The award being decided.
    public let award: String
    /// The achievement year being decided.
    public let year: Int
    /// Initiatives skipped because they already served another award (id → that use).
    public private(set) var skippedInitiatives: [String: AwardUse] = [:]
    /// Initiatives a function counted for this award (ids): once the award is granted they
    /// are used up (``Individual/recordingUse(of:for:)``).
    public private(set) var countedInitiatives: Set<String> = []

    public init(nominee: NomineeFacts, award: String, year: Int) {
        self.nominee = nominee
        self.award = award
        self.year = year
    }

    /// The initiatives recognised in `from…to` that may count for this award: never used, or
    /// used for this very award and year. Others are noted in ``skippedInitiatives``.
    func usableInitiatives(from: Int, to: Int) -> [Initiative] {
        guard case .individual(let person) = nominee else { return [] }
        var out: [Initiative] = []
        for i in person.initiatives where (from...max(from, to)).contains(i.recognised.year) {
            if let use = i.usedFor, use != AwardUse(award: award, year: year) {
                skippedInitiatives[i.id] = use
            } else {
                out.append(i)
                countedInitiatives.insert(i.id)
            }
        }
        return out
    }

    /// Whether a stepping-stone award (neither ad hoc nor thematic) with id in `awards` was
    /// received for `year`.
    func held(_ awards: Set<String>, in year: Int) -> Bool {
        nominee.awards.contains { $0.year == year && $0.isSteppingStone && awards.contains($0.award) }
    }

    /// The duty rating of `year`, if any.
    func duty(in year: Int) -> DutyRating? {
        switch nominee {
        case .individual(let p): p.years[year]?.duty
        case .collective(let c): c.years[year]?.duty
        }
    }
}
