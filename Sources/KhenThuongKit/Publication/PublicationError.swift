import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Why the site could not be built or written (nothing is written then).
public enum PublicationError: Error, Sendable, Equatable {
    /// A `decision_issued` or `revocation` record does not follow the documented payload.
    case malformedRecord(seq: Int64, event: String, field: String, detail: String)
    /// The output folder exists, is not empty, and holds `file`, which `publish` did not write
    /// (or changed since: not in the marker's manifest with that hash).
    case notASiteFolder(String, file: String)
    /// The output path's parent folder is missing, or the path is a file.
    case badOutput(path: String, detail: String)
    /// Writing the files failed.
    case writeFailed(path: String, detail: String)

    /// What is wrong, where, and how to fix it.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .malformedRecord(let seq, let event, let field, let detail):
            return vi ? "sự kiện số \(seq) (\(event)), trường \(field): \(detail); ghi một sự kiện \(event) mới, đúng định dạng (xem docs/public-notice-publication.md) để thay thế"
                      : "event \(seq) (\(event)), field \(field): \(detail); record a new, well-formed \(event) event to replace it (see docs/public-notice-publication.md)"
        case .notASiteFolder(let path, let file):
            return vi ? "không ghi đè thư mục \(path): tệp “\(file)” trong đó không do `khenthuong publish` ghi (hoặc đã bị sửa sau đó), nên không được xoá; chọn một thư mục mới hoặc rỗng, hoặc chuyển tệp đó đi"
                      : "the folder \(path) is not overwritten: its file “\(file)” was not written by `khenthuong publish` (or was changed since), so it is not deleted; choose a new or empty folder, or move that file away"
        case .badOutput(let path, let detail):
            return vi ? "không ghi được trang vào \(path): \(detail); chọn một đường dẫn thư mục hợp lệ"
                      : "cannot write the site to \(path): \(detail); choose a valid folder path"
        case .writeFailed(let path, let detail):
            return vi ? "ghi trang vào \(path) thất bại (\(detail)); kiểm tra quyền ghi và dung lượng đĩa, thư mục cũ được giữ nguyên"
                      : "writing the site to \(path) failed (\(detail)); check permissions and disk space; the old folder is kept"
        }
    }
}

extension PublicationError {
    /// Runs `body` (a read of typed records), reporting a record that does not decode as
    /// `malformedRecord`, by event number, kind and field.
    static func reading<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            if case .corruptRecord(_, let seq, let kind, let field, let detail) = error {
                throw PublicationError.malformedRecord(seq: seq, event: kind, field: field, detail: detail)
            }
            throw error
        }
    }

    /// Whether the problem is the output folder (rather than the store's records).
    public var isOutput: Bool {
        if case .malformedRecord = self { return false }
        return true
    }
}
