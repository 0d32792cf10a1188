import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Every state × every event of the shipped workflows, against a table written out here
/// from the process as the domain describes it (not read from the JSON).
@Suite struct WorkflowTableTests {
    /// What an event should do in a state.
    enum Outcome: Equatable, Sendable, CustomStringConvertible {
        /// A transition to this state.
        case to(String)
        /// A transition back to the state before the current one (`$previous`).
        case previous
        /// Refused because the event does not leave this state.
        case wrongState
        /// Refused because the workflow has no such event.
        case unknownEvent
        /// Refused for other reasons (never expected; shows up in failures).
        case refused([RefusalReason])

        var description: String {
            switch self {
            case .to(let s): s
            case .previous: "$previous"
            case .wrongState: "refused: wrong state"
            case .unknownEvent: "refused: unknown event"
            case .refused(let r): "refused: \(r)"
            }
        }
    }

    // MARK: The expected tables

    /// Pre-decision states a dossier may be deferred from (and withdrawn from).
    static let yearlyPreDecision = ["submitted", "received", "appraisal", "needs_supplement", "public_notice", "council_review"]
    static let adhocPreDecision = ["submitted", "received", "appraisal", "needs_supplement", "council_review"]

    static let yearlyStates = ["draft", "submitted", "received", "appraisal", "needs_supplement", "public_notice",
                               "council_review", "deferred", "approved", "published", "not_approved",
                               "proposed_upward", "withdrawn", "revoked"]
    static let adhocStates = ["draft", "submitted", "received", "appraisal", "needs_supplement",
                              "council_review", "deferred", "approved", "published", "not_approved",
                              "withdrawn", "revoked"]

    static let yearlyEvents = ["submit", "receive", "receive_late", "start_appraisal", "request_supplement", "resubmit",
                               "accept_late_supplement", "open_notice", "close_notice", "send_to_council", "approve",
                               "reject", "propose_upward", "publish", "revoke", "withdraw", "defer", "resume",
                               // Recorded by `exchange import` when the other level's envelope shows the dossier there.
                               "supplement_requested", "supplement_received", "result_received", "rejection_received",
                               "upward_awarded", "upward_rejected"]
    /// The ad-hoc procedure has no public notice and does not propose upward.
    static let adhocEvents = yearlyEvents.filter {
        !["open_notice", "close_notice", "propose_upward", "upward_awarded", "upward_rejected"].contains($0)
    }

    /// Events tried on both workflows: every yearly event plus one no workflow has.
    static let triedEvents = yearlyEvents + ["promote"]

