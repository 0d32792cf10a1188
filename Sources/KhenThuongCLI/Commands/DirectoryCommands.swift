import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `unit add | change | list | show`, `grant`, `grant revoke | list`, `directory import`: the
/// directory of units and of the roles people's keys hold at them (docs/directory.md).
enum DirectoryCommands {
    static let all: [Command] = [unitAdd, unitChange, unitList, unitShow, grant, grantRevoke, grantList, importFile]

    // MARK: Units

    static let unitAdd = Command(
        path: ["unit", "add"], synopsis: "CODE --name \"…\" --kind KIND [--parent CODE]",
        summary: .init(vi: "thêm một đơn vị công đoàn vào danh mục", en: "add a union unit to the directory"),
        help: .init(
            vi: """
              CODE             mã đơn vị: chữ in hoa không dấu, chữ số và “-” (ví dụ CDCS-DHBK)
              --name "…"       tên đầy đủ của đơn vị
              --kind KIND      cdcs (Công đoàn cơ sở), cd_cap_tren (Công đoàn cấp trên trực tiếp cơ sở),
                               ldld_tinh (LĐLĐ tỉnh, thành phố), cd_nganh (Công đoàn ngành Trung ương), tld (Tổng Liên đoàn)
              --parent CODE    đơn vị cấp trên (bỏ trống chỉ với tld, hoặc với đơn vị đầu tiên của kho)
            Cần quyền quản trị danh mục.
            Ví dụ: khenthuong unit add CDCS-DHBK --name "Công đoàn Đại học Bách khoa Hà Nội" --kind cdcs --parent CDN-GDHN
            """,
            en: """
              CODE             unit code: uppercase A–Z, digits and “-” (e.g. CDCS-DHBK)
              --name "…"       the unit's full name
              --kind KIND      cdcs, cd_cap_tren, ldld_tinh, cd_nganh or tld
              --parent CODE    the parent unit (omitted only for tld, or for the store's first unit)
            Needs the directory administrator's grant.
            """)
    ) { args, ctx throws(CLIError) in
        let code = try args.requiredPositional(.init(vi: "mã đơn vị", en: "a unit code")).nfc
        let name = try args.required("name").nfc, kindText = try args.required("kind"), parent = try args.value("parent")?.nfc
        try args.finish()
        let kind = try unitKind(kindText, ctx)
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store, administrator: true)
        let directory = acting.directory
        let record = UnitAdded(code: code, name: name, kind: kind, parent: parent)
        try check(ctx, ["code": "CODE", "name": "--name", "parent": "--parent"]) { () throws(DirectoryError) in try directory.check(record) }
        try append(record, to: store, acting, ctx)
        let unit = DirectoryUnit(code: record.code, name: record.name, kind: kind, parent: parent, addedSeq: 0)
        if ctx.json { ctx.console.line(CanonicalJSONWriter.text(unitJSON(unit, depth: nil))); return .success }
        let under = parent.map { p in ctx.vi ? ", trực thuộc \(p) — \(directory.unit(p)?.name ?? p)" : ", under \(p) — \(directory.unit(p)?.name ?? p)" } ?? ""
        ctx.console.line(ctx.vi ? "Đã thêm đơn vị \(code) — \(record.name) (\(kind.label.vi))\(under)."
                                : "Added unit \(code) — \(record.name) (\(kind.label.en))\(under).")
        return .success
    }

    static let unitChange = Command(
        path: ["unit", "change"], synopsis: "CODE [--name \"…\"] [--parent CODE]",
        summary: .init(vi: "sửa tên hoặc đơn vị cấp trên của một đơn vị (ghi thêm một bản ghi, không xóa bản cũ)", en: "correct a unit's name or parent (a new record; the old one stays)"),
        help: .init(vi: "Cần quyền quản trị danh mục. Ví dụ: khenthuong unit change CDCS-MAYHN --parent CDN-GDHN",
                    en: "Needs the directory administrator's grant.")
    ) { args, ctx throws(CLIError) in
        let code = try args.requiredPositional(.init(vi: "mã đơn vị", en: "a unit code")).nfc
        let name = try args.value("name")?.nfc, parent = try args.value("parent")?.nfc
        try args.finish()
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store, administrator: true)
        let directory = acting.directory
        let record = UnitChanged(code: code, name: name, parent: parent)
        try check(ctx, ["code": "CODE", "name": "--name", "parent": "--parent"]) { () throws(DirectoryError) in try directory.check(record) }
        try append(record, to: store, acting, ctx)
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(record.payload)
                                  : ctx.vi ? "Đã sửa đơn vị \(code)." : "Corrected unit \(code).")
        return .success
    }

    static let unitList = Command(
        path: ["unit", "list"], synopsis: "",
        summary: .init(vi: "liệt kê các đơn vị theo cây trực thuộc", en: "list the units as a tree"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        let directory = try load(try ctx.openStore(), ctx)
        let tree = directory.tree()
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.list(tree.map { unitJSON($0.unit, depth: $0.depth) })))
            return .success
        }
        guard !tree.isEmpty else {
            ctx.console.line(ctx.vi ? "Danh mục chưa có đơn vị nào; thêm bằng `khenthuong unit add` hoặc `khenthuong directory import`."
                                    : "The directory has no unit yet; add one with `khenthuong unit add` or `khenthuong directory import`.")
            return .success
        }
        for (unit, depth) in tree {
            ctx.console.line(String(repeating: "  ", count: depth) + "\(unit.code)  \(unit.name)  (\(unit.kind.label[ctx.language]))")
        }
        return .success
    }

    static let unitShow = Command(
        path: ["unit", "show"], synopsis: "CODE",
        summary: .init(vi: "xem một đơn vị: loại, cấp trên, đơn vị trực thuộc và người được giao quyền", en: "show a unit: kind, parent, children and active grants"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let code = try args.requiredPositional(.init(vi: "mã đơn vị", en: "a unit code")).nfc
        try args.finish()
        let directory = try load(try ctx.openStore(), ctx)
        guard let unit = directory.unit(code) else { throw cliError(directory.unknownUnit(code, field: "code"), ["code": "CODE"]) }
        let children = directory.children(of: code), grants = directory.grants(at: code)
        let roles = roleNames(ctx)
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "unit": unitJSON(unit, depth: nil), "children": .strings(children.map(\.code)),
                "ancestors": .strings(directory.ancestors(of: code).map(\.code)), "grants": .list(grants.map(grantJSON)),
            ])))
            return .success
        }
        let vi = ctx.vi
        var lines = ["\(unit.code) — \(unit.name)", "  \(vi ? "Loại" : "Kind"): \(unit.kind.label[ctx.language])"]
        let parent = unit.parent.map { p in "\(p) — \(directory.unit(p)?.name ?? "?")" } ?? "—"
        lines.append("  \(vi ? "Cấp trên" : "Parent"): \(parent)")
        lines.append("  \(vi ? "Đơn vị trực thuộc" : "Children"): " + (children.isEmpty ? "—" : ""))
        lines += children.map { "    \($0.code) — \($0.name)" }
        lines.append("  \(vi ? "Người được giao quyền" : "Grants"): " + (grants.isEmpty ? "—" : ""))
        lines += grants.map { "    \($0.name) (\($0.user)) — \(roles[$0.role]?[ctx.language] ?? $0.role)" }
        ctx.console.line(lines.joined(separator: "\n"))
        return .success
    }

    // MARK: Grants

    static let grant = Command(
        path: ["grant"], synopsis: "ROLE@UNIT --key PUBKEY_OR_FILE --user USER --name \"Họ và tên\" [--person ID]",
        summary: .init(vi: "giao cho khóa của một người một vai trò tại một đơn vị", en: "give a person's key a role at a unit"),
        help: .init(
            vi: """
              ROLE@UNIT        vai trò trong các quy trình (hoặc administrator: quản trị danh mục) tại đơn vị
              --key KEY        khóa công khai (ed25519:…) hoặc tệp chứa khóa công khai
              --user USER      tên đăng nhập ghi vào các sự kiện
              --name "…"       họ và tên đầy đủ
              --person ID      mã người này trong dữ liệu người được đề nghị (mặc định: USER)
            Cần quyền quản trị danh mục.
            Ví dụ: khenthuong grant secretariat@LDLD-HN --key tran.thu.ha.pub --user tran.thu.ha --name "Trần Thu Hà"
            """,
            en: """
              ROLE@UNIT        a workflow role (or administrator: directory administration) at a unit
              --key KEY        a public key (ed25519:…) or a file holding one
              --user USER      the user written into events
              --name "…"       full name
              --person ID      this person's id in nominee data (default: USER)
            Needs the directory administrator's grant.
            """)
    ) { args, ctx throws(CLIError) in
        let target = try args.requiredPositional(.init(vi: "VAI_TRÒ@ĐƠN_VỊ", en: "ROLE@UNIT"))
        let keyText = try args.required("key"), user = try args.required("user").nfc, name = try args.required("name").nfc
        let person = try args.value("person")?.nfc
        try args.finish()
        let (role, unit) = try roleAtUnit(target, ctx, command: "grant")
        try checkRole(role, known: try knownRoles(ctx))
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store, administrator: true)
        let directory = acting.directory
        if directory.unit(unit) == nil { throw cliError(directory.unknownUnit(unit, field: "unit"), ["unit": "ROLE@UNIT"]) }
        let key = try publicKey(keyText, ctx)
        let record = GrantAdded(role: role, unit: unit, user: user, name: name, personID: person, key: key)
        try check(ctx, ["unit": "ROLE@UNIT", "role": "ROLE@UNIT", "user": "--user", "key": "--key"]) { () throws(DirectoryError) in try directory.check(record) }
        try append(record, to: store, acting, ctx)
        if ctx.json { ctx.console.line(CanonicalJSONWriter.text(record.payload)); return .success }
        let roleName = roleNames(ctx)[role]?[ctx.language] ?? role
        ctx.console.line(ctx.vi ? "Đã giao \(roleName) tại \(unit) cho \(record.name) (\(user)), khóa \(key.id)."
                                : "Granted \(roleName) at \(unit) to \(record.name) (\(user)), key \(key.id).")
        return .success
    }

    static let grantRevoke = Command(
        path: ["grant", "revoke"], synopsis: "ROLE@UNIT (--user USER | --key KEY) [--reason \"…\"]",
        summary: .init(vi: "thu hồi một vai trò đã giao", en: "revoke a granted role"),
        help: .init(vi: "  --user USER | --key KEY   người (hoặc khóa) có quyền cần thu hồi\n  --reason \"…\"             lý do\nCần quyền quản trị danh mục. Lịch sử vẫn giữ cả lúc giao và lúc thu hồi.",
                    en: "  --user USER | --key KEY   whose grant (or which key's) to revoke\n  --reason \"…\"             why\nNeeds the directory administrator's grant. History keeps both the grant and its revocation.")
    ) { args, ctx throws(CLIError) in
        let target = try args.requiredPositional(.init(vi: "VAI_TRÒ@ĐƠN_VỊ", en: "ROLE@UNIT"))
        let user = try args.value("user")?.nfc, keyText = try args.value("key"), reason = try args.value("reason")?.nfc ?? ""
        try args.finish()
        let (role, unit) = try roleAtUnit(target, ctx, command: "grant revoke")
        guard (user == nil) != (keyText == nil) else {
            throw CLIError.usage(.init(vi: "cần đúng một trong hai: --user hoặc --key", en: "exactly one of --user or --key is needed"), command: "grant revoke")
        }
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store, administrator: true)
        let directory = acting.directory
        if directory.unit(unit) == nil { throw cliError(directory.unknownUnit(unit, field: "unit"), ["unit": "ROLE@UNIT"]) }
        let key = try keyText.map { k throws(CLIError) in try publicKey(k, ctx) }
        let matches = directory.grants(at: unit).filter { $0.role == role && (key == nil || $0.key == key) && (user == nil || $0.user == user) }
        guard let found = matches.first else {
            let who = user ?? key?.id ?? ""
            throw CLIError(.init(vi: "\(who) không có quyền \(role)@\(unit) đang hiệu lực", en: "\(who) holds no active \(role)@\(unit)"),
                           at: user != nil ? "--user" : "--key",
                           fix: .init(vi: "xem các quyền bằng `khenthuong grant list --unit \(unit)`", en: "list the grants with `khenthuong grant list --unit \(unit)`"),
                           exit: .dataError)
        }
        guard matches.count == 1 else {
            throw CLIError(.init(vi: "\(found.user) có \(matches.count) khóa giữ quyền \(role)@\(unit)", en: "\(found.user) holds \(role)@\(unit) with \(matches.count) keys"),
                           at: "--user", fix: .init(vi: "nêu khóa cần thu hồi bằng --key (\(matches.map(\.key.id).joined(separator: ", ")))",
                                                    en: "name the key to revoke with --key (\(matches.map(\.key.id).joined(separator: ", ")))"),
                           exit: .usage)
        }
        let record = GrantRevoked(grantID: found.id, reason: reason)
        try check(ctx, ["grant": "ROLE@UNIT"]) { () throws(DirectoryError) in try directory.check(record) }
        try append(record, to: store, acting, ctx, reason: reason.isEmpty ? nil : reason)
        if ctx.json { ctx.console.line(CanonicalJSONWriter.text(record.payload)); return .success }
        ctx.console.line(ctx.vi ? "Đã thu hồi quyền \(role)@\(unit) của \(found.name) (\(found.user))."
                                : "Revoked \(role)@\(unit) of \(found.name) (\(found.user)).")
        return .success
    }

    static let grantList = Command(
        path: ["grant", "list"], synopsis: "[--unit CODE] [--all]",
        summary: .init(vi: "liệt kê các quyền đã giao (và quản trị viên)", en: "list the grants (and administrators)"),
        help: .init(vi: "  --unit CODE   chỉ các quyền tại đơn vị này\n  --all         kể cả quyền đã thu hồi", en: "  --unit CODE   only the grants at this unit\n  --all         include revoked grants")
    ) { args, ctx throws(CLIError) in
        let unit = try args.value("unit")?.nfc, all = args.flag("all")
        try args.finish()
        let directory = try load(try ctx.openStore(), ctx)
        if let unit, directory.unit(unit) == nil { throw cliError(directory.unknownUnit(unit, field: "unit"), ["unit": "--unit"]) }
        let grants = directory.allGrants.filter { (all || $0.isActive) && (unit == nil || $0.unit == unit) }
        let admins = unit == nil ? directory.allAdministrators.filter { all || $0.isActive } : []
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "grants": .list(grants.map(grantJSON)),
                "administrators": .list(admins.map { a in
                    .fields(["user": .string(a.user), "name": .string(a.name), "keyID": .string(a.key.id),
                             "addedSeq": .int(Int(a.addedSeq)), "revokedSeq": .optional(a.revokedSeq.map { Int($0) })])
                }),
            ])))
            return .success
        }
        let roles = roleNames(ctx), vi = ctx.vi
        var header = vi ? ["Vai trò", "Đơn vị", "Người dùng", "Họ và tên", "Mã cá nhân", "Khóa", "Từ sự kiện"]
                        : ["Role", "Unit", "User", "Name", "Person", "Key", "Since event"]
        if all { header.append(vi ? "Thu hồi" : "Revoked") }
        var rows: [[String]] = admins.map { a in
            [vi ? "Quản trị danh mục" : "Directory administrator", "—", a.user, a.name, "—", a.key.id, "#\(a.addedSeq)"]
                + (all ? [a.revokedSeq.map { "#\($0)" } ?? ""] : [])
        }
        rows += grants.map { g in
            [roles[g.role]?[ctx.language] ?? g.role, g.unit, g.user, g.name, g.personID, g.key.id, "#\(g.addedSeq)"]
                + (all ? [g.revokedSeq.map { "#\($0)" } ?? ""] : [])
        }
        guard !rows.isEmpty else {
            ctx.console.line(vi ? "Chưa có quyền nào được giao." : "No grant yet.")
            return .success
        }
        ctx.console.line(TextTable.render(header: header, rows: rows))
        return .success
    }

    // MARK: Import

    static let importFile = Command(
        path: ["directory", "import"], synopsis: "FILE.json --keys DIR",
        summary: .init(vi: "nhập danh mục đơn vị và người được giao quyền từ tệp; tạo khóa còn thiếu trong DIR", en: "import units and people's grants from a file; create missing keys in DIR"),
        help: .init(vi: "Định dạng tệp: docs/directory.md; mẫu: workflows/samples/directory.json. Đơn vị và quyền đã có được bỏ qua: nhập lại không thay đổi gì.\nKhóa riêng của mỗi người: DIR/<user>.pem (tạo nếu chưa có). Cần quyền quản trị danh mục.",
                    en: "File format: docs/directory.md; sample: workflows/samples/directory.json. Units and grants already present are skipped: importing again changes nothing.\nEach person's private key: DIR/<user>.pem (created when missing). Needs the directory administrator's grant.")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp danh mục", en: "a directory file"))
        let keys = try args.required("keys")
        try args.finish()
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store, administrator: true)
        let (units, grants) = try importDirectory(file, keys: keys, into: store, acting: acting, ctx) { path, name throws(CLIError) in
            FileManager.default.fileExists(atPath: path) ? try readKeyFile(at: path) : try makeKeyFile(at: path, name: name)
        }
        if ctx.json {
            ctx.printJSON(["units": units.count, "grants": grants.count])
        } else if units.isEmpty && grants.isEmpty {
            ctx.console.line(ctx.vi ? "Danh mục đã có mọi đơn vị và quyền trong \(file); không thay đổi gì."
                                    : "The directory already holds every unit and grant of \(file); nothing changed.")
        } else {
            ctx.console.line(ctx.vi ? "Đã nhập \(units.count) đơn vị và \(grants.count) quyền từ \(file)."
                                    : "Imported \(units.count) units and \(grants.count) grants from \(file).")
        }
        return .success
    }

    /// Records every unit of the directory file `file` not yet in the store and every grant of
    /// its people not yet held, in one signed write; `keyFor(path, name)` gives the public key
    /// of the person whose key file is `path` (`keys/<user>.pem`), reading or making it.
    /// Everything is checked before anything is written.
    /// - Returns: the units and grants recorded (empty when the store held them all).
    static func importDirectory(_ file: String, keys: String, into store: any EventLog, acting: Acting, _ ctx: Context,
                                keyFor: (String, String) throws(CLIError) -> PublicKey) throws(CLIError) -> (units: [UnitAdded], grants: [GrantAdded]) {
        let text = String(decoding: try CouncilText.read(file), as: UTF8.self)
        let parsed = try Runner.perform(ctx) { try DirectoryFile.parse(text, file: file) }
        var directory = acting.directory
        // Every check runs on a copy the new records are applied to, before anything is written.
        var units: [UnitAdded] = [], grants: [GrantAdded] = []
        var next = (try Runner.perform(ctx) { try store.eventCount() }) + 1
        for u in parsed.units where directory.unit(u.code) == nil {
            try check(ctx, ["code": file, "name": file, "parent": file]) { () throws(DirectoryError) in try directory.check(u) }
            try Runner.perform(ctx) { try directory.apply(try event(u, seq: next, actor: acting.actor)) }
            units.append(u)
            next += 1
        }
        let known = parsed.people.isEmpty ? [] : try knownRoles(ctx)
        for person in parsed.people {
            for g in person.grants {
                try checkRole(g.role, known: known, at: "\(file): \(person.user)")
                guard directory.unit(g.unit) != nil else { throw cliError(directory.unknownUnit(g.unit, field: "unit"), ["unit": "\(file): \(person.user)"]) }
            }
        }
        let dir = URL(fileURLWithPath: keys)
        if parsed.people.contains(where: { !$0.grants.isEmpty }) { try InitCommand.makeFolder(keys, ctx) }
        for person in parsed.people {
            let pending = person.grants.filter { g in !directory.grants(at: g.unit).contains { $0.role == g.role && $0.user == person.user } }
            guard !pending.isEmpty else { continue }
            let path = dir.appendingPathComponent("\(person.user).pem").path
            let key = try keyFor(path, person.name)
            for g in pending {
                let record = GrantAdded(role: g.role, unit: g.unit, user: person.user, name: person.name, personID: person.personID, key: key)
                try check(ctx, ["unit": file, "role": file, "user": file, "key": path]) { () throws(DirectoryError) in try directory.check(record) }
                try Runner.perform(ctx) { try directory.apply(try event(record, seq: next, actor: acting.actor)) }
                grants.append(record)
                next += 1
            }
        }
        if !units.isEmpty || !grants.isEmpty {
            try Runner.perform(ctx) {
                try store.write(signedBy: acting.signer) { tx in
                    let at = ctx.clock()
                    for u in units { try tx.append(u, actor: acting.actor, at: at) }
                    for g in grants { try tx.append(g, actor: acting.actor, at: at) }
                }
            }
        }
        return (units, grants)
    }

    // MARK: Keys

    /// Creates a private key at `path` for `name` (unencrypted, mode 0600, never over an
    /// existing file) and returns its public half.
    static func makeKeyFile(at path: String, name: String) throws(CLIError) -> PublicKey {
        do {
            let key = try PrivateKey.generate()
            try KeyFile.write(key, name: name, passphrase: nil, to: path)
            return key.publicKey
        } catch {
            var e = CLIError.from(error, language: .vi)
            e.location = "--keys: \(path)"
            throw e
        }
    }

    /// The public half of the private key file at `path`.
    static func readKeyFile(at path: String) throws(CLIError) -> PublicKey {
        do {
            return try KeyFile.read(path, passphrase: nil).key.publicKey
        } catch {
            var e = CLIError.from(error, language: .vi)
            e.location = "--keys: \(path)"
            throw e
        }
    }

    // MARK: Helpers

    /// Reads `--key`: a public key's text, or a file holding one.
    static func publicKey(_ text: String, _ ctx: Context) throws(CLIError) -> PublicKey {
        var keyText = text
        if FileManager.default.fileExists(atPath: text) {
            guard let data = FileManager.default.contents(atPath: text) else {
                throw CLIError(.init(vi: "không đọc được tệp khóa \(text)", en: "cannot read the key file \(text)"), at: "--key", exit: .dataError)
            }
            keyText = String(decoding: data, as: UTF8.self)
        }
        do { return try PublicKey(text: keyText.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw CLIError(.init(vi: "“\(text)” không phải khóa công khai", en: "“\(text)” is not a public key"), at: "--key",
                           fix: .init(vi: "dùng dạng ed25519:… hoặc tên tệp chứa khóa công khai", en: "give ed25519:… or a file holding a public key"),
                           exit: .usage)
        }
    }

    static func unitKind(_ text: String, _ ctx: Context) throws(CLIError) -> UnitKind {
        guard let kind = UnitKind(rawValue: text) else {
            let vi = UnitKind.allCases.map { "\($0.rawValue) (\($0.label.vi))" }.joined(separator: ", ")
            let en = UnitKind.allCases.map { "\($0.rawValue) (\($0.label.en))" }.joined(separator: ", ")
            throw CLIError(.init(vi: "không có loại đơn vị “\(text)”", en: "there is no unit kind “\(text)”"), at: "--kind",
                           fix: .init(vi: "dùng một trong: \(vi)", en: "use one of: \(en)"), exit: .usage)
        }
        return kind
    }

    /// Splits `ROLE@UNIT`.
    static func roleAtUnit(_ text: String, _ ctx: Context, command: String) throws(CLIError) -> (String, String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false).map { String($0).nfc }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CLIError(.init(vi: "“\(text)” không đúng dạng VAI_TRÒ@ĐƠN_VỊ", en: "“\(text)” is not of the form ROLE@UNIT"), at: "ROLE@UNIT",
                           fix: .init(vi: "ví dụ: secretariat@LDLD-HN", en: "for example: secretariat@LDLD-HN"), exit: .usage)
        }
        return (parts[0], parts[1])
    }

    /// The roles a grant may name, with their labels: every workflow's roles, and `administrator`.
    static func roleNames(_ ctx: Context) -> [String: LocalizedText] {
        var out = [Grant.administratorRole: LocalizedText(vi: "Quản trị danh mục", en: "Directory administrator")]
        if let definitions = try? ctx.definitions() {
            for w in definitions.workflows.values { for r in w.definition.roles where out[r.id] == nil { out[r.id] = r.name } }
        }
        return out
    }

    /// `administrator`, then every workflow's roles.
    static func knownRoles(_ ctx: Context) throws(CLIError) -> [String] {
        let definitions = try ctx.definitions()
        var known = [Grant.administratorRole]
        for id in definitions.workflows.keys.sorted() {
            for r in definitions.workflows[id]!.definition.roles where !known.contains(r.id) { known.append(r.id) }
        }
        return known
    }

    /// Refuses a role no workflow defines (nor `administrator`), listing the known roles.
    static func checkRole(_ role: String, known: [String], at location: String = "ROLE@UNIT") throws(CLIError) {
        guard known.contains(role) else {
            throw CLIError(.init(vi: "không quy trình nào có vai trò “\(role)”", en: "no workflow defines the role “\(role)”"), at: location,
                           fix: .init(vi: "dùng một trong: \(known.joined(separator: ", "))", en: "use one of: \(known.joined(separator: ", "))"), exit: .usage)
        }
    }

    /// Writes one directory record, signed by the acting administrator, in its own commit.
    static func append(_ record: some StoreRecord, to store: any EventLog, _ acting: Acting, _ ctx: Context,
                       reason: String? = nil) throws(CLIError) {
        _ = try Runner.perform(ctx) {
            try store.write(signedBy: acting.signer) { tx in try tx.append(record, actor: acting.actor, at: ctx.clock(), reason: reason) }
        }
    }

    static func load(_ store: any EventLog, _ ctx: Context) throws(CLIError) -> Directory {
        try Runner.perform(ctx) { try Directory.load(from: store) }
    }

    /// Runs a directory check; a refusal names the option `options[field]`.
    static func check(_ ctx: Context, _ options: [String: String], _ body: () throws(DirectoryError) -> Void) throws(CLIError) {
        do { try body() } catch { throw cliError(error, options) }
    }

    static func cliError(_ e: DirectoryError, _ options: [String: String]) -> CLIError {
        CLIError(e.message, at: options[e.field] ?? e.field, fix: e.fix, exit: .dataError)
    }

    /// `record` as the event it would be at `seq`, to check the records of one import together.
    static func event(_ record: some StoreRecord, seq: Int64, actor: Actor) throws -> StoredEvent {
        StoredEvent(seq: seq, dossierID: record.subject.stored, kind: .record, event: type(of: record).kind, fromState: nil, toState: "",
                    actor: actor, at: Date(timeIntervalSince1970: 0), reason: nil, payload: record.canonicalPayload, prevHash: "", hash: "")
    }

    static func unitJSON(_ u: DirectoryUnit, depth: Int?) -> JSONValue {
        var fields: [(String, JSONValue)] = [("code", .string(u.code)), ("name", .string(u.name)), ("kind", .string(u.kind.rawValue)),
                                             ("kindLabel", .fields(["vi": .string(u.kind.label.vi), "en": .string(u.kind.label.en)])),
                                             ("parent", .optional(u.parent))]
        if let depth { fields.append(("depth", .int(depth))) }
        return .fields(fields)
    }

    static func grantJSON(_ g: Grant) -> JSONValue {
        .fields(["id": .string(g.id), "role": .string(g.role), "unit": .string(g.unit), "user": .string(g.user), "name": .string(g.name),
                 "person": .string(g.personID), "keyID": .string(g.key.id), "addedSeq": .int(Int(g.addedSeq)),
                 "revokedSeq": .optional(g.revokedSeq.map { Int($0) })])
    }
}
