import Foundation

/// What the machine may consult besides the dossier: the award catalog and the calendar.
/// Both are plain values passed in, so the machine stays a pure function.
public struct MachineContext: Sendable {
    public var awards: AwardCatalog
    public var calendar: WorkingCalendar
    /// Every identity of the acting person besides `Actor.user` (the user and person ids of all
    /// the grants of the key that acts): a nominee may not act on their own dossier under any
    /// of them.
    public var actorIdentities: Set<String>

    public init(awards: AwardCatalog, calendar: WorkingCalendar, actorIdentities: Set<String> = []) {
        self.awards = awards
        self.calendar = calendar
        self.actorIdentities = actorIdentities
    }
}

/// The dossier state machine: a pure function from (dossier, event, actor, time) to a
/// transition or a refusal. No clock, no ids, no I/O.
///
/// ```swift
/// switch DossierMachine.decide(dossier, EventRequest(event: "submit"), by: actor, at: now,
///                              in: yearly, context: context) {
/// case .success(let t): dossier = dossier.applying(t, at: now)
/// case .failure(let refusal): print(refusal.message(.vi, workflow: yearly))
/// }
/// ```
public enum DossierMachine {
    /// Decides what `request` by `actor` at `time` does to `dossier`.
    /// - Returns: the transition to record, or a refusal naming every failed check and the
    ///   events the actor may fire instead.
    public static func decide(_ dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                              in workflow: Workflow, context: MachineContext) -> Result<Transition, Refusal> {
        do {
            return .success(try transition(dossier, request, by: actor, at: time, in: workflow, context: context))
        } catch {
            return .failure(error)
        }
    }

    /// The same decision as `decide`, for loops over many dossiers: the transition, or the
    /// refusal thrown. (A `Result` of two non-trivial payloads is copied and destroyed through
    /// generic value witnesses; a typed throw is not.)
    /// - Throws: the `Refusal` naming every failed check and the events the actor may fire instead.
    public static func transition(_ dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                                  in workflow: Workflow, context: MachineContext) throws(Refusal) -> Transition {
        let (ct, slot, effects) = try passed(dossier, request, by: actor, at: time, in: workflow, context: context)
        if let to = ct.targetState {
            return Transition(event: request.event, from: dossier.state, to: to, effects: effects, fromHint: SlotHint(slot), toHint: ct.targetHint)
        }
        return resumption(dossier, request.event, effects)
    }

    /// Fires `request` on `dossier` in place: the same decision as `transition`, applied at once,
    /// for callers that record nothing (what-if runs, the in-memory benchmark). The dossier ends
    /// exactly as `dossier.apply(try transition(…), at: time)` would leave it, without building
    /// the transition value in between.
    /// - Throws: the `Refusal`, leaving `dossier` untouched.
    public static func fire(_ dossier: inout Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                            in workflow: Workflow, context: MachineContext) throws(Refusal) {
        let (ct, slot, effects) = try passed(dossier, request, by: actor, at: time, in: workflow, context: context)
        if let to = ct.targetState {
            dossier.enter(to, hint: ct.targetHint, from: dossier.state, moved: slot != Int(ct.targetHint.slot), effects: effects, at: time)
        } else {
            dossier.apply(resumption(dossier, request.event, effects), at: time)
        }
    }

    /// The checks every entry point runs: the compiled transition, where the dossier's state
    /// stands, and the effects to record; or the refusal.
    @inline(__always)
    private static func passed(_ dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                               in workflow: Workflow, context: MachineContext) throws(Refusal) -> (CompiledTransition, Int, [Effect]) {
        guard let (ct, slot) = workflow.compiled(from: dossier.state, event: request.event, hint: dossier.stateHint) else {
            let reason: RefusalReason
            if workflow.eventTable.index(of: request.event) == nil {
                reason = .unknownEvent(known: workflow.events)
            } else {
                reason = .wrongState(allowedFrom: workflow.definition.transitions.filter { $0.event == request.event }.flatMap(\.from))
            }
            throw refusal(dossier, request, actor, time, workflow, context, [reason])
        }
        var effects: [Effect] = []
        let reasons = check(ct, dossier, request, given: true, actor, time, workflow, context, effects: &effects)
        if !reasons.isEmpty {
            throw refusal(dossier, request, actor, time, workflow, context, reasons)
        }
        return (ct, slot, effects)
    }

    /// The transition of a `$previous` target: back to the state before, with its clock.
    private static func resumption(_ dossier: Dossier, _ event: String, _ effects: [Effect]) -> Transition {
        var effects = effects
        if let original = dossier.previousEnteredAt { effects.append(.resumeClock(original)) }
        return Transition(event: event, from: dossier.state, to: dossier.previousState ?? dossier.state, effects: effects)
    }

