import Foundation
import KhenThuongCore
import KhenThuongStore

/// `key new`, `key show`: the signing key a person keeps and signs their actions with.
enum KeyCommands {
    struct KeyJSON: Encodable {
        var file: String?; var kind: String; var encrypted: Bool?; var name: String?
        var keyId: String; var algorithm: String; var publicKey: String
    }

    static let new = Command(
        path: ["key", "new"], synopsis: "--out FILE [--name \"HỌ VÀ TÊN\"]",
        summary: .init(vi: "tạo khóa ký cá nhân (Ed25519) và in khóa công khai để gửi người quản trị",
                       en: "make a personal signing key (Ed25519) and print the public key for the administrator"),
        help: .init(vi: """
                      --out FILE     tệp khóa bí mật mới (quyền 0600; không ghi đè tệp có sẵn)
                      --name TEXT    họ và tên người giữ khóa, ghi ở dòng đầu tệp
                    Mật khẩu bảo vệ khóa: biến KHENTHUONG_KEY_PASSPHRASE (để trống = không mã hoá), nếu không thì được hỏi hai lần trên cửa sổ dòng lệnh.
                    Ví dụ: khenthuong key new --out ~/.khenthuong/hoa.pem --name "Nguyễn Thị Hoa"
                    """,
                    en: """
                      --out FILE     the new private key file (mode 0600; an existing file is never overwritten)
                      --name TEXT    the holder's full name, written on the file's first line
                    Passphrase: KHENTHUONG_KEY_PASSPHRASE (empty = not encrypted), otherwise asked twice on the terminal.
                    Example: khenthuong key new --out ~/.khenthuong/hoa.pem --name "Nguyễn Thị Hoa"
                    """)
    ) { args, ctx throws(CLIError) in
        let out = try args.required("out")
        let name = try args.value("name").map(KeyFile.oneLine).flatMap { $0.isEmpty ? nil : $0 }
        try args.finish()
        if FileManager.default.fileExists(atPath: out) { throw CLIError.from(SigningError.fileExists(path: out), language: ctx.language, input: out) }
        let passphrase = try newKeyPassphrase(ctx)
        do throws(SigningError) {
            let key = try PrivateKey.generate()
            try KeyFile.write(key, name: name, passphrase: passphrase, to: out)
            let encrypted = passphrase != nil
            if ctx.json {
                ctx.printJSON(json(key.publicKey, file: out, kind: "private", encrypted: encrypted, name: name))
                return .success
            }
            ctx.console.line(ctx.vi ? "Đã tạo khóa ký \(out) (\(encrypted ? "mã hoá bằng mật khẩu" : "không mã hoá"), quyền 0600)."
                                    : "Created the signing key \(out) (\(encrypted ? "encrypted with a passphrase" : "not encrypted"), mode 0600).")
            printKey(key.publicKey, name: name, ctx)
            ctx.console.line(ctx.vi ? "Gửi khóa công khai (không gửi tệp khóa) cho người quản trị để được cấp quyền:"
                                    : "Give the public key (never the key file) to the administrator to be granted a role:")
            ctx.console.line(ctx.vi ? "  khenthuong grant VAI_TRÒ@ĐƠN_VỊ --key \(key.publicKey.text) …"
                                    : "  khenthuong grant ROLE@UNIT --key \(key.publicKey.text) …")
            if !encrypted {
                ctx.console.error(ctx.vi ? "khenthuong: cảnh báo: khóa không được mã hoá; ai có tệp \(out) đều ký được thay bạn (đặt KHENTHUONG_KEY_PASSPHRASE để mã hoá)"
                                         : "khenthuong: warning: the key is not encrypted; anyone with the file \(out) can sign as you (set KHENTHUONG_KEY_PASSPHRASE to encrypt it)")
            }
            return .success
        } catch {
            throw CLIError.from(error, language: ctx.language, input: out)
        }
    }

    static let show = Command(
        path: ["key", "show"], synopsis: "FILE",
        summary: .init(vi: "xem người giữ, mã khóa và khóa công khai của một tệp khóa", en: "show a key file's holder, key id and public key"),
        help: .init(vi: "FILE là tệp khóa bí mật, tệp khóa công khai (PEM) hoặc chính khóa công khai ed25519:…\nVí dụ: khenthuong key show ~/.khenthuong/hoa.pem",
                    en: "FILE is a private key file, a public key file (PEM) or the public key itself, ed25519:…\nExample: khenthuong key show ~/.khenthuong/hoa.pem")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp khóa", en: "the key file"))
        try args.finish()
        if let publicKey = try publicKeyOnly(file, ctx) {
            let isFile = FileManager.default.fileExists(atPath: file)
            if ctx.json {
                ctx.printJSON(json(publicKey, file: isFile ? file : nil, kind: "public", encrypted: nil, name: nil))
                return .success
            }
            if isFile { ctx.console.line(label("Tệp", "File", ctx) + file) }
            ctx.console.line(label("Loại", "Kind", ctx) + (ctx.vi ? "khóa công khai (chỉ để kiểm tra chữ ký, không ký được)" : "public key (checks signatures, cannot sign)"))
            printKey(publicKey, name: nil, ctx)
            return .success
        }
        let encrypted = KeyFile.isEncrypted(file)
        let (key, name) = try loadSigningKey(path: file, ctx: ctx)
        if ctx.json {
            ctx.printJSON(json(key.publicKey, file: file, kind: "private", encrypted: encrypted, name: name))
            return .success
        }
        ctx.console.line(label("Tệp", "File", ctx) + file)
        ctx.console.line(label("Loại", "Kind", ctx) + (ctx.vi ? "khóa bí mật (\(encrypted ? "mã hoá bằng mật khẩu" : "không mã hoá"))"
                                                             : "private key (\(encrypted ? "encrypted with a passphrase" : "not encrypted"))"))
        printKey(key.publicKey, name: name, ctx)
        return .success
    }

