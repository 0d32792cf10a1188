import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

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

    /// - Parameter definitions: the shipped ones unless given.
    init(definitions: Definitions? = nil) throws {
        directory = try StoreTemporaryDirectory()
        self.definitions = try definitions ?? StoreFixture.definitions()
        store = try EventStore(path: directory.path())
        runner = DossierRunner(definitions: self.definitions, store: store)
    }

    static func at(_ text: String) throws -> Date { try StoreFixture.instant(text) }

    /// Opens a dossier and fires `events` (secretariat's unless the event is the proposer's).
    @discardableResult
    func dossier(_ id: String, award: String = "chien_si_thi_dua_cap_tinh", nomineeID: String, name: String,
                 kind: Nominee.Kind = .individual, year: Int = 2025, events: [String], at: String = "2025-12-01T02:00:00.000Z") throws -> Dossier {
        let time = try Self.at(at)
        var d = try runner.create(NewDossier(id: id, awardID: award, year: year, nominee: Nominee(id: nomineeID, name: name, kind: kind),
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
            // The fixture stands in for `council vote` and `decision issue` on the events reserved to them.
            let via = try runner.workflow(of: d).definition.transition(event: event)?.reservedTo
            d = try runner.act(on: id, EventRequest(event: event, via: via, reason: reason, tally: tally), by: actor, at: time).0
        }
        return d
    }

    static let toNotice = ["submit", "receive", "start_appraisal", "open_notice"]
    static let toPublished = ["submit", "receive", "start_appraisal", "send_to_council", "approve", "publish"]
}

extension NoticeFixture {
    /// One recipient of a `decision_issued` record, as the decision command writes it.
    struct Recipient {
        var dossier: String
        var nomineeID: String
        var name: String
        var kind = "individual"
        var unit = "CDCS-DHBK"
        var award = "lao_dong_tien_tien"
        var amountVND = 702_000
        var multiplier = 0.3
        var json: String {
            var w = CanonicalJSONWriter(capacity: 256)
            w.punctuation("{")
            w.key("amountVND"); w.int(Int64(amountVND)); w.punctuation(",")
            w.key("award"); w.string(award); w.punctuation(",")
            w.key("baseSalaryVND"); w.int(2_340_000); w.punctuation(",")
            w.key("dossier"); w.string(dossier); w.punctuation(",")
            w.key("multiplier"); w.double(multiplier); w.punctuation(",")
            w.key("nomineeID"); w.string(nomineeID); w.punctuation(",")
            w.key("nomineeKind"); w.string(kind); w.punctuation(",")
            w.key("nomineeName"); w.string(name); w.punctuation(",")
            w.key("unit"); w.string(unit); w.punctuation(",")
            w.key("year"); w.int(2025)
            w.punctuation("}")
            return w.text
        }
    }

    /// Appends a `decision_issued` record following the decision contract.
    @discardableResult
    func decision(_ number: String, date: String, recipients: [Recipient], at: String = "2025-12-20T02:00:00.000Z") throws -> StoredEvent {
        var w = CanonicalJSONWriter(capacity: 512)
        w.punctuation("{")
        w.key("authority"); w.string("Liên đoàn Lao động thành phố Hà Nội"); w.punctuation(",")
        w.key("date"); w.string(date); w.punctuation(",")
        w.key("level"); w.string("LĐLĐ thành phố"); w.punctuation(",")
        w.key("number"); w.string(number); w.punctuation(",")
        w.key("recipients"); w.punctuation("[")
        let body = recipients.map(\.json).joined(separator: ",")
        let prefix = w.text
        let payload = prefix + body + "],\"signer\":\"Phạm Văn Dũng\"}"
        let time = try Self.at(at)
        return try store.write { tx in
            try tx.appendRecord(subject: "decision:\(number)", event: "decision_issued", actor: Self.signer, at: time, payload: payload)
        }
    }

    /// Appends a `revocation` record for dossier `id`.
    func revocation(_ id: String, ground: String, text: String, amount: Int, decision: String) throws {
        var w = CanonicalJSONWriter(capacity: 256)
        w.punctuation("{")
        w.key("amountVND"); w.int(Int64(amount)); w.punctuation(",")
        w.key("decision"); w.string(decision); w.punctuation(",")
        w.key("ground"); w.string(ground); w.punctuation(",")
        w.key("groundText"); w.string(text); w.punctuation(",")
        w.key("revokedBy"); w.string("Phạm Văn Dũng")
        w.punctuation("}")
        let time = try Self.at("2026-01-10T02:00:00.000Z")
        _ = try store.write { tx in
            try tx.appendRecord(subject: id, event: "revocation", actor: Self.signer, at: time, payload: w.text)
        }
    }

    /// The publication scenario: one dossier under notice across Tết 2026 with a comment and a
    /// complaint filed and resolved; two decisions (one person twice), one award revoked with a
    /// record, one revoked without; a name with HTML characters.
    static func publicationScenario(definitions: Definitions? = nil) throws -> NoticeFixture {
        let f = try NoticeFixture(definitions: definitions)
        try f.dossier("HS-1", nomineeID: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", events: toNotice, at: "2026-02-05T02:00:00.000Z")
        let desk = ComplaintDesk(runner: f.runner)
        try desk.comment(on: "HS-1", text: "Đồng ý", from: nil, by: secretariat, at: at("2026-02-06T02:00:00.000Z"))
        try f.dossier("HS-2", award: "lao_dong_tien_tien", nomineeID: "dang.van.duc", name: "Đặng Văn Đức", events: toPublished)
        try f.dossier("HS-3", award: "lao_dong_tien_tien", nomineeID: "le.o", name: "Lê <b>\"Ổ\"</b> & Co", events: toPublished + ["revoke"])
        try f.dossier("HS-4", award: "tap_the_lao_dong_tien_tien", nomineeID: "to.cd.dao.tao", name: "Tổ Công đoàn Phòng Đào tạo",
                      kind: .collective, events: toPublished + ["revoke"])
        // One person awarded twice: two awards (one achievement, one award refuses the same award twice).
        try f.dossier("HS-5", award: "chien_si_thi_dua_co_so", nomineeID: "dang.van.duc", name: "Đặng Văn Đức", events: toPublished)
        try f.decision("12/QĐ-LĐLĐ", date: "2025-12-19", recipients: [
            Recipient(dossier: "HS-2", nomineeID: "dang.van.duc", name: "Đặng Văn Đức"),
            Recipient(dossier: "HS-3", nomineeID: "le.o", name: "Lê <b>\"Ổ\"</b> & Co", unit: "Phòng \"A\", tầng 2; B"),
            Recipient(dossier: "HS-4", nomineeID: "to.cd.dao.tao", name: "Tổ Công đoàn Phòng Đào tạo", kind: "collective",
                      award: "tap_the_lao_dong_tien_tien", amountVND: 1_872_000, multiplier: 0.8),
        ])
        try f.decision("15/QĐ-LĐLĐ", date: "2025-12-30", recipients: [Recipient(dossier: "HS-5", nomineeID: "dang.van.duc", name: "Đặng Văn Đức", award: "chien_si_thi_dua_co_so")])
        try f.revocation("HS-3", ground: "93.2.b", text: "Khai man hồ sơ", amount: 702_000, decision: "3/QĐ-LĐLĐ")
        return f
    }
}
