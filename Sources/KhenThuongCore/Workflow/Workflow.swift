/// A workflow definition compiled for the machine: states and events are numbered and the
/// transition for every (state, event) pair is one array look-up.
///
/// Build one with `Workflow(definition)` after linting; a definition with lint errors is
/// refused, so the machine never runs a workflow that could strand a dossier.
public struct Workflow: Sendable {
    public let definition: WorkflowDefinition
    let stateIndex: [String: Int]
    let eventIndex: [String: Int]
    /// Event names in first-appearance order.
    public let events: [String]
    let transitions: [CompiledTransition]
    /// Each state's outgoing transitions, laid end to end: state `s` owns
    /// `outgoingFlat[outgoingStart[s]..<outgoingStart[s + 1]]`, with each event name's length
    /// alongside. A state has one to four, so a scan comparing lengths first beats hashing the
    /// event name, and a flat list touches no nested array.
    let outgoingStart: [Int]
    let outgoingFlat: [CompiledTransition]
    let outgoingEventLength: [Int]
    let roleSideList: [RoleSide]
    let stateTable: NameTable
    /// State ids in definition order (what a `SlotHint` points into).
    let stateIDs: [String]
    let eventTable: NameTable
    let roleTable: NameTable

    public var id: String { definition.id }
    public var version: String { definition.version }

    /// The initial state id.
    public let initialState: String

    /// Compiles `definition`.
    /// - Throws: `WorkflowError.invalid` with every lint error when the definition has any.
    public init(_ definition: WorkflowDefinition) throws(WorkflowError) {
        let errors = WorkflowLinter.lint(definition).filter { $0.severity == .error }
        guard errors.isEmpty else { throw WorkflowError.invalid(errors) }
        self.definition = definition
        var si: [String: Int] = [:]
        for (i, s) in definition.states.enumerated() { si[s.id] = i }
        var events: [String] = []
        var ei: [String: Int] = [:]
        for t in definition.transitions where ei[t.event] == nil {
            ei[t.event] = events.count
            events.append(t.event)
        }
        // Sparse: each state keeps only the events that leave it (event index → transition),
        // so the size follows the transitions written, never states × events.
        var table = [[Int: Int]](repeating: [:], count: definition.states.count)
        var compiled: [CompiledTransition] = []
        let roleIDs = NameTable(definition.roles.map(\.id))
        let stateIDs = definition.states.map(\.id)
        for t in definition.transitions {
            let index = compiled.count
            compiled.append(CompiledTransition(t, roles: roleIDs, sides: definition.roles.map(\.side), states: stateIDs))
            for f in t.from { table[si[f]!][ei[t.event]!] = index }
        }
        let outgoing = table.map { row in row.keys.sorted().map { compiled[row[$0]!] } }
        var start = [0]
        for list in outgoing { start.append(start[start.count - 1] + list.count) }
        self.outgoingStart = start
        self.outgoingFlat = outgoing.flatMap { $0 }
        self.outgoingEventLength = self.outgoingFlat.map(\.eventLength)
        self.stateIndex = si
        self.eventIndex = ei
        self.events = events
        self.transitions = compiled
        self.roleSideList = definition.roles.map(\.side)
        self.stateTable = NameTable(stateIDs)
        self.stateIDs = stateIDs
        self.eventTable = NameTable(events)
        self.roleTable = NameTable(definition.roles.map(\.id))
        self.initialState = definition.states.first { $0.kind == .initial }!.id
    }

    /// The transition definition for `event` from `state`, if there is one.
    public func transition(from state: String, event: String) -> TransitionDefinition? {
        compiled(from: state, event: event)?.transition.definition
    }

    /// The compiled transition for `event` from `state`, and where `state` stands.
    @inline(__always)
    func compiled(from state: String, event: String, hint: SlotHint = SlotHint()) -> (transition: CompiledTransition, slot: Int)? {
        guard let s = slot(of: state, hint: hint) else { return nil }
        let n = event.utf8.count
        var i = outgoingStart[s]
        let end = outgoingStart[s + 1]
        while i < end {
            if outgoingEventLength[i] == n && outgoingFlat[i].event == event { return (outgoingFlat[i], s) }
            i += 1
        }
        return nil
    }

    /// The position of `state`: `hint` when it points at that very state, else a look-up.
    @inline(__always)
    func slot(of state: String, hint: SlotHint) -> Int? {
        let h = Int(hint.slot)
        if h >= 0 && h < stateIDs.count && stateIDs[h] == state { return h }
        return stateTable.index(of: state)
    }

