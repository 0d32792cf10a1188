import Foundation
import KhenThuongCore

/// Where each part of a `workflows/` tree lives: the one place that knows its file names and
/// folders. Loaders, the runner and the commands ask it for paths instead of spelling them.
///
///     workflows/
///       *.json                            workflow definitions (all but the two below)
///       awards.json, calendar.json        the award catalog, the working calendar
///       rules/params.json                 the rule sets' parameters (also the vote thresholds')
///       rules/guard.json                  the eligibility guard's policy
///       rules/*.json                      one rule set per award (all but the two above)
///       movements/*.json                  emulation movements
///       decision/reward-money.json        the reward-money table
///       decision/revocation-grounds.json  the grounds for revoking an award
///       samples/                          sample scenarios (the demo season)
package struct DefinitionsLayout: Sendable, Equatable {
    package static let awardsFile = "awards.json"
    package static let calendarFile = "calendar.json"
    package static let rulesFolder = "rules"
    package static let parametersFile = "params.json"
    package static let guardFile = EligibilityGuardPolicy.fileName
    package static let movementsFolder = "movements"
    package static let rewardMoneyFile = "decision/reward-money.json"
    package static let revocationGroundsFile = "decision/revocation-grounds.json"
    package static let samplesFolder = "samples"

    /// The `workflows/` folder.
    package var directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// `relative` inside the folder.
    package func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    package var awards: String { path(Self.awardsFile) }
    package var calendar: String { path(Self.calendarFile) }
    package var rules: String { path(Self.rulesFolder) }
    package var parameters: String { (rules as NSString).appendingPathComponent(Self.parametersFile) }
    package var guardPolicy: String { (rules as NSString).appendingPathComponent(Self.guardFile) }
    package var movements: String { path(Self.movementsFolder) }
    package var rewardMoney: String { path(Self.rewardMoneyFile) }
    package var revocationGrounds: String { path(Self.revocationGroundsFile) }
    package var samples: String { path(Self.samplesFolder) }

    /// The workflow files, sorted by name: every top-level `*.json` but the catalog and the calendar.
    package var workflowFiles: [String] {
        DefinitionFile.jsonFiles(in: directory).filter { $0 != Self.awardsFile && $0 != Self.calendarFile }.map { path($0) }
    }

    /// Whether the folder has a `rules/` folder.
    package var hasRules: Bool {
        DefinitionFile.isFolder(rules)
    }

    /// The rule set files of `rules/`, in name order.
    package var ruleFiles: [String] { RuleSetLoader.ruleFiles(in: rules) }

    /// The movement definitions of `movements/` (a missing folder is no movements).
    package func movementDefinitions() -> ([Movement], [LintFinding]) { MovementLoader.loadDirectory(movements) }
}
