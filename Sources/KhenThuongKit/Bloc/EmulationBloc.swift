import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// An emulation bloc (khối / cụm thi đua) for one year: the units that signed its compact
/// (giao ước thi đua), the compact's commitments as scored targets, the unit that organises it
/// and the Cờ thi đua its leader is proposed for.
///
/// ```json
/// {"id": "CUM-LDLD-HN-2025", "name": "Cụm thi đua các công đoàn trực thuộc LĐLĐ Hà Nội", "year": 2025,
///  "organiser": "LDLD-HN", "award": "co_thi_dua_ldld_tinh", "members": ["CDN-GDHN", "CDCS-MAYHN"],
///  "commitments": [{"id": "gu1", "text": "Tổ chức Đại hội công nhân viên chức 100%", "maxPoints": 30}]}
/// ```
public struct EmulationBloc: Sendable, Equatable {
    /// One commitment of the compact, scored out of `maxPoints`.
    public struct Commitment: Sendable, Equatable {
        public var id: String
        public var text: String
        public var maxPoints: Int
    }

    public var id: String
    public var name: String
    public var year: Int
    /// The unit that runs the bloc, scores it and proposes its leader.
    public var organiser: String
    /// The collective award its leader is proposed for (a Cờ thi đua in `awards.json`).
    public var award: String
    public var members: [String]
    public var commitments: [Commitment]

    public func commitment(_ id: String) -> Commitment? { commitments.first { $0.id == id } }

    /// Reads a bloc file; every error names `file:line:column`, the JSON path and what is needed.
    public static func parse(_ text: String, file: String) throws(CouncilError) -> EmulationBloc {
        let r = try DataFileReader(text: text, file: file)
        let id = try r.string(r.root, "id", "$")
        guard !id.contains(":"), !id.contains("/") else {
            throw r.fail(r.root["id"] ?? r.root, "$.id", vi: "mã khối không được chứa “:” hay “/”", en: "a bloc id may not contain “:” or “/”")
        }
        var members: [String] = []
        for (i, m) in try r.array(r.root, "members", "$").enumerated() {
            guard let code = m.string, !code.isEmpty else { throw r.fail(m, "$.members[\(i)]", vi: "cần mã đơn vị", en: "a unit code is needed") }
            guard !members.contains(code) else { throw r.fail(m, "$.members[\(i)]", vi: "đơn vị \(code) đã có trong khối", en: "unit \(code) is already a member") }
            members.append(code)
        }
        guard members.count >= 2 else {
            throw r.fail(r.root["members"] ?? r.root, "$.members", vi: "một khối cần ít nhất 2 đơn vị", en: "a bloc needs at least 2 units")
        }
        var commitments: [Commitment] = []
        for (i, c) in try r.array(r.root, "commitments", "$").enumerated() {
            let p = "$.commitments[\(i)]"
            let cid = try r.string(c, "id", p)
            guard commitments.allSatisfy({ $0.id != cid }) else { throw r.fail(c, "\(p).id", vi: "mã “\(cid)” đã dùng", en: "id “\(cid)” is already used") }
            let max = try r.int(c, "maxPoints", p)
            guard max > 0 else { throw r.fail(c, "\(p).maxPoints", vi: "cần số điểm tối đa dương", en: "a positive maximum is needed") }
            commitments.append(Commitment(id: cid, text: try r.string(c, "text", p), maxPoints: max))
        }
        guard !commitments.isEmpty else {
            throw r.fail(r.root, "$.commitments", vi: "giao ước cần ít nhất một nội dung", en: "the compact needs at least one commitment")
        }
        return EmulationBloc(id: id, name: try r.string(r.root, "name", "$"), year: try r.int(r.root, "year", "$"),
                             organiser: try r.string(r.root, "organiser", "$"), award: try r.string(r.root, "award", "$"),
                             members: members, commitments: commitments)
    }
}

/// The score a unit got on one commitment; a later score for the same unit and commitment
/// replaces it (the earlier one stays in the chain).
public struct BlocScore: Sendable, Equatable {
    public var unit: String
    public var commitment: String
    public var points: Int

    public init(unit: String, commitment: String, points: Int) {
        self.unit = unit
        self.commitment = commitment
        self.points = points
    }
}

/// The leader proposed for the bloc's Cờ thi đua, with its total.
public struct BlocLeader: Sendable, Equatable {
    public var unit: String
    public var award: String
    public var total: Int
}

// MARK: Records (subject `bloc:<id>`)

/// `bloc_defined`: the bloc, its members and its compact.
struct BlocDefinedRecord: StoreRecord {
    static let kind = "bloc_defined"
    var bloc: EmulationBloc
    var subject: RecordSubject { .bloc(bloc.id) }
    var payload: JSONValue {
        .fields(["award": .string(bloc.award),
                 "commitments": .list(bloc.commitments.map { .fields(["id": .string($0.id), "maxPoints": .int($0.maxPoints), "text": .string($0.text)]) }),
                 "members": .strings(bloc.members), "name": .string(bloc.name), "organiser": .string(bloc.organiser), "year": .int(bloc.year)])
    }

    init(bloc: EmulationBloc) { self.bloc = bloc }

    init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        var commitments: [EmulationBloc.Commitment] = []
        for c in try p.objects("commitments") {
            commitments.append(.init(id: try c.string("id"), text: try c.string("text"), maxPoints: try c.int("maxPoints")))
        }
        bloc = EmulationBloc(id: try p.subject.blocID(), name: try p.string("name"), year: try p.int("year"), organiser: try p.string("organiser"),
                             award: try p.string("award"), members: try p.strings("members"), commitments: commitments)
    }
}

/// `bloc_score`: one unit's points on one commitment.
struct BlocScoreRecord: StoreRecord {
    static let kind = "bloc_score"
    var blocID: String
    var score: BlocScore
    var subject: RecordSubject { .bloc(blocID) }
    var payload: JSONValue {
        .fields(["commitment": .string(score.commitment), "points": .int(score.points), "unit": .string(score.unit)])
    }

    init(blocID: String, score: BlocScore) {
        self.blocID = blocID
        self.score = score
    }

    init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        blocID = try p.subject.blocID()
        score = BlocScore(unit: try p.string("unit"), commitment: try p.string("commitment"), points: try p.int("points"))
    }
}

/// `bloc_leader_proposed`: the leader proposed for the bloc's Cờ thi đua.
struct BlocLeaderRecord: StoreRecord {
    static let kind = "bloc_leader_proposed"
    var blocID: String
    var leader: BlocLeader
    var subject: RecordSubject { .bloc(blocID) }
    var payload: JSONValue {
        .fields(["award": .string(leader.award), "total": .int(leader.total), "unit": .string(leader.unit)])
    }

    init(blocID: String, leader: BlocLeader) {
        self.blocID = blocID
        self.leader = leader
    }

    init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        blocID = try p.subject.blocID()
        leader = BlocLeader(unit: try p.string("unit"), award: try p.string("award"), total: try p.int("total"))
    }
}
