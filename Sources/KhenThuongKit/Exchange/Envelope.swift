import Foundation
import KhenThuongCore
import KhenThuongStore

/// A signed envelope between two levels of the hierarchy (`exchange export` / `exchange import`).
///
/// The file is a short text header, the manifest, the signature, then the attached files'
/// bytes one after the other, so that a large envelope is written and read a file at a time:
///
/// ```
/// khenthuong-envelope/1
/// manifest <N>
/// <N bytes: the manifest, canonical JSON>
/// signature <public key> <base64 signature>
/// <the bytes of each attachment of the manifest, in its order, each exactly its size>
/// ```
///
/// The envelope's id is the SHA-256 of the manifest; the signature is the sender's key's over
/// `khenthuong-envelope/1\nid <id>\n`. The manifest names every attachment's SHA-256 and size,
/// so the one signature covers every byte.
public struct Envelope: Sendable {
    public static let header = "khenthuong-envelope/1"
    public static let format = "khenthuong-envelope"

    public var manifestBytes: [UInt8]
    public var manifest: JSONValue
    public var id: String
    public var publicKey: PublicKey
    public var signature: [UInt8]
    /// Where the attachments' bytes begin in the file.
    public var blobOffset: UInt64

    /// The signed statement.
    public static func statement(id: String) -> [UInt8] { Array("\(header)\nid \(id)\n".utf8) }

    public var signatureIsValid: Bool { publicKey.verify(signature: signature, message: Self.statement(id: id)) }

    /// Writes an envelope to `path` (never over an existing file): header, manifest, signature,
    /// then each attachment's bytes read from `folder` (checked against their SHA-256 first).
    /// - Returns: the envelope's id.
    static func write(manifest: JSONValue, attachments: [(sha256: String, size: Int)], folder: AttachmentFolder,
                      signer: any CommitSigner, to path: String) throws -> String {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ExchangeError(.init(vi: "tệp \(path) đã có; không ghi đè", en: "the file \(path) exists; it is not overwritten"),
                                at: path, fix: .init(vi: "chọn tên tệp khác cho --out", en: "choose another file name for --out"), isDataError: false)
        }
        let bytes = Array(CanonicalJSONWriter.text(manifest, capacity: 1 << 16).utf8)
        let id = SHA256Digest.hex(bytes)
        let signature = try signer.sign(statement(id: id))
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let out = FileHandle(forWritingAtPath: temporary) else {
            throw AttachmentError.unwritable(path: path)
        }
        do {
            defer { try? out.close() }
            var head = Array("\(header)\nmanifest \(bytes.count)\n".utf8)
            head += bytes
            head += Array("\nsignature \(signer.publicKey.text) \(Data(signature).base64EncodedString())\n".utf8)
            try out.write(contentsOf: head)
            for a in attachments {
                let p = folder.path(of: a.sha256)
                guard let data = FileManager.default.contents(atPath: p) else {
                    throw ExchangeError(.init(vi: "thiếu tệp đính kèm \(a.sha256) trong kho gửi", en: "the attachment \(a.sha256) is missing from the sending store"),
                                        at: p, fix: .init(vi: "chạy `khenthuong verify` và khôi phục tệp từ bản sao lưu", en: "run `khenthuong verify` and restore the file from a backup"))
                }
                guard data.count == a.size, SHA256Digest.hex(Array(data)) == a.sha256 else {
                    throw ExchangeError(.init(vi: "tệp đính kèm \(a.sha256) đã bị thay đổi sau khi đính", en: "the attachment \(a.sha256) changed after it was attached"),
                                        at: p, fix: .init(vi: "chạy `khenthuong verify` và khôi phục tệp từ bản sao lưu", en: "run `khenthuong verify` and restore the file from a backup"))
                }
                try out.write(contentsOf: data)
            }
            try out.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard link(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw AttachmentError.unwritable(path: path)
        }
        try? FileManager.default.removeItem(atPath: temporary)
        return id
    }

    /// Reads an envelope's header, manifest and signature (the attachments are read later, one at
    /// a time, by `EnvelopeBlobs`).
    public static func read(_ path: String) throws -> Envelope {
        func bad(_ vi: String, _ en: String) -> ExchangeError {
            ExchangeError(.init(vi: "\(path) không phải phong bì khenthuong-envelope/1: \(vi)", en: "\(path) is not a khenthuong-envelope/1 file: \(en)"),
                          at: path, fix: .init(vi: "nhập tệp do `khenthuong exchange export` tạo", en: "import a file made by `khenthuong exchange export`"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExchangeError(.init(vi: "không đọc được \(path)", en: "cannot read \(path)"), at: path,
                                fix: .init(vi: "kiểm tra đường dẫn", en: "check the path"), isDataError: false)
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 64)) ?? nil ?? Data()
        let lines = Array(start)
        guard let first = lines.firstIndex(of: 10), String(decoding: lines[..<first], as: UTF8.self) == header,
              let second = lines[(first + 1)...].firstIndex(of: 10) else { throw bad("dòng đầu sai", "wrong first line") }
        let sizeLine = String(decoding: lines[(first + 1)..<second], as: UTF8.self)
        guard sizeLine.hasPrefix("manifest "), let count = Int(sizeLine.dropFirst(9)), count > 0, count < 1 << 31 else {
            throw bad("dòng 2 phải là “manifest N”", "line 2 must be “manifest N”")
        }
        let manifestStart = UInt64(second + 1)
        try handle.seek(toOffset: manifestStart)
        guard let data = try handle.read(upToCount: count), data.count == count else { throw bad("bản kê bị cắt cụt", "the manifest is truncated") }
        let manifestBytes = Array(data)
        guard let tail = try handle.read(upToCount: 512), tail.first == 10, let end = tail.dropFirst().firstIndex(of: 10) else {
            throw bad("thiếu dòng chữ ký", "the signature line is missing")
        }
        let parts = String(decoding: tail[tail.startIndex + 1..<end], as: UTF8.self).split(separator: " ").map(String.init)
        guard parts.count == 3, parts[0] == "signature", let key = try? PublicKey(text: parts[1]), let sig = Data(base64Encoded: parts[2]) else {
            throw bad("dòng chữ ký phải là “signature KHÓA CHỮ_KÝ”", "the signature line must be “signature KEY SIGNATURE”")
        }
        let manifest: JSONValue
        do { manifest = try JSONParser.parseVerbatim(String(decoding: manifestBytes, as: UTF8.self)) } catch { throw bad("bản kê không phải JSON: \(error)", "the manifest is not JSON: \(error)") }
        guard manifest["format"]?.string == format, manifest["version"]?.int == 1 else { throw bad("bản kê không đúng định dạng", "the manifest has another format") }
        return Envelope(manifestBytes: manifestBytes, manifest: manifest, id: SHA256Digest.hex(manifestBytes), publicKey: key,
                        signature: Array(sig), blobOffset: manifestStart + UInt64(count) + UInt64(end - tail.startIndex + 1))
    }
}
