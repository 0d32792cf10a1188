/// One problem found in a definition file: what kind, where (file, line:column, JSON path)
/// and a sentence saying what is wrong and how to fix it.
public struct LintFinding: Sendable, Equatable, Hashable {
    /// The kinds of problem the loader and the linter report.
    public enum Kind: String, Sendable, CaseIterable {
        /// The file is not valid JSON.
        case malformedJSON = "malformed-json"
        /// A required member is missing or has the wrong type.
        case invalidDefinition = "invalid-definition"
        /// Two states, roles, documents or definitions share an id.
        case duplicateID = "duplicate-id"
        /// No initial state, or more than one.
        case initialState = "initial-state"
        /// A transition names a state that is not defined.
        case unknownState = "unknown-state"
        /// A transition names a role that is not defined.
        case unknownRole = "unknown-role"
        /// A transition names a document that is not defined.
        case unknownDocument = "unknown-document"
        /// A transition names a guard the engine does not know.
        case unknownGuard = "unknown-guard"
        /// A guard's parameters are missing or wrong.
        case invalidGuardParameters = "invalid-guard-parameters"
        /// No sequence of transitions reaches the state from the initial state.
        case unreachableState = "unreachable-state"
        /// No sequence of transitions leads from the state to a final state.
        case noPathToFinal = "no-path-to-final"
        /// Two transitions leave the same state on the same event.
        case duplicateTransition = "duplicate-transition"
        /// A final state has an outgoing transition.
        case finalHasTransitions = "final-has-transitions"
        /// A state has a tag the engine does not know.
        case unknownTag = "unknown-tag"
        /// A tag that marks one state only is on two, or a state lists a tag twice.
        case duplicateTag = "duplicate-tag"
        /// An event that carries a council's vote or an award decision is not reserved to the
        /// command that records it (`"reservedTo"`), or is reserved to the wrong one.
        case unreservedEvent = "unreserved-event"
        /// A workflow an award uses lacks a tag that award's life needs (found with awards.json).
        case missingTag = "missing-tag"
        /// A rule criterion's citation names no document (error), or no article or clause (warning).
        case incompleteCitation = "incomplete-citation"
    }

    /// How serious the finding is: errors stop the definition from loading.
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var kind: Kind
    public var severity: Severity
    /// The file as the user named it.
    public var file: String
    /// Where in the file, when known.
    public var location: SourceLocation?
    /// What is wrong, in both languages.
    public var message: LocalizedText

    public init(kind: Kind, severity: Severity = .error, file: String, location: SourceLocation?, message: LocalizedText) {
        self.kind = kind
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: $.path: message`, the way compilers print findings.
    public func rendered(_ language: Language) -> String {
        let sev = language == .vi ? (severity == .error ? "lỗi" : "cảnh báo") : severity.rawValue
        guard let location else { return "\(file): \(sev): \(message[language])" }
        return "\(file):\(location.position): \(sev): \(location.path): \(message[language])"
    }
}

extension LintFinding {
    /// A file whose JSON does not parse, at the syntax error's position.
    package static func malformed(_ file: String, _ error: JSONSyntaxError) -> LintFinding {
        LintFinding(kind: .malformedJSON, file: file, location: .init(path: "$", position: error.position),
                    message: error.malformed)
    }
}
