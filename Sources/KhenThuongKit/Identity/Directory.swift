import Foundation
import KhenThuongCore
import KhenThuongStore

/// A unit of the directory as its records leave it.
public struct DirectoryUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    /// `nil` for the top of the store's hierarchy.
    public var parent: String?
    /// The event that added it.
    public var addedSeq: Int64

    public init(code: String, name: String, kind: UnitKind, parent: String?, addedSeq: Int64) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
        self.addedSeq = addedSeq
    }
}

/// A role at a unit held by a person's key (`grant_added`), and its revocation if any.
public struct Grant: Sendable, Equatable {
    /// The role that administers the directory; allowed besides the workflows' roles.
    public static let administratorRole = "administrator"

    /// `<role>@<unit>/<key id>`.
    public static func id(role: String, unit: String, key: PublicKey) -> String { "\(role)@\(unit)/\(key.id)" }

    public var id: String { Grant.id(role: role, unit: unit, key: key) }
    public var role: String
    public var unit: String
    public var user: String
    /// Full name, NFC.
    public var name: String
    /// The id the person has in nominee data (the user unless recorded otherwise).
    public var personID: String
    public var key: PublicKey
    /// The event that granted it.
    public var addedSeq: Int64
    /// The event that revoked it; `nil` while active.
    public var revokedSeq: Int64?
    public var revocationReason: String?

    public var isActive: Bool { revokedSeq == nil }
    /// The actor the grant lets its key act as.
    public var actor: Actor { Actor(role: role, unit: unit, user: user) }
}

/// An administrator of the directory (`administrator_added`), and its revocation if any.
public struct Administrator: Sendable, Equatable {
    public var key: PublicKey
    public var user: String
    public var name: String
    public var addedSeq: Int64
    public var revokedSeq: Int64?

    /// The id a revocation names: `administrator/<key id>`.
    public var id: String { "\(Grant.administratorRole)/\(key.id)" }
    public var isActive: Bool { revokedSeq == nil }
}

/// Why a directory record was refused: what is wrong, the record's field it is about
/// (`code`, `kind`, `parent`, `unit`, `role`, `key`, `grant`), how to fix it, and, for an
/// unknown unit code, the closest known codes.
public struct DirectoryError: Error, Sendable, Equatable {
    public var message: LocalizedText
    public var field: String
    public var fix: LocalizedText?
    public var suggestions: [String]

    public init(_ message: LocalizedText, field: String, fix: LocalizedText? = nil, suggestions: [String] = []) {
        self.message = message
        self.field = field
        self.fix = fix
        self.suggestions = suggestions
    }
}

/// The organisation's directory: its administrators, its units in their hierarchy, and the
/// grants of roles at units to people's keys — all replayed from records in the store's chain
/// (see docs/directory.md). The actor of a signed write comes from the signing key's grants.
///
/// ```swift
/// var directory = try Directory.load(from: store)
/// try log.scan(from: next) { event in try directory.apply(event) }   // kept up to date
/// let grants = directory.grants(for: key)
/// ```
///
/// A record that breaks the directory's rules (an unknown parent, a grant at an unknown unit…)
/// is refused by the `check` functions before it is written, and by `apply` when met in a chain.
public struct Directory: Sendable {
    /// Every unit, in the order they were added.
    public private(set) var units: [DirectoryUnit] = []
    /// Every grant ever recorded, active or revoked, oldest first.
    public private(set) var allGrants: [Grant] = []
    /// Every administrator ever recorded, oldest first.
    public private(set) var allAdministrators: [Administrator] = []
    private var unitIndex: [String: Int] = [:]

    public init() {}

    /// The record kinds the directory is made of.
    public static let recordKinds = [AdministratorAdded.kind, UnitAdded.kind, UnitChanged.kind, GrantAdded.kind, GrantRevoked.kind]

    /// The directory `log`'s records build, replayed in chain order.
    /// - Throws: `StoreError` when a record cannot be read; `DirectoryError` when one breaks
    ///   the directory's rules.
    public static func load(from log: any EventLog) throws -> Directory {
        var directory = Directory()
        for event in try log.records(namedAnyOf: recordKinds) { try directory.apply(event) }
        return directory
    }

