import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `check-award FILE [--key KEY] [--directory STORE]`: checks an award's verification file
/// offline and says what it proves and what it does not.
enum CheckAwardCommand {
    static let command = Command(
        path: ["check-award"], synopsis: "FILE [--key PUBLIC-KEY] [--directory STORE]",
        summary: .init(vi: "kiểm tra tệp kiểm chứng của một khen thưởng (không cần mạng) và nói rõ điều nó chứng minh",
                       en: "check an award's verification file (offline) and say what it proves"),
        help: .init(
            vi: """
              --key KHÓA          khóa công khai tin cậy (ed25519:…, hoặc tệp chứa nó): mốc phải do khóa này ký
              --directory KHO     kho có danh mục đơn vị tin cậy: cho biết ai giữ khóa ký
            Kiểm tra chữ ký của mốc kiểm tra, mã băm và đường kiểm chứng Merkle của từng sự kiện tới gốc đã ký,
            và rằng quyết định, số phiếu, dữ kiện hiển thị đúng như các sự kiện ghi. Sửa bất kỳ byte nào của tệp đều bị phát hiện.
            Mã thoát 0 khi hợp lệ, 1 khi không.
            Ví dụ: khenthuong check-award site/verify/qd-12-hs-2025-000007.json
            """,
            en: """
              --key KEY           a trusted public key (ed25519:…, or a file holding it): the checkpoint must be signed by it
              --directory STORE   a store whose unit directory you trust: tells who holds the signing key
            Checks the checkpoint's signature, each event's hash and Merkle audit path to the signed root, and that the
            decision, votes and facts shown are what the events record. A change to any byte of the file is caught.
            Exit code 0 when it holds, 1 when it does not.
            """)
    ) { args, ctx throws(CLIError) in
        let path = try args.requiredPositional(.init(vi: "đường dẫn tệp kiểm chứng", en: "the verification file's path"))
        let keyOption = try args.value("key")
        let directoryPath = try args.value("directory")
        try args.finish()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(.init(vi: "không đọc được tệp kiểm chứng \(path)", en: "cannot read the verification file \(path)"),
                           at: path, fix: .init(vi: "kiểm tra đường dẫn tệp", en: "check the file path"), exit: .usage)
        }
        let trusted = try keyOption.map { k throws(CLIError) in try trustedKey(k) }
        let holder = try directoryPath.map { p throws(CLIError) in try keyHolder(directory: p, ctx) }
        let check = AwardProof.check(Array(data), trustedKey: trusted, keyHolder: holder)
        let awardName = check.proof.flatMap { p in (try? ctx.definitions())?.awards.award(p.award.award)?.name[ctx.language] }
        for line in AwardCheckReport(check: check, file: path, awardName: awardName, directoryGiven: directoryPath != nil).lines(ctx.language) {
            ctx.console.line(line)
        }
        return check.passed ? .success : .refused
    }

    /// The public key `text`, or the first `ed25519:` word of the file at that path.
    static func trustedKey(_ text: String) throws(CLIError) -> PublicKey {
        var candidate = text
        if let contents = try? String(contentsOfFile: text, encoding: .utf8),
           let word = contents.split(whereSeparator: { $0 == " " || $0 == "\n" }).first(where: { $0.hasPrefix("ed25519:") }) {
            candidate = String(word)
        }
        do { return try PublicKey(text: candidate) } catch {
            throw CLIError(.init(vi: "--key không phải một khóa công khai (ed25519:…) hay tệp chứa nó", en: "--key is not a public key (ed25519:…) or a file holding one"),
                           at: "--key", fix: .init(vi: "dùng khóa công khai đơn vị công bố, ví dụ dòng `khenthuong key show` in ra", en: "give the unit's published public key, e.g. as `khenthuong key show` prints it"),
                           exit: .usage)
        }
    }

    /// Who holds a key in the directory of the store at `path`.
    static func keyHolder(directory path: String, _ ctx: Context) throws(CLIError) -> @Sendable (PublicKey) -> String? {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(.init(vi: "không có kho \(path) để đọc danh mục", en: "there is no store \(path) to read the directory from"),
                           at: "--directory", fix: .init(vi: "kiểm tra đường dẫn kho", en: "check the store's path"), exit: .usage)
        }
        // Only this store is opened by the command: the context's own store is never read.
        var other = ctx
        other.storePath = path
        let store = try other.openStore()
        let directory: Directory
        do { directory = try Directory.load(from: store) } catch {
            throw CLIError.from(error, language: ctx.language, input: path)
        }
        let grants = directory.allGrants.sorted { ($0.isActive ? 0 : 1) < ($1.isActive ? 0 : 1) }, admins = directory.administrators
        return { key in
            if let g = grants.first(where: { $0.key == key }) { return "\(g.name) (\(g.role), \(g.unit))" }
            if let a = admins.first(where: { $0.key == key }) { return "\(a.name) (\(a.user))" }
            return nil
        }
    }
}
