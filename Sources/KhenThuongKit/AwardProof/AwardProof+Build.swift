import Foundation
import KhenThuongCore
import KhenThuongStore

extension AwardProof {
    /// The verification file of the award `line` of decision `number`, proven against
    /// `checkpoint` (which must carry a Merkle root) with `tree`, the store's Merkle tree at
    /// the checkpoint's size.
    ///
    /// - Parameters:
    ///   - decisionEvent: the `decision_issued` event the line was read from.
    ///   - ballot: the dossier's newest `ballot_count` event, if any.
    ///   - facts: the dossier's newest `nominee_facts` event, if any.
    /// - Returns: `nil` when an event lies beyond the checkpoint.
    static func build(line: AwardLine, decision: Decision, decisionEvent: StoredEvent, ballot: (event: StoredEvent, record: BallotRecord)?,
                      facts: StoredEvent?, checkpoint: Checkpoint, tree: MerkleTree) -> AwardProof? {
        let size = Int(checkpoint.eventCount)
        func proven(_ role: String, _ e: StoredEvent) -> ProvenEvent? {
            guard e.seq >= 1, e.seq <= checkpoint.eventCount else { return nil }
            return ProvenEvent(role: role, event: e, path: tree.inclusionProof(index: Int(e.seq - 1), size: size))
        }
        guard let d = proven("decision", decisionEvent) else { return nil }
        var events = [d]
        if let ballot, let b = proven("ballot", ballot.event) { events.append(b) }
        if let facts, let f = proven("facts", facts) { events.append(f) }
        let votes = ballot.map { Votes(count: $0.record) }
        let shownFacts = facts.flatMap { Self.facts(payload: $0.payload) }
        let claim = Claim(decision: decision.number, decisionDate: decision.date.description, authority: decision.authority,
                          level: decision.level, signer: decision.signer, dossier: line.dossier, recipient: line.nomineeName,
                          recipientKind: line.nomineeKind, unit: line.unit, award: line.awardID, year: line.year,
                          amountVND: line.amountVND, votes: events.contains { $0.role == "ballot" } ? votes : nil,
                          facts: events.contains { $0.role == "facts" } ? shownFacts : nil)
        return AwardProof(format: formatName, award: claim, events: events, checkpoint: checkpoint.text)
    }

    /// The facts of a `nominee_facts` payload as sorted `path = value` lines.
    static func facts(payload: String) -> [String]? {
        guard let value = try? JSONParser.parseVerbatim(payload), case .object(let members) = value,
              let nominee = members.first(where: { $0.key == "nominee" })?.value.value else { return nil }
        var out: [String] = []
        func walk(_ v: JSONValue, _ path: String) {
            switch v {
            case .null: out.append("\(path) = null")
            case .bool(let b): out.append("\(path) = \(b)")
            case .number(let n): out.append("\(path) = \(NumberText.exact(n))")
            case .string(let s): out.append("\(path) = \(s)")
            case .array(let items): for (i, item) in items.enumerated() { walk(item.value, "\(path)[\(i)]") }
            case .object(let ms): for m in ms { walk(m.value.value, path.isEmpty ? m.key : "\(path).\(m.key)") }
            }
        }
        walk(nominee, "")
        return out.sorted()
    }
}

extension AwardProof.Votes {
    init(count r: BallotRecord) {
        self.init(members: r.count.tally.members, present: r.count.tally.present, yes: r.count.tally.yes, no: r.count.tally.no,
                  invalid: r.count.tally.invalid, percent: r.count.percent, base: r.count.base, passed: r.count.passed, outcome: r.outcome)
    }
}
