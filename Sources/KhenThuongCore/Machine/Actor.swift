import Foundation

/// Who acts: a role, the unit they act for, and the person (user id).
///
/// Written on the command line as `ROLE@UNIT:USER`, e.g. `secretariat@LDLD-HN:tran.b`.
public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The role id from the workflow definition (e.g. `union_officer`).
    public var role: String
    /// The unit the actor acts for (e.g. `CDCS-DHBK`).
    public var unit: String
    /// The person acting (a user id); compared with the dossier's nominee.
    public var user: String

    public init(role: String, unit: String, user: String) {
        self.role = role
        self.unit = unit
        self.user = user
    }

    /// Parses `ROLE@UNIT:USER`.
    /// - Returns: `nil` when a part is missing or empty.
    public init?(parsing text: String) {
        guard let at = text.firstIndex(of: "@") else { return nil }
        let rest = text[text.index(after: at)...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let role = String(text[..<at]), unit = String(rest[..<colon]), user = String(rest[rest.index(after: colon)...])
        guard !role.isEmpty, !unit.isEmpty, !user.isEmpty else { return nil }
        self.init(role: role, unit: unit, user: user.nfc)
    }

    /// `ROLE@UNIT:USER`.
    public var description: String { "\(role)@\(unit):\(user)" }
}
