import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A file attached to a dossier as one of its workflow's documents: `attachment_added`, subject
/// the dossier, payload `{"document", "mediaType", "name", "sha256", "size"}`. The bytes are kept
/// in the store's `AttachmentFolder` under their SHA-256; a document with an attached file counts
/// as present for the transitions that require it.
public struct Attachment: Sendable, Equatable {
    public var dossier: String
    public var document: String
    public var name: String
    public var mediaType: String
    public var sha256: String
    public var size: Int

    public init(dossier: String, document: String, name: String, mediaType: String, sha256: String, size: Int) {
        self.dossier = dossier
        self.document = document
        self.name = name
        self.mediaType = mediaType
        self.sha256 = sha256
        self.size = size
    }
}

extension Attachment: StoreRecord {
    package static let kind = "attachment_added"
    package var subject: RecordSubject { .dossier(dossier) }

    package var payload: JSONValue {
        .fields(["document": .string(document), "name": .string(name), "mediaType": .string(mediaType),
                 "sha256": .string(sha256), "size": .int(size)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), document: try p.nonEmptyString("document"), name: try p.string("name"),
                  mediaType: try p.nonEmptyString("mediaType"), sha256: try p.nonEmptyString("sha256"), size: try p.int("size"))
    }
}

/// Why a file cannot be attached, or an attached file no longer checks out.
public enum AttachmentError: Error, Sendable, Equatable {
    case unreadable(path: String)
    case unwritable(path: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case mediaType(path: String, type: String, allowed: [String])
    case unknownDocument(String, known: [String])
    case limits(file: String, detail: String)

    public var message: LocalizedText {
        switch self {
        case .unreadable(let p): .init(vi: "không đọc được tệp \(p)", en: "cannot read the file \(p)")
        case .unwritable(let p): .init(vi: "không ghi được \(p)", en: "cannot write \(p)")
        case .tooLarge(let p, let size, let limit):
            .init(vi: "tệp \(p) nặng \(size) byte, quá giới hạn \(limit) byte", en: "the file \(p) is \(size) bytes, over the limit of \(limit) bytes")
        case .mediaType(let p, let type, let allowed):
            .init(vi: "tệp \(p) có kiểu \(type), không được nhận; các kiểu được nhận: \(allowed.joined(separator: ", "))",
                  en: "the file \(p) is of type \(type), which is not accepted; accepted types: \(allowed.joined(separator: ", "))")
        case .unknownDocument(let d, let known):
            .init(vi: "tài liệu “\(d)” không có trong quy trình của hồ sơ; các tài liệu: \(known.joined(separator: ", "))",
                  en: "document “\(d)” is not part of the dossier's workflow; documents: \(known.joined(separator: ", "))")
        case .limits(let f, let d): .init(vi: "\(f): \(d)", en: "\(f): \(d)")
        }
    }

    public var fix: LocalizedText {
        switch self {
        case .unreadable: .init(vi: "kiểm tra đường dẫn và quyền đọc tệp", en: "check the path and that the file can be read")
        case .unwritable: .init(vi: "kiểm tra quyền ghi thư mục bên cạnh kho", en: "check that the folder beside the store can be written")
        case .tooLarge: .init(vi: "nén hoặc tách tệp; giới hạn ở workflows/exchange/attachments.json (maxBytes)",
                              en: "compress or split the file; the limit is in workflows/exchange/attachments.json (maxBytes)")
        case .mediaType: .init(vi: "chuyển tệp sang PDF hoặc ảnh; danh sách kiểu ở workflows/exchange/attachments.json (mediaTypes)",
                               en: "convert the file to PDF or an image; the list is in workflows/exchange/attachments.json (mediaTypes)")
        case .unknownDocument: .init(vi: "chọn một tài liệu của quy trình với --as-document", en: "choose one of the workflow's documents with --as-document")
        case .limits: .init(vi: "sửa tệp giới hạn theo docs/exchange.md", en: "correct the limits file as docs/exchange.md describes")
        }
    }
}

/// What may be attached: the largest file and the media types accepted, read from
/// `workflows/exchange/attachments.json` (`{"maxBytes": N, "mediaTypes": {"pdf": "application/pdf", …}}`:
/// each accepted file extension and the media type recorded for it).
public struct AttachmentLimits: Sendable, Equatable {
    public var maxBytes: Int
    /// Lowercase extension → media type.
    public var mediaTypes: [String: String]

