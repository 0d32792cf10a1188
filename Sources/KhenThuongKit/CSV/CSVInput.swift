import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KhenThuongCore

/// The text encodings a CSV input may be named in (`--encoding`).
package enum CSVEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    /// UTF-16 with a byte-order mark (Excel's “Unicode Text”).
    case utf16 = "utf-16"
    /// Windows-1258, Vietnamese Windows' code page (Excel's plain “CSV (Comma delimited)” on a
    /// Vietnamese Windows).
    case windows1258 = "windows-1258"

    /// The name iconv knows it by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1258: "WINDOWS-1258"
        }
    }

    /// `text` as an encoding (`utf-8`, `UTF8`, `cp1258`, `windows-1258`, `utf-16`…), or `nil`.
    package init?(named text: String) {
        switch text.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf16", "unicode": self = .utf16
        case "windows-1258", "cp1258", "windows1258": self = .windows1258
        default: return nil
        }
    }
}

/// A CSV input that cannot be read as text: not UTF-8 and no encoding named, or not in the
/// encoding named. Nothing has been read into the store then.
package struct CSVInputError: Error, Sendable, Equatable {
    package var file: String
    /// 1-based line and column (in characters) of the first bad byte, and its 0-based offset.
    package var line: Int
    package var column: Int
    package var offset: Int
    package var message: LocalizedText

    /// The error as a finding of `file`.
    package var finding: LintFinding {
        LintFinding(kind: .malformedJSON, file: file, location: .init(path: "byte \(offset)", position: .init(line: line, column: column)),
                    message: message)
    }
}

