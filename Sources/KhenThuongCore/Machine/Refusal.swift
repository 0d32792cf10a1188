/// Why the machine refused an event. Every failing check is listed, not just the first.
public enum RefusalReason: Sendable, Equatable {
    /// The workflow has no such event.
    case unknownEvent(known: [String])
    /// The event exists but not from the dossier's current state.
    case wrongState(allowedFrom: [String])
    /// The actor's role may not fire this event.
    case roleNotAllowed(role: String, allowed: [String])
    /// The actor's unit is not the unit that may act on this dossier.
    case unitMayNotAct(unit: String, dossierUnit: String, side: RoleSide)
    /// The nominee tried to act on their own dossier.
    case nomineeMayNotAct(user: String)
    /// Required documents are neither attached nor given with the event.
    case documentsMissing([String])
    /// The deadline passed on the given day.
    case deadlinePassed(due: CivilDate, rule: DeadlineRule)
    /// The transition needs a written reason and none was given.
    case reasonRequired
    /// The workflow reserves the event to another command (`council vote`, `decision issue`).
    case reservedTo(ReservedChannel)
    /// A named guard failed, with why.
    case guardFailed(name: String, because: LocalizedText)
    /// A working-day count reaches a year whose days off are computed, not confirmed in
    /// `calendar.json`, and the calendar's policy refuses computed years.
    case calendarNotConfirmed(year: Int)
}

/// A refused event: which state refused which event, every reason, and what the actor may
/// do instead. It is a value returned by the machine, and an `Error` for the runner.
public struct Refusal: Error, Sendable, Equatable {
    /// The fields live in one shared box, so the machine's `Result<Transition, Refusal>`
    /// stays the size of a transition on the hot path where nothing is refused.
    private final class Storage: @unchecked Sendable {
        var dossierID: String
        var state: String
        var event: String
        var actor: Actor
        var reasons: [RefusalReason]
        var allowedEvents: [String]

        init(_ dossierID: String, _ state: String, _ event: String, _ actor: Actor, _ reasons: [RefusalReason], _ allowed: [String]) {
            self.dossierID = dossierID
            self.state = state
            self.event = event
            self.actor = actor
            self.reasons = reasons
            self.allowedEvents = allowed
        }

        func copy() -> Storage { Storage(dossierID, state, event, actor, reasons, allowedEvents) }
    }

    private var storage: Storage

