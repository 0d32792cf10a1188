import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The shapes `--json` prints. Field names are stable: scripts depend on them.
struct WorkflowSummaryJSON: Encodable {
    var id: String
    var version: String
    var name: LocalizedText
    var states: Int
    var transitions: Int
}

struct WorkflowJSON: Encodable {
    struct State: Encodable { var id: String; var kind: String; var label: LocalizedText }
    struct Role: Encodable { var id: String; var side: String; var name: LocalizedText }
    struct Doc: Encodable { var id: String; var name: LocalizedText }
    struct Trans: Encodable {
        var event: String; var label: LocalizedText; var from: [String]; var to: String; var roles: [String]
        var guards: [String]; var documents: [String]; var deadlineWorkingDays: Int?; var deadlineDossierDue: Bool
    }
    var id: String; var version: String; var name: LocalizedText
    var states: [State]; var roles: [Role]; var documents: [Doc]; var transitions: [Trans]

    init(_ d: WorkflowDefinition) {
        id = d.id; version = d.version; name = d.name
        states = d.states.map { State(id: $0.id, kind: $0.kind.rawValue, label: $0.label) }
        roles = d.roles.map { Role(id: $0.id, side: $0.side.rawValue, name: $0.name) }
        documents = d.documents.map { Doc(id: $0.id, name: $0.name) }
        transitions = d.transitions.map { t in
            var wd: Int?
            if case .workingDaysInState(let n)? = t.deadline { wd = n }
            return Trans(event: t.event, label: t.label, from: t.from, to: t.to.description, roles: t.roles,
                         guards: t.guards.map(\.name), documents: t.documents, deadlineWorkingDays: wd,
                         deadlineDossierDue: t.deadline == .dossierDueDate)
        }
    }
}

struct LintFindingJSON: Encodable {
    var kind: String; var severity: String; var file: String; var path: String?; var line: Int?; var column: Int?
    var message: LocalizedText
    init(_ f: LintFinding) {
        kind = f.kind.rawValue; severity = f.severity.rawValue; file = f.file; path = f.location?.path
        line = f.location?.position.line; column = f.location?.position.column; message = f.message
    }
}

struct LintJSON: Encodable {
    var files: [String]
    var findings: [LintFindingJSON]
}

struct DossierJSON: Encodable {
    var id: String; var workflow: String; var workflowVersion: String; var award: String; var year: Int
    var nominee: Nominee; var proposerUnit: String; var addresseeUnit: String
    var state: String; var stateLabel: String; var previousState: String?; var enteredStateAt: Date
    var documents: [String]; var dueDate: String?; var createdAt: Date; var eventCount: Int
    var allowedEvents: [String]?

    init(_ d: Dossier, workflow: Workflow?, language: Language, allowed: [String]? = nil) {
        id = d.id; self.workflow = d.workflowID; workflowVersion = d.workflowVersion; award = d.awardID; year = d.year
        nominee = d.nominee; proposerUnit = d.proposerUnit; addresseeUnit = d.addresseeUnit
        state = d.state; stateLabel = workflow?.stateLabel(d.state, language) ?? d.state
        previousState = d.previousState; enteredStateAt = d.enteredStateAt; documents = d.documents
        dueDate = d.dueDate?.description; createdAt = d.createdAt; eventCount = d.eventCount; allowedEvents = allowed
    }
}

struct EventJSON: Encodable {
    var seq: Int64; var dossier: String; var kind: String; var event: String; var from: String?; var to: String
    var actor: String; var at: Date; var reason: String?; var payload: String; var prevHash: String; var hash: String
    init(_ e: StoredEvent) {
        seq = e.seq; dossier = e.dossierID; kind = e.kind.rawValue; event = e.event; from = e.fromState; to = e.toState
        actor = e.actor.description; at = e.at; reason = e.reason; payload = e.payload; prevHash = e.prevHash; hash = e.hash
    }
}

struct RefusalJSON: Encodable {
    var refused = true
    var dossier: String; var state: String; var event: String; var actor: String
    var reasons: [String]; var allowedEvents: [String]; var message: String
}

/// `rules audit --json`: the totals and, per failing case, what was expected, what the rules
/// decided and the failing criteria with the values they compared.
struct RuleAuditJSON: Encodable {
    struct Criterion: Encodable {
        var id: String; var explanation: LocalizedText; var values: [String]; var citation: LocalizedText; var confidence: String
    }
    struct Failure: Encodable {
        var award: String; var name: String; var file: String; var line: Int; var column: Int; var path: String
        var expected: String; var actual: String?; var expectedFailing: [String]?; var actualFailing: [String]?
        var regime: String?; var differences: [String]; var failingCriteria: [Criterion]
    }
    var cases: Int; var passed: Int; var failed: Int; var failures: [Failure]

    init(_ results: [CaseResult]) {
        cases = results.count
        passed = results.filter(\.passed).count
        failed = cases - passed
        failures = results.filter { !$0.passed }.map { r in
            Failure(award: r.award, name: r.name, file: r.file, line: r.location.position.line, column: r.location.position.column,
                    path: r.location.path, expected: r.expected.rawValue, actual: r.verdict?.outcome.rawValue,
                    expectedFailing: r.expectedFailing?.sorted(), actualFailing: r.verdict?.failing.sorted(), regime: r.verdict?.regime,
                    differences: r.differences,
                    failingCriteria: (r.verdict?.criteria ?? []).filter { $0.status == .fail }.map { c in
                        Criterion(id: c.id, explanation: c.explanation, values: c.values,
                                  citation: .init(vi: c.citation.rendered(.vi), en: c.citation.rendered(.en)), confidence: c.confidence.rawValue)
                    })
        }
    }
}
