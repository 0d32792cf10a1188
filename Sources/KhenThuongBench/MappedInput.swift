import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The bytes of an input file: mapped read-only, or, when the file does not end with a
/// line break (the scanner relies on one as its stop), read into memory with one appended.
final class MappedInput {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Whether ``base`` is a file mapping (pages can be released behind the scan).
    let isMapped: Bool
    private let mappedLength: Int

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let size = Int(st.st_size)
        guard size > 0 else { throw W3InputError(line: 1, message: "the file is empty; a header row is expected") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        let last = bytes[size - 1]
        if last == 0x0A || last == 0x0D {
            _ = madvise(p, size, MADV_SEQUENTIAL)
            base = UnsafePointer(bytes)
            count = size
            isMapped = true
            mappedLength = size
        } else {
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: size + 1)
            copy.update(from: bytes, count: size)
            copy[size] = 0x0A
            munmap(p, size)
            base = UnsafePointer(copy)
            count = size + 1
            isMapped = false
            mappedLength = 0
        }
    }

    /// A copy of `bytes`, ending with a line break.
    init(bytes: [UInt8]) {
        let n = bytes.count
        let needsBreak = n == 0 || (bytes[n - 1] != 0x0A && bytes[n - 1] != 0x0D)
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 1)
        bytes.withUnsafeBufferPointer { b in if n > 0 { copy.update(from: b.baseAddress!, count: n) } }
        if needsBreak { copy[n] = 0x0A }
        base = UnsafePointer(copy)
        count = needsBreak ? n + 1 : n
        isMapped = false
        mappedLength = 0
    }

    deinit {
        if isMapped { munmap(UnsafeMutableRawPointer(mutating: base), mappedLength) } else { base.deallocate() }
    }
}
