/// Checks a loaded definition for the mistakes that would make a workflow wrong at run time:
/// unknown states, roles, documents, guards or state tags, unreachable states, states with no
/// way to finish, two transitions for one (state, event), final states that are left again,
/// and a tag that marks one state only given to two.
public enum WorkflowLinter {
    /// The most states a workflow may define (docs/workflows.md); the real ones have about fifteen.
    public static let maxStates = 1_000
    /// The most transitions a workflow may define.
    public static let maxTransitions = 5_000

    /// Every finding for `definition`, in file order within each check.
    public static func lint(_ definition: WorkflowDefinition) -> [LintFinding] {
        var out: [LintFinding] = []
        let file = definition.file
        func add(_ kind: LintFinding.Kind, _ loc: SourceLocation, vi: String, en: String, severity: LintFinding.Severity = .error) {
            out.append(LintFinding(kind: kind, severity: severity, file: file, location: loc, message: .init(vi: vi, en: en)))
        }
        // A definition past the size limit is refused alone: the checks below (and the compiled
        // table) grow with its size, and no real procedure needs more.
        let states = definition.states.count, transitions = definition.transitions.count
        if states > maxStates || transitions > maxTransitions {
            let at = SourceLocation(path: states > maxStates ? "$.states" : "$.transitions",
                                    position: (states > maxStates ? definition.states.first?.location : definition.transitions.first?.location)?.position ?? .init(line: 1, column: 1))
            add(.invalidDefinition, at,
                vi: "quy trình có \(states) trạng thái và \(transitions) chuyển tiếp, quá giới hạn \(maxStates) trạng thái và \(maxTransitions) chuyển tiếp; tách thành nhiều quy trình",
                en: "the workflow has \(states) states and \(transitions) transitions, over the limit of \(maxStates) states and \(maxTransitions) transitions; split it into several workflows")
            return out
        }

        duplicates(definition.states.map { ($0.id, $0.location) }, what: ("trạng thái", "state"), add: add)
        duplicates(definition.roles.map { ($0.id, $0.location) }, what: ("vai trò", "role"), add: add)
        duplicates(definition.documents.map { ($0.id, $0.location) }, what: ("tài liệu", "document"), add: add)

        let stateIDs = Set(definition.states.map(\.id))
        let roleIDs = Set(definition.roles.map(\.id))
        let docIDs = Set(definition.documents.map(\.id))
        let kinds = Dictionary(definition.states.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })

        let initials = definition.states.filter { $0.kind == .initial }
        if initials.isEmpty {
            add(.initialState, .init(path: "$.states", position: definition.states.first?.location.position ?? .init(line: 1, column: 1)),
                vi: "không có trạng thái nào có \"kind\": \"initial\"; hãy đánh dấu đúng một trạng thái bắt đầu",
                en: "no state has \"kind\": \"initial\"; mark exactly one state as the start")
        }
        for extra in initials.dropFirst() {
            add(.initialState, extra.location,
                vi: "trạng thái \"\(extra.id)\" là trạng thái bắt đầu thứ hai (đã có \"\(initials[0].id)\"); chỉ được có một",
                en: "state \"\(extra.id)\" is a second initial state (\"\(initials[0].id)\" is one already); keep exactly one")
        }

