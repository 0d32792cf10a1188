import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// A store with the sample Hanoi council (11 members) and dossiers driven to council review.
struct CouncilWorld {
    let directory: StoreTemporaryDirectory
    let runner: DossierRunner
    var book: CouncilBook { CouncilBook(runner: runner) }
    var decisions: DecisionBook { DecisionBook(runner: runner) }
    var store: any EventLog { runner.store }

    static let secretariat = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
    static let chair = Actor(role: "council_chair", unit: "LDLD-HN", user: "pham.van.an")
    static let signer = Actor(role: "signer", unit: "LDLD-HN", user: "pham.d")
    static let all = ["pham.van.an", "ngo.thi.binh", "do.van.cuong", "le.thi.dung", "vu.van.em", "hoang.thi.giang",
                      "bui.van.hai", "dang.thi.khanh", "trinh.van.long", "mai.thi.minh", "tran.van.nam"]

    /// - Parameters:
    ///   - alsoDecides: awards added to the sample council's `decides` list.
    ///   - units: directory records written before the council (the hierarchy that bounds its power).
    init(recuseSameUnit: Bool = false, backend: Backend = .sqlite, alsoDecides: [String] = [], units: [UnitAdded] = []) throws {
        directory = try StoreTemporaryDirectory()
        runner = DossierRunner(definitions: try StoreFixture.definitions(), store: try backend.open(directory))
        for u in units { _ = try runner.store.write { tx in try tx.append(u, actor: Self.secretariat, at: try Self.at("2025-10-01")) } }
        var text = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/samples/council-ldld-hn.json", encoding: .utf8)
        if recuseSameUnit { text = text.replacingOccurrences(of: "\"recuseSameUnit\": false", with: "\"recuseSameUnit\": true") }
        if !alsoDecides.isEmpty {
            text = text.replacingOccurrences(of: "\"decides\": [", with: "\"decides\": [" + alsoDecides.map { "\"\($0)\", " }.joined())
        }
        let council = try Council.parse(text, file: "council-ldld-hn.json")
        try book.define(council, by: Self.secretariat, at: try Self.at("2025-11-01"))
    }

    /// Noon (UTC+7) on `date`.
    static func at(_ date: String) throws -> Date { try StoreFixture.instant("\(date)T05:00:00.000Z") }

    /// Opens dossier `id` and drives it to council review; awards needing public notice open it on `noticeFrom`
    /// and close it 10 working days later.
    @discardableResult
    func toCouncilReview(_ id: String, award: String = "chien_si_thi_dua_cap_tinh", nominee: String = "nguyen.thi.hoa",
                         noticeFrom: String = "2025-12-01") throws -> Dossier {
        let officer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        let kind = runner.definitions.awards.award(award)?.subject == .collective ? Nominee.Kind.collective : .individual
        try runner.create(NewDossier(id: id, awardID: award, year: 2025, nominee: Nominee(id: nominee, name: "Nguyễn Thị Hoa", kind: kind),
                                     proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN",
                                     documents: ["cover_letter", "achievement_report", "review_minutes"]), by: officer, at: try Self.at("2025-11-20"))
        try runner.act(on: id, EventRequest(event: "submit"), by: officer, at: try Self.at("2025-11-21"))
        try runner.act(on: id, EventRequest(event: "receive"), by: Self.secretariat, at: try Self.at("2025-11-24"))
        try runner.act(on: id, EventRequest(event: "start_appraisal"), by: Self.secretariat, at: try Self.at("2025-11-25"))
        if runner.definitions.awards.award(award)?.publicNotice == true {
            try runner.act(on: id, EventRequest(event: "open_notice"), by: Self.secretariat, at: try Self.at(noticeFrom))
            let close = runner.definitions.calendar.adding(workingDays: 10, to: try CivilDate(parsing: noticeFrom))
            return try runner.act(on: id, EventRequest(event: "close_notice"), by: Self.secretariat, at: try Self.at(close.description)).0
        }
        return try runner.act(on: id, EventRequest(event: "send_to_council"), by: Self.secretariat, at: try Self.at("2025-12-01")).0
    }

    @discardableResult
    func openSession(_ id: String = "01/BB-HĐTĐKT", date: String = "2025-12-16", present: [String] = CouncilWorld.all,
                     agenda: [String]) throws -> CouncilSession {
        try book.openSession(id: id, council: "HĐTĐKT-LĐLĐ-HN", date: try CivilDate(parsing: date), present: present, agenda: agenda,
                             by: Self.secretariat, at: try Self.at(date))
    }
}

/// The error's kind and Vietnamese text, or `nil` when `body` did not throw a `CouncilError`.
func councilError(_ body: () throws -> Void) -> CouncilError? {
    do { try body() } catch let e as CouncilError { return e } catch { return nil }
    return nil
}
