import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Decisions and revocations, kept as records in the chain next to the workflow events.
///
/// Issuing a decision **publishes** each dossier it covers: in one transaction it fires the
/// workflow's `publish` event (from the state tagged `decision` to the one tagged `awarded`,
/// role `signer` of the addressee unit) on every dossier and records `decision_issued`. A
/// decision is never issued for part of its list.
public struct DecisionBook {
    public let runner: DossierRunner
    package var store: any EventLog { runner.store }

    public init(runner: DossierRunner) { self.runner = runner }

    public func decisions() throws -> [Decision] {
        try store.records(Decision.self)
    }

    public func decision(_ number: String) throws -> Decision {
        guard let d = try decisions().first(where: { $0.number == number.nfc }) else {
            throw CouncilError.data(vi: "không có quyết định số \(number); xem danh sách bằng `khenthuong decision list`",
                                    en: "there is no decision number \(number); list them with `khenthuong decision list`")
        }
        return d
    }

    /// Issues decision `number` for `dossiers` (all approved, addressed to the actor's unit).
    /// - Parameter authority: the signing body; `nil` takes the authority of the council of the actor's unit.
    @discardableResult
    public func issue(number: String, date: CivilDate, signer: String, authority: String?, dossiers: [String],
                      money: RewardMoney, by actor: Actor, at time: Date) throws -> Decision {
        let number = number.nfc
        guard !number.isEmpty, !dossiers.isEmpty else {
            throw CouncilError.data(vi: "cần số quyết định và ít nhất một hồ sơ", en: "a decision number and at least one dossier are needed")
        }
        // A decision is printed and published as issued: a blank number, signer or authority
        // could never be corrected, since the number cannot be issued again.
        for (option, value) in [("--number", number), ("--signer", signer), ("--authority", authority ?? "x")]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CouncilError.data(vi: "\(option) để trống; ghi rõ nội dung in trên quyết định", en: "\(option) is blank; give what the decision will print")
        }
        if try decisions().contains(where: { $0.number == number }) {
            throw CouncilError.data(vi: "quyết định số \(number) đã ban hành; sửa sai bằng một quyết định mới", en: "decision \(number) was already issued; correct it with a new decision")
        }
        let issuer = try authority?.nfc ?? CouncilBook(runner: runner).councils().last { $0.unit == actor.unit }?.authority.vi
        guard let issuer else {
            throw CouncilError.data(vi: "không biết cơ quan ban hành của \(actor.unit); ghi bằng --authority", en: "the issuing body of \(actor.unit) is unknown; give it with --authority")
        }
        var problems: [String] = [], problemsEn: [String] = []
        for id in dossiers {
            guard let d = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            let wf = runner.definitions.workflows[d.workflowID]
            if wf?.state(d.state, isTagged: .decision) != true {
                let vi = wf?.stateLabel(d.state, .vi) ?? d.state, en = wf?.stateLabel(d.state, .en) ?? d.state
                problems.append("\(id): đang ở trạng thái “\(vi)” (\(d.state)); chỉ hồ sơ đã được Hội đồng thông qua (\(wf?.state(tagged: .decision) ?? "\(StateTag.decision)")) mới được quyết định")
                problemsEn.append("\(id): in state “\(en)” (\(d.state)); only dossiers the council approved may be decided")
            }
        }
        if !problems.isEmpty {
            throw CouncilError.refused(vi: "không ban hành được quyết định \(number):\n  - " + problems.joined(separator: "\n  - "),
                                       en: "cannot issue decision \(number):\n  - " + problemsEn.joined(separator: "\n  - "))
        }
        return try store.write { tx in
            var recipients: [Decision.Recipient] = []
            for id in dossiers {
                guard let d = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
                let amount = try money.amount(award: d.awardID, on: date)
                _ = try runner.act(in: &tx, on: d, EventRequest(event: "publish", via: .decision, reason: "Quyết định số \(number) ngày \(date.vietnamese)"), by: actor, at: time)
                recipients.append(Decision.Recipient(dossier: d.id, nomineeID: d.nominee.id, nomineeName: d.nominee.name, nomineeKind: d.nominee.kind,
                                                     unit: d.proposerUnit, award: d.awardID, year: d.year, amountVND: amount.amountVND,
                                                     multiplier: amount.multiplier, baseSalaryVND: amount.baseSalaryVND,
                                                     periodFrom: d.periodFrom, proposalYear: d.proposalYear))
            }
            let decision = Decision(number: number, date: date, signer: signer.nfc, level: actor.unit, authority: issuer, recipients: recipients)
            try tx.append(decision, actor: actor, at: time)
            return decision
        }
    }

    /// Revokes `dossierID`'s award under decision `number`: only the level that issued it may,
    /// firing the workflow's `revoke` and recording `revocation` in the same transaction.
    @discardableResult
    public func revoke(dossier dossierID: String, ground: String, amountVND: Int, reason: String, decision number: String,
                       grounds: RevocationGrounds, by actor: Actor, at time: Date) throws -> Revocation {
        let text = try grounds.text(ground)
        let decision = try decision(number)
        guard let recipient = decision.recipients.first(where: { $0.dossier == dossierID }) else {
            throw CouncilError.data(vi: "quyết định \(number) không khen thưởng hồ sơ \(dossierID)", en: "decision \(number) does not cover dossier \(dossierID)")
        }
        guard actor.unit == decision.level else {
            throw CouncilError.refused(vi: "chỉ cấp đã quyết định (\(decision.level)) được hủy bỏ quyết định \(number), không phải \(actor.unit)",
                                       en: "only the deciding level (\(decision.level)) may revoke decision \(number), not \(actor.unit)")
        }
        guard amountVND >= 0, amountVND <= recipient.amountVND else {
            throw CouncilError.data(vi: "--amount phải từ 0 đến \(recipient.amountVND) đồng (số tiền đã thưởng)",
                                    en: "--amount must be between 0 and \(recipient.amountVND) VND (the amount awarded)")
        }
        let revocation = Revocation(dossier: dossierID, ground: ground, groundText: text.vi, amountVND: amountVND, decision: number,
                                    revokedBy: actor.description)
        return try store.write { tx in
            guard let d = try tx.dossier(dossierID) else { throw RunnerError.unknownDossier(dossierID) }
            _ = try runner.act(in: &tx, on: d, EventRequest(event: "revoke", via: .decision, reason: reason.nfc), by: actor, at: time)
            try tx.append(revocation, actor: actor, at: time, reason: reason.nfc)
            return revocation
        }
    }

    public func revocations() throws -> [Revocation] {
        try store.records(Revocation.self)
    }
}
