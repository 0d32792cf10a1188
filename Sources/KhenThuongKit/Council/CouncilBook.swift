import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Councils, their sessions and their votes, kept as records in the store's chain.
/// Every writing call is one store transaction: all of it is recorded, or nothing.
public struct CouncilBook {
    public let runner: DossierRunner
    package var store: any EventLog { runner.store }
    var definitions: Definitions { runner.definitions }

    public init(runner: DossierRunner) { self.runner = runner }

    // MARK: Councils

    /// Records `council` (`council_defined`, subject `council:<id>`).
    @discardableResult
    public func define(_ council: Council, by actor: Actor, at time: Date) throws -> StoredEvent {
        guard actor.unit == council.unit else {
            throw CouncilError.refused(vi: "đơn vị \(actor.unit) không được lập hội đồng của \(council.unit)",
                                       en: "unit \(actor.unit) may not define the council of \(council.unit)")
        }
        // A misspelt id would make every passing vote on that award a proposal upward.
        if let unknown = council.decides.first(where: { definitions.awards.award($0) == nil }) {
            let known = definitions.awards.awards.map(\.id).joined(separator: ", ")
            throw CouncilError.data(vi: "decides: không có danh hiệu “\(unknown)” trong workflows/awards.json; các mã: \(known)",
                                    en: "decides: there is no award “\(unknown)” in workflows/awards.json; ids: \(known)")
        }
        return try store.write { tx in
            try tx.append(council, actor: actor, at: time)
        }
    }

    /// Every council, as last defined.
    public func councils() throws -> [Council] {
        var byID: [String: Council] = [:]
        var order: [String] = []
        for c in try store.records(Council.self) {
            if byID[c.id] == nil { order.append(c.id) }
            byID[c.id] = c
        }
        return order.compactMap { byID[$0] }
    }

    public func council(_ id: String) throws -> Council {
        let all = try councils()
        guard let c = all.first(where: { $0.id == id.nfc }) else {
            throw CouncilError.data(vi: "không có hội đồng “\(id)”; các hội đồng: \(all.map(\.id).joined(separator: ", ")); tạo bằng `khenthuong council create FILE`",
                                    en: "there is no council “\(id)”; councils: \(all.map(\.id).joined(separator: ", ")); define one with `khenthuong council create FILE`")
        }
        return c
    }

    // MARK: Sessions

    public func sessions() throws -> [CouncilSession] {
        try store.records(CouncilSession.self)
    }

    public func session(_ id: String) throws -> CouncilSession {
        guard let s = try sessions().last(where: { $0.id == id.nfc }) else {
            throw CouncilError.data(vi: "không có phiên họp “\(id)”; mở phiên bằng `khenthuong council session open`",
                                    en: "there is no session “\(id)”; open one with `khenthuong council session open`")
        }
        return s
    }

