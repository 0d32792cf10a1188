import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongStore

/// `key new` and `key show` in-process: files, exit codes and the messages a person reads.
@Suite struct KeyCommandTests {
    /// A harness whose key commands never ask (no passphrase unless a test gives one).
    static func harness(passphrase: String = "") throws -> CLIHarness {
        var h = try CLIHarness()
        h.environment["KHENTHUONG_KEY_PASSPHRASE"] = passphrase
        return h
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("key new writes a 0600 key file that key show reads back with the same key id")
    func newThenShow() throws {
        let h = try Self.harness()
        let file = h.directory.appendingPathComponent("hoa.pem").path
        let made = h.run(["key", "new", "--out", file, "--name", "Nguyễn Thị Hoa"])
        #expect(made.code == 0)
        #expect(try Self.mode(file) == 0o600)
        let key = try KeyFile.read(file, passphrase: nil)
        #expect(key.name == "Nguyễn Thị Hoa")
        let id = key.key.publicKey.id
        #expect(made.out.contains(id))
        #expect(made.out.contains("khenthuong grant VAI_TRÒ@ĐƠN_VỊ --key \(key.key.publicKey.text)"))
        #expect(made.err.contains("không được mã hoá"))

        let shown = h.run(["key", "show", file])
        #expect(shown.code == 0)
        #expect(shown.out.contains(id) && shown.out.contains("Nguyễn Thị Hoa") && shown.out.contains(key.key.publicKey.text))
        #expect(shown.err.isEmpty)

        let json = h.run(["--json", "--lang", "en", "key", "show", file])
        #expect(json.code == 0)
        #expect(json.out.contains("\"keyId\" : \"\(id)\""))

        let publicOnly = h.run(["--lang", "en", "key", "show", key.key.publicKey.text])
        #expect(publicOnly.code == 0)
        #expect(publicOnly.out.contains("public key") && publicOnly.out.contains(id))
    }

    @Test("key new refuses to write over an existing file and leaves it as it was")
    func refusesExisting() throws {
        let h = try Self.harness()
        let file = h.directory.appendingPathComponent("existing.pem").path
        try "không phải khóa\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = h.run(["key", "new", "--out", file])
        #expect(run.code == ExitCode.usage.rawValue)
        #expect(run.err.contains("không ghi đè") && run.err.contains(file))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "không phải khóa\n")
    }

    @Test("An encrypted key opens with KHENTHUONG_KEY_PASSPHRASE; a wrong or missing one says so")
    func encrypted() throws {
        var h = try Self.harness(passphrase: "mật khẩu đúng")
        let file = h.directory.appendingPathComponent("ha.pem").path
        #expect(h.run(["key", "new", "--out", file]).code == 0)
        #expect(KeyFile.isEncrypted(file))
        #expect(h.run(["key", "show", file]).code == 0)

        h.environment["KHENTHUONG_KEY_PASSPHRASE"] = "sai"
        let wrong = h.run(["key", "show", file])
        #expect(wrong.code == ExitCode.usage.rawValue)
        #expect(wrong.err.contains("mật khẩu không mở được khóa bí mật") && wrong.err.contains(file))
        let wrongEnglish = h.run(["--lang", "en", "key", "show", file])
        #expect(wrongEnglish.err.contains("the passphrase does not open the private key"))

        h.environment.removeValue(forKey: "KHENTHUONG_KEY_PASSPHRASE")
        let missing = h.run(["key", "show", file])
        #expect(missing.code == ExitCode.usage.rawValue)
        #expect(missing.err.contains("KHENTHUONG_KEY_PASSPHRASE"))
    }

    @Test("A truncated key file, a public key where a private one is needed, and loose permissions")
    func badFiles() throws {
        let h = try Self.harness()
        let file = h.directory.appendingPathComponent("hoa.pem").path
        #expect(h.run(["key", "new", "--out", file]).code == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let truncated = h.directory.appendingPathComponent("cut.pem").path
        try String(text.prefix(text.count / 2)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let cut = h.run(["key", "show", truncated])
        #expect(cut.code == ExitCode.dataError.rawValue)
        #expect(cut.err.contains("cắt cụt") && cut.err.contains(truncated))

        let signer = try KeyFile.read(file, passphrase: nil).key
        let context = try Context(GlobalOptions([]), language: .vi, environment: [:], console: Console(out: { _ in }, err: { _ in }, errIsTerminal: false), now: { Date() })
        let publicFile = h.directory.appendingPathComponent("pub.pem").path
        try signer.publicKey.pem().write(toFile: publicFile, atomically: true, encoding: .utf8)
        #expect {
            try loadSigningKey(path: publicFile, ctx: context)
        } throws: { error in
            (error as? CLIError)?.exitCode == .usage && (error as? CLIError)?.what.vi.contains("khóa công khai") == true
        }

        chmod(file, 0o644)
        let loose = h.run(["key", "show", file])
        #expect(loose.code == 0)
        #expect(loose.err.contains("chmod 600 \(file)"))
        #expect(try loadSigningKey(path: file, ctx: context).key.publicKey == signer.publicKey)
    }
}