/// The front every CSV reader goes through (``CSVReader`` itself reads UTF-8 with `,` only):
/// it looks at the first chunk of the file and
///
/// - reads a UTF-8 file with `,` as it is (the usual case costs one 64 KiB read, and, for the
///   files read whole, one pass checking the rest is UTF-8);
/// - refuses bytes that are not UTF-8 when no encoding is named, with where (line, column,
///   byte offset) and the fix: save as “CSV UTF-8”, or name the encoding with
///   `--encoding windows-1258` — a Windows-1258 file is never guessed, since any byte string is
///   valid Windows-1258;
/// - converts UTF-16 (certain from its byte-order mark) and a named encoding to UTF-8 through
///   iconv from the C library;
/// - reads a file whose header row is separated by `;` and holds no `,` (what Excel writes in a
///   Vietnamese locale) as `,`-separated, quoting the fields that hold a `,` (a decimal comma).
///
/// A converted file is written to the temporary folder and removed after reading.
package struct CSVInput {
    /// The encoding named for this command (`--encoding`); `nil` lets the front decide.
    @TaskLocal package static var encoding: CSVEncoding?

    /// The file as the user named it.
    package let original: String
    /// The file to read: `original`, or the converted copy.
    package let path: String
    /// What was done to read it (`nil` when it was read as it is).
    package let conversion: LocalizedText?

    /// Removes the converted copy, if any.
    package func close() {
        if path != original { try? FileManager.default.removeItem(atPath: path) }
    }

    /// How much of the start of a file is looked at.
    static let firstChunk = 64 * 1024

    /// Prepares `path` for ``CSVReader``.
    /// - Parameters:
    ///   - encoding: the encoding named (default: ``encoding``, the command's `--encoding`).
    ///   - wholeFile: check that every byte of a UTF-8 file is UTF-8 (`false` checks the first
    ///     chunk only, for the large benchmark files whose reader must stay fast).
    /// - Throws: `CSVInputError` when the bytes are not text in the encoding.
    package static func open(_ path: String, encoding named: CSVEncoding? = CSVInput.encoding,
                             wholeFile: Bool = true) throws(CSVInputError) -> CSVInput {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return CSVInput(original: path, path: path, conversion: nil) // the reader says the file is missing
        }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: firstChunk))
        var source = named ?? .utf8
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { source = .utf16 }
        if source == .utf8 {
            let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let atEnd = head.count < firstChunk
            if let bad = firstInvalidUTF8(head[start...], complete: atEnd) {
                throw notUTF8(path, head, at: bad)
            }
            if !hasSemicolonHeader(head[start...]) {
                if wholeFile && !atEnd { try checkRest(path, handle: handle, head: head) }
                return CSVInput(original: path, path: path, conversion: nil)
            }
        }
        // Convert: the whole file is read (these are the files a person saved from Excel).
        var bytes = head
        bytes += [UInt8](handle.readDataToEndOfFile())
        var notes: [LocalizedText] = []
        if source != .utf8 {
            bytes = try convert(bytes, from: source, file: path)
            notes.append(.init(vi: "đã chuyển từ bảng mã \(source.rawValue) sang UTF-8", en: "converted from \(source.rawValue) to UTF-8"))
        } else if let bad = firstInvalidUTF8(bytes[...], complete: true) {
            throw notUTF8(path, bytes, at: bad)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if hasSemicolonHeader(bytes[...]) {
            bytes = commaSeparated(bytes)
            notes.append(.init(vi: "đọc dấu “;” là dấu phân cách cột (tệp Excel theo vùng Việt Nam)",
                               en: "read “;” as the column separator (an Excel file in a Vietnamese locale)"))
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("khenthuong-csv-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).csv").path
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CSVInputError(file: path, line: 1, column: 1, offset: 0, message: .init(
                vi: "không ghi được bản chuyển mã tạm của tệp vào \(temporary); giải phóng chỗ trong thư mục tạm (TMPDIR)",
                en: "cannot write the converted copy of the file to \(temporary); free space in the temporary folder (TMPDIR)"))
        }
        return CSVInput(original: path, path: temporary,
                        conversion: .init(vi: notes.map(\.vi).joined(separator: "; "), en: notes.map(\.en).joined(separator: "; ")))
    }

    /// Checks the rest of a UTF-8 file after its first chunk, chunk by chunk.
    private static func checkRest(_ path: String, handle: FileHandle, head: [UInt8]) throws(CSVInputError) {
        var carry: [UInt8] = []
        var offset = head.count
        // The head's last, possibly cut, sequence is checked again with what follows.
        if let cut = trailingIncomplete(head[...]) { carry = Array(head[cut...]); offset = cut }
        while true {
            let data = [UInt8](handle.readData(ofLength: 1 << 20))
            let chunk = carry + data
            let atEnd = data.isEmpty
            if let bad = firstInvalidUTF8(chunk[...], complete: atEnd) {
                // Read the file again up to the bad byte to count its lines and columns.
                let all = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
                throw notUTF8(path, all, at: offset + bad)
            }
            if atEnd { return }
            let cut = trailingIncomplete(chunk[...]) ?? chunk.count
            carry = Array(chunk[cut...])
            offset += cut
        }
    }

    /// The index (relative to `bytes.startIndex`) of the first byte that is not UTF-8; a
    /// sequence cut by the end of `bytes` counts only when `complete`.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int, minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i - bytes.startIndex
            }
            if i + length > end {
                // Cut by the end of the chunk: wrong only if the file ends here, or a byte so far is wrong.
                for k in 1..<(end - i) where bytes[i + k] & 0xC0 != 0x80 { return i - bytes.startIndex }
                return complete ? i - bytes.startIndex : nil
            }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i - bytes.startIndex }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i - bytes.startIndex }
            i += length
        }
        return nil
    }

    /// Where a multi-byte sequence cut by the end of `bytes` starts, if one is.
    static func trailingIncomplete(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.endIndex
        var back = 0
        while i > bytes.startIndex && back < 4 {
            i -= 1; back += 1
            let b = bytes[i]
            if b & 0xC0 == 0x80 { continue }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            return length > back ? i : nil
        }
        return nil
    }

    /// The refusal of a file that is not UTF-8, at byte `offset` of `bytes`.
    static func notUTF8(_ path: String, _ bytes: [UInt8], at offset: Int) -> CSVInputError {
        var line = 1, lineStart = 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
        let before = lineStart < offset ? Array(bytes[lineStart..<min(offset, bytes.count)]) : []
        let column = String(decoding: before, as: UTF8.self).count + 1
        let byte = offset < bytes.count ? String(format: "0x%02X", bytes[offset]) : "?"
        return CSVInputError(file: path, line: line, column: column, offset: offset, message: .init(
            vi: "tệp không phải UTF-8: byte \(byte) ở dòng \(line), cột \(column) (byte thứ \(offset)); Excel ghi bảng mã Windows (Windows-1258) khi lưu “CSV (Comma delimited)”. Cách sửa: trong Excel chọn Lưu dưới dạng → “CSV UTF-8 (Comma delimited)”, hoặc nêu bảng mã của tệp: --encoding windows-1258. Chưa ghi gì vào kho.",
            en: "the file is not UTF-8: byte \(byte) at line \(line), column \(column) (byte offset \(offset)); Excel writes the Windows code page (Windows-1258) when saving “CSV (Comma delimited)”. To fix: in Excel choose Save As → “CSV UTF-8 (Comma delimited)”, or name the file's encoding: --encoding windows-1258. Nothing was written to the store."))
    }

    /// `bytes` from `source` to UTF-8 through iconv.
    static func convert(_ bytes: [UInt8], from source: CSVEncoding, file: String) throws(CSVInputError) -> [UInt8] {
        let cd = iconv_open("UTF-8", source.iconvName)
        guard cd != iconv_t(bitPattern: -1) else {
            throw CSVInputError(file: file, line: 1, column: 1, offset: 0, message: .init(
                vi: "thư viện C của máy không chuyển được bảng mã \(source.rawValue) (iconv); lưu tệp dưới dạng “CSV UTF-8”",
                en: "this machine's C library cannot convert \(source.rawValue) (iconv); save the file as “CSV UTF-8”"))
        }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var failedAt: Int?
        let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { failedAt = inBuf.count - inLeft }
                return outBuf.count - outLeft
            }
        }
        if let failedAt {
            throw CSVInputError(file: file, line: 1, column: 1, offset: failedAt, message: .init(
                vi: "tệp không đúng bảng mã \(source.rawValue): byte thứ \(failedAt) không chuyển được; kiểm tra --encoding, hoặc lưu tệp dưới dạng “CSV UTF-8”",
                en: "the file is not in \(source.rawValue): byte offset \(failedAt) cannot be converted; check --encoding, or save the file as “CSV UTF-8”"))
        }
        return Array(output[..<written])
    }

    /// Whether the first row of `bytes` is separated by `;` with no `,` outside quotes.
    static func hasSemicolonHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
        var quoted = false, semicolons = 0
        for b in bytes {
            if b == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { break }
            if b == 0x2C { return false }
            if b == 0x3B { semicolons += 1 }
        }
        return semicolons > 0
    }

    /// A `;`-separated file as `,`-separated: quoted fields are kept as they are, an unquoted
    /// field holding `,` or `"` is quoted (`"` doubled), and every `;` outside quotes becomes `,`.
    static func commaSeparated(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == 0x22 {
                // A quoted field, copied up to its closing quote.
                out.append(0x22); i += 1
                while i < n {
                    if bytes[i] == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { out += [0x22, 0x22]; i += 2; continue }
                        out.append(0x22); i += 1
                        break
                    }
                    out.append(bytes[i]); i += 1
                }
            } else {
                var j = i
                while j < n && bytes[j] != 0x3B && bytes[j] != 0x0A && bytes[j] != 0x0D { j += 1 }
                let field = bytes[i..<j]
                if field.contains(0x2C) || field.contains(0x22) {
                    out.append(0x22)
                    for b in field { if b == 0x22 { out.append(0x22) }; out.append(b) }
                    out.append(0x22)
                } else {
                    out += field
                }
                i = j
            }
            // What ends the field: `;` becomes `,`; a line end (or a stray byte after a closing
            // quote, which the reader then reports) is copied.
            if i < n {
                out.append(bytes[i] == 0x3B ? 0x2C : bytes[i])
                i += 1
            }
        }
        return out
    }
}
