import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Why a movement command was refused: what, and how to fix it.
public enum MovementError: Error, Sendable, Equatable {
    /// No movement with this id is recorded in the store.
    case unknownMovement(String, known: [String])
    /// The movement has no target with this id.
    case unknownTarget(String, movement: String, known: [String])
    /// The movement has no phase with this number.
    case unknownPhase(Int, movement: String, known: [Int])
    /// A target with this id already exists.
    case duplicateTarget(String, movement: String)
    /// The store has no dossier with this id.
    case unknownDossier(String)
    /// The dossier is already linked to the movement.
    case alreadyLinked(String, movement: String)
    /// A share target's observation needs the population (`--of`), or another kind must not have one.
    case populationMismatch(target: String, kind: MovementTarget.Kind)
    /// A figure (`--value`, `--of`) is negative or past ``MovementTarget/maxGoal``.
    case figureOutOfRange(option: String, value: Int)
    /// The definition did not load; the findings say where.
    case invalidDefinition(file: String, findings: [LintFinding])

    /// What went wrong and how to fix it.
    public var text: LocalizedText {
        switch self {
        case .unknownMovement(let id, let known):
            let list = known.isEmpty ? "—" : known.joined(separator: ", ")
            return .init(vi: "chưa có phong trào “\(id)” trong kho (đã ghi: \(list)); ghi bằng `khenthuong movement create TỆP`",
                         en: "there is no movement “\(id)” in the store (recorded: \(list)); record it with `khenthuong movement create FILE`")
        case .unknownTarget(let id, let m, let known):
            let list = known.isEmpty ? "—" : known.joined(separator: ", ")
            return .init(vi: "phong trào \(m) không có chỉ tiêu “\(id)”; các chỉ tiêu: \(list); thêm bằng `khenthuong movement target add`",
                         en: "movement \(m) has no target “\(id)”; its targets: \(list); add one with `khenthuong movement target add`")
        case .unknownPhase(let n, let m, let known):
            let list = known.isEmpty ? "—" : known.map(String.init).joined(separator: ", ")
            return .init(vi: "phong trào \(m) không có đợt \(n); các đợt: \(list)", en: "movement \(m) has no phase \(n); its phases: \(list)")
        case .duplicateTarget(let id, let m):
            return .init(vi: "phong trào \(m) đã có chỉ tiêu “\(id)”; chọn mã khác cho --id", en: "movement \(m) already has a target “\(id)”; choose another --id")
        case .unknownDossier(let id):
            return .init(vi: "không có hồ sơ \(id) trong kho; xem `khenthuong dossier list`", en: "there is no dossier \(id) in the store; see `khenthuong dossier list`")
        case .alreadyLinked(let id, let m):
            return .init(vi: "hồ sơ \(id) đã được gắn với phong trào \(m)", en: "dossier \(id) is already linked to movement \(m)")
        case .populationMismatch(let t, let kind):
            return kind == .share
                ? .init(vi: "chỉ tiêu \(t) là tỉ lệ: cần --of (tổng số người/tập thể của đơn vị), --value là số đạt", en: "target \(t) is a share: give --of (the unit's population) with --value the achievers")
                : .init(vi: "chỉ tiêu \(t) loại \(kind.rawValue) không dùng --of; bỏ --of", en: "target \(t) of kind \(kind.rawValue) takes no --of; drop it")
        case .figureOutOfRange(let option, let value):
            return .init(vi: "\(option) \(value) nằm ngoài khoảng 0–1.000.000.000; kiểm lại số liệu",
                         en: "\(option) \(value) is outside 0–1,000,000,000; check the figure")
        case .invalidDefinition(let file, _):
            return .init(vi: "định nghĩa phong trào \(file) có lỗi; sửa các lỗi trên", en: "the movement definition \(file) has errors; fix the findings above")
        }
    }
}
