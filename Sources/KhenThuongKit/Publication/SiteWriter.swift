import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Writes a site's files into a folder all at once: into a fresh sibling folder first, then
/// swapped into place, so a reader (or a failure half-way) never sees half a site. Each file is
/// written with `AtomicFile` (synced to disk) before the swap.
public enum SiteWriter {
    /// The file that marks a folder as written by `publish`: a manifest of every file the tool
    /// wrote there with its SHA-256 (`khenthuong-site 1`, then `HASH  PATH` lines). An existing
    /// folder is replaced only when it is empty, or when its manifest is one the tool wrote and
    /// every file in the folder is listed there with that hash: a folder holding anything else
    /// (a file the tool did not write, a file changed since, a marker without a manifest) is never
    /// replaced.
    public static let marker = ".khenthuong-site"
    static let manifestHeader = "khenthuong-site 1"

    /// The manifest of `files` (the marker's content).
    static func manifest(_ files: [String: [UInt8]]) -> [UInt8] {
        var lines = [manifestHeader]
        for name in files.keys.sorted() where name != marker {
            lines.append(SHA256Digest.hex(files[name]!) + "  " + name)
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Why the existing folder at `target` may not be replaced (the first file the tool did
    /// not write, or a missing manifest), or `nil` when every file in it is the tool's.
    static func foreignFile(in target: URL) -> String? {
        let fm = FileManager.default
        guard let contents = try? fm.contentsOfDirectory(atPath: target.path), !contents.isEmpty else { return nil }
        guard let data = fm.contents(atPath: target.appendingPathComponent(marker).path),
              let text = String(data: data, encoding: .utf8), text.hasPrefix(manifestHeader + "\n") else {
            return contents.contains(marker) ? marker : contents.sorted().first
        }
        var listed: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            guard let gap = line.range(of: "  ") else { return marker }
            listed[String(line[gap.upperBound...])] = String(line[..<gap.lowerBound])
        }
        guard let walker = fm.enumerator(atPath: target.path) else { return marker }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = target.appendingPathComponent(relative).path
            // A link is never followed or counted as the tool's.
            if (try? fm.destinationOfSymbolicLink(atPath: full)) != nil { return relative }
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append(relative)
        }
        for relative in found.sorted() where relative != marker {
            guard let hash = listed[relative], let bytes = fm.contents(atPath: target.appendingPathComponent(relative).path),
                  SHA256Digest.hex(Array(bytes)) == hash else { return relative }
        }
        return nil
    }

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
            if let foreign = foreignFile(in: target) { throw .notASiteFolder(path, file: foreign) }
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(pid)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
        try? fm.removeItem(at: staging)
        var files = files
        files[marker] = manifest(files)
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
