import Foundation
import Testing
@testable import KhenThuongCLI

/// Deadlines in a year whose days off calendar.json does not confirm, through the command line.
@Suite struct CalendarCLITests {
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"

    @Test("A supplement due in 2027 is refused with exit 3 naming the year and calendar.json; KHENTHUONG_COMPUTED_CALENDAR=accept counts it (Tết 2027 skipped)")
    func unconfirmedYear() throws {
        var h = try CLIHarness(now: "2027-02-01T02:00:00Z")
        h.initialise()
        let steps: [([String], String?)] = [
            ([Self.officer, "dossier", "create", "--award", "giay_khen_dot_xuat", "--year", "2027", "--nominee-id", "nguyen.thi.hoa",
              "--nominee-name", "Nguyễn Thị Hoa", "--addressee", "LDLD-HN", "--attach", "cover_letter", "--attach", "short_summary"], nil),
            ([Self.officer, "dossier", "submit", "CDCS-DHBK-2027-000001"], nil),
            ([Self.secretariat, "dossier", "act", "CDCS-DHBK-2027-000001", "receive"], nil),
            ([Self.secretariat, "dossier", "act", "CDCS-DHBK-2027-000001", "start_appraisal"], nil),
            ([Self.secretariat, "dossier", "act", "CDCS-DHBK-2027-000001", "request_supplement", "--reason", "Thiếu biên bản"], "2027-02-04T02:00:00Z"),
        ]
        for (args, now) in steps {
            let r = h.run(args, now: now)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
        let resubmit = [Self.officer, "--lang", "en", "dossier", "act", "CDCS-DHBK-2027-000001", "resubmit", "--attach", "supplement"]
        let refused = h.run(resubmit, now: "2027-02-15T02:00:00Z")
        #expect(refused.code == 3)
        #expect(refused.err.contains("the days off of 2027 are not confirmed in calendar.json")
                && refused.err.contains("workflows/calendar.json"))
        // Accepted: due 2027-02-16 (Tết Đinh Mùi 5/2, 8–9/2 and nghỉ bù 10–11/2 are skipped), so 15/2 is on time.
        h.environment["KHENTHUONG_COMPUTED_CALENDAR"] = "accept"
        let accepted = h.run(resubmit, now: "2027-02-15T02:00:00Z")
        #expect(accepted.code == 0, "\(accepted.err)")
        #expect(accepted.out.contains("Needs supplement → Under appraisal"))
    }
}
