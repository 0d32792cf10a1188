import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Emulation blocs kept as records in the store's chain (subject `bloc:<id>`): the bloc and its
/// compact (`bloc_defined`), the scoring sheet (`bloc_score`) and the leader proposed for the
/// bloc's Cờ thi đua (`bloc_leader_proposed`). Each writing call is one transaction; nothing is
/// edited — a corrected score is a new record that replaces the earlier one on the sheet.
///
/// Picking the Cờ thi đua's collective by comparing within the khối / cụm: NĐ 91/2017/NĐ-CP
/// Điều 12 (VERIFIED-Q); the Tổng Liên đoàn's practice of bloc leaders (laodongthudo 17/12/2022).
public struct BlocBook {
    public let runner: DossierRunner
    var store: any EventLog { runner.store }

    public init(runner: DossierRunner) { self.runner = runner }

    /// One row of the scoring sheet: a member, its points by commitment (`nil` not scored yet), its total.
    public struct Standing: Sendable, Equatable {
        public var unit: String
        public var points: [Int?]
        public var total: Int
        public var complete: Bool { points.allSatisfy { $0 != nil } }
    }

    /// The blocs recorded, in the order they were defined.
    public func blocs() throws -> [EmulationBloc] { try store.records(BlocDefinedRecord.self).map(\.bloc) }

    public func bloc(_ id: String) throws -> EmulationBloc {
        guard let b = try blocs().first(where: { $0.id == id.nfc }) else {
            let known = try blocs().map(\.id).joined(separator: ", ")
            throw CouncilError.data(vi: "không có khối thi đua “\(id)”; các khối: \(known.isEmpty ? "(chưa có)" : known)",
                                    en: "there is no bloc “\(id)”; blocs: \(known.isEmpty ? "(none)" : known)")
        }
        return b
    }

    /// Records a bloc. Refused when its id is taken, its award is not a collective award of the
    /// catalogue, or the directory (when it knows units) lacks a member or the organiser.
    public func define(_ bloc: EmulationBloc, by actor: Actor, at time: Date) throws {
        if try blocs().contains(where: { $0.id == bloc.id }) {
            throw CouncilError.data(vi: "khối \(bloc.id) đã được ghi", en: "bloc \(bloc.id) is already recorded")
        }
        guard let award = runner.definitions.awards.award(bloc.award), award.subject == .collective else {
            throw CouncilError.data(vi: "award: “\(bloc.award)” không phải hình thức khen thưởng tập thể trong workflows/awards.json (ví dụ co_thi_dua_ldld_tinh)",
                                    en: "award: “\(bloc.award)” is not a collective award in workflows/awards.json (e.g. co_thi_dua_ldld_tinh)")
        }
        guard actor.unit == bloc.organiser else {
            throw CouncilError.refused(vi: "chỉ \(bloc.organiser) (đơn vị tổ chức khối) ghi được khối này, không phải \(actor.unit)",
                                       en: "only \(bloc.organiser) (the bloc's organiser) may record it, not \(actor.unit)")
        }
        let directory = try Directory.load(from: store)
        if !directory.units.isEmpty, let unknown = ([bloc.organiser] + bloc.members).first(where: { directory.unit($0) == nil }) {
            throw CouncilError.data(vi: "không có đơn vị \(unknown) trong danh bạ", en: "there is no unit \(unknown) in the directory")
        }
        _ = try store.write { tx in try tx.append(BlocDefinedRecord(bloc: bloc), actor: actor, at: time) }
    }

