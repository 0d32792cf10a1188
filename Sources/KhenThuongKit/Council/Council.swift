import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A member of a council and the part they play in it.
public struct CouncilMember: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case chair, viceChair = "vice_chair", member

        public var label: LocalizedText {
            switch self {
            case .chair: LocalizedText(vi: "Chủ tịch Hội đồng", en: "Chair")
            case .viceChair: LocalizedText(vi: "Phó Chủ tịch Hội đồng", en: "Vice-chair")
            case .member: LocalizedText(vi: "Ủy viên", en: "Member")
            }
        }
    }

    public var id: String
    public var name: String
    public var role: Role
    public var unit: String
    /// The member's post outside the council ("Phó Chủ tịch Tổng Liên đoàn"), as printed in minutes.
    public var title: String
}

/// A Hội đồng Thi đua – Khen thưởng: who sits on it, its quorum, which awards its level
/// decides itself (the others it proposes upward), and how long public notice must have run.
///
/// Defined from a JSON file (`council create FILE`, see docs/councils-decisions.md, "Council file") and kept in the
/// chain as the record `council_defined` with subject `council:<id>`; a later definition of the
/// same id replaces the earlier one for sessions opened after it.
public struct Council: Sendable, Equatable {
    public var id: String
    /// The unit whose council this is (dossiers addressed to this unit come before it).
    public var unit: String
    public var name: LocalizedText
    /// The body that signs decisions at this level ("Đoàn Chủ tịch Tổng Liên đoàn…").
    public var authority: LocalizedText
    /// Địa danh printed before the date in minutes ("Hà Nội").
    public var place: String
    public var members: [CouncilMember]
    /// A session is valid when present × denominator ≥ numerator × members.
    public var quorumNumerator: Int
    public var quorumDenominator: Int
    public var quorumSource: String
    /// Whether a member from the nominee's proposing unit is recused on that dossier.
    public var recuseSameUnit: Bool
    /// Awards this level decides; a passing vote on any other award proposes it upward.
    public var decides: [String]
    /// Minimum working days between the start of public notice and the session.
    public var noticeWorkingDays: Int
    public var noticeSource: String
    /// Thư ký Hội đồng, who keeps the minutes (`secretary` in the council file): full name and post.
    /// A session may name another (`council session open --secretary`).
    public var secretaryName: String = ""
    public var secretaryTitle: String = ""
    /// The standing ban kiểm phiếu (vote-counting committee), member ids, its head first
    /// (`tellers` in the council file); a session may elect another (`--tellers`).
    public var tellers: [String] = []

    public func member(_ id: String) -> CouncilMember? { members.first { $0.id == id } }

    /// Whether `present` members make a quorum.
    public func hasQuorum(present: Int) -> Bool {
        present * quorumDenominator >= quorumNumerator * members.count
    }

    /// The fewest members present that make a quorum.
    public var quorumMinimum: Int {
        (quorumNumerator * members.count + quorumDenominator - 1) / quorumDenominator
    }
}

