import Foundation
import Testing
@testable import KhenThuongKit

/// A store with dossiers driven through the runner to public notice or to publication, for
/// the complaint desk and the publication site.
struct NoticeFixture {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions
    let store: EventStore
    let runner: DossierRunner

    static let officer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.c")
    static let secretariat = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
    static let chair = Actor(role: "council_chair", unit: "LDLD-HN", user: "le.chair")
    static let signer = Actor(role: "signer", unit: "LDLD-HN", user: "pham.d")

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
        store = try EventStore(path: directory.path())
        runner = DossierRunner(definitions: definitions, store: store)
    }

    static func at(_ text: String) throws -> Date { try StoreFixture.instant(text) }

    /// Opens a dossier and fires `events` (secretariat's unless the event is the proposer's).
    @discardableResult
    func dossier(_ id: String, award: String = "chien_si_thi_dua_cap_tinh", nomineeID: String, name: String,
                 kind: Nominee.Kind = .individual, events: [String], at: String = "2025-12-01T02:00:00.000Z") throws -> Dossier {
        let time = try Self.at(at)
        var d = try runner.create(NewDossier(id: id, awardID: award, year: 2025, nominee: Nominee(id: nomineeID, name: name, kind: kind),
                                             proposerUnit: Self.officer.unit, addresseeUnit: "LDLD-HN",
                                             documents: ["cover_letter", "achievement_report", "review_minutes"]),
                                  by: Self.officer, at: time)
        for event in events {
            let actor: Actor = switch event {
            case "submit": Self.officer
            case "approve", "reject": Self.chair
            case "publish", "revoke": Self.signer
            default: Self.secretariat
            }
            let tally = event == "approve" ? Tally(members: 9, present: 9, yes: 9, no: 0) : nil
            let reason = ["defer", "resume", "revoke"].contains(event) ? "Lý do \(event)" : nil
            d = try runner.act(on: id, EventRequest(event: event, reason: reason, tally: tally), by: actor, at: time).0
        }
        return d
    }

    static let toNotice = ["submit", "receive", "start_appraisal", "open_notice"]
    static let toPublished = ["submit", "receive", "start_appraisal", "send_to_council", "approve", "publish"]
}
