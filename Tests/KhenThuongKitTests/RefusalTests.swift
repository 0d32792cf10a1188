import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Refusals word for word, in both languages: what a person reads when the machine says no.
@Suite struct RefusalTests {
    typealias T = TestSupport

    static let allDocuments = ["achievement_report", "cover_letter", "review_minutes"]

    /// The refusal for `request`, failing the test when the event went through.
    func refusal(_ dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                 workflow: String = "yearly") throws -> (Refusal, Workflow) {
        let wf = try T.workflow(workflow)
        let r = try #require(try T.decide(dossier, request, by: actor, at: time, in: wf).refusal)
        return (r, wf)
    }

    // MARK: Who may act

    @Test("A union officer who tries to receive a dossier is told which role may, by name")
    func wrongRole() throws {
        let (r, wf) = try refusal(T.dossier(state: "submitted"), EventRequest(event: "receive"),
                                  by: T.officer(), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.roleNotAllowed(role: "union_officer", allowed: ["secretariat"])])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Tiếp nhận hồ sơ” (receive) với hồ sơ HS-2025-001 đang ở trạng thái “Đã nộp” (submitted).
            Lý do:
              - vai trò “Cán bộ công đoàn đơn vị đề nghị” (union_officer) không được thực hiện thao tác này; vai trò được phép: “Ban/Văn phòng thi đua khen thưởng (thường trực Hội đồng)” (secretariat)
            Thao tác được phép lúc này với union_officer@CDCS-DHBK:tran.thi.binh: Rút hồ sơ (withdraw)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Receive” (receive) on dossier HS-2025-001 in state “Submitted” (submitted).
            Reasons:
              - the role “Proposing union officer” (union_officer) may not do this; allowed roles: “Emulation and commendation secretariat” (secretariat)
            Allowed now for union_officer@CDCS-DHBK:tran.thi.binh: Withdraw (withdraw)
            """)
    }

    @Test("A role the workflow does not define is quoted as given, without a name")
    func undefinedRole() throws {
        let (r, wf) = try refusal(T.dossier(state: "draft", documents: Self.allDocuments), EventRequest(event: "submit"),
                                  by: Actor(role: "admin", unit: T.proposerUnit, user: "root"), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.roleNotAllowed(role: "admin", allowed: ["union_officer"])])
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Submit” (submit) on dossier HS-2025-001 in state “Draft” (draft).
            Reasons:
              - the role “admin” may not do this; allowed roles: “Proposing union officer” (union_officer)
            Allowed now for admin@CDCS-DHBK:root: none
            """)
    }

    @Test("A union may not act on a dossier another unit proposed")
    func otherProposerUnit() throws {
        let (r, wf) = try refusal(T.dossier(state: "draft", documents: Self.allDocuments), EventRequest(event: "submit"),
                                  by: T.officer(unit: T.otherProposerUnit), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.unitMayNotAct(unit: "CDCS-DHQG", dossierUnit: "CDCS-DHBK", side: .proposer)])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp hồ sơ” (submit) với hồ sơ HS-2025-001 đang ở trạng thái “Dự thảo” (draft).
            Lý do:
              - đơn vị CDCS-DHQG chỉ được thao tác trên hồ sơ do mình đề nghị; hồ sơ này do CDCS-DHBK đề nghị
            Thao tác được phép lúc này với union_officer@CDCS-DHQG:tran.thi.binh: không có
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Submit” (submit) on dossier HS-2025-001 in state “Draft” (draft).
            Reasons:
              - unit CDCS-DHQG may act only on dossiers it proposed; this one was proposed by CDCS-DHBK
            Allowed now for union_officer@CDCS-DHQG:tran.thi.binh: none
            """)
    }

    @Test("The secretariat of another level may not receive a dossier addressed elsewhere")
    func secretariatOfAnotherLevel() throws {
        let (r, wf) = try refusal(T.dossier(state: "submitted"), EventRequest(event: "receive"),
                                  by: T.secretariat(unit: T.otherLevelUnit), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.unitMayNotAct(unit: "TLD", dossierUnit: "LDLD-HN", side: .addressee)])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Tiếp nhận hồ sơ” (receive) với hồ sơ HS-2025-001 đang ở trạng thái “Đã nộp” (submitted).
            Lý do:
              - hồ sơ này gửi tới LDLD-HN, không phải TLD; chỉ cơ quan nhận hồ sơ được thao tác
            Thao tác được phép lúc này với secretariat@TLD:le.van.cuong: không có
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Receive” (receive) on dossier HS-2025-001 in state “Submitted” (submitted).
            Reasons:
              - this dossier is addressed to LDLD-HN, not TLD; only the receiving body may act on it
            Allowed now for secretariat@TLD:le.van.cuong: none
            """)
    }

    @Test("The nominee may not act on their own dossier, even as an officer of the proposing union")
    func nomineeActsOnOwnDossier() throws {
        let (r, wf) = try refusal(T.dossier(state: "draft", documents: Self.allDocuments), EventRequest(event: "submit"),
                                  by: T.officer(user: "nguyen.van.an"), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.nomineeMayNotAct(user: "nguyen.van.an")])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp hồ sơ” (submit) với hồ sơ HS-2025-001 đang ở trạng thái “Dự thảo” (draft).
            Lý do:
              - người được đề nghị (nguyen.van.an) không được tự thao tác trên hồ sơ của chính mình
            Thao tác được phép lúc này với union_officer@CDCS-DHBK:nguyen.van.an: không có
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Submit” (submit) on dossier HS-2025-001 in state “Draft” (draft).
            Reasons:
              - the nominee (nguyen.van.an) may never act on their own dossier
            Allowed now for union_officer@CDCS-DHBK:nguyen.van.an: none
            """)
    }

    @Test("An auditor only reads: the role is refused and so is acting at all")
    func auditorMayOnlyRead() throws {
        let (r, wf) = try refusal(T.dossier(state: "appraisal"), EventRequest(event: "send_to_council"),
                                  by: T.auditor(), at: T.time(2025, 3, 4))
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Send to the council” (send_to_council) on dossier HS-2025-001 in state “Under appraisal” (appraisal).
            Reasons:
              - the role “Auditor” (auditor) may not do this; allowed roles: “Emulation and commendation secretariat” (secretariat)
              - this role may only read dossiers, not act on them
            Allowed now for auditor@LDLD-HN:vu.thi.giang: none
            """)
    }

    // MARK: Documents, deadlines, reasons

    @Test("Submitting without the required documents names each missing one")
    func documentsMissingOnSubmit() throws {
        let (r, wf) = try refusal(T.dossier(state: "draft", documents: ["achievement_report"]), EventRequest(event: "submit"),
                                  by: T.officer(), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.documentsMissing(["cover_letter", "review_minutes"])])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp hồ sơ” (submit) với hồ sơ HS-2025-001 đang ở trạng thái “Dự thảo” (draft).
            Lý do:
              - thiếu tài liệu: Tờ trình đề nghị khen thưởng (cover_letter), Biên bản bình xét thi đua (review_minutes); đính kèm bằng --attach
            Thao tác được phép lúc này với union_officer@CDCS-DHBK:tran.thi.binh: Nộp hồ sơ (submit), Rút hồ sơ (withdraw)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Submit” (submit) on dossier HS-2025-001 in state “Draft” (draft).
            Reasons:
              - documents missing: Cover letter (tờ trình) (cover_letter), Review minutes (review_minutes); attach them with --attach
            Allowed now for union_officer@CDCS-DHBK:tran.thi.binh: Submit (submit), Withdraw (withdraw)
            """)
    }

    @Test("Documents given with the event count toward the requirement and are attached")
    func documentsGivenWithTheEvent() throws {
        let wf = try T.workflow("yearly")
        let result = try T.decide(T.dossier(state: "draft", documents: ["achievement_report"]),
                                  EventRequest(event: "submit", attach: ["cover_letter", "review_minutes"]),
                                  by: T.officer(), at: T.time(2025, 3, 4), in: wf)
        #expect(result == .success(Transition(event: "submit", from: "draft", to: "submitted",
                                              effects: [.attachDocuments(["cover_letter", "review_minutes"])])))
    }

    @Test("Receipt of a dossier submitted after its due date is refused; late acceptance is its own event")
    func receiptAfterDueDate() throws {
        let late = T.dossier(state: "submitted", dueDate: T.day(2025, 3, 31), enteredStateAt: T.time(2025, 4, 1, hour: 8))
        let (r, wf) = try refusal(late, EventRequest(event: "receive"), by: T.secretariat(), at: T.time(2025, 4, 2))
        #expect(r.reasons == [.deadlinePassed(due: T.day(2025, 3, 31), rule: .dossierDueDate)])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Tiếp nhận hồ sơ” (receive) với hồ sơ HS-2025-001 đang ở trạng thái “Đã nộp” (submitted).
            Lý do:
              - hồ sơ nộp sau hạn 31/03/2025; tiếp nhận muộn phải dùng sự kiện riêng kèm lý do
            Thao tác được phép lúc này với secretariat@LDLD-HN:le.van.cuong: Tiếp nhận hồ sơ nộp muộn (receive_late), Tạm dừng xét (defer)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Receive” (receive) on dossier HS-2025-001 in state “Submitted” (submitted).
            Reasons:
              - the dossier was submitted after its deadline of 2025-03-31; a late acceptance is its own event with a reason
            Allowed now for secretariat@LDLD-HN:le.van.cuong: Receive a late dossier (receive_late), Defer (defer)
            """)

        let withoutReason = try T.decide(late, EventRequest(event: "receive_late"), by: T.secretariat(), at: T.time(2025, 4, 2), in: wf)
        #expect(withoutReason.refusal?.reasons == [.reasonRequired])
        let accepted = try T.decide(late, EventRequest(event: "receive_late", reason: "Chậm do bưu điện, có xác nhận"),
                                    by: T.secretariat(), at: T.time(2025, 4, 2), in: wf)
        #expect(accepted == .success(Transition(event: "receive_late", from: "submitted", to: "received", effects: [])))
    }

    @Test("The due date is a Vietnamese civil day: 23:30 on the due date is in time, 00:30 the next day is late",
          arguments: [(T.time(2025, 3, 31, hour: 23, minute: 30), true), (T.time(2025, 4, 1, hour: 0, minute: 30), false)])
    func dueDateIsACivilDayInVietnam(_ submittedAt: Date, _ inTime: Bool) throws {
        let wf = try T.workflow("yearly")
        let dossier = T.dossier(state: "submitted", dueDate: T.day(2025, 3, 31), enteredStateAt: submittedAt)
        let result = try T.decide(dossier, EventRequest(event: "receive"), by: T.secretariat(), at: T.time(2025, 4, 2), in: wf)
        #expect(result == (inTime
            ? .success(Transition(event: "receive", from: "submitted", to: "received", effects: [.deadlineMet(T.day(2025, 3, 31))]))
            : .failure(Refusal(dossierID: "HS-2025-001", state: "submitted", event: "receive", actor: T.secretariat(),
                               reasons: [.deadlinePassed(due: T.day(2025, 3, 31), rule: .dossierDueDate)],
                               allowedEvents: ["receive_late", "defer"]))))
    }

    @Test("A supplement returned after the 10-working-day deadline is refused; the due date skips the 30/4–2/5 holidays and counts the make-up Saturday")
    func resubmitAfterDeadline() throws {
        // Asked on Tuesday 22/04/2025: 23, 24, 25, Sat 26 (make-up), 28, 29, [30/4, 1/5, 2/5 off], 5, 6, 7, 8/5.
        let asked = T.dossier(state: "needs_supplement", enteredStateAt: T.time(2025, 4, 22, hour: 14))
        let (r, wf) = try refusal(asked, EventRequest(event: "resubmit", attach: ["supplement"]),
                                  by: T.officer(), at: T.time(2025, 5, 9, hour: 8))
        #expect(r.reasons == [.deadlinePassed(due: T.day(2025, 5, 8), rule: .workingDaysInState(10))])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp bổ sung” (resubmit) với hồ sơ HS-2025-001 đang ở trạng thái “Yêu cầu bổ sung” (needs_supplement).
            Lý do:
              - đã quá hạn 10 ngày làm việc kể từ khi hồ sơ vào trạng thái này; hạn cuối là 08/05/2025
            Thao tác được phép lúc này với union_officer@CDCS-DHBK:tran.thi.binh: Rút hồ sơ (withdraw)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Return the supplement” (resubmit) on dossier HS-2025-001 in state “Needs supplement” (needs_supplement).
            Reasons:
              - the deadline of 10 working days in this state has passed; the last day was 2025-05-08
            Allowed now for union_officer@CDCS-DHBK:tran.thi.binh: Withdraw (withdraw)
            """)

        let onTheLastDay = try T.decide(asked, EventRequest(event: "resubmit", attach: ["supplement"]),
                                        by: T.officer(), at: T.time(2025, 5, 8, hour: 16), in: wf)
        #expect(onTheLastDay == .success(Transition(event: "resubmit", from: "needs_supplement", to: "appraisal",
                                                    effects: [.attachDocuments(["supplement"]), .deadlineMet(T.day(2025, 5, 8))])))
    }

    @Test("The ad-hoc supplement deadline of 3 working days jumps over Tết 2025",
          arguments: [(T.day(2025, 2, 5), true), (T.day(2025, 2, 6), false)])
    func adhocResubmitAcrossTet(_ on: CivilDate, _ inTime: Bool) throws {
        // Asked on Friday 24/01/2025; 27–31/01 are Tết, so the days are 3, 4 and 5/02.
        let wf = try T.workflow("adhoc")
        let asked = T.dossier(workflow: "adhoc", award: "giay_khen_dot_xuat", state: "needs_supplement",
                              documents: ["supplement"], enteredStateAt: T.time(2025, 1, 24, hour: 10))
        let result = try T.decide(asked, EventRequest(event: "resubmit"), by: T.officer(), at: T.time(on), in: wf)
        #expect(result.transition?.effects == (inTime ? [.deadlineMet(T.day(2025, 2, 5))] : nil))
        #expect(result.refusal?.reasons == (inTime ? nil : [.deadlinePassed(due: T.day(2025, 2, 5), rule: .workingDaysInState(3))]))
    }

    @Test("An event that needs a written reason is refused without one (blank counts as none)",
          arguments: [nil, "", "   \n"] as [String?])
    func reasonRequired(_ reason: String?) throws {
        let (r, wf) = try refusal(T.dossier(state: "council_review"), EventRequest(event: "reject", via: .council, reason: reason),
                                  by: T.chair(), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.reasonRequired])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Hội đồng không thông qua” (reject) với hồ sơ HS-2025-001 đang ở trạng thái “Hội đồng xét” (council_review).
            Lý do:
              - cần ghi lý do (--reason "…")
            Thao tác được phép lúc này với council_chair@LDLD-HN:pham.thi.dung: Hội đồng thông qua (approve), Hội đồng không thông qua (reject), Trình cấp trên khen thưởng (propose_upward)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Do not approve” (reject) on dossier HS-2025-001 in state “Council review” (council_review).
            Reasons:
              - a written reason is required (--reason "…")
            Allowed now for council_chair@LDLD-HN:pham.thi.dung: Approve (approve), Do not approve (reject), Propose to the next level (propose_upward)
            """)
    }

    // MARK: Guards

    @Test("Closing a public notice before it has run 10 working days is refused with the earliest day (across Tết 2025)")
    func publicNoticeClosedTooEarly() throws {
        // Opened Thursday 23/01/2025: 24/01, [27–31/01 Tết], 3, 4, 5, 6, 7, 10, 11, 12/02 = 9 days; the 10th is 13/02.
        let notice = T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "public_notice", enteredStateAt: T.time(2025, 1, 23))
        let (r, wf) = try refusal(notice, EventRequest(event: "close_notice"), by: T.secretariat(), at: T.time(2025, 2, 12, hour: 17))
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Kết thúc công khai, trình Hội đồng” (close_notice) với hồ sơ HS-2025-001 đang ở trạng thái “Đang công khai lấy ý kiến” (public_notice).
            Lý do:
              - điều kiện minWorkingDaysInState không đạt: mới 9 ngày làm việc, cần ít nhất 10; sớm nhất vào ngày 13/02/2025
            Thao tác được phép lúc này với secretariat@LDLD-HN:le.van.cuong: Tạm dừng xét (defer)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Close the notice and send to the council” (close_notice) on dossier HS-2025-001 in state “Under public notice” (public_notice).
            Reasons:
              - guard minWorkingDaysInState failed: only 9 working days so far, at least 10 are needed; earliest on 2025-02-13
            Allowed now for secretariat@LDLD-HN:le.van.cuong: Defer (defer)
            """)

        let onTime = try T.decide(notice, EventRequest(event: "close_notice"), by: T.secretariat(), at: T.time(2025, 2, 13), in: wf)
        #expect(onTime == .success(Transition(event: "close_notice", from: "public_notice", to: "council_review", effects: [])))
    }

    @Test("Public notice is opened only for awards that require it, and skipped only for those that do not")
    func publicNoticeMatchesTheAward() throws {
        let (open, wf) = try refusal(T.dossier(award: "lao_dong_tien_tien", state: "appraisal"), EventRequest(event: "open_notice"),
                                     by: T.secretariat(), at: T.time(2025, 3, 4))
        #expect(open.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Công khai lấy ý kiến” (open_notice) với hồ sơ HS-2025-001 đang ở trạng thái “Đang thẩm định” (appraisal).
            Lý do:
              - điều kiện awardPublicNotice không đạt: danh hiệu “Lao động tiên tiến” không yêu cầu công khai lấy ý kiến; chuyển thẳng sang Hội đồng
            Thao tác được phép lúc này với secretariat@LDLD-HN:le.van.cuong: Yêu cầu bổ sung hồ sơ (request_supplement), Trình Hội đồng (send_to_council), Tạm dừng xét (defer)
            """)
        let (skip, _) = try refusal(T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "appraisal"), EventRequest(event: "send_to_council"),
                                    by: T.secretariat(), at: T.time(2025, 3, 4))
        #expect(skip.message(.en, workflow: wf) == """
            Refused: cannot do “Send to the council” (send_to_council) on dossier HS-2025-001 in state “Under appraisal” (appraisal).
            Reasons:
              - guard awardPublicNotice failed: the award “Provincial / VGCL Emulation Fighter” must go through public notice before the council
            Allowed now for secretariat@LDLD-HN:le.van.cuong: Request a supplement (request_supplement), Open public notice (open_notice), Defer (defer)
            """)
    }

    @Test("CSTĐ cấp tỉnh needs 90% of all 11 members: 10 yes passes, 9 yes is refused")
    func provincialEmulationFighterVote() throws {
        let wf = try T.workflow("yearly")
        let dossier = T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "council_review")
        let ten = Tally(members: 11, present: 11, yes: 10, no: 1)
        let passed = try T.decide(dossier, EventRequest(event: "approve", via: .council, tally: ten), by: T.chair(), at: T.time(2025, 3, 4), in: wf)
        #expect(passed == .success(Transition(event: "approve", from: "council_review", to: "approved",
                                              effects: [.recordTally(ten, percent: 90, base: "total")])))

        let (r, _) = try refusal(dossier, EventRequest(event: "approve", via: .council, tally: Tally(members: 11, present: 11, yes: 9, no: 2)),
                                 by: T.chair(), at: T.time(2025, 3, 4))
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Hội đồng thông qua” (approve) với hồ sơ HS-2025-001 đang ở trạng thái “Hội đồng xét” (council_review).
            Lý do:
              - điều kiện voteThreshold không đạt: 9/11 phiếu đồng ý, chưa đạt 90% tổng số thành viên
            Thao tác được phép lúc này với council_chair@LDLD-HN:pham.thi.dung: Hội đồng thông qua (approve), Hội đồng không thông qua (reject), Trình cấp trên khen thưởng (propose_upward)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Approve” (approve) on dossier HS-2025-001 in state “Council review” (council_review).
            Reasons:
              - guard voteThreshold failed: 9/11 yes votes, short of 90% of all members
            Allowed now for council_chair@LDLD-HN:pham.thi.dung: Approve (approve), Do not approve (reject), Propose to the next level (propose_upward)
            """)
    }

    struct Vote: Sendable, CustomTestStringConvertible {
        var award: String
        var members: Int
        var present: Int
        var yes: Int
        /// The English reason when refused, `nil` when the vote passes.
        var refusedBecause: String?
        var testDescription: String { "\(award) \(yes)/\(members) (\(present) present)" }
    }

    @Test("The award's own threshold is applied exactly at its boundary, counted on all members", arguments: [
        Vote(award: "chien_si_thi_dua_cap_tinh", members: 10, present: 10, yes: 9, refusedBecause: nil),
        Vote(award: "chien_si_thi_dua_cap_tinh", members: 10, present: 10, yes: 8, refusedBecause: "8/10 yes votes, short of 90% of all members"),
        Vote(award: "chien_si_thi_dua_cap_tinh", members: 20, present: 20, yes: 18, refusedBecause: nil),
        Vote(award: "chien_si_thi_dua_cap_tinh", members: 20, present: 20, yes: 17, refusedBecause: "17/20 yes votes, short of 90% of all members"),
        // Present members do not lower the bar: 9 of 9 present is 9 of 11 members.
        Vote(award: "chien_si_thi_dua_cap_tinh", members: 11, present: 9, yes: 9, refusedBecause: "9/11 yes votes, short of 90% of all members"),
        Vote(award: "chien_si_thi_dua_co_so", members: 11, present: 11, yes: 9, refusedBecause: nil),
        Vote(award: "chien_si_thi_dua_co_so", members: 11, present: 11, yes: 8, refusedBecause: "8/11 yes votes, short of 80% of all members"),
        Vote(award: "lao_dong_tien_tien", members: 10, present: 10, yes: 5, refusedBecause: nil),
        Vote(award: "lao_dong_tien_tien", members: 10, present: 10, yes: 4, refusedBecause: "4/10 yes votes, short of 50% of all members"),
        Vote(award: "lao_dong_tien_tien", members: 11, present: 11, yes: 6, refusedBecause: nil),
        Vote(award: "lao_dong_tien_tien", members: 11, present: 11, yes: 5, refusedBecause: "5/11 yes votes, short of 50% of all members"),
        Vote(award: "lao_dong_tien_tien", members: 0, present: 0, yes: 0, refusedBecause: "0/0 yes votes, short of 50% of all members"),
    ])
    func voteThresholdBoundaries(_ v: Vote) throws {
        let wf = try T.workflow("yearly")
        let tally = Tally(members: v.members, present: v.present, yes: v.yes, no: v.present - v.yes)
        let result = try T.decide(T.dossier(award: v.award, state: "council_review"), EventRequest(event: "propose_upward", via: .council, tally: tally),
                                  by: T.chair(), at: T.time(2025, 3, 4), in: wf)
        let reasons = result.refusal.map { r in r.reasons.map { Refusal.describe($0, .en, workflow: wf) } } ?? []
        #expect(reasons == (v.refusedBecause.map { ["guard voteThreshold failed: " + $0] } ?? []))
        #expect((result.transition?.to == "proposed_upward") == (v.refusedBecause == nil))
    }

    @Test("A tally with more votes or more people present than members never carries a decision", arguments: [
        Tally(members: 11, present: 11, yes: 12, no: 0),
        Tally(members: 11, present: 11, yes: 10, no: 1, invalid: 1),
        Tally(members: 11, present: 12, yes: 10, no: 1),
        Tally(members: 11, present: 11, yes: 11, no: -1),
    ])
    func impossibleTally(_ tally: Tally) throws {
        let (r, wf) = try refusal(T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "council_review"),
                                  EventRequest(event: "approve", via: .council, tally: tally), by: T.chair(), at: T.time(2025, 3, 4))
        let counts = "\(tally.yes) yes, \(tally.no) no, \(tally.invalid) invalid, \(tally.present) present of \(tally.members) members"
        #expect(r.reasons.map { Refusal.describe($0, .en, workflow: wf) } == [
            "guard voteThreshold failed: the tally does not add up: \(counts); neither the votes nor those present may exceed the members",
        ])
    }

    @Test("An impossible tally is explained in Vietnamese too")
    func impossibleTallyInVietnamese() throws {
        let (r, wf) = try refusal(T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "council_review"),
                                  EventRequest(event: "approve", via: .council, tally: Tally(members: 11, present: 11, yes: 12, no: 0)),
                                  by: T.chair(), at: T.time(2025, 3, 4))
        #expect(r.reasons.map { Refusal.describe($0, .vi, workflow: wf) } == [
            "điều kiện voteThreshold không đạt: kết quả kiểm phiếu không khớp: 12 đồng ý, 0 không đồng ý, 0 không hợp lệ, 11 có mặt trên 11 thành viên; số phiếu và số người có mặt không được vượt quá số thành viên",
        ])
    }

    @Test("Votes in writing from absent members count: 10 yes with 8 present passes 90% of 11")
    func writtenVotesCount() throws {
        let wf = try T.workflow("yearly")
        let tally = Tally(members: 11, present: 8, yes: 10, no: 1)
        let result = try T.decide(T.dossier(award: "chien_si_thi_dua_cap_tinh", state: "council_review"),
                                  EventRequest(event: "approve", via: .council, tally: tally), by: T.chair(), at: T.time(2025, 3, 4), in: wf)
        #expect(result.transition?.effects == [.recordTally(tally, percent: 90, base: "total")])
    }

    @Test("A council decision without a tally asks for one")
    func tallyMissing() throws {
        let (r, wf) = try refusal(T.dossier(state: "council_review"), EventRequest(event: "approve", via: .council), by: T.chair(), at: T.time(2025, 3, 4))
        #expect(r.reasons.map { Refusal.describe($0, .vi, workflow: wf) } == [
            "điều kiện voteThreshold không đạt: cần kết quả kiểm phiếu (--tally THÀNH_VIÊN,CÓ_MẶT,ĐỒNG_Ý,KHÔNG_ĐỒNG_Ý[,KHÔNG_HỢP_LỆ])",
        ])
    }

    @Test("A dossier submitted in time, deferred, and resumed after the due date is still received in time")
    func receiptAfterDeferralAndResume() throws {
        let wf = try T.workflow("yearly")
        var d = T.dossier(state: "submitted", dueDate: T.day(2025, 3, 31), enteredStateAt: T.time(2025, 3, 28))
        for (event, at) in [("defer", T.time(2025, 3, 31)), ("resume", T.time(2025, 4, 7))] {
            let t = try #require(try T.decide(d, EventRequest(event: event, reason: "Chờ xác minh"), by: T.secretariat(), at: at, in: wf).transition)
            d = d.applying(t, at: at)
        }
        let result = try T.decide(d, EventRequest(event: "receive"), by: T.secretariat(), at: T.time(2025, 4, 7), in: wf)
        #expect(result.transition?.to == "received")
        #expect(d.enteredStateAt == T.time(2025, 3, 28))
    }

    // MARK: State and event

    @Test("An event from the wrong state names the states it can happen in")
    func wrongState() throws {
        let (r, wf) = try refusal(T.dossier(state: "approved"), EventRequest(event: "approve", via: .council, tally: Tally(members: 11, present: 11, yes: 11, no: 0)),
                                  by: T.chair(), at: T.time(2025, 3, 4))
        #expect(r.reasons == [.wrongState(allowedFrom: ["council_review"])])
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Hội đồng thông qua” (approve) với hồ sơ HS-2025-001 đang ở trạng thái “Được phê duyệt” (approved).
            Lý do:
              - sự kiện này chỉ thực hiện được khi hồ sơ ở trạng thái: “Hội đồng xét” (council_review)
            Thao tác được phép lúc này với council_chair@LDLD-HN:pham.thi.dung: không có
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Approve” (approve) on dossier HS-2025-001 in state “Approved” (approved).
            Reasons:
              - this event can only happen in state: “Council review” (council_review)
            Allowed now for council_chair@LDLD-HN:pham.thi.dung: none
            """)
    }

    @Test("Withdrawing after a decision names every state withdrawal is possible from")
    func withdrawAfterDecision() throws {
        let (r, wf) = try refusal(T.dossier(state: "approved"), EventRequest(event: "withdraw", reason: "Xin rút"),
                                  by: T.officer(), at: T.time(2025, 3, 4))
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Withdraw” (withdraw) on dossier HS-2025-001 in state “Approved” (approved).
            Reasons:
              - this event can only happen in state: “Draft” (draft), “Submitted” (submitted), “Received” (received), “Under appraisal” (appraisal), “Needs supplement” (needs_supplement), “Under public notice” (public_notice), “Council review” (council_review), “Deferred” (deferred)
            Allowed now for union_officer@CDCS-DHBK:tran.thi.binh: none
            """)
    }

    @Test("An unknown event lists the workflow's events")
    func unknownEvent() throws {
        let (r, wf) = try refusal(T.dossier(workflow: "adhoc", award: "giay_khen_dot_xuat", state: "council_review"),
                                  EventRequest(event: "promote"), by: T.chair(), at: T.time(2025, 3, 4), workflow: "adhoc")
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “promote” với hồ sơ HS-2025-001 đang ở trạng thái “Hội đồng xét” (council_review).
            Lý do:
              - quy trình “Khen thưởng đột xuất (thủ tục đơn giản)” không có sự kiện này; các sự kiện: submit, receive, receive_late, start_appraisal, request_supplement, resubmit, accept_late_supplement, send_to_council, approve, reject, publish, revoke, withdraw, defer, resume, supplement_requested, supplement_received, result_received, rejection_received
            Thao tác được phép lúc này với council_chair@LDLD-HN:pham.thi.dung: Hội đồng thông qua (approve), Hội đồng không thông qua (reject)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “promote” on dossier HS-2025-001 in state “Council review” (council_review).
            Reasons:
              - the workflow “Ad-hoc commendation (simplified procedure)” has no such event; its events: submit, receive, receive_late, start_appraisal, request_supplement, resubmit, accept_late_supplement, send_to_council, approve, reject, publish, revoke, withdraw, defer, resume, supplement_requested, supplement_received, result_received, rejection_received
            Allowed now for council_chair@LDLD-HN:pham.thi.dung: Approve (approve), Do not approve (reject)
            """)
    }

    // MARK: Several reasons

    @Test("Every failed check is listed, in order, with what the actor may do instead")
    func severalReasonsAtOnce() throws {
        let asked = T.dossier(state: "needs_supplement", enteredStateAt: T.time(2025, 4, 22, hour: 14))
        let (r, wf) = try refusal(asked, EventRequest(event: "resubmit"), by: T.secretariat(), at: T.time(2025, 5, 9))
        #expect(r == Refusal(dossierID: "HS-2025-001", state: "needs_supplement", event: "resubmit", actor: T.secretariat(),
                             reasons: [.roleNotAllowed(role: "secretariat", allowed: ["union_officer"]),
                                       .documentsMissing(["supplement"]),
                                       .deadlinePassed(due: T.day(2025, 5, 8), rule: .workingDaysInState(10))],
                             allowedEvents: ["accept_late_supplement", "defer"]))
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp bổ sung” (resubmit) với hồ sơ HS-2025-001 đang ở trạng thái “Yêu cầu bổ sung” (needs_supplement).
            Lý do:
              - vai trò “Ban/Văn phòng thi đua khen thưởng (thường trực Hội đồng)” (secretariat) không được thực hiện thao tác này; vai trò được phép: “Cán bộ công đoàn đơn vị đề nghị” (union_officer)
              - thiếu tài liệu: Tài liệu bổ sung (supplement); đính kèm bằng --attach
              - đã quá hạn 10 ngày làm việc kể từ khi hồ sơ vào trạng thái này; hạn cuối là 08/05/2025
            Thao tác được phép lúc này với secretariat@LDLD-HN:le.van.cuong: Nhận bổ sung quá hạn (accept_late_supplement), Tạm dừng xét (defer)
            """)
        #expect(r.message(.en, workflow: wf) == """
            Refused: cannot do “Return the supplement” (resubmit) on dossier HS-2025-001 in state “Needs supplement” (needs_supplement).
            Reasons:
              - the role “Emulation and commendation secretariat” (secretariat) may not do this; allowed roles: “Proposing union officer” (union_officer)
              - documents missing: Supplementary documents (supplement); attach them with --attach
              - the deadline of 10 working days in this state has passed; the last day was 2025-05-08
            Allowed now for secretariat@LDLD-HN:le.van.cuong: Accept a late supplement (accept_late_supplement), Defer (defer)
            """)
    }

    @Test("Another union's officer who is also the nominee hears about the unit, the nominee rule and the documents")
    func everythingWrongAtOnce() throws {
        let (r, wf) = try refusal(T.dossier(state: "draft", documents: ["achievement_report"]), EventRequest(event: "submit"),
                                  by: T.officer(unit: T.otherProposerUnit, user: "nguyen.van.an"), at: T.time(2025, 3, 4))
        #expect(r.message(.vi, workflow: wf) == """
            Từ chối: không thể thực hiện “Nộp hồ sơ” (submit) với hồ sơ HS-2025-001 đang ở trạng thái “Dự thảo” (draft).
            Lý do:
              - đơn vị CDCS-DHQG chỉ được thao tác trên hồ sơ do mình đề nghị; hồ sơ này do CDCS-DHBK đề nghị
              - người được đề nghị (nguyen.van.an) không được tự thao tác trên hồ sơ của chính mình
              - thiếu tài liệu: Tờ trình đề nghị khen thưởng (cover_letter), Biên bản bình xét thi đua (review_minutes); đính kèm bằng --attach
            Thao tác được phép lúc này với union_officer@CDCS-DHQG:nguyen.van.an: không có
            """)
    }
}
