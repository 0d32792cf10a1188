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
public struct DefinitionsLayout: Sendable, Equatable {
    public static let awardsFile = "awards.json"
    public static let calendarFile = "calendar.json"
    public static let rulesFolder = "rules"
    public static let parametersFile = "params.json"
    public static let guardFile = EligibilityGuardPolicy.fileName
    public static let movementsFolder = "movements"
    public static let rewardMoneyFile = "decision/reward-money.json"
    public static let revocationGroundsFile = "decision/revocation-grounds.json"
    public static let samplesFolder = "samples"

    /// The `workflows/` folder.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `relative` inside the folder.
    public func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    public var awards: String { path(Self.awardsFile) }
    public var calendar: String { path(Self.calendarFile) }
    public var rules: String { path(Self.rulesFolder) }
    public var parameters: String { (rules as NSString).appendingPathComponent(Self.parametersFile) }
    public var guardPolicy: String { (rules as NSString).appendingPathComponent(Self.guardFile) }
    public var movements: String { path(Self.movementsFolder) }
    public var rewardMoney: String { path(Self.rewardMoneyFile) }
    public var revocationGrounds: String { path(Self.revocationGroundsFile) }
    public var samples: String { path(Self.samplesFolder) }

    /// The workflow files, sorted by name: every top-level `*.json` but the catalog and the calendar.
    public var workflowFiles: [String] {
        DefinitionFile.jsonFiles(in: directory).filter { $0 != Self.awardsFile && $0 != Self.calendarFile }.map { path($0) }
    }

    /// Whether the folder has a `rules/` folder.
    public var hasRules: Bool {
        DefinitionFile.isFolder(rules)
    }

    /// The rule set files of `rules/`, in name order.
    public var ruleFiles: [String] { RuleSetLoader.ruleFiles(in: rules) }

    /// The movement definitions of `movements/` (a missing folder is no movements).
    public func movementDefinitions() -> ([Movement], [LintFinding]) { MovementLoader.loadDirectory(movements) }
}