    /// The public key `file` names when it is one (a `ed25519:…` text, or a file holding a public
    /// key and no private key), `nil` when it should be read as a private key file.
    static func publicKeyOnly(_ file: String, _ ctx: Context) throws(CLIError) -> PublicKey? {
        let text: String
        if FileManager.default.fileExists(atPath: file) {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8), !contents.contains("PRIVATE KEY-----") else { return nil }
            guard contents.contains("-----BEGIN PUBLIC KEY-----") || contents.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("ed25519:") else { return nil }
            text = contents
        } else if SignatureAlgorithm.allCases.contains(where: { file.hasPrefix("\($0.rawValue):") }) {
            text = file
        } else {
            return nil
        }
        do throws(SigningError) { return try PublicKey(text: text) } catch {
            throw CLIError.from(error, language: ctx.language, input: FileManager.default.fileExists(atPath: file) ? file : nil)
        }
    }

    static func label(_ vi: String, _ en: String, _ ctx: Context) -> String {
        (ctx.vi ? vi : en).appending(":").padding(toLength: 16, withPad: " ", startingAt: 0)
    }

    static func printKey(_ key: PublicKey, name: String?, _ ctx: Context) {
        if let name { ctx.console.line(label("Họ và tên", "Name", ctx) + name) }
        ctx.console.line(label("Mã khóa", "Key id", ctx) + key.id)
        ctx.console.line(label("Thuật toán", "Algorithm", ctx) + key.algorithm.rawValue)
        ctx.console.line(label("Khóa công khai", "Public key", ctx) + key.text)
    }

    static func json(_ key: PublicKey, file: String?, kind: String, encrypted: Bool?, name: String?) -> KeyJSON {
        KeyJSON(file: file, kind: kind, encrypted: encrypted, name: name, keyId: key.id, algorithm: key.algorithm.rawValue, publicKey: key.text)
    }

    /// The passphrase for a new key: `KHENTHUONG_KEY_PASSPHRASE` (empty: none), else asked twice on
    /// a terminal (empty: none), else none.
    static func newKeyPassphrase(_ ctx: Context) throws(CLIError) -> String? {
        if let given = ctx.keyPassphrase { return given.isEmpty ? nil : given }
        guard ctx.console.inputIsTerminal else { return nil }
        let first = ctx.console.askSecret(ctx.vi ? "Mật khẩu bảo vệ khóa (để trống nếu không dùng): " : "Passphrase for the key (empty for none): ") ?? ""
        if first.isEmpty { return nil }
        let second = ctx.console.askSecret(ctx.vi ? "Nhập lại mật khẩu: " : "The passphrase again: ") ?? ""
        guard first == second else {
            throw CLIError(.init(vi: "hai lần nhập mật khẩu không khớp; chưa tạo khóa", en: "the two passphrases differ; no key was made"),
                           fix: .init(vi: "chạy lại lệnh và nhập cùng một mật khẩu hai lần", en: "run the command again and type the same passphrase twice"),
                           exit: .usage)
        }
        return first
    }

    /// The passphrase to read the key at `path`: none when it is not encrypted, else
    /// `KHENTHUONG_KEY_PASSPHRASE`, else asked on a terminal, else none (reading then fails
    /// with a message saying to set the variable).
    static func passphrase(reading path: String, _ ctx: Context) -> String? {
        guard KeyFile.isEncrypted(path) else { return nil }
        if let given = ctx.keyPassphrase { return given }
        return ctx.console.askSecret(ctx.vi ? "Mật khẩu của khóa \(path): " : "Passphrase of the key \(path): ")
    }
}

/// Reads the signing key at `path` for a command that signs: asks for its passphrase as
/// `key show` does (`KHENTHUONG_KEY_PASSPHRASE`, else the terminal), warns on standard error when
/// the file is readable by others, and turns every failure into a message naming the file.
func loadSigningKey(path: String, ctx: Context) throws(CLIError) -> (key: PrivateKey, name: String?) {
    let passphrase = KeyCommands.passphrase(reading: path, ctx)
    do throws(SigningError) {
        let (key, name, loose) = try KeyFile.read(path, passphrase: passphrase)
        if loose {
            ctx.console.error(ctx.vi ? "khenthuong: cảnh báo: người khác đọc được tệp khóa \(path); chạy `chmod 600 \(path)`"
                                     : "khenthuong: warning: others can read the key file \(path); run `chmod 600 \(path)`")
        }
        return (key, name)
    } catch {
        throw CLIError.from(error, language: ctx.language, input: path)
    }
}
