import Foundation
import KhenThuongCore
import KhenThuongStore

/// A directory file (`directory import FILE`, format in docs/directory.md): units and the
/// people who hold roles at them. Sample: workflows/samples/directory.json.
public struct DirectoryFile: Sendable, Equatable {
    /// A person of the file and the roles they hold.
    public struct Person: Sendable, Equatable {
        public var user: String
        public var name: String
        /// The id the person has in nominee data; `nil` when it is the user.
        public var personID: String?
        /// `(role, unit)` pairs, as written `role@UNIT`.
        public var grants: [Role]
    }

    /// A role at a unit.
    public struct Role: Sendable, Equatable {
        public var role: String
        public var unit: String
    }

    /// The units, parents before their children (the Tổng Liên đoàn first).
    public var units: [UnitAdded]
    public var people: [Person]

    /// Reads a directory file.
    /// - Throws: `CouncilError.data` naming file:line:column, the JSON path and the fix.
    public static func parse(_ text: String, file: String) throws(CouncilError) -> DirectoryFile {
        let r = try DataFileReader(text: text, file: file)
        let root = r.root
        var units: [UnitAdded] = []
        for (i, u) in try r.array(root, "units", "$").enumerated() {
            let p = "$.units[\(i)]"
            let code = try r.string(u, "code", p)
            guard Directory.isValidCode(code) else {
                throw r.fail(u["code"]!, "\(p).code", vi: "mã “\(code)” không hợp lệ; chỉ dùng A–Z, 0–9 và “-”", en: "“\(code)” is not a valid code; use A–Z, 0–9 and “-” only")
            }
            let kindText = try r.string(u, "kind", p)
            guard let kind = UnitKind(rawValue: kindText) else {
                throw r.fail(u["kind"]!, "\(p).kind", vi: "loại “\(kindText)” không có; dùng \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))",
                             en: "no kind “\(kindText)”; use \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let parent = u["parent"] == nil ? nil : try r.string(u, "parent", p)
            if units.contains(where: { $0.code == code }) {
                throw r.fail(u, "\(p).code", vi: "đơn vị \(code) có hai lần", en: "unit \(code) is listed twice")
            }
            units.append(UnitAdded(code: code, name: try r.string(u, "name", p), kind: kind, parent: parent))
        }
        var people: [Person] = []
        if root["people"] != nil {
            for (i, x) in try r.array(root, "people", "$").enumerated() {
                let p = "$.people[\(i)]"
                let user = try r.string(x, "user", p)
                guard !user.contains("/"), !user.contains(":"), !user.contains(" ") else {
                    throw r.fail(x["user"]!, "\(p).user", vi: "tên đăng nhập không được chứa “/”, “:” hay dấu cách", en: "a user may not contain “/”, “:” or spaces")
                }
                if people.contains(where: { $0.user == user }) {
                    throw r.fail(x, "\(p).user", vi: "người dùng \(user) có hai lần", en: "user \(user) is listed twice")
                }
                var roles: [Role] = []
                for (j, g) in try r.array(x, "grants", p).enumerated() {
                    let parts = g.string?.split(separator: "@", omittingEmptySubsequences: false).map(String.init) ?? []
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw r.fail(g, "\(p).grants[\(j)]", vi: "cần dạng VAI_TRÒ@ĐƠN_VỊ (ví dụ secretariat@LDLD-HN)", en: "ROLE@UNIT is needed (for example secretariat@LDLD-HN)")
                    }
                    roles.append(Role(role: parts[0], unit: parts[1]))
                }
                let personID = x["person"] == nil ? nil : try r.string(x, "person", p)
                people.append(Person(user: user, name: try r.string(x, "name", p), personID: personID, grants: roles))
            }
        }
        // Parents first: a stable sort by level keeps the file's order within a level.
        let ordered = units.enumerated().sorted { a, b in
            a.element.unitKind.rank != b.element.unitKind.rank ? a.element.unitKind.rank < b.element.unitKind.rank : a.offset < b.offset
        }.map(\.element)
        return DirectoryFile(units: ordered, people: people)
    }
}
