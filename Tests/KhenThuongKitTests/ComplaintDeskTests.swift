import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct ComplaintDeskTests {
    let f: NoticeFixture
    let desk: ComplaintDesk
    let now: Date

    init() throws {
        f = try NoticeFixture()
        desk = ComplaintDesk(runner: f.runner)
        now = try NoticeFixture.at("2025-12-03T03:00:00.000Z")
    }

    @Test("A public comment is recorded in the chain and leaves the dossier under public notice")
    func comment() throws {
        try f.dossier("HS-1", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: NoticeFixture.toNotice)
        let named = try desk.comment(on: "HS-1", text: "  Đồng ý \"đề nghị\" ", from: "Lê Văn An", by: NoticeFixture.secretariat, at: now)
        let anonymous = try desk.comment(on: "HS-1", text: "Nhất trí", from: nil, by: NoticeFixture.secretariat, at: now)
        #expect(named.record.payload == #"{"from":"Lê Văn An","text":"Đồng ý \"đề nghị\""}"#)
        #expect(anonymous.record.payload == #"{"from":null,"text":"Nhất trí"}"#)
        #expect(named.transition == nil && named.record.toState == "public_notice")
        #expect(try f.store.dossier("HS-1")?.state == "public_notice")
        #expect(try f.store.records(named: "comment").map(\.seq) == [named.record.seq, anonymous.record.seq])
        #expect(try f.store.verify().isIntact)
    }

    @Test("A complaint defers the dossier in the same write, and resolving it resumes the dossier where it was")
    func complaintDefersAndResolutionResumes() throws {
        let before = try f.dossier("HS-1", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: NoticeFixture.toNotice)
        let filed = try desk.complain(on: "HS-1", text: "Sáng kiến chưa được công nhận", from: "Trần Văn Bình", by: NoticeFixture.secretariat, at: now)
        let transition = try #require(filed.transition)
        #expect(transition.event == "defer" && transition.from == "public_notice" && transition.to == "deferred")
        #expect(filed.record.payload == #"{"deferred":true,"from":"Trần Văn Bình","text":"Sáng kiến chưa được công nhận"}"#)
        let events = try f.store.events(dossierID: "HS-1")
        #expect(events.suffix(2).map(\.event) == ["complaint_filed", "defer"])
        #expect(try desk.complaints(of: "HS-1").map(\.isOpen) == [true])

        let later = try NoticeFixture.at("2025-12-10T03:00:00.000Z")
        let resolved = try desk.resolve(on: "HS-1", complaint: nil, outcome: .dismissed, reason: "Đã xác minh, không có cơ sở",
                                        by: NoticeFixture.secretariat, at: later)
        #expect(resolved.transition?.event == "resume" && resolved.dossier.state == "public_notice")
        #expect(resolved.record.payload == #"{"complaint":\#(filed.record.seq),"outcome":"dismissed","resumed":true}"#)
        #expect(resolved.record.reason == "Đã xác minh, không có cơ sở")
        // The notice clock runs from the original entry into public notice.
        #expect(try f.store.dossier("HS-1")?.enteredStateAt == before.enteredStateAt)
        #expect(try desk.complaints(of: "HS-1").map(\.outcome) == [.dismissed])
        #expect(try f.store.rebuild(dryRun: true).isConsistent)
    }

    @Test("With two complaints open the dossier stays deferred until the last one is resolved")
    func twoComplaints() throws {
        try f.dossier("HS-1", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: NoticeFixture.toNotice)
        let first = try desk.complain(on: "HS-1", text: "Thứ nhất", from: "A", by: NoticeFixture.secretariat, at: now)
        let second = try desk.complain(on: "HS-1", text: "Thứ hai", from: "B", by: NoticeFixture.secretariat, at: now)
        #expect(second.transition == nil && second.record.payload.hasPrefix(#"{"deferred":false"#))
        #expect(throws: ComplaintError.whichComplaint(dossier: "HS-1", open: [first.record.seq, second.record.seq])) {
            try desk.resolve(on: "HS-1", complaint: nil, outcome: .upheld, reason: "x", by: NoticeFixture.secretariat, at: now)
        }
        let one = try desk.resolve(on: "HS-1", complaint: second.record.seq, outcome: .upheld, reason: "Có cơ sở một phần",
                                   by: NoticeFixture.secretariat, at: now)
        #expect(one.transition == nil && one.dossier.state == "deferred")
        #expect(throws: ComplaintError.unknownComplaint(dossier: "HS-1", seq: second.record.seq, open: [first.record.seq])) {
            try desk.resolve(on: "HS-1", complaint: second.record.seq, outcome: .upheld, reason: "x", by: NoticeFixture.secretariat, at: now)
        }
        let last = try desk.resolve(on: "HS-1", complaint: nil, outcome: .dismissed, reason: "Không có cơ sở", by: NoticeFixture.secretariat, at: now)
        #expect(last.dossier.state == "public_notice")
        #expect(throws: ComplaintError.noOpenComplaint(dossier: "HS-1")) {
            try desk.resolve(on: "HS-1", complaint: nil, outcome: .dismissed, reason: "x", by: NoticeFixture.secretariat, at: now)
        }
    }

    @Test("A dossier deferred for another reason is not resumed when its complaint is resolved")
    func deferredForAnotherReason() throws {
        try f.dossier("HS-1", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: ["submit", "receive", "defer"])
        let filed = try desk.complain(on: "HS-1", text: "Khiếu nại", from: "A", by: NoticeFixture.secretariat, at: now)
        #expect(filed.transition == nil)
        let resolved = try desk.resolve(on: "HS-1", complaint: nil, outcome: .dismissed, reason: "Không có cơ sở", by: NoticeFixture.secretariat, at: now)
        #expect(resolved.transition == nil && resolved.dossier.state == "deferred")
        #expect(resolved.record.payload.hasSuffix(#""resumed":false}"#))
    }

    @Test("A complaint on a dossier whose state cannot be deferred is refused and writes nothing", arguments: [
        (["submit", "receive", "start_appraisal", "send_to_council", "approve", "publish"], "published"),
        ([String](), "draft"),
    ])
    func notDeferrable(events: [String], state: String) throws {
        try f.dossier("HS-1", award: "lao_dong_tien_tien", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: events)
        let count = try f.store.eventCount()
        let error = try #require(throws: ComplaintError.self) {
            try desk.complain(on: "HS-1", text: "Khiếu nại", from: "A", by: NoticeFixture.secretariat, at: now)
        }
        guard case .notDeferrable(let dossier, _, let stateID, let deferrable) = error else { Issue.record("got \(error)"); return }
        #expect(dossier == "HS-1" && stateID == state && deferrable.contains("public_notice"))
        #expect(error.isRefusal && error.message(.vi).contains("không thể tạm dừng xét"))
        #expect(try f.store.eventCount() == count)
    }

    @Test("Only the receiving body's officers record comments and complaints, never the nominee")
    func wrongRoleUnitOrNominee() throws {
        try f.dossier("HS-1", nomineeID: "tran.x", name: "Trần X", events: NoticeFixture.toNotice)
        let count = try f.store.eventCount()
        #expect(throws: ComplaintError.roleNotAllowed(role: "union_officer", allowed: ["secretariat"],
                                                      action: .init(vi: "ghi nhận khiếu nại", en: "record complaints"))) {
            try desk.complain(on: "HS-1", text: "x", from: "A", by: NoticeFixture.officer, at: now)
        }
        #expect(throws: ComplaintError.wrongUnit(unit: "LDLD-HCM", addressee: "LDLD-HN")) {
            try desk.comment(on: "HS-1", text: "x", from: nil, by: Actor(role: "secretariat", unit: "LDLD-HCM", user: "x"), at: now)
        }
        #expect(throws: ComplaintError.nomineeSelf(user: "tran.x")) {
            try desk.comment(on: "HS-1", text: "x", from: nil, by: Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.x"), at: now)
        }
        #expect(throws: ComplaintError.emptyText(field: "--text")) {
            try desk.comment(on: "HS-1", text: "  \n", from: nil, by: Actor(role: "secretariat", unit: "LDLD-HN", user: "x"), at: now)
        }
        #expect(try f.store.eventCount() == count)
    }

    @Test("A comment on a published dossier is refused: it is no longer under consideration")
    func commentAfterDecision() throws {
        try f.dossier("HS-1", award: "lao_dong_tien_tien", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: NoticeFixture.toPublished)
        let count = try f.store.eventCount()
        let error = try #require(throws: ComplaintError.self) {
            try desk.comment(on: "HS-1", text: "x", from: nil, by: NoticeFixture.secretariat, at: now)
        }
        guard case .notUnderConsideration(dossier: "HS-1", _, stateID: "published") = error else {
            Issue.record("\(error)")
            return
        }
        #expect(throws: RunnerError.self) {
            try desk.comment(on: "HS-404", text: "x", from: nil, by: NoticeFixture.secretariat, at: now)
        }
        #expect(try f.store.eventCount() == count)
    }
}
