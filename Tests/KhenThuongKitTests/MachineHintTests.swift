import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The machine's shortcuts (where a dossier's state stands in the workflow, carried from one
/// transition to the next) must never change an answer: a stale or foreign hint is checked
/// and dropped, hints take no part in equality or coding, and the throwing entry point says
/// exactly what `decide` says.
@Suite struct MachineHintTests {
    typealias T = TestSupport

    static let allDocuments = ["achievement_report", "cover_letter", "review_minutes"]

    /// `dossier` walked through `events` by the machine, each fired by the actor the workflow expects.
    func walked(_ dossier: Dossier, _ events: [(String, Actor)], in workflow: Workflow) throws -> Dossier {
        var d = dossier
        for (event, actor) in events {
            let t = try DossierMachine.transition(d, EventRequest(event: event), by: actor, at: T.time(2025, 3, 4),
                                                  in: workflow, context: try T.context())
            d.apply(t, at: T.time(2025, 3, 4))
        }
        return d
    }

    @Test("Every state is found by name whatever hint comes with it: right, wrong, out of range or none")
    func slotIgnoresWrongHints() throws {
        for id in ["yearly", "adhoc"] {
            let wf = try T.workflow(id)
            let states = wf.definition.states.map(\.id)
            for (i, state) in states.enumerated() {
                for hint in -1...(states.count + 1) {
                    #expect(wf.slot(of: state, hint: SlotHint(hint)) == i, "\(id): \(state) with hint \(hint)")
                }
            }
            #expect(wf.slot(of: "no_such_state", hint: SlotHint(0)) == nil)
        }
    }