    /// The yearly process: draft → submitted → received → appraisal ⇄ needs_supplement →
    /// public_notice (awards with notice) → council_review → approved | not_approved |
    /// proposed_upward; approved → published → revoked; withdraw before a decision;
    /// defer from any pre-decision state and resume to where it was.
    /// The proposer's copy in another store follows the level above (supplement asked, result,
    /// rejection); the addressee's copy follows the supplement coming back and the decision on a
    /// proposal upward.
    static let yearly: [String: [String: Outcome]] = [
        "draft": ["submit": .to("submitted"), "withdraw": .to("withdrawn")],
        "submitted": ["receive": .to("received"), "receive_late": .to("received"),
                      "withdraw": .to("withdrawn"), "defer": .to("deferred")].merging(fromAbove) { a, _ in a },
        "received": ["start_appraisal": .to("appraisal"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "appraisal": ["request_supplement": .to("needs_supplement"), "open_notice": .to("public_notice"),
                      "send_to_council": .to("council_review"), "withdraw": .to("withdrawn"), "defer": .to("deferred")]
            .merging(fromAbove) { a, _ in a },
        "needs_supplement": ["resubmit": .to("appraisal"), "accept_late_supplement": .to("appraisal"),
                             "supplement_received": .to("appraisal"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "public_notice": ["close_notice": .to("council_review"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "council_review": ["approve": .to("approved"), "reject": .to("not_approved"),
                           "propose_upward": .to("proposed_upward"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "deferred": ["resume": .previous, "withdraw": .to("withdrawn")],
        "approved": ["publish": .to("published")],
        "published": ["revoke": .to("revoked")],
        "not_approved": [:],
        "proposed_upward": ["upward_awarded": .to("published"), "upward_rejected": .to("not_approved")],
        "withdrawn": [:],
        "revoked": [:],
    ]

    /// The simplified ad-hoc procedure: no public notice, no proposing upward.
    static let adhoc: [String: [String: Outcome]] = [
        "draft": ["submit": .to("submitted"), "withdraw": .to("withdrawn")],
        "submitted": ["receive": .to("received"), "receive_late": .to("received"),
                      "withdraw": .to("withdrawn"), "defer": .to("deferred")].merging(fromAbove) { a, _ in a },
        "received": ["start_appraisal": .to("appraisal"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "appraisal": ["request_supplement": .to("needs_supplement"), "send_to_council": .to("council_review"),
                      "withdraw": .to("withdrawn"), "defer": .to("deferred")].merging(fromAbove) { a, _ in a },
        "needs_supplement": ["resubmit": .to("appraisal"), "accept_late_supplement": .to("appraisal"),
                             "supplement_received": .to("appraisal"), "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "council_review": ["approve": .to("approved"), "reject": .to("not_approved"),
                           "withdraw": .to("withdrawn"), "defer": .to("deferred")],
        "deferred": ["resume": .previous, "withdraw": .to("withdrawn")],
        "approved": ["publish": .to("published")],
        "published": ["revoke": .to("revoked")],
        "not_approved": [:],
        "withdrawn": [:],
        "revoked": [:],
    ]

    /// What the proposer's copy follows from the level above, from submitted and from appraisal.
    static let fromAbove: [String: Outcome] = ["supplement_requested": .to("needs_supplement"), "result_received": .to("published"),
                                               "rejection_received": .to("not_approved")]

    /// Who fires each event.
    static let roleForEvent: [String: String] = [
        "submit": "union_officer", "resubmit": "union_officer", "withdraw": "union_officer",
        "receive": "secretariat", "receive_late": "secretariat", "start_appraisal": "secretariat",
        "request_supplement": "secretariat", "accept_late_supplement": "secretariat", "open_notice": "secretariat",
        "close_notice": "secretariat", "send_to_council": "secretariat", "defer": "secretariat", "resume": "secretariat",
        "approve": "council_chair", "reject": "council_chair", "propose_upward": "council_chair",
        "publish": "signer", "revoke": "signer", "promote": "secretariat",
        "supplement_requested": "union_officer", "result_received": "union_officer", "rejection_received": "union_officer",
        "supplement_received": "secretariat", "upward_awarded": "secretariat", "upward_rejected": "secretariat",
    ]

    // MARK: The cases

    struct Case: Sendable, CustomTestStringConvertible {
        var workflow: String
        var state: String
        var event: String
        var expected: Outcome
        var testDescription: String { "\(workflow): \(state) × \(event) → \(expected)" }
    }

    static func cases(_ workflow: String, states: [String], events: [String],
                      table: [String: [String: Outcome]]) -> [Case] {
        states.flatMap { state in
            triedEvents.map { event in
                let expected = table[state]?[event] ?? (events.contains(event) ? .wrongState : .unknownEvent)
                return Case(workflow: workflow, state: state, event: event, expected: expected)
            }
        }
    }

    static let allCases = cases("yearly", states: yearlyStates, events: yearlyEvents, table: yearly)
        + cases("adhoc", states: adhocStates, events: adhocEvents, table: adhoc)

    /// The state a deferred dossier in the table came from.
    static let stateBeforeDeferral = "council_review"

    /// Working days between entering the state and firing the event: a public notice must run
    /// 10 working days; the resubmit deadline (10 yearly, 3 ad hoc) is still open after 3.
    static func workingDaysInState(_ event: String) -> Int {
        switch event {
        case "close_notice": 10
        case "resubmit": 3
        default: 1
        }
    }

    /// The award a dossier needs for `event`: open_notice needs an award with public
    /// notice, send_to_council (yearly) one without.
    static func award(_ workflow: String, _ event: String) -> String {
        guard workflow == "yearly" else { return "giay_khen_dot_xuat" }
        return event == "send_to_council" ? "lao_dong_tien_tien" : "chien_si_thi_dua_cap_tinh"
    }

    @Test("Every state × every event goes where the process says, or is refused as wrong state / unknown event",
          arguments: allCases)
    func stateEventTable(_ c: Case) throws {
        let workflow = try TestSupport.workflow(c.workflow)
        let defs = try TestSupport.definitions()
        let entered = TestSupport.time(2025, 3, 3, hour: 10)
        let previousState = c.state == "deferred" ? Self.stateBeforeDeferral : "draft"
        let dossier = TestSupport.dossier(
            workflow: c.workflow, award: Self.award(c.workflow, c.event), state: c.state,
            previousState: previousState,
            documents: workflow.definition.documents.map(\.id),
            dueDate: TestSupport.day(2025, 12, 31), enteredStateAt: entered)
        let role = try #require(Self.roleForEvent[c.event])
        let unit = role == "union_officer" ? TestSupport.proposerUnit : TestSupport.addresseeUnit
        let actor = Actor(role: role, unit: unit, user: "can.bo.\(role)")
        let at = TestSupport.time(defs.calendar.adding(workingDays: Self.workingDaysInState(c.event), to: CivilDate(entered)), hour: 15)
        // The table stands in for the command an event is reserved to (`council vote`, `decision issue`).
        let via = workflow.definition.transition(event: c.event)?.reservedTo
        let request = EventRequest(event: c.event, via: via, reason: "Theo kết luận cuộc họp ngày 03/03/2025",
                                   tally: Tally(members: 11, present: 11, yes: 11, no: 0))

        let outcome: Outcome
        switch DossierMachine.decide(dossier, request, by: actor, at: at, in: workflow, context: defs.context) {
        case .success(let t):
            outcome = .to(t.to)
            #expect(t.from == c.state && t.event == c.event)
        case .failure(let r):
            switch r.reasons.first {
            case .wrongState? where r.reasons.count == 1: outcome = .wrongState
            case .unknownEvent? where r.reasons.count == 1: outcome = .unknownEvent
            default: outcome = .refused(r.reasons)
            }
        }
        #expect(outcome == (c.expected == .previous ? .to(previousState) : c.expected))
    }

    @Test("The tables cover exactly the states and events the shipped workflows define",
          arguments: [("yearly", yearlyStates, yearlyEvents), ("adhoc", adhocStates, adhocEvents)])
    func tablesCoverTheDefinitions(_ id: String, _ states: [String], _ events: [String]) throws {
        let workflow = try TestSupport.workflow(id)
        #expect(Set(workflow.definition.states.map(\.id)) == Set(states))
        #expect(Set(workflow.events) == Set(events))
    }

    @Test("Resume goes back to exactly the state the dossier was deferred from, with that state's clock",
          arguments: [("yearly", yearlyPreDecision), ("adhoc", adhocPreDecision)].flatMap { w, s in s.map { (w, $0) } })
    func resumeReturnsToPreviousState(_ workflowID: String, _ deferredFrom: String) throws {
        let workflow = try TestSupport.workflow(workflowID)
        let secretariat = TestSupport.secretariat()
        let award = workflowID == "yearly" ? "chien_si_thi_dua_cap_tinh" : "giay_khen_dot_xuat"
        let start = TestSupport.dossier(workflow: workflowID, award: award, state: deferredFrom,
                                        enteredStateAt: TestSupport.time(2025, 3, 3))
        let deferAt = TestSupport.time(2025, 3, 4)
        let deferral = try #require(try TestSupport.decide(start, EventRequest(event: "defer", reason: "Chờ ý kiến cơ quan chức năng"),
                                                          by: secretariat, at: deferAt, in: workflow).transition)
        let deferred = start.applying(deferral, at: deferAt)
        let resumeAt = TestSupport.time(2025, 3, 10)
        let resumption = try #require(try TestSupport.decide(deferred, EventRequest(event: "resume", reason: "Đã có ý kiến"),
                                                            by: secretariat, at: resumeAt, in: workflow).transition)
        #expect(resumption == Transition(event: "resume", from: "deferred", to: deferredFrom,
                                         effects: [.resumeClock(TestSupport.time(2025, 3, 3))]))
        let resumed = deferred.applying(resumption, at: resumeAt)
        // The deferral does not restart the state's clock: deadlines and notice counts run from the original entry.
        #expect(resumed.state == deferredFrom && resumed.previousState == "deferred"
                && resumed.enteredStateAt == TestSupport.time(2025, 3, 3) && resumed.previousEnteredAt == deferAt)
    }
}
