import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongStore

/// The demo's cast and their keys: the sample directory (`workflows/samples/directory.json`)
/// recorded in the demo store by its administrator, and one key per person in a folder beside
/// the store (`khenthuong-demo-keys/`), so that every step of the sample season is signed by
/// the person who acts, as in a real office.
///
/// Demo keys are derived from the person's user name (SHA-256 of `khenthuong-demo/<user>`): the
/// sample season then gives the same hashes on every machine, and anyone can recompute them,
/// so they protect nothing. They are for the demo store only; real keys come from
/// `khenthuong key new` or `init`.
enum DemoKeys {
    /// The administrator of the demo store.
    static let administrator = "admin"

    /// `<store without extension>-keys`, beside the store.
    static func folder(for storePath: String) -> String {
        (storePath as NSString).deletingPathExtension + "-keys"
    }

    /// The demo key of `user`.
    static func key(for user: String) throws(CLIError) -> PrivateKey {
        let hex = Array(SHA256Digest.hex(Array("khenthuong-demo/\(user)".utf8)).utf8)
        var seed: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            seed.append(UInt8(nibble(hex[i]) << 4 | nibble(hex[i + 1])))
            i += 2
        }
        do { return try PrivateKey(rawEd25519Seed: seed) } catch {
            throw CLIError.from(error, language: .vi)
        }
    }

    private static func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }

    /// Writes `user`'s demo key to `folder/<user>.pem` unless it is there already; returns it.
    static func ensure(_ user: String, name: String, in folder: String) throws(CLIError) -> PrivateKey {
        let key = try key(for: user)
        let path = (folder as NSString).appendingPathComponent("\(user).pem")
        if !FileManager.default.fileExists(atPath: path) {
            do { try KeyFile.write(key, name: name, passphrase: nil, to: path) } catch {
                throw CLIError.from(error, language: .vi)
            }
        }
        return key
    }

    /// Records the demo store's administrator and the sample directory, at `time` (the
    /// season's first step), signed by the administrator; returns every person's key by user.
    static func setUp(_ store: any EventLog, directoryFile: String, at time: Date, _ ctx: Context) throws(CLIError) -> [String: PrivateKey] {
        let folder = folder(for: ctx.storePath)
        try InitCommand.makeFolder(folder, ctx)
        let admin = try ensure(administrator, name: ctx.vi ? "Quản trị viên" : "Administrator", in: folder)
        let actor = Actor(role: Grant.administratorRole, unit: Context.administratorUnit, user: administrator)
        let record = AdministratorAdded(key: admin.publicKey, user: administrator, name: ctx.vi ? "Quản trị viên" : "Administrator")
        _ = try Runner.perform(ctx) { try store.write(signedBy: admin) { tx in try tx.append(record, actor: actor, at: time) } }
        var keys: [String: PrivateKey] = [administrator: admin]
        var setUpContext = ctx
        setUpContext.now = { time }
        _ = try DirectoryCommands.importDirectory(directoryFile, keys: folder, into: store,
                                                  acting: Acting(actor: actor, signer: admin, identities: [administrator],
                                                                 directory: try DirectoryCommands.load(store, ctx)), setUpContext) { path, name throws(CLIError) in
            let user = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let key = try ensure(user, name: name, in: folder)
            keys[user] = key
            return key.publicKey
        }
        return keys
    }

    /// The key that holds `actor`'s grant in `store`'s directory, or `nil`.
    static func signer(for actor: Actor, keys: [String: PrivateKey], directory: Directory) -> PrivateKey? {
        guard let key = keys[actor.user], let grant = directory.grant(for: key.publicKey, role: actor.role, unit: actor.unit),
              grant.user == actor.user else { return nil }
        return key
    }
}
