/// What history functions read while one nominee is evaluated for one award and year: passed
/// to the expression evaluator as its `AnyObject` context.
///
/// It also notes the initiatives a function skipped because they were already used for
/// another award, so the verdict can name that first use.
public final class EligibilityContext {
    /// The nominee; for typed rows (``reset(_:_:)``) made from them the first time it is read
    /// (only the functions without a typed reading, and the notes of a deferral, read it).
    public var nominee: NomineeFacts {
        if let typed, made == nil { made = .individual(typed.individual(person)) }
        return made ?? stored
    }
    private var stored: NomineeFacts
    /// The chunk of typed rows the nominee is read from (``reset(_:_:)``), and their number in it.
    package private(set) var typed: PersonRows?
    package private(set) var person = 0
    /// The nominee made from the typed rows, once read.
    private var made: NomineeFacts?
    /// The award being decided.
    public let award: String
    /// The achievement year being decided.
    public let year: Int
    /// The results of the history functions already called for this nominee, when the
    /// context serves every award of a batch (``BatchProgram``): each function runs once per
    /// nominee and arguments, whichever criterion, template or award asks. `nil` elsewhere.
    package private(set) var memo: CallMemo?
    /// Whether the nominee is a person with at least one initiative or achievement (without,
    /// every initiative function is 0 at once).
    package private(set) var hasInitiatives: Bool
    /// Initiatives skipped because they already served another award (id → that use).
    public private(set) var skippedInitiatives: [String: AwardUse] = [:]
    /// Initiatives a function counted for this award (ids): once the award is granted they
    /// are used up (``Individual/recordingUse(of:for:)``).
    public private(set) var countedInitiatives: Set<String> = []

    public init(nominee: NomineeFacts, award: String, year: Int) {
        stored = nominee
        self.award = award
        self.year = year
        hasInitiatives = Self.initiatives(nominee)
    }

    static func initiatives(_ nominee: NomineeFacts) -> Bool {
        if case .individual(let p) = nominee { return !p.initiatives.isEmpty }
        return false
    }

    /// A context that keeps a ``CallMemo``, for a batch's nominees one after the other
    /// (``reset(_:)``). Only valid for nominees none of whose initiatives served an award
    /// (``NomineeFacts/hasUsedInitiatives``): then no function depends on the award.
    package init(batchYear year: Int, award: String) {
        stored = .individual(Individual(id: "", name: "", unit: ""))
        self.award = award
        self.year = year
        memo = CallMemo()
        hasInitiatives = false
    }

    /// Starts on `nominee`: forgets the calls and initiatives noted for the one before.
    package func reset(_ nominee: NomineeFacts) {
        stored = nominee
        typed = nil
        made = nil
        hasInitiatives = Self.initiatives(nominee)
        forgetNoted()
    }

    /// Starts on person `k` of `rows` (none of whose initiatives served an award): the history
    /// functions read the typed rows, and ``nominee`` is made from them only if read.
    /// Initiatives counted are not noted (only ``RuleSet/evaluate(_:year:asOf:scope:)`` reads
    /// them, and it never runs on typed rows).
    package func reset(_ rows: PersonRows, _ k: Int) {
        typed = rows
        person = k
        made = nil
        hasInitiatives = rows.hasInitiatives(k)
        forgetNoted()
    }

    /// Forgets the initiatives noted and the calls kept for the nominee before.
    @inline(__always)
    private func forgetNoted() {
        if !skippedInitiatives.isEmpty { skippedInitiatives.removeAll(keepingCapacity: true) }
        if !countedInitiatives.isEmpty { countedInitiatives.removeAll(keepingCapacity: true) }
        memo?.count = 0
    }