    @Test("A dossier whose state was set by hand after a transition is judged by its state, not by the stale hint")
    func staleHintAfterManualState() throws {
        let wf = try T.workflow("yearly")
        var d = try walked(T.dossier(state: "draft", documents: Self.allDocuments),
                           [("submit", T.officer()), ("receive", T.secretariat())], in: wf)
        #expect(d.state == "received" && d.stateHint.slot == Int32(wf.slot(of: "received", hint: SlotHint())!))
        d.state = "appraisal" // the hint still points at `received`
        let sent = try #require(try T.decide(d, EventRequest(event: "send_to_council"), by: T.secretariat(),
                                             at: T.time(2025, 3, 5), in: wf).transition)
        #expect(sent.from == "appraisal" && sent.to == "council_review")
        let again = try #require(try T.decide(d, EventRequest(event: "start_appraisal"), by: T.secretariat(),
                                              at: T.time(2025, 3, 5), in: wf).refusal)
        #expect(again.reasons == [.wrongState(allowedFrom: ["received"])])
    }

    @Test("A hint left by one workflow does not mislead another whose states are numbered differently")
    func foreignHint() throws {
        let yearly = try T.workflow("yearly"), adhoc = try T.workflow("adhoc")
        // `public_notice` is slot 5 in the yearly workflow; slot 5 of the ad-hoc one is `council_review`.
        #expect(yearly.slot(of: "public_notice", hint: SlotHint()) == 5 && adhoc.definition.states[5].id == "council_review")
        var d = T.dossier(workflow: "adhoc", state: "appraisal")
        d.stateHint = SlotHint(5)
        let r = try #require(try T.decide(d, EventRequest(event: "approve", via: .council, tally: Tally(members: 7, present: 7, yes: 7, no: 0)),
                                          by: T.chair(), at: T.time(2025, 3, 5), in: adhoc).refusal)
        #expect(r.state == "appraisal" && r.reasons == [.wrongState(allowedFrom: ["council_review"])])
    }

    @Test("Hints take no part in equality, and a dossier's JSON has exactly its public fields")
    func hintsAreInvisible() throws {
        let wf = try T.workflow("yearly")
        let machine = try walked(T.dossier(state: "draft", documents: Self.allDocuments), [("submit", T.officer())], in: wf)
        var byHand = T.dossier(state: "draft", documents: Self.allDocuments)
        byHand = byHand.applying(Transition(event: "submit", from: "draft", to: "submitted", effects: []), at: T.time(2025, 3, 4))
        #expect(machine.stateHint.slot >= 0 && byHand.stateHint.slot == -1)
        #expect(machine == byHand)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(machine)) as? [String: Any])
        let publicFields: Set<String> = ["id", "workflowID", "workflowVersion", "awardID", "year", "nominee", "proposerUnit",
                                         "addresseeUnit", "state", "previousState", "previousEnteredAt", "enteredStateAt",
                                         "documents", "dueDate", "createdAt", "eventCount"]
        // After one transition every public field has a value: all are there, and nothing else.
        #expect(Set(json.keys) == publicFields)
        #expect(json["state"] as? String == "submitted")
        #expect(try JSONDecoder().decode(Dossier.self, from: JSONEncoder().encode(machine)) == machine)
    }

    @Test("A transition that stays put keeps the previous state, whether the machine or a caller built it")
    func stayingPutWithAndWithoutHints() throws {
        let wf = try T.workflow("yearly")
        let d = T.dossier(state: "council_review", previousState: "appraisal", enteredStateAt: T.time(2025, 3, 3))
        let slot = try #require(wf.slot(of: "council_review", hint: SlotHint()))
        let hinted = Transition(event: "note", from: "council_review", to: "council_review", effects: [],
                                fromHint: SlotHint(slot), toHint: SlotHint(slot))
        let plain = Transition(event: "note", from: "council_review", to: "council_review", effects: [])
        for t in [hinted, plain] {
            let after = d.applying(t, at: T.time(2025, 3, 9))
            #expect(after.state == "council_review" && after.previousState == "appraisal" && after.enteredStateAt == T.time(2025, 3, 3))
        }
        let moved = d.applying(Transition(event: "approve", from: "council_review", to: "approved", effects: [],
                                          fromHint: SlotHint(slot), toHint: SlotHint(slot + 2)), at: T.time(2025, 3, 9))
        #expect(moved.previousState == "council_review" && moved.enteredStateAt == T.time(2025, 3, 9))
    }

    @Test("A transition whose end a caller renames is judged by names, not by the machine's hints")
    func renamedTransitionEnd() throws {
        let wf = try T.workflow("yearly")
        let d = T.dossier(state: "council_review", previousState: "appraisal", enteredStateAt: T.time(2025, 3, 3))
        var t = try DossierMachine.transition(d, EventRequest(event: "approve", via: .council, tally: Tally(members: 9, present: 9, yes: 9, no: 0)),
                                              by: T.chair(), at: T.time(2025, 3, 9), in: wf, context: try T.context())
        #expect(t.fromHint.slot >= 0 && t.toHint.slot >= 0)
        t.to = "council_review" // now it stays put
        #expect(t.toHint.slot == -1)
        let after = d.applying(t, at: T.time(2025, 3, 9))
        #expect(after.state == "council_review" && after.previousState == "appraisal" && after.enteredStateAt == T.time(2025, 3, 3))
    }

    @Test("The throwing entry point gives the transition decide gives, and throws the refusal decide returns")
    func throwingMatchesDecide() throws {
        let wf = try T.workflow("yearly"), context = try T.context()
        let d = T.dossier(state: "draft", documents: ["cover_letter"])
        let at = T.time(2025, 3, 4)
        let refused = try #require(DossierMachine.decide(d, EventRequest(event: "submit"), by: T.officer(), at: at, in: wf, context: context).refusal)
        #expect(throws: refused) {
            try DossierMachine.transition(d, EventRequest(event: "submit"), by: T.officer(), at: at, in: wf, context: context)
        }
        let complete = T.dossier(state: "draft", documents: Self.allDocuments)
        let decided = try #require(DossierMachine.decide(complete, EventRequest(event: "submit"), by: T.officer(), at: at, in: wf, context: context).transition)
        #expect(try DossierMachine.transition(complete, EventRequest(event: "submit"), by: T.officer(), at: at, in: wf, context: context) == decided)
    }

    // MARK: Firing in place

    /// A season with every kind of step: documents given with an event, a deadline met, a
    /// deferral and a `$previous` resumption with its clock, a council tally, publication.
    static func season() -> [(EventRequest, Actor, Date)] {
        let reason = "Bổ sung biên bản"
        return [
            (EventRequest(event: "submit"), T.officer(), T.time(2025, 3, 4)),
            (EventRequest(event: "receive"), T.secretariat(), T.time(2025, 3, 5)),
            (EventRequest(event: "start_appraisal"), T.secretariat(), T.time(2025, 3, 6)),
            (EventRequest(event: "request_supplement", reason: reason), T.secretariat(), T.time(2025, 3, 7)),
            (EventRequest(event: "resubmit", attach: ["supplement"]), T.officer(), T.time(2025, 3, 10)),
            (EventRequest(event: "defer", reason: "Đang xác minh đơn thư"), T.secretariat(), T.time(2025, 3, 11)),
            (EventRequest(event: "resume", reason: "Đã có kết luận"), T.secretariat(), T.time(2025, 3, 20)),
            (EventRequest(event: "send_to_council"), T.secretariat(), T.time(2025, 3, 21)),
            (EventRequest(event: "approve", via: .council, tally: Tally(members: 9, present: 8, yes: 8, no: 0)), T.chair(), T.time(2025, 3, 24)),
            (EventRequest(event: "publish", via: .decision), T.signer(), T.time(2025, 3, 25)),
        ]
    }

    @Test("Firing in place leaves the dossier exactly as transition + apply does, after every step of a season")
    func fireMatchesTransitionAndApply() throws {
        let wf = try T.workflow("yearly"), context = try T.context()
        var fired = T.dossier(state: "draft", documents: Self.allDocuments, dueDate: T.day(2025, 3, 31))
        var applied = fired
        for (request, actor, at) in Self.season() {
            let t = try DossierMachine.transition(applied, request, by: actor, at: at, in: wf, context: context)
            applied.apply(t, at: at)
            try DossierMachine.fire(&fired, request, by: actor, at: at, in: wf, context: context)
            #expect(fired == applied, "after \(request.event)")
            #expect(fired.stateHint.slot == applied.stateHint.slot, "after \(request.event)")
        }
        // The season really went through the resumption and the attachment.
        #expect(fired.state == "published" && fired.documents.contains("supplement") && fired.eventCount == 11)
    }

    @Test("A refused fire throws what decide returns and leaves the dossier as it was")
    func refusedFireLeavesDossier() throws {
        let wf = try T.workflow("yearly"), context = try T.context()
        let before = T.dossier(state: "council_review")
        var d = before
        let request = EventRequest(event: "approve", via: .council, tally: Tally(members: 9, present: 9, yes: 4, no: 5))
        let refused = try #require(DossierMachine.decide(d, request, by: T.chair(), at: T.time(2025, 3, 24), in: wf, context: context).refusal)
        #expect(throws: refused) {
            try DossierMachine.fire(&d, request, by: T.chair(), at: T.time(2025, 3, 24), in: wf, context: context)
        }
        #expect(d == before && d.eventCount == before.eventCount)
    }
}