    /// Opens a session: refuses it without a quorum, and refuses any agenda dossier that is not
    /// in council review before this council, or whose public notice ran fewer working days
    /// before `date` than the council's `noticeWorkingDays`.
    @discardableResult
    public func openSession(id: String, council councilID: String, date: CivilDate, present: [String], agenda: [String],
                            secretary: String? = nil, tellers: [String]? = nil,
                            by actor: Actor, at time: Date) throws -> CouncilSession {
        let council = try council(councilID)
        guard actor.unit == council.unit else {
            throw CouncilError.refused(vi: "đơn vị \(actor.unit) không được mở phiên họp của hội đồng \(council.id) (\(council.unit))",
                                       en: "unit \(actor.unit) may not open a session of council \(council.id) (\(council.unit))")
        }
        if try sessions().contains(where: { $0.id == id.nfc }) {
            throw CouncilError.data(vi: "phiên họp “\(id)” đã có; đặt số biên bản khác bằng --id", en: "session “\(id)” already exists; give another number with --id")
        }
        for m in present where council.member(m) == nil {
            throw CouncilError.data(vi: "“\(m)” không phải thành viên hội đồng \(council.id); thành viên: \(council.members.map(\.id).joined(separator: ", "))",
                                    en: "“\(m)” is not a member of council \(council.id); members: \(council.members.map(\.id).joined(separator: ", "))")
        }
        let attending = council.members.map(\.id).filter { present.contains($0) }
        guard council.hasQuorum(present: attending.count) else {
            throw CouncilError.refused(vi: "không đủ số lượng: \(attending.count)/\(council.members.count) thành viên có mặt, cần ít nhất \(council.quorumMinimum) (\(council.quorumNumerator)/\(council.quorumDenominator); \(council.quorumSource))",
                                       en: "no quorum: \(attending.count)/\(council.members.count) members present, at least \(council.quorumMinimum) needed (\(council.quorumNumerator)/\(council.quorumDenominator); \(council.quorumSource))")
        }
        guard !agenda.isEmpty else {
            throw CouncilError.data(vi: "chương trình họp trống; nêu các hồ sơ bằng --agenda", en: "the agenda is empty; list the dossiers with --agenda")
        }
        var problems: [String] = [], problemsEn: [String] = []
        for d in agenda {
            guard let dossier = try store.dossier(d) else { throw RunnerError.unknownDossier(d) }
            let workflow = definitions.workflows[dossier.workflowID]
            if workflow?.state(dossier.state, isTagged: .council) != true {
                let review = workflow?.state(tagged: .council) ?? "(\(StateTag.council))"
                problems.append("\(d): đang ở trạng thái \(dossier.state), không phải \(review)")
                problemsEn.append("\(d): in state \(dossier.state), not \(review)")
            } else if dossier.addresseeUnit != council.unit {
                problems.append("\(d): gửi \(dossier.addresseeUnit), không phải \(council.unit)")
                problemsEn.append("\(d): addressed to \(dossier.addresseeUnit), not \(council.unit)")
            } else if definitions.awards.award(dossier.awardID)?.publicNotice == true {
                // When the notice began: a resume after a deferral restores the original entry
                // (its `resumeClock` effect), as the workflow's own notice guard counts it.
                let entry = try store.events(dossierID: d).last { $0.kind == .transition && workflow?.state($0.toState, isTagged: .notice) == true }
                let began: Date? = try entry.map { e throws(StoreError) in
                    for case .resumeClock(let original) in try e.transition().effects { return original }
                    return e.at
                }
                let days = began.map { definitions.calendar.workingDays(after: CivilDate($0), through: date) } ?? 0
                if let year = began.flatMap({ definitions.calendar.refusedYear(from: CivilDate($0), through: date) }) {
                    problems.append("\(d): ngày nghỉ năm \(year) chưa được xác nhận trong workflows/calendar.json, không đếm được ngày công khai")
                    problemsEn.append("\(d): the days off of \(year) are not confirmed in workflows/calendar.json, so the notice's working days cannot be counted")
                } else if days < council.noticeWorkingDays {
                    let from = began.map { CivilDate($0) }
                    problems.append("\(d): công khai từ \(from?.vietnamese ?? "—") mới \(days) ngày làm việc trước phiên họp, cần ít nhất \(council.noticeWorkingDays) (\(council.noticeSource))")
                    problemsEn.append("\(d): public notice from \(from?.description ?? "—") ran only \(days) working days before the session, at least \(council.noticeWorkingDays) needed (\(council.noticeSource))")
                }
            }
        }
        if !problems.isEmpty {
            throw CouncilError.refused(vi: "không đưa vào chương trình họp được:\n  - " + problems.joined(separator: "\n  - "),
                                       en: "cannot put on the agenda:\n  - " + problemsEn.joined(separator: "\n  - "))
        }
        var session = CouncilSession(id: id.nfc, councilID: council.id, date: date, present: attending,
                                     absent: council.members.map(\.id).filter { !attending.contains($0) }, agenda: agenda)
        // The minutes' secretary and the ban kiểm phiếu: named for this session, else the
        // council's standing ones (its tellers who are present).
        let standingSecretary = council.secretaryTitle.isEmpty ? council.secretaryName : "\(council.secretaryName), \(council.secretaryTitle)"
        session.secretary = (secretary?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0.nfc } ?? standingSecretary
        if let tellers {
            for t in tellers where !attending.contains(t.nfc) {
                throw CouncilError.data(vi: "--tellers: “\(t)” không phải thành viên có mặt của hội đồng \(council.id); ban kiểm phiếu bầu trong số thành viên có mặt",
                                        en: "--tellers: “\(t)” is not a member of council \(council.id) present; the tellers are elected from the members present")
            }
            session.tellers = tellers.map(\.nfc)
        } else {
            session.tellers = council.tellers.filter { attending.contains($0) }
        }
        _ = try store.write { tx in
            try tx.append(session, actor: actor, at: time)
        }
        return try self.session(session.id)
    }

