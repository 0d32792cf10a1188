import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension Definitions {
    /// The eligibility guard for `event`, built from the guard's policy and the rule sets
    /// (``Definitions/rules()``, compiled only when the policy guards `event`); `nil` when
    /// the policy does not guard `event` or the folder has no `rules/` folder.
    /// - Throws: ``DefinitionsPartError`` when the policy or a rule file has an error.
    public func eligibilityGuard(for event: String) throws(DefinitionsPartError) -> EligibilityGuard? {
        guard let (policy, findings, file) = guardPolicy() else { return nil }
        guard let policy else { throw .guardPolicy(file: file, findings: findings) }
        guard policy.events.contains(event) else { return nil }
        let (rules, ruleFindings) = rules()
        guard let rules else { throw .rules(directory: layout.rules, findings: ruleFindings) }
        return EligibilityGuard(rules: rules, policy: policy)
    }

    /// The reward-money table (`decision/reward-money.json`).
    public func rewardMoney() throws(CouncilError) -> RewardMoney { try RewardMoney.load(path: layout.rewardMoney) }

    /// The grounds for revoking an award (`decision/revocation-grounds.json`).
    public func revocationGrounds() throws(CouncilError) -> RevocationGrounds { try RevocationGrounds.load(path: layout.revocationGrounds) }
}

extension DossierRunner {
    /// A runner whose eligibility guard is the one the definitions give for `event`
    /// (``Definitions/eligibilityGuard(for:)``).
    public init(definitions: Definitions, store: any EventLog, guarding event: String) throws(DefinitionsPartError) {
        self.init(definitions: definitions, store: store, eligibility: try definitions.eligibilityGuard(for: event))
    }
}
