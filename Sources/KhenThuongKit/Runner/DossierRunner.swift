import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What a proposer gives to open a dossier.
public struct NewDossier: Sendable, Equatable {
    /// Dossier id; `nil` lets the runner number it `<proposing unit>-<year>-<nnnnnn>`.
    public var id: String?
    public var awardID: String
    public var year: Int
    public var nominee: Nominee
    public var proposerUnit: String
    public var addresseeUnit: String
    public var documents: [String]
    public var dueDate: CivilDate?
    /// The achievement period and proposal year when they are more than `year` alone (a
    /// proposal in 2025 for 2020–2024); its last year is `year`.
    public var period: AchievementPeriod?

    public init(id: String? = nil, awardID: String, year: Int, nominee: Nominee, proposerUnit: String,
                addresseeUnit: String, documents: [String] = [], dueDate: CivilDate? = nil, period: AchievementPeriod? = nil) {
        self.id = id
        self.awardID = awardID
        self.year = year
        self.nominee = nominee
        self.proposerUnit = proposerUnit
        self.addresseeUnit = addresseeUnit
        self.documents = documents
        self.dueDate = dueDate
        self.period = period
    }
}

/// Why the runner did not record anything.
public enum RunnerError: Error, Sendable {
    /// No dossier with this id in the store.
    case unknownDossier(String)
    /// The award id is not in `awards.json`.
    case unknownAward(String, known: [String])
    /// The workflow refused the event.
    case refused(Refusal, workflow: Workflow)
    /// The dossier cannot be opened as asked (wrong role, unit, nominee…).
    case creationRefused(LocalizedText)
    /// A document id given (`--attach`) that the workflow does not define: a typing mistake,
    /// not a workflow refusal.
    case unknownDocument(String, workflow: String, known: [String])
    /// The dossier's workflow (or version) is no longer among the definitions.
    case workflowMissing(dossier: String, workflow: String, version: String)
    /// The eligibility guard stopped the event (see ``EligibilityGuard``).
    case ineligible(EligibilityRefusal)
    /// Facts recorded on a dossier cannot be used (unreadable, about another nominee or another
    /// kind of nominee).
    case facts(LocalizedText)
    /// One achievement, one award: a duplicate dossier, an award already held or pending in
    /// another dossier, an initiative already counted by another award (the other is named).
    case oneAward(LocalizedText)

    /// What is wrong and how to fix it.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .unknownDossier(let id):
            return vi ? "không có hồ sơ \(id) trong kho; xem danh sách bằng `khenthuong dossier list`"
                      : "there is no dossier \(id) in the store; list them with `khenthuong dossier list`"
        case .unknownAward(let id, let known):
            return vi ? "không có danh hiệu “\(id)”; các danh hiệu: \(known.joined(separator: ", "))"
                      : "there is no award “\(id)”; known awards: \(known.joined(separator: ", "))"
        case .refused(let r, let wf):
            return r.message(language, workflow: wf)
        case .creationRefused(let text):
            return text[language]
        case .unknownDocument(let doc, let workflow, let known):
            return vi ? "tài liệu “\(doc)” không có trong quy trình \(workflow); các tài liệu: \(known.joined(separator: ", "))"
                      : "document “\(doc)” is not part of workflow \(workflow); documents: \(known.joined(separator: ", "))"
        case .ineligible(let refusal):
            return refusal.message(language)
        case .facts(let text), .oneAward(let text):
            return text[language]
        case .workflowMissing(let d, let w, let v):
            return vi ? "hồ sơ \(d) chạy theo quy trình \(w) phiên bản \(v), không còn trong thư mục định nghĩa; khôi phục tệp định nghĩa đó"
                      : "dossier \(d) runs under workflow \(w) version \(v), which is no longer among the definitions; restore that definition file"
        }
    }
}

/// Runs the pure machine against the store: every call is one atomic store transaction in
/// which the dossier is read, the machine decides, and the event and projection are written.
public struct DossierRunner {
    public let definitions: Definitions
    public let store: any EventLog
    /// When set, the events it guards (submission) run the nominee's eligibility first.
    public var eligibility: EligibilityGuard?

    public init(definitions: Definitions, store: any EventLog, eligibility: EligibilityGuard? = nil) {
        self.definitions = definitions
        self.store = store
        self.eligibility = eligibility
    }

