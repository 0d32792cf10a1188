import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The movement and report commands end to end: a golden session, atomic refusals, and the
/// HTML report checked in headless Chromium.
@Suite struct MovementCLITests {
    static let officer = "--as=secretariat@LDLD-KG:pham.c"
    static let kg = "KG-VT-2022-01-trieu-sang-kien"

    @Test("A movement session: record, register, observe, progress and the targets report")
    func session() throws {
        let h = try CLIHarness(now: "2022-03-15T02:00:00Z")
        let file = CLIHarness.workflows + "/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json"
        let transcript = h.transcript(h.setUp + [
            [Self.officer, "movement", "create", file],
            [Self.officer, "movement", "register", Self.kg, "--unit", "CDCS-THPT", "--compact", "Khối giáo dục"],
            [Self.officer, "movement", "register", Self.kg, "--unit", "CDCS-UBND", "--person", "le.van.tam"],
            [Self.officer, "movement", "register", Self.kg, "--unit", "CDCS-UBND", "--phase", "2"],
            [Self.officer, "movement", "record", Self.kg, "--target", "50-sang-kien-den-31-5-2022", "--unit", "CDCS-THPT", "--value", "12", "--date", "2022-02-01"],
            [Self.officer, "movement", "record", Self.kg, "--target", "50-sang-kien-den-31-5-2022", "--unit", "CDCS-UBND", "--value", "9", "--date", "2022-03-01"],
            [Self.officer, "movement", "record", Self.kg, "--target", "tong-quat-5pct-dang-ky", "--unit", "CDCS-THPT", "--value", "4", "--of", "60", "--date", "2022-03-01"],
            [Self.officer, "movement", "record", Self.kg, "--target", "tong-quat-5pct-dang-ky", "--unit", "CDCS-UBND", "--value", "3", "--date", "2022-03-01"],
            ["--as=union_officer@CDCS-THPT:le.a", "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2022", "--nominee-id", "tran.b",
             "--nominee-name", "Trần Thị B", "--addressee", "LDLD-KG", "--due", "15/12/2022"],
            [Self.officer, "movement", "link", Self.kg, "CDCS-THPT-2022-000001"],
            [Self.officer, "movement", "link", Self.kg, "CDCS-THPT-2022-000001"],
            ["movement", "progress", Self.kg, "--units"],
            ["--lang", "en", "movement", "progress", Self.kg, "--as-of", "2022-06-01"],
            ["movement", "list"],
            ["report", "targets", Self.kg, "--format", "csv"],
        ])
        try expectGolden(transcript, "movement-session")
    }

    @Test("A refused movement command writes nothing")
    func refusalsWriteNothing() throws {
        let h = try CLIHarness(now: "2022-03-15T02:00:00Z")
        h.initialise()
        let file = CLIHarness.workflows + "/movements/bt-2018-chao-mung-dai-hoi-xii.json"
        #expect(h.run([Self.officer, "movement", "create", file]).code == 0)
        let store = try EventStore(path: h.storePath)
        let before = try store.eventCount()
        let refused = [
            [Self.officer, "movement", "register", "BT-2018-chao-mung-dai-hoi-XII", "--unit", "U", "--phase", "3"],
            [Self.officer, "movement", "register", "NO-SUCH", "--unit", "U"],
            [Self.officer, "movement", "record", "BT-2018-chao-mung-dai-hoi-XII", "--target", "t", "--unit", "U", "--value", "1", "--date", "2018-02-01"],
            [Self.officer, "movement", "link", "BT-2018-chao-mung-dai-hoi-XII", "HS-NONE"],
        ]
        for args in refused {
            let r = h.run(args)
            #expect(r.code == 1, "\(args): \(r.err)")
            #expect(r.err.contains("khenthuong: lỗi:"))
        }
        #expect(try store.eventCount() == before)
        #expect(try MovementLedger.read(store).movements["BT-2018-chao-mung-dai-hoi-XII"]?.phases.count == 2)
    }

    @Test("A broken definition file is refused with file:line:column and exit 3")
    func brokenFile() throws {
        let h = try CLIHarness()
        h.initialise()
        let before = try EventStore(path: h.storePath).eventCount()
        let path = h.directory.appendingPathComponent("bad.json").path
        try #"{"id": "X", "name": {"vi": "X", "en": "X"}, "targets": [{"id": "t", "kind": "sometimes"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let r = h.run([Self.officer, "movement", "create", path])
        #expect(r.code == 3)
        #expect(r.err.contains("bad.json:1:77: lỗi: $.targets[0].kind: loại chỉ tiêu \"sometimes\" không có"))
        #expect(try EventStore(path: h.storePath).eventCount() == before)
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("The HTML award report renders in headless Chromium with its table, sentences and chart",
          .enabled(if: chromium != nil, "chromium is not installed (.ci/run installs it)"))
    func htmlInChromium() throws {
        let h = try CLIHarness(now: "2020-06-26T02:00:00Z")
        h.initialise()
        let store = try EventStore(path: h.storePath)
        // Signed by a signer of LDLD-HN, at the harness's time (a signed write is never back-dated):
        // `report` refuses a store with unsigned events once it has a key directory.
        let signer = try KeyFile.read(h.keyring + "/do.minh.chau.pem", passphrase: nil).key
        try store.write(signedBy: signer) { tx in
            for (n, level, award, kinds) in [(1, "tong_lien_doan", "bang_khen_tong_lien_doan", ["collective", "individual", "individual"]),
                                             (2, "tinh", "bang_khen_dot_xuat", ["collective"])] {
                let r = kinds.enumerated().map { i, k in
                    #"{"amountVND":0,"award":"\#(award)","baseSalaryVND":0,"dossier":"HS-\#(n)\#(i)","multiplier":1,"nomineeID":"N\#(n)\#(i)","nomineeKind":"\#(k)","nomineeName":"Nguyễn Văn \#(i)","unit":"CDCS-\#(i)","year":2019}"#
                }
                try tx.appendRecord(subject: "decision:\(n)/QĐ", event: "decision_issued", actor: Actor(role: "signer", unit: "LDLD-HN", user: "do.minh.chau"),
                                    at: Date(timeIntervalSince1970: 1_593_136_800),
                                    payload: #"{"authority":"A","date":"2019-12-2\#(n)","level":"\#(level)","number":"\#(n)/QĐ","recipients":[\#(r.joined(separator: ","))],"signer":"S"}"#)
            }
        }
        let out = h.directory.appendingPathComponent("awards.html").path
        let r = h.run(["report", "awards", "--from", "2019-01-01", "--to", "2019-12-31", "--by", "level,form,subject", "--format", "html", "--out", out])
        #expect(r.code == 0, "\(r.err)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(h.directory.path)/chromium", "--dump-dom", "file://\(out)"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "chromium exited with \(p.terminationStatus)")
        #expect(dom.contains("<html lang=\"vi\">"))
        #expect(dom.contains("Tổng Liên đoàn tặng Bằng khen cho 1 tập thể và 2 cá nhân; LĐLĐ tỉnh tặng Bằng khen cho 1 tập thể."))
        #expect(dom.contains("<th scope=\"col\">Cấp khen</th>"))
        #expect(dom.contains("<th scope=\"row\">Tổng Liên đoàn</th>"))
        #expect(dom.components(separatedBy: "<rect ").count - 1 == 3)
    }
}
