import Foundation
#if canImport(Glibc)
import Glibc
private let posixWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let posixWrite = Darwin.write
#endif

/// Private key files on disk: PKCS#8 PEM, readable by the owner only, with an optional first
/// line naming the holder.
///
/// ```
/// # Họ và tên: Nguyễn Thị Hoa
/// -----BEGIN ENCRYPTED PRIVATE KEY-----
/// …
/// ```
/// OpenSSL ignores the text before `BEGIN`, so `openssl pkey -in FILE` reads the file as it is.
public enum KeyFile {
    /// The prefix of the display name line.
    static let namePrefix = "# Họ và tên: "

    /// Writes the key to `path` with mode 0600, creating the file (an existing file is never
    /// overwritten), and flushes it to disk before returning.
    /// - Parameters:
    ///   - name: the holder's name, written (NFC, on one line) as a `# Họ và tên:` comment before the PEM.
    ///   - passphrase: encrypts the key (AES-256-CBC) when given and not empty.
    /// - Throws: `.fileExists` when something is already at `path` (it is left untouched);
    ///   `.unwritableFile` when the file cannot be made or written (nothing is left behind);
    ///   `.encodingFailed` from OpenSSL.
    public static func write(_ key: PrivateKey, name: String?, passphrase: String?, to path: String) throws(SigningError) {
        var text = try key.pem(passphrase: passphrase)
        if let name = name.map(oneLine), !name.isEmpty {
            text = namePrefix + name + "\n" + text
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileExists(path: path) }
            throw .unwritableFile(path: path, detail: String(cString: strerror(code)))
        }
        var failure: Int32?
        if fchmod(fd, 0o600) != 0 { failure = errno }
        let bytes = Array(text.utf8)
        var written = 0
        while failure == nil && written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == nil { failure = errno }
        if let failure {
            unlink(path)
            throw .unwritableFile(path: path, detail: String(cString: strerror(failure)))
        }
        syncFolder(of: path)
    }

    /// Reads a private key file.
    /// - Returns: the key, the holder's name from the `# Họ và tên:` line if there is one, and
    ///   whether group or others may read the file (looser than 0600), for the caller to warn.
    /// - Throws: `.unreadableFile`, and whatever `PrivateKey.load(pem:passphrase:)` throws.
    public static func read(_ path: String, passphrase: String?) throws(SigningError) -> (key: PrivateKey, name: String?, loosePermissions: Bool) {
        let text = try contents(path)
        let key = try PrivateKey.load(pem: text, passphrase: passphrase)
        var info = stat()
        let loose = stat(path, &info) == 0 && info.st_mode & 0o077 != 0
        return (key, name(in: text), loose)
    }

    /// Whether the file at `path` holds an encrypted private key (so a caller knows to ask for a
    /// passphrase). `false` when it cannot be read.
    public static func isEncrypted(_ path: String) -> Bool {
        guard let text = try? contents(path) else { return false }
        return PEMKind(text) == .encrypted
    }

    /// The whole file as text.
    static func contents(_ path: String) throws(SigningError) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .unreadableFile(path: path, detail: "is a folder")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let detail = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw .unreadableFile(path: path, detail: detail)
        }
        defer { try? handle.close() }
        do {
            // A key file is a few hundred bytes; anything past 1 MB is not one.
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .unreadableFile(path: path, detail: "\(error.localizedDescription)")
        }
    }

    /// The name on the `# Họ và tên:` line before the PEM block, if any.
    static func name(in text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(line).precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("-----BEGIN") { return nil }
            if line.hasPrefix(namePrefix.trimmingCharacters(in: .whitespaces)) {
                let name = line.dropFirst(namePrefix.trimmingCharacters(in: .whitespaces).count).trimmingCharacters(in: .whitespaces)
                return name.isEmpty ? nil : name
            }
        }
        return nil
    }

    /// `name` in NFC on one line (line breaks become spaces), trimmed.
    package static func oneLine(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
            .components(separatedBy: .newlines).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// Flushes the folder holding `path`, so that the new file's name is on disk too (best effort).
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