    /// Opens a dossier in its workflow's initial state.
    /// - Throws: `RunnerError` when the award, role, unit, nominee or documents are wrong;
    ///   `StoreError` when the store fails. Nothing is written then.
    @discardableResult
    public func create(_ new: NewDossier, by actor: Actor, at time: Date) throws -> Dossier {
        guard let award = definitions.awards.award(new.awardID) else {
            throw RunnerError.unknownAward(new.awardID, known: definitions.awards.awards.map(\.id))
        }
        guard let workflow = definitions.workflows[award.workflow] else {
            throw RunnerError.unknownAward(new.awardID, known: definitions.awards.awards.map(\.id))
        }
        try Self.checkCreation(new, award: award, workflow: workflow, actor: actor)
        return try store.write { tx in
            try refuseDuplicate(of: new, in: tx.store)
            let id = try new.id ?? Self.newID(unit: new.proposerUnit, year: new.year, after: try tx.dossierCount(), in: tx)
            var dossier = Dossier(id: id, workflowID: workflow.id, workflowVersion: workflow.version, awardID: award.id,
                                  year: new.year, nominee: new.nominee, proposerUnit: new.proposerUnit,
                                  addresseeUnit: new.addresseeUnit, initialState: workflow.initialState,
                                  documents: new.documents, dueDate: new.dueDate, createdAt: time)
            if let period = new.period { dossier.setAchievementPeriod(period) }
            _ = try tx.append(created: dossier, actor: actor, at: time, reason: nil)
            return dossier
        }
    }

    /// A new dossier's id, unique across every store of the hierarchy: the proposing unit's code
    /// (unique in the directory), the year and a counter (`CDCS-DHBK-2025-000007`); the counter
    /// starts after the store's dossier count and skips ids already taken.
    static func newID(unit: String, year: Int, after count: Int, in tx: StoreTransaction) throws -> String {
        var n = count + 1
        while true {
            let id = unit + "-" + String(format: "%04d-%06d", year, n)
            if try tx.dossier(id) == nil { return id }
            n += 1
        }
    }

    static func checkCreation(_ new: NewDossier, award: AwardDefinition, workflow: Workflow, actor: Actor) throws {
        let d = workflow.definition
        guard d.role(actor.role)?.side == .proposer else {
            let roles = d.roles.filter { $0.side == .proposer }.map(\.id).joined(separator: ", ")
            throw RunnerError.creationRefused(.init(vi: "vai trò “\(actor.role)” không được lập hồ sơ; vai trò được lập: \(roles)",
                                                    en: "role “\(actor.role)” may not open dossiers; roles that may: \(roles)"))
        }
        guard actor.unit == new.proposerUnit else {
            throw RunnerError.creationRefused(.init(vi: "đơn vị \(actor.unit) chỉ được lập hồ sơ do chính mình đề nghị, không phải cho \(new.proposerUnit)",
                                                    en: "unit \(actor.unit) may open dossiers only as their proposer, not for \(new.proposerUnit)"))
        }
        guard actor.user != new.nominee.id else {
            throw RunnerError.creationRefused(.init(vi: "người được đề nghị (\(actor.user)) không được tự lập hồ sơ cho mình",
                                                    en: "the nominee (\(actor.user)) may not open a dossier for themselves"))
        }
        guard new.nominee.kind == award.subject else {
            throw RunnerError.creationRefused(.init(vi: "danh hiệu “\(award.name.vi)” dành cho \(award.subject == .individual ? "cá nhân" : "tập thể"); hãy chọn đúng loại đối tượng",
                                                    en: "the award “\(award.name.en)” is for \(award.subject == .individual ? "individuals" : "collectives"); give the right kind of nominee"))
        }
        guard (1945...2100).contains(new.year) else {
            throw RunnerError.creationRefused(.init(vi: "năm \(new.year) không hợp lệ; ghi năm tính thành tích, ví dụ 2025",
                                                    en: "the year \(new.year) is not valid; give the achievement year, for example 2025"))
        }
        if let id = new.id, StoredEvent.isOtherSubject(id) {
            throw RunnerError.creationRefused(.init(vi: "mã hồ sơ “\(id)” không được chứa dấu “:” (dành cho mã hội đồng, phong trào…); hãy bỏ dấu đó",
                                                    en: "the dossier id “\(id)” may not contain “:” (kept for councils, movements…); remove it"))
        }
        guard !new.nominee.name.trimmingCharacters(in: .whitespaces).isEmpty, !new.nominee.id.isEmpty else {
            throw RunnerError.creationRefused(.init(vi: "thiếu mã hoặc họ tên người được đề nghị", en: "the nominee's id or name is missing"))
        }
        try checkDocuments(new.documents, workflow: workflow)
    }