    /// Whether `actor` could fire `event` from `state` on a dossier proposed by `proposerUnit`
    /// and addressed to `addresseeUnit`, as far as who acts is concerned: the transition exists,
    /// the role is one it allows, and the actor's unit is the dossier's on the role's side (the
    /// machine's role and unit checks, replayed by `verify` over recorded events).
    /// - Returns: `nil` when allowed, else the refusal reason.
    public func authorises(_ actor: Actor, event: String, from state: String, proposerUnit: String,
                           addresseeUnit: String) -> RefusalReason? {
        guard let (ct, _) = compiled(from: state, event: event) else {
            let from = definition.transitions.filter { $0.event == event }.flatMap(\.from)
            return from.isEmpty ? .unknownEvent(known: events) : .wrongState(allowedFrom: from)
        }
        guard let j = ct.roles.firstIndex(of: actor.role) else {
            return .roleNotAllowed(role: actor.role, allowed: ct.roles)
        }
        switch ct.roleSides[j] {
        case .proposer where actor.unit != proposerUnit:
            return .unitMayNotAct(unit: actor.unit, dossierUnit: proposerUnit, side: .proposer)
        case .addressee where actor.unit != addresseeUnit:
            return .unitMayNotAct(unit: actor.unit, dossierUnit: addresseeUnit, side: .addressee)
        case .observer:
            return .unitMayNotAct(unit: actor.unit, dossierUnit: addresseeUnit, side: .observer)
        default:
            return nil
        }
    }

    /// The side of `role`, or `nil` for a role the workflow does not define.
    @inline(__always)
    func side(of role: String) -> RoleSide? {
        roleTable.index(of: role).map { roleSideList[$0] }
    }

    /// Events that leave `state`, in definition order.
    public func events(from state: String) -> [String] {
        guard let s = stateIndex[state] else { return [] }
        return outgoingFlat[outgoingStart[s]..<outgoingStart[s + 1]].map(\.event)
    }

    /// The ids of the states tagged `tag`, in definition order.
    public func states(tagged tag: StateTag) -> [String] { definition.states(tagged: tag).map(\.id) }

    /// The state tagged `tag` (the first one, for a tag several states may carry), or `nil`.
    public func state(tagged tag: StateTag) -> String? { definition.states.first { $0.isTagged(tag) }?.id }

    /// Whether `state` carries `tag` (false for a state the workflow does not define).
    public func state(_ state: String, isTagged tag: StateTag) -> Bool { definition.state(state)?.isTagged(tag) ?? false }

    /// The label of a state in `language` (the id when unknown).
    public func stateLabel(_ id: String, _ language: Language) -> String {
        definition.state(id)?.label[language] ?? id
    }

    /// The label of an event in `language` (the id when unknown).
    public func eventLabel(_ event: String, _ language: Language) -> String {
        definition.transition(event: event)?.label[language] ?? event
    }

    /// The name of a role in `language` (the id when unknown).
    public func roleName(_ id: String, _ language: Language) -> String {
        definition.role(id)?.name[language] ?? id
    }

    /// The name of a document in `language` (the id when unknown).
    public func documentName(_ id: String, _ language: Language) -> String {
        definition.document(id)?.name[language] ?? id
    }
}

/// A workflow that cannot be used.
public enum WorkflowError: Error, Sendable {
    /// The definition has lint errors.
    case invalid([LintFinding])
}

/// A guard after its parameters were checked.
enum CompiledGuard: Sendable {
    case reasonGiven
    case awardPublicNotice(required: Bool)
    case minWorkingDaysInState(Int)
    case voteThreshold(percent: Double, base: String)

    init(_ use: GuardUse) {
        switch GuardName(rawValue: use.name)! {
        case .reasonGiven: self = .reasonGiven
        case .awardPublicNotice:
            if case .bool(let b) = use.parameters["required"] { self = .awardPublicNotice(required: b) } else { self = .awardPublicNotice(required: true) }
        case .minWorkingDaysInState:
            if case .number(let d) = use.parameters["workingDays"] { self = .minWorkingDaysInState(Int(d)) } else { self = .minWorkingDaysInState(1) }
        case .voteThreshold:
            var pct = 50.0, base = "total"
            if case .number(let d) = use.parameters["percent"] { pct = d }
            if case .string(let b) = use.parameters["base"] { base = b }
            self = .voteThreshold(percent: pct, base: base)
        }
    }
}

final class CompiledTransition: Sendable {
    let definition: TransitionDefinition
    /// The event name and its length in UTF-8 bytes (compared first).
    let event: String
    let eventLength: Int
    let guards: [CompiledGuard]
    let roles: [String]
    let documents: [String]
    let deadline: DeadlineRule?
    /// The command the event is reserved to, if any.
    let reservedTo: ReservedChannel?
    let target: TransitionTarget
    /// For a named target: the workflow's own copy of its id and where it stands in the states.
    let targetState: String?
    let targetHint: SlotHint
    /// The side of each role in `roles`, in the same order.
    let roleSides: [RoleSide]

    init(_ t: TransitionDefinition, roles table: NameTable, sides: [RoleSide], states: [String]) {
        definition = t
        event = t.event
        eventLength = t.event.utf8.count
        roleSides = t.roles.map { r in table.index(of: r).map { sides[$0] } ?? .observer }
        guards = t.guards.map(CompiledGuard.init)
        roles = t.roles
        documents = t.documents
        deadline = t.deadline
        reservedTo = t.reservedTo
        target = t.to
        if case .state(let s) = t.to, let i = states.firstIndex(of: s) {
            targetState = states[i]
            targetHint = SlotHint(i)
        } else {
            targetState = nil
            targetHint = SlotHint()
        }
    }
}