extension Council {
    /// Reads a council definition file.
    /// - Throws: `CouncilError.data` naming file:line:column, the JSON path and the fix.
    public static func parse(_ text: String, file: String) throws(CouncilError) -> Council {
        let r = try DataFileReader(text: text, file: file)
        let root = r.root
        let id = try r.string(root, "id", "$")
        if id.contains(":") || id.contains("/") {
            throw r.fail(root["id"]!, "$.id", vi: "mã hội đồng không được chứa “:” hoặc “/”", en: "a council id may not contain “:” or “/”")
        }
        var members: [CouncilMember] = []
        for (i, m) in try r.array(root, "members", "$").enumerated() {
            let p = "$.members[\(i)]"
            let roleText = try r.string(m, "role", p)
            guard let role = CouncilMember.Role(rawValue: roleText) else {
                throw r.fail(m["role"]!, "\(p).role", vi: "vai trò “\(roleText)” không có; dùng chair, vice_chair hoặc member",
                             en: "no role “\(roleText)”; use chair, vice_chair or member")
            }
            let member = CouncilMember(id: try r.string(m, "id", p), name: try r.string(m, "name", p), role: role,
                                       unit: try r.string(m, "unit", p), title: m["title"]?.string?.nfc ?? "")
            if members.contains(where: { $0.id == member.id }) {
                throw r.fail(m, "\(p).id", vi: "thành viên “\(member.id)” đã có trong danh sách", en: "member “\(member.id)” is listed twice")
            }
            members.append(member)
        }
        guard members.filter({ $0.role == .chair }).count == 1 else {
            throw r.fail(root["members"]!, "$.members", vi: "hội đồng cần đúng một Chủ tịch (role \"chair\")", en: "a council needs exactly one chair (role \"chair\")")
        }
        var num = 2, den = 3, source = "mặc định 2/3 số thành viên (QĐ 2218/QĐ-BTNMT Điều 8; TT 15/2023/TT-BKHĐT Điều 15 — tham số)"
        if let q = root["quorum"] {
            num = try r.int(q, "numerator", "$.quorum")
            den = try r.int(q, "denominator", "$.quorum")
            source = q["source"]?.string?.nfc ?? source
            guard den > 0, num > 0, num <= den else {
                throw r.fail(q, "$.quorum", vi: "cần 0 < numerator ≤ denominator", en: "0 < numerator ≤ denominator is needed")
            }
        }
        // Optional members, but a value of the wrong type is an error, never the default.
        let notice = root["noticeWorkingDays"] == nil ? 10 : try r.int(root, "noticeWorkingDays", "$")
        let recuse = try r.optionalBool(root, "recuseSameUnit", "$") ?? false
        var decides: [String] = []
        if root["decides"] != nil {
            for (i, a) in try r.array(root, "decides", "$").enumerated() {
                guard let award = a.string, !award.isEmpty else {
                    throw r.fail(a, "$.decides[\(i)]", vi: "cần mã danh hiệu (chuỗi) như trong workflows/awards.json",
                                 en: "an award id (a string) as in workflows/awards.json is needed")
                }
                decides.append(award)
            }
        }
        guard notice >= 0 else { throw r.fail(root["noticeWorkingDays"]!, "$.noticeWorkingDays", vi: "cần số ≥ 0", en: "a number ≥ 0 is needed") }
        var secretary = ("", "")
        if let s = root["secretary"] {
            secretary = (try r.string(s, "name", "$.secretary"), s["title"]?.string?.nfc ?? "")
        }
        var tellers: [String] = []
        if root["tellers"] != nil {
            for (i, t) in try r.array(root, "tellers", "$").enumerated() {
                guard let id = t.string?.nfc, members.contains(where: { $0.id == id }), !tellers.contains(id) else {
                    throw r.fail(t, "$.tellers[\(i)]", vi: "cần mã một thành viên hội đồng (không lặp); thành viên: \(members.map(\.id).joined(separator: ", "))",
                                 en: "a council member's id (once each) is needed; members: \(members.map(\.id).joined(separator: ", "))")
                }
                tellers.append(id)
            }
        }
        var council = Council(id: id, unit: try r.string(root, "unit", "$"), name: try r.text(root, "name", "$"),
                       authority: try r.text(root, "authority", "$"), place: try r.string(root, "place", "$"),
                       members: members, quorumNumerator: num, quorumDenominator: den, quorumSource: source,
                       recuseSameUnit: recuse,
                       decides: decides,
                       noticeWorkingDays: notice,
                       noticeSource: root["noticeSource"]?.string?.nfc ?? "NĐ 98/2023/NĐ-CP Điều 46 khoản 2")
        (council.secretaryName, council.secretaryTitle) = secretary
        council.tellers = tellers
        return council
    }
}

/// A council as recorded: `council_defined`, subject `council:<id>`.
extension Council: StoreRecord {
    package static let kind = "council_defined"
    package var subject: RecordSubject { .council(id) }

    package var payload: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("unit", .string(unit)), ("place", .string(place)),
            ("name", .fields(["vi": .string(name.vi), "en": .string(name.en)])),
            ("authority", .fields(["vi": .string(authority.vi), "en": .string(authority.en)])),
            ("quorum", .fields(["numerator": .int(quorumNumerator), "denominator": .int(quorumDenominator), "source": .string(quorumSource)])),
            ("recuseSameUnit", .bool(recuseSameUnit)), ("decides", .strings(decides)),
            ("noticeWorkingDays", .int(noticeWorkingDays)), ("noticeSource", .string(noticeSource)),
            ("members", .list(members.map {
                .fields(["id": .string($0.id), "name": .string($0.name), "role": .string($0.role.rawValue),
                         "unit": .string($0.unit), "title": .string($0.title)])
            })),
        ]
        // Written only when set, so a council defined before they existed reads back the same.
        if !secretaryName.isEmpty { fields.append(("secretary", .fields(["name": .string(secretaryName), "title": .string(secretaryTitle)]))) }
        if !tellers.isEmpty { fields.append(("tellers", .strings(tellers))) }
        return .fields(fields)
    }

    /// Reads a `council_defined` payload; members absent from early records take their defaults.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let name = try p.object("name"), authority = try p.object("authority"), quorum = try p.object("quorum")
        var members: [CouncilMember] = []
        for m in try p.objects("members") {
            members.append(CouncilMember(id: try m.string("id"), name: try m.string("name"), role: try m.oneOf("role", CouncilMember.Role.self),
                                         unit: try m.string("unit"), title: try m.optionalString("title") ?? ""))
        }
        self.init(id: try p.string("id"), unit: try p.string("unit"),
                  name: LocalizedText(vi: try name.string("vi"), en: try name.string("en")),
                  authority: LocalizedText(vi: try authority.string("vi"), en: try authority.string("en")),
                  place: try p.string("place"), members: members,
                  quorumNumerator: try quorum.int("numerator"), quorumDenominator: try quorum.int("denominator"),
                  quorumSource: try quorum.optionalString("source") ?? "", recuseSameUnit: try p.optionalBool("recuseSameUnit") ?? false,
                  decides: try p.optionalStrings("decides") ?? [], noticeWorkingDays: try p.optionalInt("noticeWorkingDays") ?? 10,
                  noticeSource: try p.optionalString("noticeSource") ?? "")
        if let s = try p.optionalObject("secretary") {
            secretaryName = try s.string("name")
            secretaryTitle = try s.optionalString("title") ?? ""
        }
        tellers = try p.optionalStrings("tellers") ?? []
    }
}
