import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension PublicationModel {
    /// Reads the store: dossiers under public notice (in a state tagged `notice`),
    /// `decision_issued` records (the newest record per decision number wins, so a correction
    /// is a new record), `revocation` records and revoked dossiers (tagged `revocation`).
    ///
    /// - Parameters:
    ///   - at: when the site is generated (shown on every page).
    ///   - signer: the publisher's key, which signs the store's checkpoint at that head.
    /// - Throws: `PublicationError.malformedRecord` naming the event and field; `StoreError`.
    public static func build(store: any EventLog, definitions: Definitions, at time: Date,
                             signer: (any CommitSigner)? = nil) throws -> PublicationModel {
        // One transaction: every list is read from the same state of the chain.
        try store.write { _ in
            let head = try store.head() ?? (0, StoredEvent.genesisHash)
            let notices = try noticeItems(store: store, definitions: definitions)
            let revocations = try revocationItems(store: store, definitions: definitions)
            var decisions = try decisionItems(store: store, definitions: definitions, revocations: revocations)
            decisions.sort { ($0.date, $0.number) > ($1.date, $1.number) }
            let checkpoint = try signer.map { k throws(StoreError) in try Checkpoint.make(store, signer: k, at: time) }
            return PublicationModel(generatedAt: time, headSeq: head.seq, headHash: head.hash, notices: notices,
                                    decisions: decisions, recipients: recipientItems(decisions), checkpoint: checkpoint,
                                    awardProofs: try checkpoint.map { c in try awardProofs(store: store, decisions: decisions, checkpoint: c) } ?? [])
        }
    }

    /// How many working days the notice lasts in `state` of `workflow`: the
    /// `minWorkingDaysInState` guard of the transition that leaves it (10 when none says).
    static func noticeWorkingDays(_ workflow: Workflow?, in state: String) -> Int {
        let leaving = workflow?.definition.transitions.filter { $0.from.contains(state) } ?? []
        for t in leaving {
            for g in t.guards where g.name == "minWorkingDaysInState" {
                if case .number(let n) = g.parameters["workingDays"] { return Int(n) }
            }
        }
        return 10
    }

    static func awardName(_ id: String, _ definitions: Definitions) -> LocalizedText {
        definitions.awards.award(id)?.name ?? LocalizedText(vi: id, en: id)
    }

    private static func noticeItems(store: any EventLog, definitions: Definitions) throws -> [NoticeItem] {
        try store.dossiers(tagged: .notice, in: definitions).map { d in
            let days = noticeWorkingDays(definitions.workflows[d.workflowID], in: d.state)
            let opened = CivilDate(d.enteredStateAt)
            let events = try store.events(dossierID: d.id)
            return NoticeItem(dossier: d.id, nomineeID: d.nominee.id, nomineeName: d.nominee.name, nomineeKind: d.nominee.kind.rawValue,
                              unit: d.proposerUnit, awardID: d.awardID, awardName: awardName(d.awardID, definitions), year: d.year,
                              noticeOpened: opened, commentDeadline: definitions.calendar.adding(workingDays: days, to: opened),
                              workingDays: days, comments: events.filter { $0.kind == .record && $0.event == Complaint.commentEvent }.count,
                              openComplaints: try Complaint.complaints(in: events).filter(\.isOpen).count)
        }.sorted { ($0.commentDeadline, $0.dossier) < ($1.commentDeadline, $1.dossier) }
    }

    /// Revocations by dossier id: the newest `revocation` record, or the transition into its
    /// state of a dossier in a state tagged `revocation` that has no record.
    private static func revocationItems(store: any EventLog, definitions: Definitions) throws -> [String: RevocationItem] {
        var out: [String: RevocationItem] = [:]
        for d in try store.dossiers(tagged: .revocation, in: definitions) {
            let last = try store.events(dossierID: d.id).last { $0.kind == .transition && $0.toState == d.state }
            out[d.id] = RevocationItem(ground: nil, groundText: last?.reason, amountVND: nil, decision: nil, revokedBy: last?.actor.description,
                                       date: CivilDate(last?.at ?? d.enteredStateAt))
        }
        for (e, r) in try PublicationError.reading({ () throws(StoreError) in try store.recordEvents(Revocation.self) }) {
            out[r.dossier] = RevocationItem(ground: r.ground, groundText: r.groundText, amountVND: r.amountVND, decision: r.decision,
                                            revokedBy: r.revokedBy, date: CivilDate(e.at))
        }
        return out
    }

    private static func decisionItems(store: any EventLog, definitions: Definitions,
                                      revocations: [String: RevocationItem]) throws -> [DecisionItem] {
        var byNumber: [String: DecisionItem] = [:]
        var usedSlugs: Set<String> = []
        for d in try PublicationError.reading({ () throws(StoreError) in try store.records(Decision.self) }) {
            let number = d.number, date = d.date
            var lines: [AwardLine] = []
            for c in d.recipients {
                lines.append(AwardLine(decision: number, decisionDate: date, dossier: c.dossier, nomineeID: c.nomineeID,
                                       nomineeName: c.nomineeName, nomineeKind: c.nomineeKind.rawValue,
                                       unit: c.unit, awardID: c.award, awardName: awardName(c.award, definitions),
                                       year: c.year, amountVND: c.amountVND, multiplier: c.multiplier,
                                       baseSalaryVND: c.baseSalaryVND, revocation: revocations[c.dossier]))
            }
            let previousSlug = byNumber[number]?.slug
            var slug = previousSlug ?? "decision-" + Text.slug(number)
            if previousSlug == nil {
                var n = 2
                while usedSlugs.contains(slug) { slug = "decision-\(Text.slug(number))-\(n)"; n += 1 }
                usedSlugs.insert(slug)
            }
            byNumber[number] = DecisionItem(number: number, date: date, signer: d.signer, level: d.level,
                                            authority: d.authority, recipients: lines, slug: slug)
        }
        return Array(byNumber.values)
    }

    /// The verification file of every award in force (not revoked) of `decisions`, proven
    /// against `checkpoint` with the store's Merkle tree at its size.
    private static func awardProofs(store: any EventLog, decisions: [DecisionItem], checkpoint: Checkpoint) throws -> [AwardProof] {
        let lines = decisions.flatMap(\.recipients).filter { $0.revocation == nil }
        guard !lines.isEmpty, checkpoint.root != nil else { return [] }
        var newest: [String: (event: StoredEvent, record: Decision)] = [:]
        for pair in try PublicationError.reading({ () throws(StoreError) in try store.recordEvents(Decision.self) }) {
            newest[pair.record.number] = pair
        }
        let tree = try store.merkleTree(size: checkpoint.eventCount)
        var out: [AwardProof] = []
        for line in lines {
            guard let decision = newest[line.decision] else { continue }
            let ballot = try PublicationError.reading({ () throws(StoreError) in
                try store.recordEvents(BallotRecord.self, subject: .dossier(line.dossier)).last
            })
            let facts = try store.records(named: NomineeFactsRecord.kind, subject: RecordSubject.dossier(line.dossier).stored).last
            if let proof = AwardProof.build(line: line, decision: decision.record, decisionEvent: decision.event, ballot: ballot,
                                            facts: facts, checkpoint: checkpoint, tree: tree) {
                out.append(proof)
            }
        }
        return out
    }

    private static func recipientItems(_ decisions: [DecisionItem]) -> [RecipientItem] {
        var byID: [String: RecipientItem] = [:]
        for line in decisions.flatMap(\.recipients) {
            if var item = byID[line.nomineeID] {
                item.awards.append(line)
                byID[line.nomineeID] = item
            } else {
                byID[line.nomineeID] = RecipientItem(nomineeID: line.nomineeID, name: line.nomineeName, kind: line.nomineeKind,
                                                     unit: line.unit, awards: [line], slug: "", searchKey: Text.searchKey(line.nomineeName))
            }
        }
        var items = byID.values.sorted { ($0.searchKey, $0.nomineeID) < ($1.searchKey, $1.nomineeID) }
        var used: Set<String> = []
        for i in items.indices {
            var slug = "recipient-" + Text.slug(items[i].name), n = 2
            while used.contains(slug) { slug = "recipient-\(Text.slug(items[i].name))-\(n)"; n += 1 }
            used.insert(slug)
            items[i].slug = slug
            items[i].awards.sort { ($0.decisionDate, $0.decision) > ($1.decisionDate, $1.decision) }
        }
        return items
    }
}
