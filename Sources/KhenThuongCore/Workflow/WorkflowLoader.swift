import Foundation

/// Reads workflow definition files into `WorkflowDefinition` values.
///
/// Loading is also the first half of linting: malformed JSON and members that are missing
/// or of the wrong type become findings with file, line:column and JSON path. The semantic
/// checks are in `WorkflowLinter`.
public enum WorkflowLoader {
    /// Parses `text` (the contents of `file`).
    /// - Returns: the definition when it could be read, and every finding met on the way.
    public static func parse(_ text: String, file: String) -> (WorkflowDefinition?, [LintFinding]) {
        let root: JSONValue.Positioned
        do {
            root = try JSONParser.parse(text)
        } catch {
            let loc = SourceLocation(path: "$", position: error.position)
            return (nil, [LintFinding(kind: .malformedJSON, file: file, location: loc,
                                      message: error.malformed)])
        }
        var reader = Reader(file: file)
        let definition = reader.definition(root)
        return (definition, reader.findings)
    }

    /// Walks the JSON tree, collecting findings instead of stopping at the first one.
    package struct Reader {
        package let file: String
        package var findings: [LintFinding] = []

        package init(file: String) { self.file = file }

        package mutating func invalid(_ path: String, _ at: JSONValue.Positioned?, vi: String, en: String, fallback: SourcePosition = .init(line: 1, column: 1)) {
            findings.append(LintFinding(kind: .invalidDefinition, file: file,
                                        location: SourceLocation(path: path, position: at?.position ?? fallback),
                                        message: .init(vi: vi, en: en)))
        }

        package mutating func string(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = true) -> String? {
            guard let v = obj[key] else {
                if required {
                    invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\" (chuỗi)", en: "the required member \"\(key)\" (a string) is missing")
                }
                return nil
            }
            guard let s = v.string, !s.isEmpty else {
                invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là chuỗi không rỗng, không phải \(v.value.typeName)", en: "\"\(key)\" must be a non-empty string, not \(v.value.typeName)")
                return nil
            }
            return s
        }

        package mutating func text(_ obj: JSONValue.Positioned, _ key: String, _ path: String) -> LocalizedText? {
            guard let v = obj[key] else {
                invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\" ({\"vi\": …, \"en\": …})", en: "the required member \"\(key)\" ({\"vi\": …, \"en\": …}) is missing")
                return nil
            }
            guard let vi = v["vi"]?.string, let en = v["en"]?.string, !vi.isEmpty, !en.isEmpty else {
                invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là đối tượng có chuỗi \"vi\" và \"en\"", en: "\"\(key)\" must be an object with the strings \"vi\" and \"en\"")
                return nil
            }
            return LocalizedText(vi: vi, en: en)
        }

        package mutating func array(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = true) -> [JSONValue.Positioned]? {
            guard let v = obj[key] else {
                if required { invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\" (mảng)", en: "the required member \"\(key)\" (an array) is missing") }
                return nil
            }
            guard let a = v.array else {
                invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là mảng, không phải \(v.value.typeName)", en: "\"\(key)\" must be an array, not \(v.value.typeName)")
                return nil
            }
            return a
        }

        /// A list of strings (also accepts a single string), with each entry's location.
        package mutating func strings(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool) -> [(String, SourceLocation)] {
            guard let v = obj[key] else {
                if required { invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\"", en: "the required member \"\(key)\" is missing") }
                return []
            }
            if let s = v.string { return [(s, SourceLocation(path: "\(path).\(key)", position: v.position))] }
            guard let a = v.array else {
                invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là chuỗi hoặc mảng chuỗi", en: "\"\(key)\" must be a string or an array of strings")
                return []
            }
            var out: [(String, SourceLocation)] = []
            for (i, e) in a.enumerated() {
                if let s = e.string { out.append((s, SourceLocation(path: "\(path).\(key)[\(i)]", position: e.position))) } else {
                    invalid("\(path).\(key)[\(i)]", e, vi: "phần tử phải là chuỗi, không phải \(e.value.typeName)", en: "each entry must be a string, not \(e.value.typeName)")
                }
            }
            return out
        }

        mutating func definition(_ root: JSONValue.Positioned) -> WorkflowDefinition? {
            guard root.members != nil else {
                invalid("$", root, vi: "định nghĩa quy trình phải là một đối tượng JSON", en: "a workflow definition must be a JSON object")
                return nil
            }
            let id = string(root, "id", "$")
            let version = string(root, "version", "$")
            let name = text(root, "name", "$")
            var roles: [RoleDefinition] = []
            for (i, r) in (array(root, "roles", "$") ?? []).enumerated() {
                let p = "$.roles[\(i)]"
                guard let rid = string(r, "id", p), let rname = text(r, "name", p) else { continue }
                var side = RoleSide.observer
                if let s = string(r, "side", p) {
                    if let k = RoleSide(rawValue: s) { side = k } else {
                        invalid("\(p).side", r["side"], vi: "\"side\" phải là một trong: proposer, addressee, observer (không phải \"\(s)\")", en: "\"side\" must be one of proposer, addressee, observer (not \"\(s)\")")
                    }
                }
                roles.append(RoleDefinition(id: rid, name: rname, side: side, location: .init(path: p, position: r.position)))
            }
            var documents: [DocumentDefinition] = []
            for (i, d) in (array(root, "documents", "$", required: false) ?? []).enumerated() {
                let p = "$.documents[\(i)]"
                guard let did = string(d, "id", p), let dname = text(d, "name", p) else { continue }
                documents.append(DocumentDefinition(id: did, name: dname, location: .init(path: p, position: d.position)))
            }
            var states: [StateDefinition] = []
            for (i, s) in (array(root, "states", "$") ?? []).enumerated() {
                let p = "$.states[\(i)]"
                guard let sid = string(s, "id", p), let label = text(s, "label", p) else { continue }
                var kind = StateKind.normal
                if let k = string(s, "kind", p, required: false) {
                    if let kk = StateKind(rawValue: k) { kind = kk } else {
                        invalid("\(p).kind", s["kind"], vi: "\"kind\" phải là initial, normal hoặc final (không phải \"\(k)\")", en: "\"kind\" must be initial, normal or final (not \"\(k)\")")
                    }
                }
                let tags = strings(s, "tags", p, required: false)
                states.append(StateDefinition(id: sid, label: label, kind: kind, tags: tags.map(\.0),
                                              location: .init(path: p, position: s.position), tagLocations: tags.map(\.1)))
            }
            var transitions: [TransitionDefinition] = []
            for (i, t) in (array(root, "transitions", "$") ?? []).enumerated() {
                if let tr = transition(t, "$.transitions[\(i)]") { transitions.append(tr) }
            }
            guard let id, let version, let name else { return nil }
            return WorkflowDefinition(id: id, version: version, name: name, roles: roles, documents: documents,
                                      states: states, transitions: transitions, file: file)
        }

        mutating func transition(_ t: JSONValue.Positioned, _ p: String) -> TransitionDefinition? {
            let before = findings.count
            let event = string(t, "event", p)
            let label = text(t, "label", p)
            let from = strings(t, "from", p, required: true)
            var to: TransitionTarget?
            let toLocation = SourceLocation(path: "\(p).to", position: t["to"]?.position ?? t.position)
            if let s = string(t, "to", p) { to = s == TransitionTarget.previousToken ? .previous : .state(s) }
            let roles = strings(t, "roles", p, required: true)
            let documents = strings(t, "documents", p, required: false)
            var guards: [GuardUse] = []
            for (i, g) in (array(t, "guards", p, required: false) ?? []).enumerated() {
                let gp = "\(p).guards[\(i)]"
                if let name = g.string {
                    guards.append(GuardUse(name: name, parameters: [:], location: .init(path: gp, position: g.position)))
                    continue
                }
                guard let name = string(g, "name", gp) else { continue }
                var params: [String: JSONValue] = [:]
                if let pv = g["params"] {
                    if let m = pv.members { for m in m { params[m.key] = m.value.value } } else {
                        invalid("\(gp).params", pv, vi: "\"params\" phải là đối tượng", en: "\"params\" must be an object")
                    }
                }
                guards.append(GuardUse(name: name, parameters: params, location: .init(path: gp, position: g.position)))
            }
            var deadline: DeadlineRule?
            if let d = t["deadline"] {
                if let n = d["workingDays"]?.int, n > 0 {
                    deadline = .workingDaysInState(n)
                } else if d["dossierDueDate"]?.bool == true {
                    deadline = .dossierDueDate
                } else {
                    invalid("\(p).deadline", d, vi: "\"deadline\" phải là {\"workingDays\": số nguyên dương} hoặc {\"dossierDueDate\": true}", en: "\"deadline\" must be {\"workingDays\": a positive integer} or {\"dossierDueDate\": true}")
                }
            }
            var reserved: ReservedChannel?
            if let r = t["reservedTo"] {
                if let name = r.string, let channel = ReservedChannel(rawValue: name) {
                    reserved = channel
                } else {
                    let known = ReservedChannel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    invalid("\(p).reservedTo", r, vi: "\"reservedTo\" phải là một trong: \(known)", en: "\"reservedTo\" must be one of: \(known)")
                }
            }
            var exchange = false
            if let x = t["exchange"] {
                if let b = x.bool { exchange = b } else {
                    invalid("\(p).exchange", x, vi: "\"exchange\" phải là true hoặc false", en: "\"exchange\" must be true or false")
                }
            }
            guard findings.count == before, let event, let label, let to else { return nil }
            return TransitionDefinition(event: event, label: label, from: from.map(\.0), to: to, roles: roles.map(\.0),
                                        guards: guards, documents: documents.map(\.0), deadline: deadline, reservedTo: reserved,
                                        reservedLocation: t["reservedTo"].map { .init(path: "\(p).reservedTo", position: $0.position) }, exchange: exchange,
                                        location: .init(path: p, position: t.position), fromLocations: from.map(\.1),
                                        toLocation: toLocation, roleLocations: roles.map(\.1), documentLocations: documents.map(\.1))
        }
    }
}