    static func checkDocuments(_ documents: [String], workflow: Workflow) throws {
        let known = workflow.definition.documents.map(\.id)
        for doc in documents where !known.contains(doc) {
            throw RunnerError.unknownDocument(doc, workflow: workflow.id, known: known)
        }
    }

    /// Fires `request` on dossier `id`.
    /// - Returns: the dossier after the transition.
    /// - Throws: `RunnerError.refused` with the machine's refusal (nothing written), or
    ///   another `RunnerError` / `StoreError`.
    @discardableResult
    public func act(on id: String, _ request: EventRequest, by actor: Actor, at time: Date) throws -> (Dossier, Transition) {
        let outcome = try act(on: id, request, by: actor, at: time, override: nil)
        return (outcome.dossier, outcome.transition)
    }

    /// Fires `request` on dossier `id`; when ``eligibility`` guards the event, the guard runs
    /// after the machine allows it, and its verdict (and any override) is recorded in the same
    /// transaction, before the transition.
    /// - Throws: `RunnerError.refused` (the machine), `RunnerError.ineligible` (the guard), or
    ///   another `RunnerError` / `StoreError`. Nothing is written then.
    public func act(on id: String, _ request: EventRequest, by actor: Actor, at time: Date,
                    override: EligibilityOverride?) throws -> ActOutcome {
        try store.write { tx in
            guard let dossier = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
            // A document with an attached file (`dossier attach`) counts as attached with the
            // event: read from the dossier's events, which `tx.dossier` has just read.
            var request = request
            for doc in try attachedDocuments(dossier, events: tx.store.events(dossierID: id)) where !request.attach.contains(doc) {
                request.attach.append(doc)
            }
            return try act(in: &tx, on: dossier, request, by: actor, at: time, override: override)
        }
    }

    /// The workflow a stored dossier runs under.
    public func workflow(of dossier: Dossier) throws -> Workflow {
        guard let wf = definitions.workflows[dossier.workflowID], wf.version == dossier.workflowVersion else {
            throw RunnerError.workflowMissing(dossier: dossier.id, workflow: dossier.workflowID, version: dossier.workflowVersion)
        }
        return wf
    }
}

extension DossierRunner {
    /// Fires `request` on `dossier` inside an open transaction, so a command can record other
    /// facts with the transition atomically.
    /// - Throws: `RunnerError.refused` with the machine's refusal, or a `StoreError`.
    public func act(in tx: inout StoreTransaction, on dossier: Dossier, _ request: EventRequest, by actor: Actor,
                    at time: Date) throws -> (Dossier, Transition) {
        let outcome = try act(in: &tx, on: dossier, request, by: actor, at: time, override: nil)
        return (outcome.dossier, outcome.transition)
    }

    /// The one path every event takes: documents named by the request, the pure machine, the
    /// eligibility guard when it covers the event (its verdict and any override recorded before
    /// the transition), then the transition and the projection.
    func act(in tx: inout StoreTransaction, on dossier: Dossier, _ request: EventRequest, by actor: Actor,
             at time: Date, override: EligibilityOverride?) throws -> ActOutcome {
        let workflow = try self.workflow(of: dossier)
        try Self.checkDocuments(request.attach, workflow: workflow)
        let transition: Transition
        do {
            transition = try DossierMachine.transition(dossier, request, by: actor, at: time, in: workflow, context: definitions.context)
        } catch {
            throw RunnerError.refused(error, workflow: workflow)
        }
        if try isSubmission(transition, of: dossier) {
            let facts = try guardFacts(dossier, in: tx.store)
            try checkOneAward(dossier, facts: facts?.0, asOf: CivilDate(time), in: tx.store)
        }
        let check = try guardEligibility(dossier, request, override: override, by: actor, at: time, &tx)
        let next = dossier.applying(transition, at: time)
        try tx.appendTransition(transition, to: next, actor: actor, at: time, reason: request.reason)
        return ActOutcome(dossier: next, transition: transition, eligibility: check)
    }
}