    /// Applies one event of the chain; events that are not directory records are ignored.
    /// - Throws: `StoreError.corruptRecord` when the payload does not decode; `DirectoryError`
    ///   when the record breaks the directory's rules.
    public mutating func apply(_ event: StoredEvent) throws {
        guard event.kind == .record else { return }
        switch event.event {
        case AdministratorAdded.kind:
            let r = try event.record(AdministratorAdded.self)
            try check(r)
            allAdministrators.append(Administrator(key: r.key, user: r.user, name: r.name, addedSeq: event.seq))
        case UnitAdded.kind:
            let r = try event.record(UnitAdded.self)
            try check(r)
            unitIndex[r.code] = units.count
            units.append(DirectoryUnit(code: r.code, name: r.name, kind: r.unitKind, parent: r.parent, addedSeq: event.seq))
        case UnitChanged.kind:
            let r = try event.record(UnitChanged.self)
            try check(r)
            let i = unitIndex[r.code]!
            if let name = r.name { units[i].name = name }
            if let parent = r.parent { units[i].parent = parent }
        case GrantAdded.kind:
            let r = try event.record(GrantAdded.self)
            try check(r)
            allGrants.append(Grant(role: r.role, unit: r.unit, user: r.user, name: r.name, personID: r.personID, key: r.key,
                                   addedSeq: event.seq))
        case GrantRevoked.kind:
            let r = try event.record(GrantRevoked.self)
            try check(r)
            if let i = allAdministrators.firstIndex(where: { $0.isActive && $0.id == r.grantID }) {
                allAdministrators[i].revokedSeq = event.seq
            } else if let i = allGrants.firstIndex(where: { $0.isActive && $0.id == r.grantID }) {
                allGrants[i].revokedSeq = event.seq
                allGrants[i].revocationReason = r.reason
            }
        default:
            return
        }
    }

    // MARK: Reading

    /// No administrator was ever recorded: a store from before signatures.
    public var isEmpty: Bool { allAdministrators.isEmpty }

    /// Whether `key` ever held a grant or was an administrator (active or revoked).
    public func knows(_ key: PublicKey) -> Bool {
        allAdministrators.contains { $0.key == key } || allGrants.contains { $0.key == key }
    }

    /// The active administrators.
    public var administrators: [Administrator] { allAdministrators.filter(\.isActive) }

    public func unit(_ code: String) -> DirectoryUnit? { unitIndex[code].map { units[$0] } }

    /// A unit as a person reads it: its name with its code after it (“Công đoàn Đại học Bách
    /// khoa Hà Nội (CDCS-DHBK)”), or the code alone when no name is known.
    public static func label(_ code: String, name: String?) -> String { name.map { "\($0) (\(code))" } ?? code }

    /// `code` as a person reads it (`label(_:name:)`), with this directory's name for it.
    public func label(_ code: String) -> String { Self.label(code, name: unit(code)?.name) }

    /// The units directly under `code`, by code.
    public func children(of code: String) -> [DirectoryUnit] {
        units.filter { $0.parent == code }.sorted { $0.code < $1.code }
    }

    /// The units above `code`, nearest first (its parent, then the parent's parent…).
    public func ancestors(of code: String) -> [DirectoryUnit] {
        var out: [DirectoryUnit] = []
        var next = unit(code)?.parent
        while let p = next, let u = unit(p), !out.contains(where: { $0.code == p }) {
            out.append(u)
            next = u.parent
        }
        return out
    }

    /// Every unit with its depth, each under its parent: the tops first, children by code.
    public func tree() -> [(unit: DirectoryUnit, depth: Int)] {
        var out: [(unit: DirectoryUnit, depth: Int)] = []
        func walk(_ u: DirectoryUnit, _ depth: Int) {
            out.append((u, depth))
            for c in children(of: u.code) { walk(c, depth + 1) }
        }
        for top in units.filter({ $0.parent == nil || unit($0.parent!) == nil }).sorted(by: { $0.code < $1.code }) { walk(top, 0) }
        return out
    }

