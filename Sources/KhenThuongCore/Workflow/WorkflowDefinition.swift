/// A workflow as written in a `workflows/*.json` file, after loading.
///
/// The format is documented in docs/workflows.md ("Workflow definitions"). Every element keeps
/// the JSON path and source position it came from, so the linter can point at it.
public struct WorkflowDefinition: Sendable, Equatable {
    /// Stable id, e.g. `yearly`.
    public var id: String
    /// Version of the definition, e.g. `1.0.0`; recorded in every dossier.
    public var version: String
    /// Human name in Vietnamese and English.
    public var name: LocalizedText
    /// Roles that may take part.
    public var roles: [RoleDefinition]
    /// Documents a dossier may carry.
    public var documents: [DocumentDefinition]
    /// States, in the order they are drawn.
    public var states: [StateDefinition]
    /// Transitions: event, from, to, roles, guards, documents, deadline.
    public var transitions: [TransitionDefinition]
    /// The file it was loaded from (for messages), as given to the loader.
    public var file: String

    /// The state with `id`, if any.
    public func state(_ id: String) -> StateDefinition? { states.first { $0.id == id } }
    /// The role with `id`, if any.
    public func role(_ id: String) -> RoleDefinition? { roles.first { $0.id == id } }
    /// The document with `id`, if any.
    public func document(_ id: String) -> DocumentDefinition? { documents.first { $0.id == id } }
    /// The first transition for `event`, if any (for its label).
    public func transition(event: String) -> TransitionDefinition? { transitions.first { $0.event == event } }
    /// The states tagged `tag`, in definition order.
    public func states(tagged tag: StateTag) -> [StateDefinition] { states.filter { $0.tags.contains(tag.rawValue) } }
}

/// Where a definition element came from: its JSON path and its position in the file.
public struct SourceLocation: Sendable, Equatable, Hashable {
    /// A JSON path such as `$.transitions[3].to`.
    public var path: String
    /// Line and column of the value in the file.
    public var position: SourcePosition

    public init(path: String, position: SourcePosition) {
        self.path = path
        self.position = position
    }
}

/// On whose side a role acts, which decides the unit check.
public enum RoleSide: String, Sendable, Equatable, CaseIterable {
    /// Acts for the proposing unit (a union acts only on dossiers it proposed).
    case proposer
    /// Acts for the unit the dossier is addressed to (council, secretariat, signer).
    case addressee
    /// Reads only; any unit (auditors).
    case observer
}

/// A role that may act in a workflow.
public struct RoleDefinition: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public var side: RoleSide
    public var location: SourceLocation
}

/// A document a dossier may carry (tờ trình, báo cáo thành tích…).
public struct DocumentDefinition: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public var location: SourceLocation
}

/// The kind of a state.
public enum StateKind: String, Sendable, Equatable, CaseIterable {
    /// Where every dossier starts; exactly one per workflow.
    case initial
    /// An ordinary state.
    case normal
    /// An end state: no transition leaves it.
    case final
}

/// One state of a workflow.
public struct StateDefinition: Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
    public var kind: StateKind
    /// Its tags as written (`"tags"`); the linter refuses any that is not a `StateTag`.
    public var tags: [String]
    public var location: SourceLocation
    /// Where its `tags` entries are, one per entry.
    public var tagLocations: [SourceLocation]

    /// Whether the state carries `tag`.
    public func isTagged(_ tag: StateTag) -> Bool { tags.contains(tag.rawValue) }
}