    /// Records `unit`'s points on a commitment (0 … its maximum), by the organiser.
    public func score(_ id: String, _ score: BlocScore, by actor: Actor, at time: Date) throws {
        let bloc = try bloc(id)
        try organiser(bloc, actor)
        guard bloc.members.contains(score.unit) else {
            throw CouncilError.data(vi: "--unit: \(score.unit) không thuộc khối \(bloc.id) (\(bloc.members.joined(separator: ", ")))",
                                    en: "--unit: \(score.unit) is not a member of bloc \(bloc.id) (\(bloc.members.joined(separator: ", ")))")
        }
        guard let c = bloc.commitment(score.commitment) else {
            throw CouncilError.data(vi: "--commitment: khối \(bloc.id) không có nội dung “\(score.commitment)”; các mã: \(bloc.commitments.map(\.id).joined(separator: ", "))",
                                    en: "--commitment: bloc \(bloc.id) has no commitment “\(score.commitment)”; ids: \(bloc.commitments.map(\.id).joined(separator: ", "))")
        }
        guard (0...c.maxPoints).contains(score.points) else {
            throw CouncilError.data(vi: "--points: \(score.points) ngoài khoảng 0–\(c.maxPoints) của nội dung \(c.id)",
                                    en: "--points: \(score.points) is outside 0–\(c.maxPoints) of commitment \(c.id)")
        }
        if try leader(id) != nil {
            throw CouncilError.refused(vi: "khối \(bloc.id) đã đề nghị đơn vị dẫn đầu; bảng điểm đã khóa", en: "bloc \(bloc.id) has proposed its leader; the sheet is closed")
        }
        _ = try store.write { tx in try tx.append(BlocScoreRecord(blocID: bloc.id, score: score), actor: actor, at: time) }
    }

    /// The scoring sheet: members by total (highest first), then by code; the latest score of
    /// each unit and commitment counts.
    public func standings(_ id: String) throws -> [Standing] {
        let bloc = try bloc(id)
        var latest: [String: Int] = [:]
        for r in try store.records(BlocScoreRecord.self, subject: .bloc(bloc.id)) { latest["\(r.score.unit)\u{0}\(r.score.commitment)"] = r.score.points }
        return bloc.members.map { unit in
            let points = bloc.commitments.map { latest["\(unit)\u{0}\($0.id)"] }
            return Standing(unit: unit, points: points, total: points.reduce(0) { $0 + ($1 ?? 0) })
        }.sorted { ($1.total, $0.unit) < ($0.total, $1.unit) }
    }

    /// The leader already proposed, if any.
    public func leader(_ id: String) throws -> BlocLeader? {
        try store.records(BlocLeaderRecord.self, subject: .bloc(id.nfc)).last?.leader
    }

    /// Proposes the bloc's leader for its Cờ thi đua: refused while a member's sheet is
    /// incomplete, on a tie for first place, or when a leader was already proposed.
    @discardableResult
    public func proposeLeader(_ id: String, by actor: Actor, at time: Date) throws -> BlocLeader {
        let bloc = try bloc(id)
        try organiser(bloc, actor)
        if let earlier = try leader(id) {
            let unit = try label(earlier.unit)
            throw CouncilError.refused(vi: "khối \(bloc.id) đã đề nghị \(unit), \(earlier.total) điểm", en: "bloc \(bloc.id) already proposed \(unit), \(earlier.total) points")
        }
        let sheet = try standings(id)
        let missing = try sheet.filter { !$0.complete }.map { try label($0.unit) }
        guard missing.isEmpty else {
            throw CouncilError.refused(vi: "bảng điểm chưa đủ: \(missing.joined(separator: ", ")) chưa được chấm mọi nội dung giao ước",
                                       en: "the scoring sheet is incomplete: \(missing.joined(separator: ", ")) not scored on every commitment")
        }
        let top = sheet[0]
        let tied = try sheet.filter { $0.total == top.total }.map { try label($0.unit) }
        guard tied.count == 1 else {
            throw CouncilError.refused(vi: "\(tied.joined(separator: ", ")) cùng \(top.total) điểm; khối cần bình xét, suy tôn một đơn vị dẫn đầu",
                                       en: "\(tied.joined(separator: ", ")) tie on \(top.total) points; the bloc must choose one leader")
        }
        let leader = BlocLeader(unit: top.unit, award: bloc.award, total: top.total)
        _ = try store.write { tx in try tx.append(BlocLeaderRecord(blocID: bloc.id, leader: leader), actor: actor, at: time) }
        return leader
    }

    /// “Name (CODE)” of a unit the directory knows, else its code.
    private func label(_ code: String) throws -> String {
        guard let name = try Directory.load(from: store).unit(code)?.name else { return code }
        return "\(name) (\(code))"
    }

    private func organiser(_ bloc: EmulationBloc, _ actor: Actor) throws {
        guard actor.unit == bloc.organiser else {
            throw CouncilError.refused(vi: "chỉ \(bloc.organiser) (đơn vị tổ chức khối) chấm điểm và đề nghị được, không phải \(actor.unit)",
                                       en: "only \(bloc.organiser) (the bloc's organiser) may score and propose, not \(actor.unit)")
        }
    }
}
