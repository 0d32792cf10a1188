import Foundation

/// Whom a dossier proposes for an award.
public struct Nominee: Sendable, Equatable, Hashable, Codable {
    /// Whether the nominee is a person or a collective.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case individual
        case collective
    }
    /// Person id (the user id they would act under) or collective id.
    public var id: String
    /// Full name, NFC.
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind = .individual) {
        self.id = id.nfc
        self.name = name.nfc
        self.kind = kind
    }
}

/// A nomination dossier (hồ sơ đề nghị khen thưởng): the current state of one nomination.
///
/// A dossier is a value. The machine reads it and returns a transition; `applying(_:)`
/// gives the next value. The store keeps it as a projection of its events.
public struct Dossier: Sendable, Equatable, Codable {
    public var id: String
    /// Workflow id and version the dossier runs under (fixed at creation).
    public var workflowID: String
    public var workflowVersion: String
    /// Award id from `workflows/awards.json`.
    public var awardID: String
    /// Achievement year (năm tính thành tích): the last year of the achievement period.
    public var year: Int
    public var nominee: Nominee
    /// The unit that proposes (acts as `proposer`).
    public var proposerUnit: String
    /// The unit the dossier is addressed to (its secretariat, council and signer act).
    public var addresseeUnit: String
    /// Current state id.
    public var state: String
    /// The state before the current one (where `$previous` leads back to).
    public var previousState: String?
    /// When the dossier had entered `previousState` (restored by `$previous`, so a deferral
    /// does not reset the due-date check or the notice count of the state it returns to).
    public var previousEnteredAt: Date?
    /// When the dossier entered its current state.
    public var enteredStateAt: Date
    /// Attached document ids, sorted.
    public var documents: [String]
    /// Deadline of the call for nominations, if any.
    public var dueDate: CivilDate?
    public var createdAt: Date
    /// How many events the dossier has (its creation included).
    public var eventCount: Int
    /// The first year of the achievement period when it is longer than `year` alone (a Bằng khen
    /// Thủ tướng for 2020–2024); `nil` for a one-year period. Fixed at creation.
    public var periodFrom: Int? = nil
    /// The proposal year (năm đề nghị) when it differs from `year`; fixed at creation.
    public var proposalYear: Int? = nil
    /// Where `state` stands in the workflow's states (set by `apply`; checked before use).
    var stateHint = SlotHint()

    enum CodingKeys: String, CodingKey {
        case id, workflowID, workflowVersion, awardID, year, nominee, proposerUnit, addresseeUnit, state,
             previousState, previousEnteredAt, enteredStateAt, documents, dueDate, createdAt, eventCount,
             periodFrom, proposalYear
    }

    /// The achievement period and proposal year the rules run on: `year` alone, proposed that
    /// year, unless the dossier was opened for a longer period or proposed later.
    public var achievementPeriod: AchievementPeriod {
        AchievementPeriod(from: periodFrom ?? year, to: year, proposalYear: proposalYear)
    }

    /// Sets the period (only what differs from `year` is kept, so a one-year dossier encodes as
    /// before). `period.to` becomes `year`.
    public mutating func setAchievementPeriod(_ period: AchievementPeriod) {
        year = period.to
        periodFrom = period.from == period.to ? nil : period.from
        proposalYear = period.proposalYear == period.to ? nil : period.proposalYear
    }

    /// Document ids sorted, without repeats.
    static func normalised(_ documents: [String]) -> [String] {
        var ordered = true
        for i in documents.indices.dropFirst() where !utf8Precedes(documents[i - 1], documents[i]) {
            ordered = false
            break
        }
        if ordered { return documents }
        var out = documents.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var i = 1
        while i < out.count {
            if out[i] == out[i - 1] { out.remove(at: i) } else { i += 1 }
        }
        return out
    }

    /// Whether `a` comes strictly before `b` in UTF-8 byte order (what `normalised` sorts by),
    /// comparing the bytes in place rather than through two `UTF8View` iterators. Document ids
    /// usually differ in their first byte, which settles it without touching the rest.
    @inline(__always)
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        if let x = a.utf8.first, let y = b.utf8.first, x != y { return x < y }
        if let r = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c < 0 || (c == 0 && x.count < y.count)
            }
        }), let r { return r }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The dossier after `transition` happened at `time`.
    public func applying(_ transition: Transition, at time: Date) -> Dossier {
        var next = self
        next.apply(transition, at: time)
        return next
    }

    /// Records `transition` in place (the runner's and the benchmark's hot path).
    public mutating func apply(_ transition: Transition, at time: Date) {
        // Whether the state changes: by position when the machine gave both (two small
        // integers), else by name.
        let moved = transition.fromHint.slot >= 0 && transition.toHint.slot >= 0
            ? transition.fromHint.slot != transition.toHint.slot
            : transition.from != transition.to
        enter(transition.to, hint: transition.toHint, from: transition.from, moved: moved, effects: transition.effects, at: time)
    }

    /// Enters `state` from `from` at `time` with `effects`: what `apply` records, shared with
    /// `DossierMachine.fire`, which has no transition value to hand.
    @inline(__always)
    mutating func enter(_ state: String, hint: SlotHint, from: String, moved: Bool, effects: [Effect], at time: Date) {
        var entered = time
        if !effects.isEmpty {
            for effect in effects {
                switch effect {
                case .attachDocuments(let docs): documents = Dossier.normalised(documents + docs)
                case .resumeClock(let original): entered = original
                case .recordTally, .deadlineMet: break
                }
            }
        }
        if moved {
            previousState = from
            previousEnteredAt = enteredStateAt
            enteredStateAt = entered
        }
        self.state = state
        stateHint = hint
        eventCount += 1
    }
}

