import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A scripted sequence of dossier steps (a season in miniature), read from JSON.
///
/// The demo runs `workflows/samples/demo-season.json`; tests and trainers can write their
/// own. Format: `{"steps": [{"at": ISO-8601, "as": "ROLE@UNIT:USER", "note": {"vi","en"},
/// "create": {…} | "act": {…}, "expect": "ok" | "refused"}]}`.
package struct Scenario: Sendable {
    /// One step.
    package struct Step: Sendable {
        package enum Action: Sendable {
            case create(NewDossier)
            /// Fires an event; `override` submits past the eligibility check with the step's reason.
            case act(dossier: String, request: EventRequest, override: EligibilityOverride?)
            /// The second half of a dossier's life: facts, public notice, council, decision, publication.
            case season(SeasonAction)
        }
        package var at: Date
        package var actor: Actor
        package var note: LocalizedText?
        package var action: Action
        /// Whether the step is meant to be refused (to show a refusal).
        package var expectRefusal: Bool
        package var line: Int
    }

    package var title: LocalizedText
    package var steps: [Step]

    /// Reads a scenario.
    /// - Throws: `ScenarioError` naming the file, line and what is wrong.
    package static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: file, position: error.position, message: error.malformed)
        }
        func fail(_ v: JSONValue.Positioned, _ vi: String, _ en: String) -> ScenarioError {
            ScenarioError(file: file, position: v.position, message: .init(vi: vi, en: en))
        }
        let title = LocalizedText(vi: root["title"]?["vi"]?.string ?? "", en: root["title"]?["en"]?.string ?? "")
        guard let steps = root["steps"]?.array else { throw fail(root, "thiếu mảng \"steps\"", "the array \"steps\" is missing") }
        var out: [Step] = []
        for s in steps {
            guard let atText = s["at"]?.string, let at = parseInstant(atText) else {
                throw fail(s, "mỗi bước cần \"at\" dạng 2025-12-01T09:00:00+07:00", "each step needs \"at\" like 2025-12-01T09:00:00+07:00")
            }
            guard let actorText = s["as"]?.string, let actor = Actor(parsing: actorText) else {
                throw fail(s, "mỗi bước cần \"as\" dạng VAI_TRÒ@ĐƠN_VỊ:NGƯỜI_DÙNG", "each step needs \"as\" of the form ROLE@UNIT:USER")
            }
            let note = s["note"].flatMap { n in n["vi"]?.string.flatMap { vi in n["en"]?.string.map { LocalizedText(vi: vi, en: $0) } } }
            let action: Step.Action
            if let c = s["create"] {
                guard let award = c["award"]?.string, let year = c["year"]?.int, let nid = c["nominee"]?["id"]?.string,
                      let nname = c["nominee"]?["name"]?.string, let addressee = c["addressee"]?.string else {
                    throw fail(c, "\"create\" cần award, year, nominee {id, name}, addressee", "\"create\" needs award, year, nominee {id, name}, addressee")
                }
                var due: CivilDate?
                if let d = c["due"]?.string {
                    do throws(DateError) { due = try CivilDate(parsing: d) } catch { throw fail(c, error.message(.vi), error.message(.en)) }
                }
                let kind: Nominee.Kind = c["nominee"]?["collective"]?.bool == true ? .collective : .individual
                action = .create(NewDossier(id: c["id"]?.string, awardID: award, year: year, nominee: Nominee(id: nid, name: nname, kind: kind),
                                            proposerUnit: actor.unit, addresseeUnit: addressee,
                                            documents: c["attach"]?.array?.compactMap(\.string) ?? [], dueDate: due))
            } else if let a = s["act"] {
                guard let dossier = a["dossier"]?.string, let event = a["event"]?.string else {
                    throw fail(a, "\"act\" cần dossier và event", "\"act\" needs dossier and event")
                }
                var tally: Tally?
                if let t = a["tally"] {
                    guard let m = t["members"]?.int, let p = t["present"]?.int, let y = t["yes"]?.int, let n = t["no"]?.int else {
                        throw fail(t, "\"tally\" cần members, present, yes, no", "\"tally\" needs members, present, yes, no")
                    }
                    tally = Tally(members: m, present: p, yes: y, no: n, invalid: t["invalid"]?.int ?? 0)
                }
                let request = EventRequest(event: event, reason: a["reason"]?.string, attach: a["attach"]?.array?.compactMap(\.string) ?? [], tally: tally)
                let override = a["overrideEligibility"]?.bool == true ? EligibilityOverride(reason: request.reason) : nil
                action = .act(dossier: dossier, request: request, override: override)
            } else if let season = try SeasonAction.parse(s, fail: fail) {
                action = .season(season)
            } else {
                throw fail(s, "mỗi bước cần \"create\", \"act\" hoặc một trong: \(SeasonAction.kinds.joined(separator: ", "))",
                           "each step needs \"create\", \"act\" or one of: \(SeasonAction.kinds.joined(separator: ", "))")
            }
            out.append(Step(at: at, actor: actor, note: note, action: action, expectRefusal: s["expect"]?.string == "refused", line: s.position.line))
        }
        return Scenario(title: title, steps: out)
    }

    static func parseInstant(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

/// A scenario file that cannot be read.
package struct ScenarioError: Error, Sendable {
    package var file: String
    package var position: SourcePosition
    package var message: LocalizedText
}

/// What happened at one step.
package enum StepOutcome: Sendable {
    case created(Dossier)
    /// The event fired; `eligibility` is what the guard found when it guards the event.
    case transitioned(Dossier, Transition, eligibility: EligibilityCheck?)
    /// The machine refused: the refusal names every failed check and what is allowed.
    case refused(Refusal, Workflow)
    /// Another rule refused (eligibility, council, complaint, decision): nothing was written.
    case stopped(subject: String, message: LocalizedText)
    /// A season step that wrote something.
    case season(SeasonOutcome)

    /// Whether nothing was written because a rule refused the step.
    package var isRefusal: Bool {
        switch self {
        case .refused, .stopped: true
        default: false
        }
    }
}

extension DossierRunner {
    /// Runs every step of `scenario`, each as its own atomic command, and reports each outcome.
    /// - Parameter files: where season steps read their inputs and write their outputs.
    /// - Throws: the first error that is not a refusal (unknown dossier, bad input file, store error).
    /// - Parameter beforeStep: called before each step (the demo sets the store's signer to the
    ///   key of the step's actor).
    package func run(_ scenario: Scenario, files: ScenarioFiles = ScenarioFiles(), beforeStep: (Scenario.Step) throws -> Void = { _ in },
                     observe: (Scenario.Step, StepOutcome) -> Void) throws {
        for step in scenario.steps {
            try beforeStep(step)
            let outcome: StepOutcome
            do {
                switch step.action {
                case .create(let new):
                    outcome = .created(try create(new, by: step.actor, at: step.at))
                case .act(let id, let request, let override):
                    let o = try act(on: id, request, by: step.actor, at: step.at, override: override)
                    outcome = .transitioned(o.dossier, o.transition, eligibility: o.eligibility)
                case .season(let action):
                    outcome = .season(try perform(action, by: step.actor, at: step.at, files: files))
                }
            } catch {
                guard let refusal = Self.refusal(error) else { throw error }
                outcome = refusal
            }
            observe(step, outcome)
        }
    }

    /// The outcome for an error that is a refusal (nothing written), or `nil` for any other error.
    static func refusal(_ error: any Error) -> StepOutcome? {
        switch error {
        case RunnerError.refused(let r, let wf):
            return .refused(r, wf)
        case RunnerError.ineligible(let e):
            return .stopped(subject: e.dossier, message: LocalizedText(vi: e.message(.vi), en: e.message(.en)))
        case RunnerError.creationRefused(let text):
            return .stopped(subject: "", message: text)
        case let e as CouncilError where e.kind == .refused:
            return .stopped(subject: "", message: e.message)
        case let e as ComplaintError where e.isRefusal:
            return .stopped(subject: "", message: LocalizedText(vi: e.message(.vi), en: e.message(.en)))
        default:
            return nil
        }
    }
}