/// What a state is to the features around the machine — councils, decisions, the public site,
/// reports, upward packages. A workflow names its states as it likes and tags them
/// (`"tags": ["council"]`); those features find the states by tag, never by id. See
/// docs/workflows.md ("State tags") for what each tag means and which a workflow must have.
public enum StateTag: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// Before the council: a session puts on its agenda, and votes on, only dossiers here.
    case council
    /// Under public notice: the public site lists these dossiers, and a council counts the
    /// notice from the dossier's last entry into such a state.
    case notice
    /// Approved, waiting for the award decision: a decision covers only dossiers here.
    case decision
    /// Awarded (the decision published): the award reports count dossiers here.
    case awarded
    /// Proposed to the next level: only these dossiers go into an upward package.
    case upward
    /// The award was revoked: reports set these dossiers apart and the site marks them.
    case revocation
    /// Where a dossier sent from the level below opens at the receiving level (`exchange
    /// import`): a state in which the receiving secretariat can act.
    case incoming
    /// Ended without an award (withdrawn, not approved): the one-achievement-one-award checks
    /// let a new dossier be opened for the same nominee, award and year, and never count it as
    /// pending.
    case closed

    /// Whether a workflow may give the tag to one state only: the council votes on, a
    /// decision covers and a package carries dossiers of one state, which refusals name.
    public var isUnique: Bool {
        switch self {
        case .council, .decision, .upward, .incoming: true
        case .notice, .awarded, .revocation, .closed: false
        }
    }

    public var description: String { rawValue }
}

/// The command an event is reserved to: the workflow marks the events that carry a council's
/// vote or an award decision (`"reservedTo": "council"` / `"decision"` on the transition), and the
/// machine refuses them unless the request comes from that command, which records the session,
/// quorum, recusals and ballot (`council vote`) or the decision (`decision issue|revoke`) with it.
/// See docs/workflows.md ("Reserved events").
public enum ReservedChannel: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// Only `khenthuong council vote` fires it, with the ballot record.
    case council
    /// Only `khenthuong decision issue` (or `decision revoke`) fires it, with the decision record.
    case decision

    /// The command a person types to fire such an event.
    public var command: String {
        switch self {
        case .council: "khenthuong council vote"
        case .decision: "khenthuong decision issue | decision revoke"
        }
    }

    public var description: String { rawValue }
}

/// Where a transition goes.
public enum TransitionTarget: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A named state.
    case state(String)
    /// Back to the state the dossier was in before it entered the current one
    /// (written `"$previous"`; used to resume a deferred dossier).
    case previous

    public var description: String {
        switch self {
        case .state(let s): s
        case .previous: TransitionTarget.previousToken
        }
    }

    /// How `.previous` is written in JSON.
    public static let previousToken = "$previous"
}

/// A guard named in a transition, with its parameters.
public struct GuardUse: Sendable, Equatable {
    public var name: String
    public var parameters: [String: JSONValue]
    public var location: SourceLocation
}

/// When an event must happen by.
public enum DeadlineRule: Sendable, Equatable {
    /// The event must happen within `n` working days of entering the source state.
    case workingDaysInState(Int)
    /// The dossier must have entered the source state on or before its own due date
    /// (for receipt: submitted by the deadline of the call for nominations).
    case dossierDueDate
}

/// One transition (or one transition per `from` state, when several are given).
public struct TransitionDefinition: Sendable, Equatable {
    /// The event name, e.g. `submit`.
    public var event: String
    /// What a person sees for the event.
    public var label: LocalizedText
    /// Source states.
    public var from: [String]
    /// Target.
    public var to: TransitionTarget
    /// Roles allowed to fire it.
    public var roles: [String]
    /// Named guards with parameters.
    public var guards: [GuardUse]
    /// Documents that must be attached (those given with the event count).
    public var documents: [String]
    /// Deadline, when one applies.
    public var deadline: DeadlineRule?
    /// The command the event is reserved to (`nil`: any command may fire it).
    public var reservedTo: ReservedChannel? = nil
    /// Where `reservedTo` is in the file (the transition's own location when absent).
    public var reservedLocation: SourceLocation? = nil
    /// Recorded by `exchange import` only (`"exchange": true`): the other level's envelope shows
    /// the dossier in the target state, and the importing level's copy follows it there.
    public var exchange: Bool = false
    /// Where the transition is in the file.
    public var location: SourceLocation
    /// Where its `from` entries are, one per entry.
    public var fromLocations: [SourceLocation]
    /// Where `to` is.
    public var toLocation: SourceLocation
    /// Where its `roles` entries are.
    public var roleLocations: [SourceLocation]
    /// Where its `documents` entries are.
    public var documentLocations: [SourceLocation]
}