extension Dossier {
    /// A new dossier in `initialState`, created at `createdAt`.
    ///
    /// (In an extension, so that it can hand every field to the memberwise initialiser: an
    /// initialiser that sets the fields one by one made the optimiser build the dossier in a
    /// temporary and copy it out, ten retains and ten releases per dossier.)
    public init(id: String, workflowID: String, workflowVersion: String, awardID: String, year: Int,
                nominee: Nominee, proposerUnit: String, addresseeUnit: String, initialState: String,
                documents: [String] = [], dueDate: CivilDate? = nil, createdAt: Date) {
        self.init(id: id, workflowID: workflowID, workflowVersion: workflowVersion, awardID: awardID, year: year,
                  nominee: nominee, proposerUnit: proposerUnit, addresseeUnit: addresseeUnit, state: initialState,
                  previousState: nil, previousEnteredAt: nil, enteredStateAt: createdAt,
                  documents: Dossier.normalised(documents), dueDate: dueDate, createdAt: createdAt, eventCount: 1,
                  stateHint: SlotHint())
    }
}

/// The council's count for one dossier (secret ballot: counts only, never who voted how).
public struct Tally: Sendable, Equatable, Hashable, Codable {
    /// Members of the council (total membership).
    public var members: Int
    /// Members present at the session (absent members vote in writing).
    public var present: Int
    public var yes: Int
    public var no: Int
    public var invalid: Int

    public init(members: Int, present: Int, yes: Int, no: Int, invalid: Int = 0) {
        self.members = members
        self.present = present
        self.yes = yes
        self.no = no
        self.invalid = invalid
    }

    /// Whether the numbers can be real: none negative, those present and all the votes together
    /// at most the members. Checked one count at a time against what is left, so no sum of
    /// typed-in numbers is ever computed (a count near `Int.max` cannot overflow).
    public var isConsistent: Bool {
        guard min(members, present, yes, no, invalid) >= 0, present <= members, yes <= members else { return false }
        return no <= members - yes && invalid <= members - yes - no
    }
}

/// What someone asks the machine to do to a dossier.
public struct EventRequest: Sendable, Equatable {
    /// Event name from the workflow (e.g. `submit`).
    public var event: String
    /// Written reason (required by some transitions).
    public var reason: String?
    /// Documents attached with the event (they count toward the requirement).
    public var attach: [String]
    /// Council tally, for events that decide by vote.
    public var tally: Tally?
    /// The command asking, for events the workflow reserves to one (`ReservedChannel`):
    /// `council vote` and `decision issue|revoke` set it; `dossier act` never does.
    public var via: ReservedChannel?

    public init(event: String, via: ReservedChannel? = nil, reason: String? = nil, attach: [String] = [], tally: Tally? = nil) {
        self.event = event
        self.via = via
        self.reason = reason
        self.attach = attach
        self.tally = tally
    }
}

/// What the machine decided should happen.
public struct Transition: Sendable, Equatable {
    public var event: String
    /// (Setting `from` or `to` drops its hint: a renamed end is judged by its name.)
    public var from: String { didSet { fromHint = SlotHint() } }
    public var to: String { didSet { toHint = SlotHint() } }
    /// What the runner must record beyond the state change.
    public var effects: [Effect]
    /// Where `from` and `to` stand in the workflow's states, when the machine knows them.
    var fromHint = SlotHint()
    var toHint = SlotHint()

    /// A transition as recorded (the machine's hints unknown), e.g. when replaying a store.
    public init(event: String, from: String, to: String, effects: [Effect]) {
        self.event = event
        self.from = from
        self.to = to
        self.effects = effects
    }

    init(event: String, from: String, to: String, effects: [Effect], fromHint: SlotHint, toHint: SlotHint) {
        self.event = event
        self.from = from
        self.to = to
        self.effects = effects
        self.fromHint = fromHint
        self.toHint = toHint
    }
}

/// A consequence of a transition that the runner records.
public enum Effect: Sendable, Equatable {
    /// These documents become attached to the dossier.
    case attachDocuments([String])
    /// The council's tally and the rule it was judged by.
    case recordTally(Tally, percent: Double, base: String)
    /// The deadline that applied and was met.
    case deadlineMet(CivilDate)
    /// Back in a previous state (`$previous`) with the clock it had there: the time the
    /// dossier had originally entered it.
    case resumeClock(Date)
}