    /// Events `actor` may fire on `dossier` at `time` (those whose checks pass, leaving out
    /// what only the request can supply: a reason, a tally, documents given with the event).
    public static func allowedEvents(_ dossier: Dossier, by actor: Actor, at time: Date,
                                     in workflow: Workflow, context: MachineContext) -> [String] {
        // Events only an envelope of the other level records (`"exchange": true`) are not offered.
        let byImport = workflow.definition.transitions.filter(\.exchange).map(\.event)
        return workflow.events(from: dossier.state).filter { event in
            guard !byImport.contains(event), let (ct, _) = workflow.compiled(from: dossier.state, event: event) else { return false }
            var ignored: [Effect] = []
            return check(ct, dossier, EventRequest(event: event), given: false, actor, time, workflow, context, effects: &ignored).isEmpty
        }
    }

    private static func refusal(_ dossier: Dossier, _ request: EventRequest, _ actor: Actor, _ time: Date,
                                _ workflow: Workflow, _ context: MachineContext, _ reasons: [RefusalReason]) -> Refusal {
        Refusal(dossierID: dossier.id, state: dossier.state, event: request.event, actor: actor, reasons: reasons,
                allowedEvents: allowedEvents(dossier, by: actor, at: time, in: workflow, context: context))
    }

    /// Runs every check of `ct`. When the request is not `given` (asking what an actor may do),
    /// the checks on what only a request supplies (reason, tally, documents) pass.
    /// (Not an optional request: wrapping one in `Optional` copies it on the hot path.)
    @inline(__always)
    static func check(_ ct: CompiledTransition, _ dossier: Dossier, _ request: EventRequest, given: Bool, _ actor: Actor,
                      _ time: Date, _ workflow: Workflow, _ context: MachineContext,
                      effects: inout [Effect]) -> [RefusalReason] {
        var reasons: [RefusalReason] = []
        // The actor's role is usually one of the transition's few allowed roles: compare
        // those first and only look the role up in the workflow when it is not.
        var side: RoleSide?
        let roleLength = actor.role.utf8.count
        for (j, r) in ct.roles.enumerated() where r.utf8.count == roleLength && r == actor.role {
            side = ct.roleSides[j]
            break
        }
        if side == nil {
            reasons.append(.roleNotAllowed(role: actor.role, allowed: ct.roles))
            side = workflow.side(of: actor.role)
        }
        switch side {
        case .proposer?:
            if actor.unit != dossier.proposerUnit {
                reasons.append(.unitMayNotAct(unit: actor.unit, dossierUnit: dossier.proposerUnit, side: .proposer))
            }
        case .addressee?:
            if actor.unit != dossier.addresseeUnit {
                reasons.append(.unitMayNotAct(unit: actor.unit, dossierUnit: dossier.addresseeUnit, side: .addressee))
            }
        case .observer?:
            reasons.append(.unitMayNotAct(unit: actor.unit, dossierUnit: dossier.addresseeUnit, side: .observer))
        case nil:
            break // unknown role: already refused by the role check
        }
        if (actor.user.utf8.count == dossier.nominee.id.utf8.count && actor.user == dossier.nominee.id)
            || (!context.actorIdentities.isEmpty && context.actorIdentities.contains(dossier.nominee.id)) {
            reasons.append(.nomineeMayNotAct(user: actor.user))
        }
        if given, let reserved = ct.reservedTo, request.via != reserved {
            reasons.append(.reservedTo(reserved))
        }
        if given && !ct.documents.isEmpty {
            var missing: [String] = []
            for d in ct.documents where !Self.contains(dossier.documents, d) && !Self.contains(request.attach, d) {
                missing.append(d)
            }
            if !missing.isEmpty { reasons.append(.documentsMissing(missing)) }
        }
        if given && !request.attach.isEmpty {
            effects.append(.attachDocuments(request.attach))
        }
        if let rule = ct.deadline {
            checkDeadline(rule, dossier, time, context, reasons: &reasons, effects: &effects)
        }
        for g in ct.guards {
            checkGuard(g, dossier, request, given: given, time, context, reasons: &reasons, effects: &effects)
        }
        return reasons
    }

    /// The deadline check of one transition. (Its own function, like `checkGuard`: inlined into
    /// `check`, the optimiser prepared the refusal texts and dates on every call.)
    @inline(never)
    static func checkDeadline(_ rule: DeadlineRule, _ dossier: Dossier, _ time: Date, _ context: MachineContext,
                              reasons: inout [RefusalReason], effects: inout [Effect]) {
        switch rule {
        case .dossierDueDate:
            if let due = dossier.dueDate {
                if CivilDate(dossier.enteredStateAt) > due {
                    reasons.append(.deadlinePassed(due: due, rule: rule))
                } else {
                    effects.append(.deadlineMet(due))
                }
            }
        case .workingDaysInState(let n):
            let entered = CivilDate(dossier.enteredStateAt)
            let due = context.calendar.adding(workingDays: n, to: entered)
            if let year = context.calendar.refusedYear(from: entered, through: max(due, CivilDate(time))) {
                reasons.append(.calendarNotConfirmed(year: year))
            } else if CivilDate(time) > due {
                reasons.append(.deadlinePassed(due: due, rule: rule))
            } else {
                effects.append(.deadlineMet(due))
            }
        }
    }