        let knownList = definition.states.map(\.id).joined(separator: ", ")
        var seenPairs: [String: SourceLocation] = [:]
        for t in definition.transitions {
            for (i, s) in t.from.enumerated() {
                if !stateIDs.contains(s) {
                    add(.unknownState, t.fromLocations[i],
                        vi: "sự kiện \"\(t.event)\" đi từ trạng thái \"\(s)\" chưa được định nghĩa; các trạng thái: \(knownList)",
                        en: "event \"\(t.event)\" leaves from \"\(s)\", which is not a defined state; defined states: \(knownList)")
                    continue
                }
                if kinds[s] == .final {
                    add(.finalHasTransitions, t.fromLocations[i],
                        vi: "trạng thái kết thúc \"\(s)\" không được có chuyển tiếp đi ra (sự kiện \"\(t.event)\"); đổi \"kind\" thành \"normal\" hoặc bỏ chuyển tiếp",
                        en: "final state \"\(s)\" must have no outgoing transition (event \"\(t.event)\"); make its kind \"normal\" or remove the transition")
                }
                let key = "\(s)\u{1F}\(t.event)"
                if let first = seenPairs[key] {
                    add(.duplicateTransition, t.fromLocations[i],
                        vi: "đã có chuyển tiếp cho sự kiện \"\(t.event)\" từ trạng thái \"\(s)\" tại \(first.path) (dòng \(first.position.line)); mỗi cặp (trạng thái, sự kiện) chỉ được một chuyển tiếp",
                        en: "a transition for event \"\(t.event)\" from state \"\(s)\" already exists at \(first.path) (line \(first.position.line)); each (state, event) pair may have one transition only")
                } else {
                    seenPairs[key] = t.fromLocations[i]
                }
            }
            if case .state(let target) = t.to, !stateIDs.contains(target) {
                add(.unknownState, t.toLocation,
                    vi: "sự kiện \"\(t.event)\" đi tới trạng thái \"\(target)\" chưa được định nghĩa; các trạng thái: \(knownList)",
                    en: "event \"\(t.event)\" goes to \"\(target)\", which is not a defined state; defined states: \(knownList)")
            }
            for (i, r) in t.roles.enumerated() where !roleIDs.contains(r) {
                add(.unknownRole, t.roleLocations[i],
                    vi: "vai trò \"\(r)\" của sự kiện \"\(t.event)\" chưa được định nghĩa trong \"roles\"; các vai trò: \(definition.roles.map(\.id).joined(separator: ", "))",
                    en: "role \"\(r)\" of event \"\(t.event)\" is not defined in \"roles\"; defined roles: \(definition.roles.map(\.id).joined(separator: ", "))")
            }
            for (i, d) in t.documents.enumerated() where !docIDs.contains(d) {
                add(.unknownDocument, t.documentLocations[i],
                    vi: "tài liệu \"\(d)\" của sự kiện \"\(t.event)\" chưa được định nghĩa trong \"documents\"",
                    en: "document \"\(d)\" of event \"\(t.event)\" is not defined in \"documents\"")
            }
            for g in t.guards {
                guard let known = GuardName(rawValue: g.name) else {
                    add(.unknownGuard, g.location,
                        vi: "bộ lọc \"\(g.name)\" không tồn tại; các bộ lọc có sẵn: \(GuardName.allCases.map(\.rawValue).joined(separator: ", "))",
                        en: "guard \"\(g.name)\" does not exist; known guards: \(GuardName.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if let problem = known.validate(g.parameters) {
                    add(.invalidGuardParameters, g.location, vi: problem.vi, en: problem.en)
                }
            }
        }

        tagFindings(definition, add: add)
        reservationFindings(definition, add: add)
        graphFindings(definition, stateIDs: stateIDs, add: add)
        return out
    }

    /// Tags the engine does not know, a unique tag on a second state, a tag listed twice.
    private static func tagFindings(_ d: WorkflowDefinition,
                                    add: (LintFinding.Kind, SourceLocation, String, String, LintFinding.Severity) -> Void) {
        let known = StateTag.allCases.map(\.rawValue).joined(separator: ", ")
        var holder: [StateTag: StateDefinition] = [:]
        for s in d.states {
            var listed: Set<String> = []
            for (i, name) in s.tags.enumerated() {
                let at = s.tagLocations[i]
                guard let tag = StateTag(rawValue: name) else {
                    add(.unknownTag, at,
                        "trạng thái \"\(s.id)\" có nhãn \"\(name)\" mà hệ thống không biết; các nhãn: \(known)",
                        "state \"\(s.id)\" has the tag \"\(name)\", which the engine does not know; known tags: \(known)", .error)
                    continue
                }
                guard listed.insert(name).inserted else {
                    add(.duplicateTag, at,
                        "nhãn \"\(name)\" được ghi hai lần ở trạng thái \"\(s.id)\"; bỏ một lần",
                        "the tag \"\(name)\" is listed twice on state \"\(s.id)\"; remove one", .error)
                    continue
                }
                if let first = holder[tag] {
                    add(.duplicateTag, at,
                        "nhãn \"\(name)\" đã gắn cho trạng thái \"\(first.id)\" tại \(first.location.path); mỗi quy trình chỉ một trạng thái được mang nhãn này",
                        "the tag \"\(name)\" is already on state \"\(first.id)\" at \(first.location.path); a workflow may give it to one state only", .error)
                } else if tag.isUnique {
                    holder[tag] = s
                }
            }
        }
    }

