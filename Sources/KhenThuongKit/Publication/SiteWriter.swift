import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Writes a site's files into a folder all at once: into a fresh sibling folder first, then
/// swapped into place, so a reader (or a failure half-way) never sees half a site. Each file is
/// written with `AtomicFile` (synced to disk) before the swap.
public enum SiteWriter {
    /// The file that marks a folder as written by `publish` (an existing folder without it,
    /// and not empty, is never replaced).
    public static let marker = ".khenthuong-site"

    /// Replaces the folder at `path` by `files` (paths relative to it).
    /// - Throws: `PublicationError.notASiteFolder`, `.badOutput`, `.writeFailed`; the folder
    ///   is left as it was then.
    public static func write(_ files: [String: [UInt8]], to path: String) throws(PublicationError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .badOutput(path: path, detail: "the folder \(parent.path) does not exist")
        }
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw .badOutput(path: path, detail: "it is a file, not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else { throw .notASiteFolder(path) }
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(pid)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
        try? fm.removeItem(at: staging)
        do {
            for (relative, bytes) in files {
                let url = staging.appendingPathComponent(relative)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(bytes, to: url.path)
            }
            if exists {
                try fm.moveItem(at: target, to: old)
                do { try fm.moveItem(at: staging, to: target) } catch {
                    try? fm.moveItem(at: old, to: target)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: target)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw .writeFailed(path: path, detail: (error as? AtomicFileError)?.detail ?? error.localizedDescription)
        }
    }
}