    public init(maxBytes: Int, mediaTypes: [String: String]) {
        self.maxBytes = maxBytes
        self.mediaTypes = mediaTypes
    }

    /// The file the limits are read from, in a definitions folder.
    public static func file(in definitions: Definitions) -> String { definitions.directory + "/exchange/attachments.json" }

    /// Reads the limits of `definitions`' folder.
    public static func load(_ definitions: Definitions) throws(AttachmentError) -> AttachmentLimits {
        let path = file(in: definitions)
        guard case .success(let text) = DefinitionFile.text(path) else { throw .limits(file: path, detail: "the file cannot be read") }
        let root: JSONValue
        do { root = try JSONParser.parseVerbatim(text) } catch { throw .limits(file: path, detail: "\(error)") }
        guard let max = root["maxBytes"]?.int, max > 0 else { throw .limits(file: path, detail: "$.maxBytes must be a positive integer") }
        guard case .object(let types)? = root["mediaTypes"] else { throw .limits(file: path, detail: "$.mediaTypes must be an object") }
        var out: [String: String] = [:]
        for m in types {
            guard let t = m.value.value.string, t.contains("/") else { throw .limits(file: path, detail: "$.mediaTypes.\(m.key) must be a media type such as application/pdf") }
            out[m.key.lowercased()] = t
        }
        return AttachmentLimits(maxBytes: max, mediaTypes: out)
    }

    /// The media type recorded for a file name, or `nil` when its extension is not accepted.
    public func mediaType(of name: String) -> String? { mediaTypes[(name as NSString).pathExtension.lowercased()] }

    /// Checks a file's size and type.
    public func check(path: String, size: Int) throws(AttachmentError) -> String {
        guard let type = mediaType(of: path) else {
            throw .mediaType(path: path, type: (path as NSString).pathExtension.isEmpty ? "?" : "." + (path as NSString).pathExtension,
                             allowed: Set(mediaTypes.values).sorted())
        }
        guard size <= maxBytes else { throw .tooLarge(path: path, size: size, limit: maxBytes) }
        return type
    }
}

extension DossierRunner {
    /// Attaches the file at `path` to dossier `id` as `document`: the bytes go to `folder`, the
    /// record (hash, size, type, name) to the store, in one transaction.
    @discardableResult
    public func attach(file path: String, to id: String, as document: String, folder: AttachmentFolder, limits: AttachmentLimits,
                       by actor: Actor, at time: Date) throws -> Attachment {
        guard let dossier = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
        let known = try workflow(of: dossier).definition.documents.map(\.id)
        guard known.contains(document) else { throw AttachmentError.unknownDocument(document, known: known) }
        guard let data = FileManager.default.contents(atPath: path) else { throw AttachmentError.unreadable(path: path) }
        let type = try limits.check(path: path, size: data.count)
        let bytes = Array(data)
        let attachment = Attachment(dossier: id, document: document, name: ((path as NSString).lastPathComponent).nfc,
                                    mediaType: type, sha256: SHA256Digest.hex(bytes), size: bytes.count)
        try folder.put(bytes)
        try store.write { tx in _ = try tx.append(attachment, actor: actor, at: time) }
        return attachment
    }

    /// The documents with an attached file that the dossier does not yet count as present, from
    /// the dossier's events (all of them, as `EventLog.events(dossierID:)` gives them).
    func attachedDocuments(_ dossier: Dossier, events: [StoredEvent]) throws -> [String] {
        var seen = Set(dossier.documents)
        var out: [String] = []
        for e in events where e.kind == .record && e.event == Attachment.kind {
            let document = try e.record(Attachment.self, path: store.location).document
            if seen.insert(document).inserted { out.append(document) }
        }
        return out
    }
}