    /// One guard of one transition: a refusal reason on failure, an effect to record on success.
    @inline(never)
    static func checkGuard(_ g: CompiledGuard, _ dossier: Dossier, _ request: EventRequest, given: Bool, _ time: Date,
                           _ context: MachineContext, reasons: inout [RefusalReason], effects: inout [Effect]) {
        switch g {
        case .reasonGiven:
            if given, (request.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                reasons.append(.reasonRequired)
            }
        case .awardPublicNotice(let required):
            let actual = context.awards.publicNotice(dossier.awardID) ?? false
            if actual != required {
                let name = context.awards.award(dossier.awardID)?.name ?? LocalizedText(vi: dossier.awardID, en: dossier.awardID)
                reasons.append(.guardFailed(name: "awardPublicNotice", because: required
                    ? .init(vi: "danh hiệu “\(name.vi)” không yêu cầu công khai lấy ý kiến; chuyển thẳng sang Hội đồng",
                            en: "the award “\(name.en)” does not require public notice; send it straight to the council")
                    : .init(vi: "danh hiệu “\(name.vi)” phải được công khai lấy ý kiến trước khi trình Hội đồng",
                            en: "the award “\(name.en)” must go through public notice before the council")))
            }
        case .minWorkingDaysInState(let n):
            let entered = CivilDate(dossier.enteredStateAt)
            let elapsed = context.calendar.workingDays(after: entered, through: CivilDate(time))
            if let year = context.calendar.refusedYear(from: entered, through: CivilDate(time)) {
                reasons.append(.calendarNotConfirmed(year: year))
            } else if elapsed < n {
                let earliest = context.calendar.adding(workingDays: n, to: CivilDate(dossier.enteredStateAt))
                reasons.append(.guardFailed(name: "minWorkingDaysInState", because: .init(
                    vi: "mới \(elapsed) ngày làm việc, cần ít nhất \(n); sớm nhất vào ngày \(earliest.vietnamese)",
                    en: "only \(elapsed) working days so far, at least \(n) are needed; earliest on \(earliest)")))
            }
        case .voteThreshold(let percent, let base):
            guard given else { return }
            let rule = context.awards.voteRule(dossier.awardID, year: dossier.year)
            let pct = rule?.percent ?? percent
            let b = rule?.base ?? base
            guard let tally = request.tally else {
                reasons.append(.guardFailed(name: "voteThreshold", because: .init(
                    vi: "cần kết quả kiểm phiếu (--tally THÀNH_VIÊN,CÓ_MẶT,ĐỒNG_Ý,KHÔNG_ĐỒNG_Ý[,KHÔNG_HỢP_LỆ])",
                    en: "a tally is needed (--tally MEMBERS,PRESENT,YES,NO[,INVALID])")))
                return
            }
            // A tally with more votes or more people present than members is a typing mistake,
            // and must never carry a decision.
            if !tally.isConsistent {
                reasons.append(.guardFailed(name: "voteThreshold", because: .init(
                    vi: "kết quả kiểm phiếu không khớp: \(tally.yes) đồng ý, \(tally.no) không đồng ý, \(tally.invalid) không hợp lệ, \(tally.present) có mặt trên \(tally.members) thành viên; số phiếu và số người có mặt không được vượt quá số thành viên",
                    en: "the tally does not add up: \(tally.yes) yes, \(tally.no) no, \(tally.invalid) invalid, \(tally.present) present of \(tally.members) members; neither the votes nor those present may exceed the members")))
                return
            }
            let denominator = b == "present" ? tally.present : tally.members
            // yes / denominator >= pct / 100, in integers: yes * 100 >= pct * denominator.
            if Double(tally.yes) * 100 < pct * Double(denominator) || denominator <= 0 {
                reasons.append(.guardFailed(name: "voteThreshold", because: .init(
                    vi: "\(tally.yes)/\(denominator) phiếu đồng ý, chưa đạt \(Self.percent(pct))% \(b == "present" ? "số thành viên có mặt" : "tổng số thành viên")",
                    en: "\(tally.yes)/\(denominator) yes votes, short of \(Self.percent(pct))% of \(b == "present" ? "members present" : "all members")")))
            } else {
                effects.append(.recordTally(tally, percent: pct, base: b))
            }
        }
    }

    @inline(__always)
    static func contains(_ list: [String], _ item: String) -> Bool {
        let n = item.utf8.count
        for x in list where x.utf8.count == n && x == item { return true }
        return false
    }

    static func percent(_ p: Double) -> String {
        NumberText.exact(p)
    }
}
