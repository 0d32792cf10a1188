import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Why a comment, complaint or resolution was not recorded (nothing is written then).
public enum ComplaintError: Error, Sendable, Equatable {
    /// A required text (the comment, the complaint, the reason, the complainant) is empty.
    case emptyText(field: String)
    /// The actor's role may not record this; `allowed` lists the roles that may.
    case roleNotAllowed(role: String, allowed: [String], action: LocalizedText)
    /// The actor belongs to another unit than the one the dossier is addressed to.
    case wrongUnit(unit: String, addressee: String)
    /// The nominee tried to record something about their own dossier.
    case nomineeSelf(user: String)
    /// The dossier is no longer (or not yet) under consideration: no comment is taken.
    case notUnderConsideration(dossier: String, state: LocalizedText, stateID: String)
    /// A complaint cannot defer the dossier in its state; `deferrable` lists the states that can.
    case notDeferrable(dossier: String, state: LocalizedText, stateID: String, deferrable: [String])
    /// The dossier's workflow has no event to defer or resume with.
    case noDeferral(workflow: String, event: String)
    /// The dossier has no open complaint to resolve.
    case noOpenComplaint(dossier: String)
    /// Several complaints are open; `open` lists their numbers.
    case whichComplaint(dossier: String, open: [Int64])
    /// No complaint of the dossier has this number, or it is already resolved.
    case unknownComplaint(dossier: String, seq: Int64, open: [Int64])

    /// Whether it is a refusal of the workflow's rules (exit 1) rather than bad input.
    public var isRefusal: Bool {
        switch self {
        case .roleNotAllowed, .wrongUnit, .nomineeSelf, .notUnderConsideration, .notDeferrable, .noOpenComplaint: true
        default: false
        }
    }

    /// Whether the command line itself is wrong (exit 2).
    public var isUsage: Bool {
        switch self {
        case .emptyText, .whichComplaint: true
        default: false
        }
    }

    /// What is wrong and how to fix it.
    public func message(_ language: Language) -> String {
        localized[language]
    }

    private var localized: LocalizedText {
        switch self {
        case .emptyText(let field):
            return .init(vi: "\(field) không được để trống; hãy ghi nội dung", en: "\(field) may not be empty; write the text")
        case .roleNotAllowed(let role, let allowed, let action):
            return .init(vi: "vai trò “\(role)” không được \(action.vi); vai trò được phép: \(allowed.joined(separator: ", "))",
                         en: "the role “\(role)” may not \(action.en); roles that may: \(allowed.joined(separator: ", "))")
        case .wrongUnit(let unit, let addressee):
            return .init(vi: "đơn vị \(unit) không phải cơ quan nhận hồ sơ (\(addressee)); chỉ cơ quan nhận hồ sơ ghi nhận ý kiến và khiếu nại",
                         en: "unit \(unit) is not the body the dossier is addressed to (\(addressee)); only that body records comments and complaints")
        case .nomineeSelf(let user):
            return .init(vi: "người được đề nghị (\(user)) không được ghi nhận ý kiến, khiếu nại về hồ sơ của chính mình",
                         en: "the nominee (\(user)) may not record comments or complaints on their own dossier")
        case .notUnderConsideration(let d, let state, let id):
            return .init(vi: "hồ sơ \(d) đang ở trạng thái “\(state.vi)” (\(id)), không còn trong quá trình xét nên không nhận ý kiến; ý kiến về quyết định đã ban hành được xử lý theo thủ tục hủy bỏ, thu hồi",
                         en: "dossier \(d) is in state “\(state.en)” (\(id)), no longer under consideration, so it takes no comments; objections to an issued decision go through revocation")
        case .notDeferrable(let d, let state, let id, let deferrable):
            return .init(vi: "không thể tạm dừng xét hồ sơ \(d) đang ở trạng thái “\(state.vi)” (\(id)) để xác minh khiếu nại; chỉ tạm dừng được ở các trạng thái: \(deferrable.joined(separator: ", ")); khiếu nại về quyết định đã ban hành được xử lý theo thủ tục hủy bỏ, thu hồi (revoke)",
                         en: "dossier \(d) in state “\(state.en)” (\(id)) cannot be deferred while a complaint is verified; it can be deferred only in: \(deferrable.joined(separator: ", ")); a complaint about an issued decision goes through revocation (revoke)")
        case .noDeferral(let wf, let event):
            return .init(vi: "quy trình \(wf) không có sự kiện “\(event)”; thêm sự kiện đó vào định nghĩa quy trình",
                         en: "workflow \(wf) has no “\(event)” event; add it to the workflow definition")
        case .noOpenComplaint(let d):
            return .init(vi: "hồ sơ \(d) không có khiếu nại nào đang chờ giải quyết", en: "dossier \(d) has no open complaint")
        case .whichComplaint(let d, let open):
            let list = open.map(String.init).joined(separator: ", ")
            return .init(vi: "hồ sơ \(d) có nhiều khiếu nại đang mở (số \(list)); chọn một bằng --complaint SỐ",
                         en: "dossier \(d) has several open complaints (numbers \(list)); pick one with --complaint NUMBER")
        case .unknownComplaint(let d, let seq, let open):
            let list = open.isEmpty ? "—" : open.map(String.init).joined(separator: ", ")
            return .init(vi: "hồ sơ \(d) không có khiếu nại số \(seq) đang mở; các khiếu nại đang mở: \(list)",
                         en: "dossier \(d) has no open complaint number \(seq); open complaints: \(list)")
        }
    }
}
