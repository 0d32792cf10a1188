import Foundation
import KhenThuongCore
import KhenThuongKit
import KhenThuongStore

/// Who acts in a write command: the actor recorded in the events, and the key that signs the
/// commit. Proven, not claimed: in a store with a key directory the actor is one of the acting
/// key's grants at this moment; `--as` only chooses among them.
struct Acting {
    /// The actor written into every event of the command.
    var actor: Actor
    /// The key that signs the command's commit; `nil` only in a store without a directory
    /// (written before signatures), where the claimed actor is recorded unsigned.
    var signer: (any CommitSigner)?
    /// Every identity of the acting person (the user and person ids of all the key's grants),
    /// for the check that a nominee does not act on their own dossier.
    var identities: Set<String>
    /// The store's directory as the acting identity was resolved against (empty in a store
    /// written before signatures): commands read it from here rather than again.
    var directory: Directory
}

extension Context {
    /// The acting identity for a write to `log`. With `administrator`, the key must be an
    /// administrator's (directory changes: units, grants).
    ///
    /// The key comes from `--key`/`--signing-key` or `KHENTHUONG_KEY`; failing those, from the
    /// key ring `KHENTHUONG_KEYRING` (a folder of keys, one per person: the one whose grants
    /// match `--as`). A key with no grant, a revoked grant, or a grant for another unit is
    /// refused before anything is written, saying what the key may do.
    func acting(in log: any EventLog, administrator: Bool = false) throws(CLIError) -> Acting {
        let directory: Directory
        do { directory = try Directory.load(from: log) } catch { throw CLIError.from(error, language: language) }
        if directory.isEmpty {
            // A store from before signatures: no keys recorded, the claim is recorded unsigned.
            let actor = try actor()
            return Acting(actor: actor, signer: nil, identities: [actor.user], directory: directory)
        }
        let claim = try claimedGrant()
        let key = try actingKey(directory, claim: claim, administrator: administrator)
        let identities = Set(directory.grants(for: key.publicKey).flatMap { [$0.user, $0.personID] })
        if administrator {
            guard let admin = directory.administrator(for: key.publicKey) else {
                throw refusal(.init(vi: "khóa \(key.publicKey.id) không phải của quản trị viên", en: "key \(key.publicKey.id) is not an administrator's"),
                              directory, key.publicKey, fix: .init(vi: "dùng khóa của quản trị viên (người được ghi khi `khenthuong init`)", en: "use an administrator's key (the one recorded by `khenthuong init`)"))
            }
            return Acting(actor: Actor(role: Grant.administratorRole, unit: Self.administratorUnit, user: admin.user),
                          signer: key, identities: identities.union([admin.user]), directory: directory)
        }
        let grants = directory.grants(for: key.publicKey).filter { g in
            guard let claim else { return true }
            return g.role == claim.role && g.unit == claim.unit && (claim.user == nil || g.user == claim.user)
        }
        guard let grant = grants.first else {
            let what: LocalizedText = claim.map { c in
                .init(vi: "khóa \(key.publicKey.id) không có quyền \(c.text)", en: "key \(key.publicKey.id) holds no grant \(c.text)")
            } ?? .init(vi: "khóa \(key.publicKey.id) chưa được cấp quyền nào", en: "key \(key.publicKey.id) holds no grant")
            throw refusal(what, directory, key.publicKey,
                          fix: .init(vi: "nhờ quản trị viên cấp quyền: khenthuong grant VAI_TRÒ@ĐƠN_VỊ --key \(key.publicKey.text) --user … --name \"…\"",
                                     en: "ask an administrator for a grant: khenthuong grant ROLE@UNIT --key \(key.publicKey.text) --user … --name \"…\""))
        }
        guard grants.count == 1 else {
            throw CLIError(.init(vi: "khóa \(key.publicKey.id) có nhiều quyền; chưa rõ thao tác với quyền nào", en: "key \(key.publicKey.id) holds several grants; which one acts is not clear"),
                           at: "--as", fix: .init(vi: "chọn một bằng --as VAI_TRÒ@ĐƠN_VỊ", en: "choose one with --as ROLE@UNIT"), exit: .usage,
                           details: grants.map { "\($0.role)@\($0.unit):\($0.user)" })
        }
        return Acting(actor: grant.actor, signer: key, identities: identities, directory: directory)
    }

    /// The unit written for an administrator's directory changes.
    static let administratorUnit = "*"

