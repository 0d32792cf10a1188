import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file could not be written; whatever was at `path` before is still there, unchanged.
public struct AtomicFileError: Error, Sendable, Equatable {
    /// The file that was to be written.
    public var path: String
    /// What went wrong (the system's words).
    public var detail: String

    public init(path: String, detail: String) {
        self.path = path
        self.detail = detail
    }
}

/// The one way the tool writes a file: all of it or nothing.
///
/// The bytes go to a temporary file in the target's own folder (`<target>.partial-<pid>-<random>`),
/// which is flushed to disk (`fsync`) and then renamed over the target, so a reader sees the old
/// file or the whole new one, never a part; the folder is synced after the rename. If anything
/// fails before the rename (a producer throws, the disk fills, the folder disappears), the
/// temporary file is removed and the target is left as it was.
///
/// Whole texts use `write(_:to:)`; streamed output (`eligibility batch`) opens an `AtomicFile`,
/// `append`s as it goes and `commit`s at the end (or `discard`s).
package final class AtomicFile {
    /// The file the output replaces on `commit()`.
    package let path: String
    /// Where the output is written until then.
    package let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Starts the output for `path`: creates its temporary file beside it.
    package init(path: String) throws(AtomicFileError) {
        self.path = path
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        temporaryPath = "\(path).partial-\(tag)"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.failure(path) }
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends `bytes` to the temporary file.
    package func append(_ bytes: some Collection<UInt8>) throws(AtomicFileError) {
        let written: Bool = bytes.withContiguousStorageIfAvailable { self.writeAll(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { self.writeAll($0) }
        guard written else {
            let error = Self.failure(path)
            discard()
            throw error
        }
    }

    /// Appends the UTF-8 of `text`.
    package func append(_ text: String) throws(AtomicFileError) {
        try append(Array(text.utf8))
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard !finished else { errno = EBADF; return false }
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Flushes the temporary file to disk and renames it over `path`.
    package func commit() throws(AtomicFileError) {
        guard !finished else { throw AtomicFileError(path: path, detail: "the output was already finished") }
        if fsync(descriptor) != 0 {
            let error = Self.failure(path)
            discard()
            throw error
        }
        close(descriptor)
        finished = true
        if rename(temporaryPath, path) != 0 {
            let error = Self.failure(path)
            unlink(temporaryPath)
            throw error
        }
        // The rename itself is made durable by syncing the folder (best effort).
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Abandons the output: the temporary file is removed and `path` is left as it was.
    package func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    /// Writes what `produce` appends, then commits; if `produce` throws, nothing is written
    /// and its error is rethrown.
    package static func write(to path: String, _ produce: (AtomicFile) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        do { try produce(file) } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// Writes `bytes` as the whole of `path`.
    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws(AtomicFileError) {
        let file = try AtomicFile(path: path)
        try file.append(bytes)
        try file.commit()
    }

    /// Writes the UTF-8 of `text` as the whole of `path`.
    package static func write(_ text: String, to path: String) throws(AtomicFileError) {
        try write(Array(text.utf8), to: path)
    }

    private static func failure(_ path: String) -> AtomicFileError {
        AtomicFileError(path: path, detail: String(cString: strerror(errno)))
    }
}

/// `write(2)`, named apart from `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
