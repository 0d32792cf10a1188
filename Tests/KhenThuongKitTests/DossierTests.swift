import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct DossierTests {
    typealias T = TestSupport

    @Test("A new dossier starts in the initial state with its documents de-duplicated and sorted, and one event")
    func newDossier() {
        let created = T.time(2025, 3, 3)
        let d = Dossier(id: "HS-1", workflowID: "yearly", workflowVersion: "1.0.0", awardID: "lao_dong_tien_tien", year: 2025,
                        nominee: T.nominee, proposerUnit: T.proposerUnit, addresseeUnit: T.addresseeUnit, initialState: "draft",
                        documents: ["review_minutes", "cover_letter", "review_minutes"], createdAt: created)
        #expect(d == T.dossier(id: "HS-1", state: "draft", documents: ["cover_letter", "review_minutes"], dueDate: nil,
                               enteredStateAt: created, createdAt: created))
        #expect(d.documents == ["cover_letter", "review_minutes"] && d.previousState == nil && d.eventCount == 1)
    }

    @Test("Document ids sort in UTF-8 byte order: first byte, shared prefix, a prefix of the other, empty, Vietnamese letters")
    func documentOrder() {
        let ids = ["", "a", "ab", "abc", "abd", "b", "cover_letter", "achievement_report", "review_minutes",
                   "biên_bản", "bien_ban", "Đơn", "đơn", "z", "é", "e\u{301}", "🙂"]
        for a in ids {
            for b in ids {
                #expect(Dossier.utf8Precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
        #expect(Dossier.normalised(["review_minutes", "biên_bản", "bien_ban", "cover_letter", "bien_ban"])
                == ["bien_ban", "biên_bản", "cover_letter", "review_minutes"])
    }

    @Test("Applying a transition attaches documents, moves the state, remembers the previous one and counts the event")
    func applyingAStateChange() {
        let before = T.dossier(state: "needs_supplement", previousState: "appraisal", documents: ["cover_letter", "achievement_report"],
                               enteredStateAt: T.time(2025, 4, 22), eventCount: 5)
        let at = T.time(2025, 5, 8, hour: 16)
        let after = before.applying(Transition(event: "resubmit", from: "needs_supplement", to: "appraisal",
                                               effects: [.attachDocuments(["supplement", "cover_letter"]), .deadlineMet(T.day(2025, 5, 8))]),
                                    at: at)
        var expected = before
        expected.documents = ["achievement_report", "cover_letter", "supplement"]
        expected.state = "appraisal"
        expected.previousState = "needs_supplement"
        expected.previousEnteredAt = T.time(2025, 4, 22)
        expected.enteredStateAt = at
        expected.eventCount = 6
        #expect(after == expected)
    }

    @Test("A transition that stays in the same state keeps the previous state and the time it was entered")
    func applyingWithoutAStateChange() {
        let before = T.dossier(state: "deferred", previousState: nil, documents: ["cover_letter"],
                               enteredStateAt: T.time(2025, 4, 1), eventCount: 3)
        let after = before.applying(Transition(event: "resume", from: "deferred", to: "deferred",
                                               effects: [.attachDocuments(["supplement"])]), at: T.time(2025, 4, 9))
        var expected = before
        expected.documents = ["cover_letter", "supplement"]
        expected.eventCount = 4
        #expect(after == expected)
    }

    @Test("Tallies and met deadlines are recorded by the runner; they do not change the dossier beyond its state")
    func otherEffectsLeaveTheDossierAlone() {
        let before = T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "council_review", documents: ["cover_letter"])
        let tally = Tally(members: 11, present: 11, yes: 10, no: 1)
        let at = T.time(2025, 6, 2)
        let after = before.applying(Transition(event: "approve", from: "council_review", to: "approved",
                                               effects: [.recordTally(tally, percent: 90, base: "total")]), at: at)
        var expected = before
        expected.state = "approved"
        expected.previousState = "council_review"
        expected.previousEnteredAt = before.enteredStateAt
        expected.enteredStateAt = at
        expected.eventCount = 2
        #expect(after == expected)
    }

    @Test("A CSTĐ cấp tỉnh dossier runs the whole yearly process, one event at a time")
    func wholeYearlyProcess() throws {
        let wf = try T.workflow("yearly")
        var d = Dossier(id: "HS-2025-007", workflowID: "yearly", workflowVersion: wf.version, awardID: "chien_si_thi_dua_cap_tinh",
                        year: 2024, nominee: T.nominee, proposerUnit: T.proposerUnit, addresseeUnit: T.addresseeUnit,
                        initialState: wf.initialState, documents: ["achievement_report"], dueDate: T.day(2025, 1, 15),
                        createdAt: T.time(2025, 1, 6))
        let steps: [(EventRequest, Actor, Date)] = [
            (EventRequest(event: "submit", attach: ["cover_letter", "review_minutes"]), T.officer(), T.time(2025, 1, 10)),
            (EventRequest(event: "receive"), T.secretariat(), T.time(2025, 1, 13)),
            (EventRequest(event: "start_appraisal"), T.secretariat(), T.time(2025, 1, 14)),
            (EventRequest(event: "request_supplement", reason: "Thiếu xác nhận sáng kiến"), T.secretariat(), T.time(2025, 1, 16)),
            (EventRequest(event: "resubmit", attach: ["supplement", "initiative_proof"]), T.officer(), T.time(2025, 2, 4)),
            (EventRequest(event: "open_notice"), T.secretariat(), T.time(2025, 2, 5)),
            (EventRequest(event: "close_notice"), T.secretariat(), T.time(2025, 2, 19)),
            (EventRequest(event: "approve", via: .council, tally: Tally(members: 11, present: 10, yes: 10, no: 0)), T.chair(), T.time(2025, 2, 25)),
            (EventRequest(event: "publish", via: .decision), T.signer(), T.time(2025, 3, 3)),
        ]
        var states: [String] = []
        for (request, actor, at) in steps {
            let t = try #require(try T.decide(d, request, by: actor, at: at, in: wf).transition, "\(request.event) at \(CivilDate(at))")
            d = d.applying(t, at: at)
            states.append(d.state)
        }
        #expect(states == ["submitted", "received", "appraisal", "needs_supplement", "appraisal", "public_notice",
                           "council_review", "approved", "published"])
        #expect(d.eventCount == 10 && d.previousState == "approved" && d.enteredStateAt == T.time(2025, 3, 3))
        #expect(d.documents == ["achievement_report", "cover_letter", "initiative_proof", "review_minutes", "supplement"])
    }

    // MARK: Allowed events

    struct Allowed: Sendable, CustomTestStringConvertible {
        var name: String
        var workflow = "yearly"
        var dossier: Dossier
        var actor: Actor
        var at: Date = T.time(2025, 3, 4)
        var expected: [String]
        var testDescription: String { name }
    }

    @Test("Allowed events depend on the role, the unit, the person, the award and the clock", arguments: [
        Allowed(name: "secretariat, appraisal of an award with notice",
                dossier: T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "appraisal"), actor: T.secretariat(),
                expected: ["request_supplement", "open_notice", "defer"]),
        Allowed(name: "secretariat, appraisal of an award without notice",
                dossier: T.dossier(award: "lao_dong_tien_tien", state: "appraisal"), actor: T.secretariat(),
                expected: ["request_supplement", "send_to_council", "defer"]),
        Allowed(name: "proposing officer, appraisal",
                dossier: T.dossier(state: "appraisal"), actor: T.officer(), expected: ["withdraw"]),
        Allowed(name: "another union's officer", dossier: T.dossier(state: "appraisal"),
                actor: T.officer(unit: T.otherProposerUnit), expected: []),
        Allowed(name: "the nominee as officer", dossier: T.dossier(state: "appraisal"),
                actor: T.officer(user: T.nominee.id), expected: []),
        Allowed(name: "secretariat of another level", dossier: T.dossier(state: "appraisal"),
                actor: T.secretariat(unit: T.otherLevelUnit), expected: []),
        Allowed(name: "auditor", dossier: T.dossier(state: "appraisal"), actor: T.auditor(), expected: []),
        Allowed(name: "chair outside council review", dossier: T.dossier(state: "appraisal"), actor: T.chair(), expected: []),
        Allowed(name: "chair, council review", dossier: T.dossier(state: "council_review"), actor: T.chair(),
                expected: ["approve", "reject", "propose_upward"]),
        Allowed(name: "chair, ad-hoc council review", workflow: "adhoc",
                dossier: T.dossier(workflow: "adhoc", award: "giay_khen_dot_xuat", state: "council_review"), actor: T.chair(),
                expected: ["approve", "reject"]),
        Allowed(name: "officer, draft without documents (they may come with the event)",
                dossier: T.dossier(state: "draft"), actor: T.officer(), expected: ["submit", "withdraw"]),
        Allowed(name: "secretariat, submitted in time",
                dossier: T.dossier(state: "submitted", dueDate: T.day(2025, 3, 31), enteredStateAt: T.time(2025, 3, 31, hour: 23)),
                actor: T.secretariat(), at: T.time(2025, 4, 2), expected: ["receive", "receive_late", "defer"]),
        Allowed(name: "secretariat, submitted late",
                dossier: T.dossier(state: "submitted", dueDate: T.day(2025, 3, 31), enteredStateAt: T.time(2025, 4, 1)),
                actor: T.secretariat(), at: T.time(2025, 4, 2), expected: ["receive_late", "defer"]),
        Allowed(name: "officer, supplement still due",
                dossier: T.dossier(state: "needs_supplement", enteredStateAt: T.time(2025, 4, 22)), actor: T.officer(),
                at: T.time(2025, 5, 8), expected: ["resubmit", "withdraw"]),
        Allowed(name: "officer, supplement overdue",
                dossier: T.dossier(state: "needs_supplement", enteredStateAt: T.time(2025, 4, 22)), actor: T.officer(),
                at: T.time(2025, 5, 9), expected: ["withdraw"]),
        Allowed(name: "secretariat, public notice still running",
                dossier: T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "public_notice", enteredStateAt: T.time(2025, 1, 23)),
                actor: T.secretariat(), at: T.time(2025, 2, 12), expected: ["defer"]),
        Allowed(name: "secretariat, public notice run its course",
                dossier: T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "public_notice", enteredStateAt: T.time(2025, 1, 23)),
                actor: T.secretariat(), at: T.time(2025, 2, 13), expected: ["close_notice", "defer"]),
        Allowed(name: "secretariat, deferred", dossier: T.dossier(state: "deferred", previousState: "received"),
                actor: T.secretariat(), expected: ["resume"]),
        Allowed(name: "signer, published", dossier: T.dossier(state: "published"), actor: T.signer(), expected: ["revoke"]),
        Allowed(name: "signer, revoked (final)", dossier: T.dossier(state: "revoked"), actor: T.signer(), expected: []),
    ])
    func allowedEvents(_ c: Allowed) throws {
        let wf = try T.workflow(c.workflow)
        #expect(DossierMachine.allowedEvents(c.dossier, by: c.actor, at: c.at, in: wf, context: try T.context()) == c.expected)
    }

    // MARK: Actors and nominees

    @Test("Actors are written ROLE@UNIT:USER", arguments: [
        ("secretariat@LDLD-HN:le.van.cuong", Actor(role: "secretariat", unit: "LDLD-HN", user: "le.van.cuong")),
        ("union_officer@CDCS-DHBK:a:b", Actor(role: "union_officer", unit: "CDCS-DHBK", user: "a:b")),
        ("union_officer@CDCS-DHBK:Nguye\u{0302}\u{0303}n", Actor(role: "union_officer", unit: "CDCS-DHBK", user: "Nguy\u{1EC5}n")),
    ])
    func actorParsing(_ text: String, _ expected: Actor) throws {
        let actor = try #require(Actor(parsing: text))
        #expect(actor == expected && Array(actor.user.unicodeScalars) == Array(expected.user.unicodeScalars))
    }

    @Test("An actor with a part missing is not read",
          arguments: ["secretariat", "secretariat@LDLD-HN", "@LDLD-HN:le.van.cuong", "secretariat@:le.van.cuong", "secretariat@LDLD-HN:"])
    func actorParsingFails(_ text: String) {
        #expect(Actor(parsing: text) == nil)
    }

    @Test("Actors print back the way they are written")
    func actorDescription() {
        #expect(T.secretariat().description == "secretariat@LDLD-HN:le.van.cuong")
    }

    @Test("A nominee's name is kept in NFC")
    func nomineeNFC() {
        #expect(Array(Nominee(id: "an", name: "Nguye\u{0302}\u{0303}n Va\u{0306}n An").name.unicodeScalars)
                == Array("Nguy\u{1EC5}n V\u{0103}n An".unicodeScalars))
    }
}