    public init(dossierID: String, state: String, event: String, actor: Actor, reasons: [RefusalReason], allowedEvents: [String]) {
        storage = Storage(dossierID, state, event, actor, reasons, allowedEvents)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var dossierID: String {
        get { storage.dossierID }
        set { unique().dossierID = newValue }
    }
    public var state: String {
        get { storage.state }
        set { unique().state = newValue }
    }
    public var event: String {
        get { storage.event }
        set { unique().event = newValue }
    }
    public var actor: Actor {
        get { storage.actor }
        set { unique().actor = newValue }
    }
    /// Every failed check, in the order they were made.
    public var reasons: [RefusalReason] {
        get { storage.reasons }
        set { unique().reasons = newValue }
    }
    /// Events this actor could fire now (ignoring what only the request itself can supply:
    /// a reason, a tally, documents given with the event).
    public var allowedEvents: [String] {
        get { storage.allowedEvents }
        set { unique().allowedEvents = newValue }
    }

    public static func == (a: Refusal, b: Refusal) -> Bool {
        a.dossierID == b.dossierID && a.state == b.state && a.event == b.event && a.actor == b.actor
            && a.reasons == b.reasons && a.allowedEvents == b.allowedEvents
    }

    /// The refusal as a person reads it, with states, events and documents by name.
    public func message(_ language: Language, workflow: Workflow) -> String {
        let vi = language == .vi
        let stateText = "“\(workflow.stateLabel(state, language))” (\(state))"
        let eventText = workflow.definition.transition(event: event) == nil ? "“\(event)”" : "“\(workflow.eventLabel(event, language))” (\(event))"
        var lines = [vi ? "Từ chối: không thể thực hiện \(eventText) với hồ sơ \(dossierID) đang ở trạng thái \(stateText)."
                        : "Refused: cannot do \(eventText) on dossier \(dossierID) in state \(stateText)."]
        lines.append(vi ? "Lý do:" : "Reasons:")
        for r in reasons { lines.append("  - " + Self.describe(r, language, workflow: workflow)) }
        let allowed = allowedEvents.map { "\(workflow.eventLabel($0, language)) (\($0))" }.joined(separator: ", ")
        let none = vi ? "không có" : "none"
        lines.append(vi ? "Thao tác được phép lúc này với \(actor): \(allowed.isEmpty ? none : allowed)"
                        : "Allowed now for \(actor): \(allowed.isEmpty ? none : allowed)")
        return lines.joined(separator: "\n")
    }

    public static func describe(_ reason: RefusalReason, _ language: Language, workflow: Workflow) -> String {
        let vi = language == .vi
        func states(_ ids: [String]) -> String { ids.map { "“\(workflow.stateLabel($0, language))” (\($0))" }.joined(separator: ", ") }
        func roles(_ ids: [String]) -> String {
            ids.map { workflow.definition.role($0) == nil ? "“\($0)”" : "“\(workflow.roleName($0, language))” (\($0))" }.joined(separator: ", ")
        }
        switch reason {
        case .unknownEvent(let known):
            return vi ? "quy trình “\(workflow.definition.name.vi)” không có sự kiện này; các sự kiện: \(known.joined(separator: ", "))"
                      : "the workflow “\(workflow.definition.name.en)” has no such event; its events: \(known.joined(separator: ", "))"
        case .wrongState(let from):
            return vi ? "sự kiện này chỉ thực hiện được khi hồ sơ ở trạng thái: \(states(from))"
                      : "this event can only happen in state: \(states(from))"
        case .roleNotAllowed(let role, let allowed):
            return vi ? "vai trò \(roles([role])) không được thực hiện thao tác này; vai trò được phép: \(roles(allowed))"
                      : "the role \(roles([role])) may not do this; allowed roles: \(roles(allowed))"
        case .unitMayNotAct(let unit, let dossierUnit, let side):
            switch side {
            case .proposer:
                return vi ? "đơn vị \(unit) chỉ được thao tác trên hồ sơ do mình đề nghị; hồ sơ này do \(dossierUnit) đề nghị"
                          : "unit \(unit) may act only on dossiers it proposed; this one was proposed by \(dossierUnit)"
            case .addressee:
                return vi ? "hồ sơ này gửi tới \(dossierUnit), không phải \(unit); chỉ cơ quan nhận hồ sơ được thao tác"
                          : "this dossier is addressed to \(dossierUnit), not \(unit); only the receiving body may act on it"
            case .observer:
                return vi ? "vai trò chỉ được xem, không được thao tác trên hồ sơ" : "this role may only read dossiers, not act on them"
            }
        case .nomineeMayNotAct(let user):
            return vi ? "người được đề nghị (\(user)) không được tự thao tác trên hồ sơ của chính mình"
                      : "the nominee (\(user)) may never act on their own dossier"
        case .documentsMissing(let docs):
            let names = docs.map { "\(workflow.documentName($0, language)) (\($0))" }.joined(separator: ", ")
            return vi ? "thiếu tài liệu: \(names); đính kèm bằng --attach" : "documents missing: \(names); attach them with --attach"
        case .deadlinePassed(let due, let rule):
            switch rule {
            case .dossierDueDate:
                return vi ? "hồ sơ nộp sau hạn \(due.vietnamese); tiếp nhận muộn phải dùng sự kiện riêng kèm lý do"
                          : "the dossier was submitted after its deadline of \(due); a late acceptance is its own event with a reason"
            case .workingDaysInState(let n):
                return vi ? "đã quá hạn \(n) ngày làm việc kể từ khi hồ sơ vào trạng thái này; hạn cuối là \(due.vietnamese)"
                          : "the deadline of \(n) working days in this state has passed; the last day was \(due)"
            }
        case .reasonRequired:
            return vi ? "cần ghi lý do (--reason \"…\")" : "a written reason is required (--reason \"…\")"
        case .reservedTo(let channel):
            switch channel {
            case .council:
                return vi ? "kết quả của Hội đồng chỉ được ghi bằng `\(channel.command)` (phiên họp, số lượng có mặt, người không tham gia biểu quyết và kết quả kiểm phiếu được ghi cùng), không bằng `dossier act`"
                          : "a council outcome is recorded only through `\(channel.command)` (the session, its quorum, recusals and the ballot count are recorded with it), not `dossier act`"
            case .decision:
                return vi ? "việc công bố hoặc hủy bỏ khen thưởng chỉ được ghi bằng `\(channel.command)` (số quyết định, người ký và số tiền được ghi cùng), không bằng `dossier act`"
                          : "publishing or revoking an award is recorded only through `\(channel.command)` (the decision's number, signer and money are recorded with it), not `dossier act`"
            }
        case .guardFailed(let name, let because):
            return vi ? "điều kiện \(name) không đạt: \(because.vi)" : "guard \(name) failed: \(because.en)"
        case .calendarNotConfirmed(let year):
            return vi ? "ngày nghỉ năm \(year) chưa được xác nhận trong calendar.json nên không tính được thời hạn theo ngày làm việc; "
                        + "thêm lịch nghỉ chính thức năm \(year) vào workflows/calendar.json, hoặc chấp nhận lịch tính theo luật (\"computedYears\": \"accept\" hay KHENTHUONG_COMPUTED_CALENDAR=accept)"
                      : "the days off of \(year) are not confirmed in calendar.json, so no working-day deadline can be counted; "
                        + "add the official \(year) schedule to workflows/calendar.json, or accept the calendar computed from the law (\"computedYears\": \"accept\" or KHENTHUONG_COMPUTED_CALENDAR=accept)"
        }
    }
}
