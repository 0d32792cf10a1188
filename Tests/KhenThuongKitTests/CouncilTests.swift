import CSQLite
import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct CouncilTests {
    @Test("Quorum is two thirds of the members, boundary included (QĐ 2218/QĐ-BTNMT Điều 8, a parameter of the council file)", arguments: [
        (9, 6, true), (9, 5, false), (11, 8, true), (11, 7, false), (3, 2, true), (3, 1, false),
    ])
    func quorumBoundary(members: Int, present: Int, expected: Bool) throws {
        var text = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/samples/council-ldld-hn.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"recuseSameUnit\"", with: "\"x\"")
        var council = try Council.parse(text, file: "c.json")
        council.members = Array(council.members.prefix(members))
        #expect(council.hasQuorum(present: present) == expected)
        #expect(council.quorumMinimum == [9: 6, 11: 8, 3: 2][members])
        #expect(council.hasQuorum(present: council.quorumMinimum) && !council.hasQuorum(present: council.quorumMinimum - 1))
    }

    @Test("A session one member short of quorum is refused and nothing is recorded", arguments: Backend.allCases)
    func sessionWithoutQuorum(backend: Backend) throws {
        let w = try CouncilWorld(backend: backend)
        try w.toCouncilReview("HS-1")
        let before = try w.store.eventCount()
        let error = councilError { try w.openSession(present: Array(CouncilWorld.all.prefix(7)), agenda: ["HS-1"]) }
        #expect(error?.kind == .refused)
        #expect(error?.message.vi.contains("7/11") == true)
        #expect(try w.store.eventCount() == before)
        #expect(try w.openSession(present: Array(CouncilWorld.all.prefix(8)), agenda: ["HS-1"]).present.count == 8)
    }

    @Test("A dossier whose public notice ran fewer working days than required before the session is refused (NĐ 98/2023/NĐ-CP Điều 46 khoản 2)")
    func noticeTooShort() throws {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1", noticeFrom: "2025-12-01")
        // 01/12 → 12/12 is 9 working days; 15/12 is the 10th.
        let error = councilError { try w.openSession(date: "2025-12-12", agenda: ["HS-1"]) }
        #expect(error?.kind == .refused)
        #expect(error?.message.vi.contains("mới 9 ngày làm việc") == true)
        #expect(try w.openSession(date: "2025-12-15", agenda: ["HS-1"]).agenda == ["HS-1"])
    }

    @Test("A notice whose working days run into 2027, a year calendar.json does not confirm, keeps the dossier off the agenda")
    func noticeCountedInAnUnconfirmedYear() throws {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1", noticeFrom: "2026-12-14")
        let error = councilError { try w.openSession(date: "2027-01-04", agenda: ["HS-1"]) }
        #expect(error?.kind == .refused)
        #expect(error?.message.en.contains("the days off of 2027 are not confirmed in workflows/calendar.json") == true)
    }

    @Test("A notice interrupted by a deferral counts from when it first opened, as the workflow's own guard does (NĐ 98/2023/NĐ-CP Điều 46 khoản 2)",
          arguments: Backend.allCases)
    func noticeCountedFromItsFirstOpening(backend: Backend) throws {
        let w = try CouncilWorld(backend: backend)
        let officer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        try w.runner.create(NewDossier(id: "HS-9", awardID: "chien_si_thi_dua_cap_tinh", year: 2025,
                                       nominee: Nominee(id: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa"),
                                       proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN",
                                       documents: ["cover_letter", "achievement_report", "review_minutes"]),
                            by: officer, at: try CouncilWorld.at("2025-11-20"))
        try w.runner.act(on: "HS-9", EventRequest(event: "submit"), by: officer, at: try CouncilWorld.at("2025-11-21"))
        for (event, day) in [("receive", "2025-11-24"), ("start_appraisal", "2025-11-25"), ("open_notice", "2025-12-01")] {
            try w.runner.act(on: "HS-9", EventRequest(event: event), by: CouncilWorld.secretariat, at: try CouncilWorld.at(day))
        }
        try w.runner.act(on: "HS-9", EventRequest(event: "defer", reason: "Khiếu nại đang xác minh"), by: CouncilWorld.secretariat,
                         at: try CouncilWorld.at("2025-12-05"))
        try w.runner.act(on: "HS-9", EventRequest(event: "resume", reason: "Khiếu nại không có căn cứ"), by: CouncilWorld.secretariat,
                         at: try CouncilWorld.at("2025-12-08"))
        // The workflow lets the notice close on 15/12 (10 working days from 01/12, not from 08/12)…
        try w.runner.act(on: "HS-9", EventRequest(event: "close_notice"), by: CouncilWorld.secretariat, at: try CouncilWorld.at("2025-12-15"))
        // …and the council counts the same days.
        #expect(try w.openSession(date: "2025-12-15", agenda: ["HS-9"]).agenda == ["HS-9"])
    }

    @Test("90% of all 11 members (NĐ 91/2017/NĐ-CP khoản 8 Điều 45): 10 yes approves, 9 yes rejects, through the workflow", arguments: [(10, 1, "approved"), (9, 2, "not_approved")])
    func thresholdOnTotal(yes: Int, no: Int, state: String) throws {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1")
        try w.openSession(agenda: ["HS-1"])
        let (record, dossier) = try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: yes, no: no, invalid: 0, writtenAbsent: 0,
                                                by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        #expect(dossier.state == state)
        #expect(record.count.tally == Tally(members: 11, present: 11, yes: yes, no: no))
        let last = try #require(try w.store.events(dossierID: "HS-1").last { $0.kind == .transition })
        #expect(last.toState == state)
        if state == "approved" { #expect(last.payload.contains("\"percent\":90")) }
    }

    @Test("The nominee on the council is recused: the base drops to 10 and 9 yes now pass (council policy; no legal clause found)",
          arguments: Backend.allCases)
    func recusalChangesBase(backend: Backend) throws {
        let w = try CouncilWorld(backend: backend)
        try w.toCouncilReview("HS-1", nominee: "do.van.cuong")
        try w.openSession(agenda: ["HS-1"])
        let ten = CouncilWorld.all.filter { $0 != "do.van.cuong" }
        let (record, dossier) = try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 9, no: 1, invalid: 0, writtenAbsent: 0,
                                                by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        #expect(record.count.recused == ["do.van.cuong"])
        #expect(record.count.voters == ten)
        #expect(record.count.tally.members == 10)
        #expect(dossier.state == "approved")
    }

    @Test("With the same-unit rule a member from the proposing union is recused too (the council file's recuseSameUnit; no legal clause found)")
    func sameUnitRecusal() throws {
        let w = try CouncilWorld(recuseSameUnit: true)
        try w.toCouncilReview("HS-1")
        try w.openSession(agenda: ["HS-1"])
        let error = councilError {
            try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 10, no: 1, invalid: 0, writtenAbsent: 0,
                            by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        }
        #expect(error?.message.vi.contains("kiểm được 11 phiếu") == true)
        let (record, _) = try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 9, no: 1, invalid: 0, writtenAbsent: 0,
                                          by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        #expect(record.count.recused == ["vu.van.em"])
        #expect(record.count.passed)
    }

    @Test("The threshold is taken over all members or those present, as the award says", arguments: [
        ("total", 9, 0, 8, false), ("total", 9, 1, 9, true), ("present", 8, 0, 8, true), ("present", 8, 0, 7, false),
    ])
    func thresholdPerBase(base: String, present: Int, written: Int, yes: Int, passes: Bool) throws {
        let text = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/samples/council-ldld-hn.json", encoding: .utf8)
        var council = try Council.parse(text, file: "c.json")
        council.members = Array(council.members.prefix(10))
        let award = AwardDefinition(id: "x", name: .init(vi: "X", en: "X"), subject: .individual, workflow: "yearly", publicNotice: false,
                                    votePercent: 90, voteBase: base, voteSource: "test")
        let dossier = try StoreFixture.newDossier("HS-1", definitions: try StoreFixture.definitions(), createdAt: Date(timeIntervalSince1970: 0))
        let count = try BallotCount.count(council: council, present: council.members.prefix(present).map(\.id), dossier: dossier, award: award,
                                          yes: yes, no: present + written - yes, invalid: 0, writtenAbsent: written)
        #expect(count.passed == passes)
        #expect(count.denominator == (base == "present" ? present : 10))
    }

    @Test("The vote rule follows the achievement year's regime; UNVERIFIED values carry their parameter name", arguments: [
        (2020, "NĐ 91/2017", nil as String?), (2023, "NĐ 91/2017", nil), (2024, "UNVERIFIED", "vote.chien_si_thi_dua_cap_tinh.from2024"),
    ])
    func voteRegimes(year: Int, source: String, parameter: String?) throws {
        let award = try #require(try StoreFixture.definitions().awards.award("chien_si_thi_dua_cap_tinh"))
        let rule = award.voteRule(year: year)
        #expect(rule.percent == 90 && rule.base == "total")
        #expect(rule.source.hasPrefix(source))
        #expect(rule.source.contains(parameter ?? "NĐ 91/2017") && (parameter != nil || !rule.source.contains("[")))
    }

    @Test("A bad council file is refused with file:line:column, the JSON path and the fix", arguments: [
        ("{\"id\": \"C\",\n \"members\": [", "c.json:2:"),
        ("{\"id\": \"C\", \"unit\": \"U\", \"name\": {\"vi\": \"a\", \"en\": \"a\"}, \"authority\": {\"vi\": \"a\", \"en\": \"a\"}, \"place\": \"HN\",\n \"members\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"boss\", \"unit\": \"U\"}]}", "c.json:2:47: $.members[0].role: no role “boss”; use chair, vice_chair or member"),
        ("{\"id\": \"C:1\"}", "c.json:1:8: $.id: a council id may not contain"),
        ("{\"id\": \"C\", \"unit\": \"U\", \"name\": {\"vi\": \"a\", \"en\": \"a\"}, \"authority\": {\"vi\": \"a\", \"en\": \"a\"}, \"place\": \"HN\", \"members\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"member\", \"unit\": \"U\"}]}", "a council needs exactly one chair"),
        ("{\"id\": \"C\", \"unit\": \"U\", \"name\": {\"vi\": \"a\", \"en\": \"a\"}, \"authority\": {\"vi\": \"a\", \"en\": \"a\"}, \"place\": \"HN\", \"members\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"chair\", \"unit\": \"U\"}], \"recuseSameUnit\": \"true\"}", "$.recuseSameUnit: true or false is needed"),
        ("{\"id\": \"C\", \"unit\": \"U\", \"name\": {\"vi\": \"a\", \"en\": \"a\"}, \"authority\": {\"vi\": \"a\", \"en\": \"a\"}, \"place\": \"HN\", \"members\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"chair\", \"unit\": \"U\"}], \"noticeWorkingDays\": \"10\"}", "$.noticeWorkingDays: an integer is needed"),
        ("{\"id\": \"C\", \"unit\": \"U\", \"name\": {\"vi\": \"a\", \"en\": \"a\"}, \"authority\": {\"vi\": \"a\", \"en\": \"a\"}, \"place\": \"HN\", \"members\": [{\"id\": \"a\", \"name\": \"A\", \"role\": \"chair\", \"unit\": \"U\"}], \"decides\": [\"lao_dong_tien_tien\", 7]}", "$.decides[1]: an award id (a string) as in workflows/awards.json is needed"),
    ])
    func badCouncilFile(text: String, expected: String) {
        let error = councilError { _ = try Council.parse(text, file: "c.json") }
        #expect(error?.kind == .data)
        #expect(error?.message.en.contains(expected) == true, "\(String(describing: error?.message.en))")
    }

    @Test("A council that decides an award id the catalog does not have is refused, naming it and the ids, and nothing is recorded")
    func unknownDecidedAward() throws {
        let w = try CouncilWorld()
        var council = try #require(try w.book.councils().first)
        council.decides.append("chien_si_thi_dua_cap_tinhh")
        let before = try w.store.eventCount()
        let error = councilError { try w.book.define(council, by: CouncilWorld.secretariat, at: try CouncilWorld.at("2025-11-02")) }
        #expect(error?.kind == .data)
        #expect(error?.message.en.hasPrefix("decides: there is no award “chien_si_thi_dua_cap_tinhh” in workflows/awards.json; ids: ") == true)
        #expect(try w.store.eventCount() == before)
    }

    @Test("Ballots are secret: no event anywhere links a member to a choice")
    func ballotSecrecy() throws {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1")
        try w.openSession(present: Array(CouncilWorld.all.prefix(10)), agenda: ["HS-1"])
        try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 10, no: 0, invalid: 1, writtenAbsent: 1,
                        by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        let ballot = try #require(try w.store.records(named: "ballot_count").first)
        let payload = try JSONParser.parseVerbatim(ballot.payload)
        guard case .object(let members) = payload else { Issue.record("not an object"); return }
        #expect(Set(members.map(\.key)) == ["session", "council", "outcome", "recused", "voters", "writtenAbsent", "members", "present",
                                      "yes", "no", "invalid", "percent", "base", "source", "passed"])
        // The choices are counts, never lists of who chose them.
        #expect(payload["yes"]?.int == 10 && payload["no"]?.int == 0 && payload["invalid"]?.int == 1)
        #expect(payload["voters"]?.strings == Array(CouncilWorld.all.prefix(10)))
        // Scan every stored event: no payload or reason holds a member id next to a choice.
        let raw = try RawStore.payloads(w.directory.path())
        for text in raw {
            for m in CouncilWorld.all {
                for choice in ["yes", "no", "invalid", "đồng ý", "phiếu"] {
                    #expect(!text.contains("\"\(m)\":\"\(choice)\"") && !text.contains("\"\(m)\":{"), "\(text)")
                }
            }
            #expect(!text.contains("\"yes\":[") && !text.contains("\"no\":[") && !text.contains("\"invalid\":["), "\(text)")
        }
        #expect(try w.store.verify().firstBroken == nil)
        #expect(raw.count == Int(try w.store.eventCount()))
    }
}

enum RawStore {
    /// Every payload and reason in the events table, read with plain SQL behind the library's back.
    static func payloads(_ path: String) throws -> [String] {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db else { throw CocoaError(.fileReadUnknown) }
        defer { sqlite3_close(db) }
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT payload || ' ' || coalesce(reason, '') FROM events", -1, &s, nil) == SQLITE_OK, let s else {
            throw CocoaError(.fileReadUnknown)
        }
        defer { sqlite3_finalize(s) }
        var out: [String] = []
        while sqlite3_step(s) == SQLITE_ROW { out.append(String(cString: sqlite3_column_text(s, 0))) }
        return out
    }
}