    // MARK: Votes

    /// The secret-ballot result of `dossierID` in `sessionID`: fires `approve` (the council's
    /// level decides the award: its `decides` list names it and the directory's hierarchy puts
    /// it within the unit's power, ``Directory/mayDecide(_:unit:)``), `propose_upward` (a higher
    /// level does) or `reject` through the
    /// machine with the tally, and records `ballot_count` on the dossier in the same transaction.
    @discardableResult
    public func vote(session sessionID: String, dossier dossierID: String, yes: Int, no: Int, invalid: Int, writtenAbsent: Int,
                     by actor: Actor, at time: Date) throws -> (BallotRecord, Dossier) {
        let session = try session(sessionID)
        guard session.agenda.contains(dossierID) else {
            throw CouncilError.refused(vi: "hồ sơ \(dossierID) không có trong chương trình phiên \(session.id): \(session.agenda.joined(separator: ", "))",
                                       en: "dossier \(dossierID) is not on the agenda of session \(session.id): \(session.agenda.joined(separator: ", "))")
        }
        if let earlier = try ballots(session: session).first(where: { $0.dossier == dossierID }) {
            throw CouncilError.refused(vi: "hồ sơ \(dossierID) đã được biểu quyết trong phiên \(session.id) (\(earlier.outcome)); kết quả không sửa được",
                                       en: "dossier \(dossierID) was already voted on in session \(session.id) (\(earlier.outcome)); a result cannot be changed")
        }
        let council = try council(session.councilID)
        // The hierarchy bounds the council's own list: an award above its unit's power is
        // proposed upward even if `decides` names it (a store without a directory keeps the list).
        let directory = try Directory.load(from: store)
        return try store.write { tx in
            guard let dossier = try tx.dossier(dossierID) else { throw RunnerError.unknownDossier(dossierID) }
            guard let award = definitions.awards.award(dossier.awardID) else {
                throw RunnerError.unknownAward(dossier.awardID, known: definitions.awards.awards.map(\.id))
            }
            let count = try BallotCount.count(council: council, present: session.present, dossier: dossier, award: award,
                                              yes: yes, no: no, invalid: invalid, writtenAbsent: writtenAbsent)
            let decides = council.decides.contains(award.id) && directory.mayDecide(award, unit: council.unit) != false
            let event = count.passed ? (decides ? "approve" : "propose_upward") : "reject"
            let request = EventRequest(event: event, via: .council, reason: count.passed ? nil : count.shortfall.vi, tally: count.tally)
            let (after, _) = try runner.act(in: &tx, on: dossier, request, by: actor, at: time)
            let record = BallotRecord(session: session.id, council: council.id, dossier: dossierID, count: count, outcome: event)
            try tx.append(record, actor: actor, at: time)
            return (record, after)
        }
    }

    /// The ballots recorded for `session`'s agenda, in agenda order.
    /// The minutes of session `id` in `language`: the council, the session, its ballots and the
    /// dossiers on its agenda as they stand now.
    public func minutes(_ id: String, language: Language) throws -> Minutes {
        let session = try self.session(id)
        return Minutes(council: try council(session.councilID), session: session, ballots: try ballots(session: session),
                       dossiers: try session.agenda.compactMap { try runner.store.dossier($0) }, awards: runner.definitions.awards,
                       language: language)
    }

    public func ballots(session: CouncilSession) throws -> [BallotRecord] {
        let all = try store.records(BallotRecord.self).filter { $0.session == session.id }
        return session.agenda.compactMap { d in all.last { $0.dossier == d } }
    }
}
