import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `unit …`, `grant …` and `directory import`, run in-process.
@Suite struct DirectoryCommandTests {
    let cli: CLIHarness
    static let admin = ["--as", "administrator@LDLD-HN:admin"]
    static let key = "ed25519:" + Data(repeating: 7, count: 32).base64EncodedString()

    /// A store with its first administrator only (the key ring's `admin.pem`): these tests build
    /// the directory themselves, so they do not import the sample one.
    init() throws {
        cli = try CLIHarness()
        #expect(cli.run(["init"]).code == 0)
    }

    /// The event `init` writes: the first administrator.
    static let initEvents: Int64 = 1

    func run(_ args: [String]) -> CLIHarness.Run { cli.run(Self.admin + args) }

    func events() throws -> Int64 { try EventStore(path: cli.storePath).eventCount() }

    /// TLD → LDLD-HN → CDN-GDHN → CDCS-DHBK.
    func hanoi() {
        for args in [["unit", "add", "TLD", "--name", "Tổng Liên đoàn Lao động Việt Nam", "--kind", "tld"],
                     ["unit", "add", "LDLD-HN", "--name", "Liên đoàn Lao động thành phố Hà Nội", "--kind", "ldld_tinh", "--parent", "TLD"],
                     ["unit", "add", "CDN-GDHN", "--name", "Công đoàn ngành Giáo dục Hà Nội", "--kind", "cd_cap_tren", "--parent", "LDLD-HN"],
                     ["unit", "add", "CDCS-DHBK", "--name", "Công đoàn Đại học Bách khoa Hà Nội", "--kind", "cdcs", "--parent", "CDN-GDHN"]] {
            let r = run(args)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
    }

    @Test("unit add, list (a tree) and show, in Vietnamese and English")
    func units() throws {
        hanoi()
        #expect(try events() == Self.initEvents + 4)
        let list = run(["unit", "list"])
        #expect(list.code == 0)
        #expect(list.out.contains("TLD  Tổng Liên đoàn Lao động Việt Nam"))
        #expect(list.out.contains("\n      CDCS-DHBK  Công đoàn Đại học Bách khoa Hà Nội  (Công đoàn cơ sở)"))
        let en = run(["--lang", "en", "unit", "list"])
        #expect(en.out.contains("(Grassroots union)") && en.out.contains("(Direct upper union)"))
        let json = run(["--json", "unit", "list"])
        #expect(json.out.contains(#""code":"CDCS-DHBK","depth":3"#))
        let show = run(["unit", "show", "CDN-GDHN"])
        #expect(show.code == 0)
        #expect(show.out.contains("Loại: Công đoàn cấp trên trực tiếp cơ sở"))
        #expect(show.out.contains("Cấp trên: LDLD-HN — Liên đoàn Lao động thành phố Hà Nội"))
        #expect(show.out.contains("CDCS-DHBK — Công đoàn Đại học Bách khoa Hà Nội"))
        let missing = run(["unit", "show", "CDCS-DHKB"])
        #expect(missing.code == 3 && missing.err.contains("CDCS-DHBK"))
    }

    @Test("A misspelt parent is refused with “did you mean”, and nothing is written")
    func misspeltParent() throws {
        hanoi()
        let r = run(["unit", "add", "CDCS-MAYHN", "--name", "Công đoàn Tổng Công ty May Hà Nội", "--kind", "cdcs", "--parent", "LDLD-NH"])
        #expect(r.code == 3)
        #expect(r.err.contains("không có đơn vị “LDLD-NH”") && r.err.contains("(--parent)") && r.err.contains("có phải ý bạn là: LDLD-HN?"))
        let en = cli.run(Self.admin + ["--lang", "en", "unit", "add", "CDCS-MAYHN", "--name", "May", "--kind", "cdcs", "--parent", "LDLD-NH"])
        #expect(en.err.contains("did you mean: LDLD-HN?"))
        let order = run(["unit", "add", "CD-X", "--name", "X", "--kind", "cd_cap_tren", "--parent", "CDCS-DHBK"])
        #expect(order.code == 3 && order.err.contains("(--parent)"))
        let kind = run(["unit", "add", "CD-X", "--name", "X", "--kind", "huyen", "--parent", "LDLD-HN"])
        #expect(kind.code == 2 && kind.err.contains("(--kind)") && kind.err.contains("cd_cap_tren"))
        #expect(try events() == Self.initEvents + 4)
    }

    @Test("A grant for an unknown unit or role is refused and nothing is written")
    func grantRefused() throws {
        hanoi()
        let unit = run(["grant", "secretariat@LDLD-NH", "--key", Self.key, "--user", "tran.thu.ha", "--name", "Trần Thu Hà"])
        #expect(unit.code == 3 && unit.err.contains("LDLD-HN") && unit.err.contains("(ROLE@UNIT)"))
        let role = run(["grant", "secretary@LDLD-HN", "--key", Self.key, "--user", "tran.thu.ha", "--name", "Trần Thu Hà"])
        #expect(role.code == 2 && role.err.contains("secretariat") && role.err.contains("administrator"))
        let key = run(["grant", "secretariat@LDLD-HN", "--key", "ed25519:AAAA", "--user", "tran.thu.ha", "--name", "Trần Thu Hà"])
        #expect(key.code == 2 && key.err.contains("(--key)"))
        #expect(try events() == Self.initEvents + 4)
    }

    @Test("grant, grant list, a second grant refused, grant revoke, grant list --all")
    func grantListRevoke() throws {
        hanoi()
        let keyFile = cli.directory.appendingPathComponent("le.thi.cuc.pub")
        try (Self.key + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        let g = run(["grant", "union_officer@CDCS-DHBK", "--key", keyFile.path, "--user", "le.thi.cuc", "--name", "Lê Thị Cúc"])
        #expect(g.code == 0, "\(g.err)")
        #expect(g.out.contains("Lê Thị Cúc (le.thi.cuc)"))
        let again = run(["grant", "union_officer@CDCS-DHBK", "--key", Self.key, "--user", "le.thi.cuc", "--name", "Lê Thị Cúc"])
        #expect(again.code == 3 && again.err.contains("(--key)"))
        #expect(try events() == Self.initEvents + 5)
        let list = run(["grant", "list", "--unit", "CDCS-DHBK"])
        #expect(list.out.contains("le.thi.cuc") && list.out.contains("Lê Thị Cúc") && list.out.contains("Cán bộ công đoàn đơn vị đề nghị"))
        #expect(run(["grant", "list", "--unit", "LDLD-HN"]).out.contains("Chưa có quyền nào"))
        let show = run(["unit", "show", "CDCS-DHBK"])
        #expect(show.out.contains("Lê Thị Cúc (le.thi.cuc)"))

        let wrongUser = run(["grant", "revoke", "union_officer@CDCS-DHBK", "--user", "tran.thu.ha"])
        #expect(wrongUser.code == 3 && wrongUser.err.contains("(--user)"))
        let revoke = run(["grant", "revoke", "union_officer@CDCS-DHBK", "--user", "le.thi.cuc", "--reason", "Chuyển công tác"])
        #expect(revoke.code == 0, "\(revoke.err)")
        #expect(try events() == Self.initEvents + 6)
        #expect(!run(["grant", "list"]).out.contains("le.thi.cuc"))
        let all = run(["grant", "list", "--all"])
        // Granted by event #6 (after the administrator and 4 units), revoked by #7.
        #expect(all.out.contains("le.thi.cuc") && all.out.contains("#\(Self.initEvents + 5)") && all.out.contains("#\(Self.initEvents + 6)"))
        let directory = try Directory.load(from: try EventStore(path: cli.storePath))
        #expect(directory.allGrants.first?.revocationReason == "Chuyển công tác")
    }

    @Test("directory import records the file's units and grants once; a people's key file that is no key is refused and nothing is written")
    func importUnits() throws {
        let sample = try String(contentsOfFile: CLIHarness.workflows + "/samples/directory.json", encoding: .utf8)
        var json = try JSONSerialization.jsonObject(with: Data(sample.utf8)) as! [String: Any]
        let grantCount = Int64((json["people"] as! [[String: Any]]).map { ($0["grants"] as! [String]).count }.reduce(0, +))
        let withPeople = cli.directory.appendingPathComponent("people.json")
        try sample.write(to: withPeople, atomically: true, encoding: .utf8)
        json["people"] = []
        let unitsOnly = cli.directory.appendingPathComponent("units.json")
        try JSONSerialization.data(withJSONObject: json).write(to: unitsOnly)
        let keys = cli.keyring
        // The first person's key file is not a key: the whole import is refused.
        let broken = cli.directory.appendingPathComponent("broken-keys")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "not a key\n".write(to: broken.appendingPathComponent("le.thi.cuc.pem"), atomically: true, encoding: .utf8)

        let refused = run(["directory", "import", withPeople.path, "--keys", broken.path])
        #expect(refused.code == 3 && refused.err.contains("(--keys: \(broken.appendingPathComponent("le.thi.cuc.pem").path))"), "the file is named: \(refused.err)")
        #expect(try events() == Self.initEvents)
        let first = run(["directory", "import", unitsOnly.path, "--keys", keys])
        #expect(first.code == 0 && first.out.contains("Đã nhập 12 đơn vị"))
        #expect(try events() == Self.initEvents + 12)
        let second = run(["directory", "import", unitsOnly.path, "--keys", keys])
        #expect(second.code == 0 && second.out.contains("không thay đổi gì"))
        #expect(try events() == Self.initEvents + 12)
        #expect(run(["unit", "show", "CDCS-DHBK"]).out.contains("Cấp trên: CDN-GDHN"))
        // The people's grants, with the keys of the key ring; once.
        let people = run(["directory", "import", withPeople.path, "--keys", keys])
        #expect(people.code == 0 && people.out.contains("Đã nhập 0 đơn vị và \(grantCount) quyền"), "\(people.err)")
        #expect(try events() == Self.initEvents + 12 + grantCount)
        #expect(run(["directory", "import", withPeople.path, "--keys", keys]).out.contains("không thay đổi gì"))
        #expect(try events() == Self.initEvents + 12 + grantCount)
    }

    @Test("init --admin-key records the first administrator once")
    func initAdministrator() throws {
        let fresh = try CLIHarness()
        let adminKey = fresh.keyring + "/admin.pem"
        let first = fresh.run(["init", "--admin-key", adminKey, "--admin-user", "admin", "--admin-name", "Nguyễn Quản Trị"])
        #expect(first.code == 0 && first.out.contains("Nguyễn Quản Trị (admin)"), "\(first.err)")
        let directory = try Directory.load(from: try EventStore(path: fresh.storePath))
        #expect(directory.administrators.map(\.user) == ["admin"] && !directory.isEmpty)
        let second = fresh.run(["init", "--admin-key", fresh.keyring + "/tran.thu.ha.pem", "--admin-user", "other", "--admin-name", "Trần Khác"])
        #expect(second.code == 3 && second.err.contains("(--admin-key)"))
        #expect(try EventStore(path: fresh.storePath).eventCount() == 1)
        // --admin-key takes a private key file, not a public key.
        let other = try CLIHarness()
        let publicOnly = other.run(["init", "--admin-key", Self.key])
        #expect(publicOnly.code == 3 && publicOnly.err.contains(Self.key), "\(publicOnly.err)")
        #expect(try Directory.load(from: try EventStore(path: other.storePath)).isEmpty)
        // Plain `init` records the key ring's administrator key.
        #expect(try Directory.load(from: try EventStore(path: cli.storePath)).administrators.map(\.user) == ["admin"])
    }
}
