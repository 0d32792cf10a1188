import Foundation
import KhenThuongCore
import KhenThuongStore

/// The level of a union in the hierarchy CĐCS → công đoàn cấp trên trực tiếp cơ sở →
/// LĐLĐ tỉnh / CĐ ngành Trung ương → Tổng Liên đoàn (see docs/directory.md).
public enum UnitKind: String, Sendable, CaseIterable, Equatable {
    /// Công đoàn cơ sở.
    case cdcs
    /// Công đoàn cấp trên trực tiếp cơ sở (LĐLĐ quận, huyện; CĐ ngành địa phương; CĐ KCN…).
    case cdCapTren = "cd_cap_tren"
    /// Liên đoàn Lao động tỉnh, thành phố.
    case ldldTinh = "ldld_tinh"
    /// Công đoàn ngành Trung ương (and equivalents).
    case cdNganh = "cd_nganh"
    /// Tổng Liên đoàn Lao động Việt Nam.
    case tld

    public var label: LocalizedText {
        switch self {
        case .cdcs: LocalizedText(vi: "Công đoàn cơ sở", en: "Grassroots union")
        case .cdCapTren: LocalizedText(vi: "Công đoàn cấp trên trực tiếp cơ sở", en: "Direct upper union")
        case .ldldTinh: LocalizedText(vi: "Liên đoàn Lao động tỉnh, thành phố", en: "Provincial federation of labour")
        case .cdNganh: LocalizedText(vi: "Công đoàn ngành Trung ương", en: "National sectoral union")
        case .tld: LocalizedText(vi: "Tổng Liên đoàn Lao động Việt Nam", en: "Vietnam General Confederation of Labour")
        }
    }

    /// The kinds a unit of this kind may sit under; empty for the Tổng Liên đoàn.
    public var parentKinds: [UnitKind] {
        switch self {
        case .cdcs: [.cdCapTren, .ldldTinh, .cdNganh]
        case .cdCapTren: [.ldldTinh, .cdNganh]
        case .ldldTinh, .cdNganh: [.tld]
        case .tld: []
        }
    }

    /// 0 for the Tổng Liên đoàn, growing downwards: a parent always has a smaller rank.
    public var rank: Int {
        switch self {
        case .tld: 0
        case .ldldTinh, .cdNganh: 1
        case .cdCapTren: 2
        case .cdcs: 3
        }
    }
}

/// An administrator of the organisation's directory: `administrator_added`, subject
/// `grant:administrator/<key id>`. Administrators record units and grants.
public struct AdministratorAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "administrator_added"
    public var key: PublicKey
    public var user: String
    public var name: String

    public init(key: PublicKey, user: String, name: String) {
        self.key = key
        self.user = user.nfc
        self.name = name.nfc
    }

    /// The grant id an administrator is known by (`administrator/<key id>`), for a revocation.
    public var grantID: String { "\(Grant.administratorRole)/\(key.id)" }

    package var subject: RecordSubject { .grant(grantID) }
    package var payload: JSONValue {
        .fields(["key": .string(key.text), "keyID": .string(key.id), "user": .string(user), "name": .string(name)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(key: try DirectoryCodec.key(p), user: try p.nonEmptyString("user"), name: try p.nonEmptyString("name"))
    }
}

/// A unit of the directory: `unit_added`, subject `unit:<code>`.
public struct UnitAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "unit_added"
    public var code: String
    public var name: String
    public var unitKind: UnitKind
    /// `nil` for the Tổng Liên đoàn, or for the top unit of a store.
    public var parent: String?

    public init(code: String, name: String, kind: UnitKind, parent: String?) {
        self.code = code
        self.name = name.nfc
        self.unitKind = kind
        self.parent = parent
    }

    package var subject: RecordSubject { .unit(code) }
    package var payload: JSONValue {
        .fields(["code": .string(code), "name": .string(name), "kind": .string(unitKind.rawValue), "parent": .optional(parent)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(code: try p.nonEmptyString("code"), name: try p.nonEmptyString("name"), kind: try p.oneOf("kind", UnitKind.self),
                  parent: try p.optionalString("parent"))
    }
}

/// A correction of a unit: `unit_changed`, subject `unit:<code>`; a new name, a new parent, or both.
public struct UnitChanged: StoreRecord, Sendable, Equatable {
    package static let kind = "unit_changed"
    public var code: String
    public var name: String?
    public var parent: String?

    public init(code: String, name: String?, parent: String?) {
        self.code = code
        self.name = name?.nfc
        self.parent = parent
    }

    package var subject: RecordSubject { .unit(code) }
    package var payload: JSONValue {
        .fields(["code": .string(code), "name": .optional(name), "parent": .optional(parent)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(code: try p.nonEmptyString("code"), name: try p.optionalString("name"), parent: try p.optionalString("parent"))
    }
}

/// A role at a unit given to a person's key: `grant_added`, subject `grant:<role>@<unit>/<key id>`.
public struct GrantAdded: StoreRecord, Sendable, Equatable {
    package static let kind = "grant_added"
    public var role: String
    public var unit: String
    public var user: String
    public var name: String
    /// The id the person has in nominee data; the user when absent.
    public var personID: String
    public var key: PublicKey

    public init(role: String, unit: String, user: String, name: String, personID: String? = nil, key: PublicKey) {
        self.role = role
        self.unit = unit
        self.user = user.nfc
        self.name = name.nfc
        self.personID = (personID?.nfc).flatMap { $0.isEmpty ? nil : $0 } ?? user.nfc
        self.key = key
    }

    /// `<role>@<unit>/<key id>`: the same role at the same unit for the same key has one id.
    public var grantID: String { Grant.id(role: role, unit: unit, key: key) }

    package var subject: RecordSubject { .grant(grantID) }
    package var payload: JSONValue {
        .fields(["role": .string(role), "unit": .string(unit), "user": .string(user), "name": .string(name),
                 "person": .string(personID), "key": .string(key.text), "keyID": .string(key.id)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(role: try p.nonEmptyString("role"), unit: try p.nonEmptyString("unit"), user: try p.nonEmptyString("user"),
                  name: try p.nonEmptyString("name"), personID: try p.optionalString("person"), key: try DirectoryCodec.key(p))
    }
}

/// The end of a grant (or of an administrator): `grant_revoked`, subject `grant:<grant id>`.
public struct GrantRevoked: StoreRecord, Sendable, Equatable {
    package static let kind = "grant_revoked"
    public var grantID: String
    public var reason: String

    public init(grantID: String, reason: String) {
        self.grantID = grantID
        self.reason = reason.nfc
    }

    package var subject: RecordSubject { .grant(grantID) }
    package var payload: JSONValue { .fields(["grant": .string(grantID), "reason": .string(reason)]) }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(grantID: try p.nonEmptyString("grant"), reason: try p.string("reason"))
    }
}

enum DirectoryCodec {
    /// Reads `key` (the public key's text) and checks it against `keyID`.
    static func key(_ p: RecordReader) throws(RecordDecodingError) -> PublicKey {
        let text = try p.nonEmptyString("key")
        let key: PublicKey
        do { key = try PublicKey(text: text.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw p.fail("key", "“\(text)” is not a public key")
        }
        let id = try p.nonEmptyString("keyID")
        guard id == key.id else { throw p.fail("keyID", "“\(id)” is not the id of the key (\(key.id))") }
        return key
    }
}
