import Foundation
import KhenThuongStore

/// The files attached to dossiers, kept beside the store by content: `<store>-files/sha256/ab/cdef…`
/// (the SHA-256 of the bytes, its first two hex digits as a folder). A file is written to a
/// temporary name and renamed into place (atomic), and never overwritten: the same bytes have
/// the same name, other bytes another name.
public struct AttachmentFolder: Sendable {
    /// `<store path>-files`.
    public let root: String

    public init(storePath: String) { root = storePath + "-files" }

    /// Where the file with this SHA-256 is kept.
    public func path(of sha256: String) -> String {
        "\(root)/sha256/\(sha256.prefix(2))/\(sha256.dropFirst(2))"
    }

    /// Whether the file with this SHA-256 is here.
    public func contains(_ sha256: String) -> Bool { FileManager.default.fileExists(atPath: path(of: sha256)) }

    /// Keeps `bytes` under their SHA-256 (nothing is written when that file is already here).
    /// - Returns: the SHA-256.
    @discardableResult
    public func put(_ bytes: [UInt8]) throws -> String {
        let sha = SHA256Digest.hex(bytes)
        let target = path(of: sha)
        if FileManager.default.fileExists(atPath: target) { return sha }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try Self.write(bytes, to: temporary, sync: true)
        if rename(temporary, target) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw AttachmentError.unwritable(path: target)
        }
        return sha
    }

    /// Writes `bytes` to a new read-only file (refused if it exists), with one `fsync` when `sync`.
    /// Many files are written unsynced and made durable together by `syncFileSystem()`.
    static func write<C: Collection<UInt8>>(_ bytes: C, to path: String, sync: Bool) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o444)
        guard fd >= 0 else { throw AttachmentError.unwritable(path: path) }
        defer { close(fd) }
        let ok = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        } ?? false
        guard ok, !sync || fsync(fd) == 0 else { throw AttachmentError.unwritable(path: path) }
    }

    /// Flushes the files written so far to disk (`sync`, as Glibc's module offers no `syncfs`):
    /// one flush for the many files an import writes, before the store records them.
    func syncFileSystem() { sync() }

    /// What is wrong with the kept file of `sha256`, if anything: missing, or its bytes changed.
    public func problem(sha256: String, size: Int) -> AttachmentProblem? {
        let p = path(of: sha256)
        guard let data = FileManager.default.contents(atPath: p) else { return .missing(path: p) }
        let found = SHA256Digest.hex(Array(data))
        return found == sha256 && data.count == size ? nil : .changed(path: p, found: found)
    }
}

/// A kept attachment that no longer matches its record.
public enum AttachmentProblem: Sendable, Equatable {
    case missing(path: String)
    case changed(path: String, found: String)
}
