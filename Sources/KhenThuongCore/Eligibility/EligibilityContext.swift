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
    /// Only those of `kinds` for which `include` holds are considered at all.
    func usableInitiatives(from: Int, to: Int, kinds: Set<String> = ["sang_kien"],
                           where include: (Initiative) -> Bool = { _ in true }) -> [Initiative] {
        guard case .individual(let person) = nominee else { return [] }
        var out: [Initiative] = []
        for i in person.initiatives where kinds.contains(i.kind) && (from...max(from, to)).contains(i.recognised.year) && include(i) {
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

    /// How many awards with id in `awards` form an unbroken chain of cycles ending with one
    /// whose achievement years end in `until`: each earlier one's years end the year before the
    /// next one's begin (``ReceivedAward/achievementYears(cycle:)``; `cycle` years when the
    /// award states no period). Ad-hoc and thematic awards never count.
    func successiveCycles(_ awards: Set<String>, cycle: Int, until: Int) -> Int {
        let spans = nominee.awards.filter { $0.isSteppingStone && awards.contains($0.award) }.map { $0.achievementYears(cycle: cycle) }
        var end = until, n = 0
        while let span = spans.filter({ $0.upperBound == end }).min(by: { $0.lowerBound < $1.lowerBound }) {
            n += 1
            end = span.lowerBound - 1
        }
        return n
    }

    /// The duty rating of `year`, if any.
    func duty(in year: Int) -> DutyRating? {
        switch nominee {
        case .individual(let p): p.years[year]?.duty
        case .collective(let c): c.years[year]?.duty
        }
    }
}