    /// Events that carry a council's vote (a `voteThreshold` guard, or entering a state tagged
    /// `decision` or `upward`) must be `"reservedTo": "council"`; events that publish or revoke
    /// an award (entering a state tagged `awarded` or `revocation`) `"reservedTo": "decision"`:
    /// otherwise `dossier act` could move a dossier past the council or the decision. An
    /// `"exchange": true` transition is already reserved: only `exchange import` records it,
    /// following what the other level's council or decision did (its envelope is checked).
    private static func reservationFindings(_ d: WorkflowDefinition,
                                            add: (LintFinding.Kind, SourceLocation, String, String, LintFinding.Severity) -> Void) {
        let tags = Dictionary(d.states.map { ($0.id, Set($0.tags.compactMap(StateTag.init(rawValue:)))) }, uniquingKeysWith: { a, _ in a })
        for t in d.transitions where !t.exchange {
            var target: Set<StateTag> = []
            if case .state(let s) = t.to { target = tags[s] ?? [] }
            let needed: (ReservedChannel, String, String)?
            if t.guards.contains(where: { $0.name == GuardName.voteThreshold.rawValue }) {
                needed = (.council, "có điều kiện voteThreshold (kết quả biểu quyết)", "has a voteThreshold guard (a vote's result)")
            } else if let tag = target.first(where: { $0 == .decision || $0 == .upward }) {
                needed = (.council, "đi tới trạng thái mang nhãn \"\(tag)\"", "enters a state tagged \"\(tag)\"")
            } else if let tag = target.first(where: { $0 == .awarded || $0 == .revocation }) {
                needed = (.decision, "đi tới trạng thái mang nhãn \"\(tag)\"", "enters a state tagged \"\(tag)\"")
            } else {
                needed = nil
            }
            guard let (channel, whyVi, whyEn) = needed, t.reservedTo != channel else { continue }
            add(.unreservedEvent, t.reservedLocation ?? t.location,
                "sự kiện \"\(t.event)\" \(whyVi) nên chỉ được ghi bằng `\(channel.command)`; thêm \"reservedTo\": \"\(channel)\" vào chuyển tiếp",
                "event \"\(t.event)\" \(whyEn), so only `\(channel.command)` may record it; add \"reservedTo\": \"\(channel)\" to the transition", .error)
        }
    }

    private static func duplicates(_ items: [(String, SourceLocation)], what: (String, String),
                                   add: (LintFinding.Kind, SourceLocation, String, String, LintFinding.Severity) -> Void) {
        var seen: [String: SourceLocation] = [:]
        for (id, loc) in items {
            if let first = seen[id] {
                add(.duplicateID, loc, "\(what.0) \"\(id)\" đã được định nghĩa tại \(first.path); mỗi mã chỉ dùng một lần",
                    "\(what.1) \"\(id)\" is already defined at \(first.path); each id may be used once", .error)
            } else {
                seen[id] = loc
            }
        }
    }

    /// Edges of the state graph; `$previous` leads back to every state that enters the source.
    static func edges(_ d: WorkflowDefinition) -> [String: Set<String>] {
        var edges: [String: Set<String>] = [:]
        var entering: [String: Set<String>] = [:]
        for t in d.transitions {
            if case .state(let to) = t.to { for f in t.from { entering[to, default: []].insert(f) } }
        }
        for t in d.transitions {
            for f in t.from {
                switch t.to {
                case .state(let to): edges[f, default: []].insert(to)
                case .previous: edges[f, default: []].formUnion(entering[f] ?? [])
                }
            }
        }
        return edges
    }

    private static func graphFindings(_ d: WorkflowDefinition, stateIDs: Set<String>,
                                      add: (LintFinding.Kind, SourceLocation, String, String, LintFinding.Severity) -> Void) {
        guard let initial = d.states.first(where: { $0.kind == .initial }) else { return }
        let edges = edges(d)
        var reached: Set<String> = [initial.id]
        var queue = [initial.id]
        while let s = queue.popLast() {
            for n in edges[s] ?? [] where stateIDs.contains(n) && reached.insert(n).inserted { queue.append(n) }
        }
        var reverse: [String: Set<String>] = [:]
        for (f, ts) in edges { for t in ts { reverse[t, default: []].insert(f) } }
        var finishing = Set(d.states.filter { $0.kind == .final }.map(\.id))
        queue = Array(finishing)
        while let s = queue.popLast() {
            for p in reverse[s] ?? [] where finishing.insert(p).inserted { queue.append(p) }
        }
        for s in d.states {
            if !reached.contains(s.id) {
                add(.unreachableState, s.location,
                    "không có chuỗi chuyển tiếp nào từ trạng thái bắt đầu \"\(initial.id)\" tới trạng thái \"\(s.id)\"; thêm một chuyển tiếp đến nó hoặc xoá nó",
                    "state \"\(s.id)\" cannot be reached from the initial state \"\(initial.id)\"; add a transition into it or remove it", .error)
            } else if !finishing.contains(s.id) {
                add(.noPathToFinal, s.location,
                    "từ trạng thái \"\(s.id)\" không có đường nào tới một trạng thái kết thúc; hồ sơ sẽ mắc kẹt ở đó",
                    "state \"\(s.id)\" has no path to a final state; a dossier there could never finish", .error)
            }
        }
    }
}
