/// Draws a workflow as Mermaid (`stateDiagram-v2`) or Graphviz DOT, from the definition
/// itself, so the diagrams in the README and docs are the shipped ones (a test compares them).
public enum WorkflowDiagram {
    /// A diagram format.
    public enum Format: String, Sendable, CaseIterable {
        case mermaid
        case dot
    }

    /// The diagram text of `definition`, with state labels and event names in `language`.
    public static func render(_ definition: WorkflowDefinition, format: Format, language: Language) -> String {
        let edges = labelledEdges(definition)
        switch format {
        case .mermaid: return mermaid(definition, edges, language)
        case .dot: return dot(definition, edges, language)
        }
    }

    /// (from, to, event) for every drawn edge; `$previous` becomes one edge back to each
    /// state that can enter the source.
    static func labelledEdges(_ d: WorkflowDefinition) -> [(String, String, String)] {
        var entering: [String: [String]] = [:]
        for t in d.transitions {
            if case .state(let to) = t.to { for f in t.from where !(entering[to]?.contains(f) ?? false) { entering[to, default: []].append(f) } }
        }
        var out: [(String, String, String)] = []
        for t in d.transitions {
            for f in t.from {
                switch t.to {
                case .state(let to): out.append((f, to, t.event))
                case .previous: for p in entering[f] ?? [] { out.append((f, p, t.event)) }
                }
            }
        }
        return out
    }

    static func mermaid(_ d: WorkflowDefinition, _ edges: [(String, String, String)], _ l: Language) -> String {
        var lines = ["stateDiagram-v2"]
        for s in d.states { lines.append("    \(s.id): \(s.label[l])") }
        if let initial = d.states.first(where: { $0.kind == .initial }) { lines.append("    [*] --> \(initial.id)") }
        // Merge parallel edges so a state with many sources stays readable.
        var merged: [(String, String, [String])] = []
        for (f, t, e) in edges {
            if let i = merged.firstIndex(where: { $0.0 == f && $0.1 == t }) {
                if !merged[i].2.contains(e) { merged[i].2.append(e) }
            } else {
                merged.append((f, t, [e]))
            }
        }
        for (f, t, es) in merged { lines.append("    \(f) --> \(t): \(es.joined(separator: ", "))") }
        for s in d.states where s.kind == .final { lines.append("    \(s.id) --> [*]") }
        return lines.joined(separator: "\n")
    }

    static func dot(_ d: WorkflowDefinition, _ edges: [(String, String, String)], _ l: Language) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["digraph \(q(d.id)) {", "    rankdir=LR;", "    node [shape=box, style=rounded, fontname=\"Helvetica\"];"]
        for s in d.states {
            let shape = s.kind == .final ? ", peripheries=2" : s.kind == .initial ? ", style=\"rounded,bold\"" : ""
            lines.append("    \(q(s.id)) [label=\(q(s.label[l]))\(shape)];")
        }
        for (f, t, e) in edges { lines.append("    \(q(f)) -> \(q(t)) [label=\(q(e))];") }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