    /// `--as ROLE@UNIT[:USER]`, if given.
    private func claimedGrant() throws(CLIError) -> (role: String, unit: String, user: String?, text: String)? {
        guard let text = actorText else { return nil }
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw CLIError(.init(vi: "“\(text)” không đúng dạng VAI_TRÒ@ĐƠN_VỊ", en: "“\(text)” is not of the form ROLE@UNIT"),
                           at: "--as", fix: .init(vi: "ví dụ: --as secretariat@LDLD-HN", en: "for example: --as secretariat@LDLD-HN"), exit: .usage)
        }
        let unitUser = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        guard let unit = unitUser.first, !unit.isEmpty else {
            throw CLIError(.init(vi: "“\(text)” thiếu đơn vị", en: "“\(text)” has no unit"), at: "--as",
                           fix: .init(vi: "ví dụ: --as secretariat@LDLD-HN", en: "for example: --as secretariat@LDLD-HN"), exit: .usage)
        }
        return (parts[0], unit, unitUser.count > 1 ? unitUser[1].nfc : nil, text)
    }

    /// The acting private key: `--key`, `KHENTHUONG_KEY`, or the key ring's key holding the claim.
    private func actingKey(_ directory: Directory, claim: (role: String, unit: String, user: String?, text: String)?,
                           administrator: Bool) throws(CLIError) -> PrivateKey {
        if let keyPath { return try loadSigningKey(path: keyPath, ctx: self).key }
        if let keyring, claim != nil || administrator {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: keyring)) ?? []).filter { $0.hasSuffix(".pem") }.sorted()
            // The user's own file first, then the others.
            let ordered = claim?.user.map { u in files.filter { $0 == "\(u).pem" } + files.filter { $0 != "\(u).pem" } } ?? files
            for file in ordered {
                let path = (keyring as NSString).appendingPathComponent(file)
                guard let key = try? loadSigningKey(path: path, ctx: self).key else { continue }
                let isAdministrator = directory.administrator(for: key.publicKey) != nil
                let holds: Bool
                if administrator {
                    holds = isAdministrator
                } else if let claim {
                    holds = directory.grants(for: key.publicKey).contains { g in
                        g.role == claim.role && g.unit == claim.unit && (claim.user == nil || g.user == claim.user)
                    } || (claim.role == Grant.administratorRole && isAdministrator)
                } else {
                    holds = isAdministrator
                }
                if holds { return key }
            }
            let wanted = administrator ? Grant.administratorRole : claim?.text ?? Grant.administratorRole
            throw CLIError(.init(vi: "không có khóa nào trong \(keyring) giữ quyền \(wanted)", en: "no key in \(keyring) holds the grant \(wanted)"),
                           at: "--as", fix: .init(vi: "xem các quyền đã cấp bằng `khenthuong grant list`", en: "see the grants with `khenthuong grant list`"), exit: .refused)
        }
        throw CLIError(.init(vi: "kho này chỉ nhận thao tác có chữ ký: chưa có khóa", en: "this store accepts signed actions only: no key was given"),
                       fix: .init(vi: "chỉ khóa của mình bằng --key TỆP hoặc biến KHENTHUONG_KEY (tạo khóa: khenthuong key new --out TỆP)",
                                  en: "give your key with --key FILE or KHENTHUONG_KEY (create one: khenthuong key new --out FILE)"),
                       exit: .usage)
    }

    /// A refusal naming what the key may do.
    private func refusal(_ what: LocalizedText, _ directory: Directory, _ key: PublicKey, fix: LocalizedText) -> CLIError {
        let may = directory.grants(for: key).map { "\($0.role)@\($0.unit):\($0.user)" }
            + (directory.administrator(for: key) != nil ? [Grant.administratorRole] : [])
        let revoked = directory.allGrants.filter { $0.key == key && !$0.isActive }.map {
            vi ? "\($0.role)@\($0.unit):\($0.user) (đã thu hồi)" : "\($0.role)@\($0.unit):\($0.user) (revoked)"
        }
        var details = [vi ? "Khóa này được phép: \(may.isEmpty ? "không có gì" : may.joined(separator: ", "))"
                          : "This key may act as: \(may.isEmpty ? "nothing" : may.joined(separator: ", "))"]
        if !revoked.isEmpty { details.append((vi ? "Đã thu hồi: " : "Revoked: ") + revoked.joined(separator: ", ")) }
        return CLIError(what, fix: fix, exit: .refused, details: details)
    }
}

extension Context {
    /// Stops a command that builds official output from the store (decisions, minutes, the
    /// public site, reports, packages) when the record is broken: the chain, a signature or a
    /// signer's grant since the store's last verified mark (`StoreAudit.checkSinceMark`), so
    /// nothing is reported from an altered record. Exit 3, naming the first fault.
    func requireIntactStore() throws(CLIError) {
        let store = try openStore()
        let definitions = try definitions()
        let audit = try Runner.perform(self) { try StoreAudit.checkSinceMark(store, definitions: definitions) }
        guard let fault = audit.firstFault(language) else {
            // Before the mark only the mark's own hash was compared: every event the output
            // reads from now on is checked against the chain as it is read.
            store.verifiesReads = true
            return
        }
        throw CLIError(.init(vi: "kho \(storePath) có chỗ hỏng, không lập văn bản chính thức từ đó: \(audit.firstFault(.vi) ?? fault)",
                             en: "the store \(storePath) is broken; no official output is made from it: \(audit.firstFault(.en) ?? fault)"),
                       fix: .init(vi: "chạy `khenthuong verify` để xem chi tiết, khôi phục kho từ bản sao lưu và điều tra ai đã sửa tệp",
                                  en: "run `khenthuong verify` for the details, restore the store from a backup and find out who edited the file"),
                       exit: .dataError)
    }
}

extension Context {
    /// Refuses a unit code that the store's directory does not hold (a misspelt addressee would
    /// make a dossier nobody can receive), with the closest codes; stores without a directory
    /// accept any code.
    func requireDirectoryUnit(_ code: String, at location: String) throws(CLIError) {
        let directory: Directory
        if let known = session.acting?.directory { directory = known } else { directory = try DirectoryCommands.load(try openStore(), self) }
        guard !directory.isEmpty, directory.unit(code) == nil else { return }
        throw DirectoryCommands.cliError(directory.unknownUnit(code, field: "unit"), ["unit": location])
    }
}