    /// Up to three known codes closest to `code` (by edit distance, ignoring case), closest first.
    public func suggestions(for code: String) -> [String] {
        let target = Array(code.uppercased())
        let limit = max(2, target.count / 2)
        var scored: [(code: String, distance: Int)] = []
        for u in units {
            let d = Directory.editDistance(target, Array(u.code))
            if d <= limit { scored.append((u.code, d)) }
        }
        scored.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.code < b.code }
        return scored.prefix(3).map(\.code)
    }

    /// The active grants of `key`.
    public func grants(for key: PublicKey) -> [Grant] { allGrants.filter { $0.isActive && $0.key == key } }

    /// The active grants at `unit`.
    public func grants(at unit: String) -> [Grant] { allGrants.filter { $0.isActive && $0.unit == unit } }

    /// The active grant of `role` at `unit` to `key`, if any.
    public func grant(for key: PublicKey, role: String, unit: String) -> Grant? {
        allGrants.first { $0.isActive && $0.key == key && $0.role == role && $0.unit == unit }
    }

    /// The active administrator holding `key`, if any.
    public func administrator(for key: PublicKey) -> Administrator? { administrators.first { $0.key == key } }

    // MARK: Checking

    /// Refuses an administrator whose key is already an active administrator.
    public func check(_ r: AdministratorAdded) throws(DirectoryError) {
        if administrator(for: r.key) != nil {
            throw DirectoryError(.init(vi: "khóa \(r.key.id) đã là khóa của một quản trị viên", en: "key \(r.key.id) is already an administrator's key"),
                                 field: "key")
        }
    }

    /// Refuses a malformed or taken code, an unknown kind's parent, or a parent whose level
    /// does not fit the hierarchy.
    public func check(_ r: UnitAdded) throws(DirectoryError) {
        guard Directory.isValidCode(r.code) else {
            throw DirectoryError(.init(vi: "mã đơn vị “\(r.code)” không hợp lệ", en: "“\(r.code)” is not a valid unit code"), field: "code",
                                 fix: .init(vi: "chỉ dùng chữ in hoa không dấu A–Z, chữ số và dấu “-” (ví dụ CDCS-DHBK)",
                                            en: "use only uppercase A–Z, digits and “-” (for example CDCS-DHBK)"))
        }
        if let taken = unit(r.code) {
            throw DirectoryError(.init(vi: "mã đơn vị \(r.code) đã có (\(taken.name))", en: "unit code \(r.code) is already taken (\(taken.name))"),
                                 field: "code", fix: .init(vi: "chọn mã khác, hoặc sửa đơn vị đã có", en: "choose another code, or correct the existing unit"))
        }
        guard !r.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DirectoryError(.init(vi: "tên đơn vị trống", en: "the unit's name is empty"), field: "name")
        }
        if r.unitKind == .tld, r.parent != nil {
            throw DirectoryError(.init(vi: "Tổng Liên đoàn không có đơn vị cấp trên", en: "the Confederation has no parent unit"), field: "parent",
                                 fix: .init(vi: "bỏ đơn vị cấp trên", en: "leave the parent out"))
        }
        if let parent = r.parent {
            try checkParent(parent, of: r.code, kind: r.unitKind)
        } else if r.unitKind != .tld && !units.isEmpty {
            throw DirectoryError(.init(vi: "đơn vị \(r.code) (\(r.unitKind.label.vi)) cần đơn vị cấp trên", en: "unit \(r.code) (\(r.unitKind.label.en)) needs a parent unit"),
                                 field: "parent", fix: Directory.parentFix(r.unitKind))
        }
    }

    /// Refuses a correction of an unknown unit, an empty one, or one whose parent does not fit.
    public func check(_ r: UnitChanged) throws(DirectoryError) {
        guard let u = unit(r.code) else { throw unknownUnit(r.code, field: "code") }
        guard r.name != nil || r.parent != nil else {
            throw DirectoryError(.init(vi: "không có gì để sửa ở đơn vị \(r.code)", en: "nothing to correct in unit \(r.code)"), field: "name",
                                 fix: .init(vi: "nêu tên mới, đơn vị cấp trên mới, hoặc cả hai", en: "give a new name, a new parent, or both"))
        }
        if let name = r.name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DirectoryError(.init(vi: "tên đơn vị trống", en: "the unit's name is empty"), field: "name")
        }
        if let parent = r.parent { try checkParent(parent, of: r.code, kind: u.kind) }
    }

    /// Refuses a grant at an unknown unit, an empty role or user, or one already active.
    public func check(_ r: GrantAdded) throws(DirectoryError) {
        guard unit(r.unit) != nil else { throw unknownUnit(r.unit, field: "unit") }
        guard !r.role.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DirectoryError(.init(vi: "vai trò trống", en: "the role is empty"), field: "role")
        }
        guard !r.user.trimmingCharacters(in: .whitespaces).isEmpty, !r.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DirectoryError(.init(vi: "thiếu tên đăng nhập hoặc họ và tên", en: "the user or the full name is missing"), field: "user")
        }
        if let g = grant(for: r.key, role: r.role, unit: r.unit) {
            throw DirectoryError(.init(vi: "khóa \(r.key.id) đã được giao \(r.role)@\(r.unit) (\(g.name), sự kiện #\(g.addedSeq))",
                                       en: "key \(r.key.id) already holds \(r.role)@\(r.unit) (\(g.name), event #\(g.addedSeq))"),
                                 field: "key")
        }
    }

    /// Refuses the revocation of a grant that is not active, or of the last administrator.
    public func check(_ r: GrantRevoked) throws(DirectoryError) {
        if let admin = administrators.first(where: { $0.id == r.grantID }) {
            if administrators.count == 1 {
                throw DirectoryError(.init(vi: "\(admin.user) là quản trị viên cuối cùng; không thu hồi được", en: "\(admin.user) is the last administrator and cannot be revoked"),
                                     field: "grant", fix: .init(vi: "thêm một quản trị viên khác trước", en: "add another administrator first"))
            }
            return
        }
        guard allGrants.contains(where: { $0.isActive && $0.id == r.grantID }) else {
            throw DirectoryError(.init(vi: "không có quyền đang hiệu lực “\(r.grantID)”", en: "there is no active grant “\(r.grantID)”"), field: "grant",
                                 fix: .init(vi: "xem các quyền bằng `khenthuong grant list`", en: "list the grants with `khenthuong grant list`"))
        }
    }

    private func checkParent(_ parent: String, of code: String, kind: UnitKind) throws(DirectoryError) {
        guard let p = unit(parent) else { throw unknownUnit(parent, field: "parent") }
        guard parent != code, kind.parentKinds.contains(p.kind) else {
            let allowedVi = kind.parentKinds.map(\.label.vi), allowedEn = kind.parentKinds.map(\.label.en)
            throw DirectoryError(.init(vi: "\(kind.label.vi) không trực thuộc \(p.kind.label.vi) (\(p.code)) được",
                                       en: "a \(kind.label.en.lowercased()) cannot sit under a \(p.kind.label.en.lowercased()) (\(p.code))"),
                                 field: "parent",
                                 fix: allowedVi.isEmpty ? .init(vi: "Tổng Liên đoàn không có đơn vị cấp trên", en: "the Confederation has no parent")
                                     : .init(vi: "đơn vị cấp trên phải là: " + allowedVi.joined(separator: "; "), en: "the parent must be: " + allowedEn.joined(separator: "; ")))
        }
    }

    private static func parentFix(_ kind: UnitKind) -> LocalizedText {
        .init(vi: "nêu đơn vị cấp trên (\(kind.parentKinds.map(\.label.vi).joined(separator: "; ")))",
              en: "name the parent unit (\(kind.parentKinds.map(\.label.en).joined(separator: "; ")))")
    }

    /// An error for an unknown unit code, with the closest known codes.
    public func unknownUnit(_ code: String, field: String) -> DirectoryError {
        let close = suggestions(for: code)
        return DirectoryError(.init(vi: "không có đơn vị “\(code)” trong danh mục", en: "there is no unit “\(code)” in the directory"), field: field,
                              fix: close.isEmpty
                                  ? .init(vi: "xem các đơn vị bằng `khenthuong unit list`, thêm bằng `khenthuong unit add`",
                                          en: "list the units with `khenthuong unit list`, add one with `khenthuong unit add`")
                                  : .init(vi: "có phải ý bạn là: \(close.joined(separator: ", "))?", en: "did you mean: \(close.joined(separator: ", "))?"),
                              suggestions: close)
    }

    /// Uppercase ASCII letters and digits in groups joined by single hyphens.
    public static func isValidCode(_ code: String) -> Bool {
        guard !code.isEmpty, code.count <= 64, !code.hasPrefix("-"), !code.hasSuffix("-"), !code.contains("--") else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