    /// The initiatives recognised in `from…to` that may count for this award: never used, or
    /// used for this very award and year. Others are noted in ``skippedInitiatives``.
    /// Only those of `kinds` for which `include` holds are considered at all.
    func usableInitiatives(from: Int, to: Int, kinds: Set<String> = ["sang_kien"],
                           where include: (Initiative) -> Bool = { _ in true }) -> [Initiative] {
        guard hasInitiatives else { return [] }
        if let typed {
            // None served an award: every one in the years, when of `kinds` and `include` holds
            // (every function's `include` reads only the kind, level and scope, the same for all).
            return typed.initiatives(person, in: from...max(from, to)) { kinds.contains($0.kind) && include($0) }
        }
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
        if let typed {
            guard let r = typed.row(person, year: year), r.title >= 0 else { return false }
            return awards.contains(typed.awardIDs[Int(r.title)])
        }
        return nominee.awards.contains { $0.year == year && $0.isSteppingStone && awards.contains($0.award) }
    }

    /// How many awards with id in `awards` form an unbroken chain of cycles ending with one
    /// whose achievement years end in `until`: each earlier one's years end the year before the
    /// next one's begin (``ReceivedAward/achievementYears(cycle:)``; `cycle` years when the
    /// award states no period). Ad-hoc and thematic awards never count.
    func successiveCycles(_ awards: Set<String>, cycle: Int, until: Int) -> Int {
        let spans = receivedAwards.filter { $0.isSteppingStone && awards.contains($0.award) }.map { $0.achievementYears(cycle: cycle) }
        var end = until, n = 0
        while let span = spans.filter({ $0.upperBound == end }).min(by: { $0.lowerBound < $1.lowerBound }) {
            n += 1
            end = span.lowerBound - 1
        }
        return n
    }

    /// The nominee's awards (ad hoc and thematic ones too).
    var receivedAwards: [ReceivedAward] {
        if let typed { return typed.awards(person) }
        return nominee.awards
    }

    /// Where a person's service counts from (``Individual/serviceStart``); `nil` for a
    /// collective or when unknown (typed rows have no hire date).
    var serviceStart: CivilDate? {
        if typed != nil { return nil }
        guard case .individual(let p) = nominee else { return nil }
        return p.serviceStart
    }

    /// Whether the nominee is read from typed rows (a person, see ``reset(_:_:)``).
    var isTypedPerson: Bool { typed != nil }

    /// The duty rating of `year`, if any.
    func duty(in year: Int) -> DutyRating? {
        if let typed {
            guard let r = typed.row(person, year: year), r.duty >= 0 else { return nil }
            return DutyRating.allCases[Int(r.duty)]
        }
        switch nominee {
        case .individual(let p): return p.years[year]?.duty
        case .collective(let c): return c.years[year]?.duty
        }
    }
}

/// The calls of history functions made for one nominee: function number, up to four
/// arguments and the result, looked up by a linear scan (a rule set makes a handful).
package final class CallMemo {
    static let capacity = 64, width = 6
    /// `width` values per call: function, arguments 0…3 (missing ones 0), result.
    private let slots = UnsafeMutablePointer<Int64>.allocate(capacity: CallMemo.capacity * CallMemo.width)
    var count = 0

    deinit { slots.deallocate() }

    /// Whether every call made so far was kept (the memo is not full).
    var complete: Bool { count < CallMemo.capacity }

    /// Appends every call kept (function, arguments, result) to `key`.
    func append(to key: inout [Int64]) {
        key.append(contentsOf: UnsafeBufferPointer(start: slots, count: count * CallMemo.width))
    }

    /// The result of function `f` for `arguments`, computed by `body` the first time.
    @inline(__always)
    func value(_ f: Int, _ arguments: UnsafeBufferPointer<Int64>, _ body: () -> Int64) -> Int64 {
        let n = arguments.count
        guard n <= 4 else { return body() }
        let a0 = n > 0 ? arguments[0] : 0, a1 = n > 1 ? arguments[1] : 0, a2 = n > 2 ? arguments[2] : 0, a3 = n > 3 ? arguments[3] : 0
        var p = slots
        for _ in 0..<count {
            if p[0] == Int64(f) && p[1] == a0 && p[2] == a1 && p[3] == a2 && p[4] == a3 { return p[5] }
            p += CallMemo.width
        }
        let v = body()
        if count < CallMemo.capacity {
            p[0] = Int64(f); p[1] = a0; p[2] = a1; p[3] = a2; p[4] = a3; p[5] = v
            count += 1
        }
        return v
    }
}
