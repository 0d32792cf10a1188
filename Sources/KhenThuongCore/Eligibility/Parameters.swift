import Foundation

/// One named value a rule reads with `param("id")`: a threshold or a policy choice that
/// could not be verified in the legal text, kept as data so a deployment can change it without code.
public struct Parameter: Sendable, Hashable, Codable {
    /// A dotted id such as `cstdcs.quota.percent`.
    public var id: String
    /// The value (every parameter is an integer: counts, months, VND, percent; a policy
    /// choice is an integer code documented in `text`).
    public var value: Int64
    public var text: LocalizedText
    /// Where the value comes from: the legal text (document, article, clause) or "policy".
    public var source: String
    public var confidence: Confidence
    /// The override file that set `value`, when it is not the default.
    public var overriddenBy: String?

    public init(id: String, value: Int64, text: LocalizedText, source: String, confidence: Confidence, overriddenBy: String? = nil) {
        self.id = id
        self.value = value
        self.text = text
        self.source = source
        self.confidence = confidence
        self.overriddenBy = overriddenBy
    }
}

/// The parameters of the rule sets: `workflows/rules/params.json`, possibly overridden by a
/// deployment's own file.
///
/// File format (stable):
///
/// ```json
/// {"params": [
///   {"id": "cstdcs.quota.percent", "value": 15, "type": "int",
///    "text": {"vi": "…", "en": "…"}, "source": "NĐ 91/2017 k3 Điều 9", "confidence": "VERIFIED-Q"}
/// ]}
/// ```
///
/// `type` must be `"int"` (the only type so far). In an override file only `id` and `value` are
/// required; an id the defaults do not have is an error naming it. Expressions read a value
/// with `param("cstdcs.quota.percent")`; the rule loader checks that every literal id exists.
public struct Parameters: Sendable, Hashable {
    /// The parameters, in file order.
    public private(set) var all: [Parameter]
    private var index: [String: Int]

    public init(_ parameters: [Parameter]) {
        all = parameters
        index = Dictionary(parameters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The parameter called `id`.
    public subscript(id: String) -> Parameter? { index[id].map { all[$0] } }

    /// The value of `id`, or `nil` for an unknown id.
    public func value(_ id: String) -> Int64? { index[id].map { all[$0].value } }

    /// Parses a parameter file's text.
    public static func parse(_ text: String, file: String) -> (Parameters?, [LintFinding]) {
        let (list, findings) = entries(text, file: file, isOverride: false)
        return (findings.isEmpty ? Parameters(list.map(\.0)) : nil, findings)
    }

    /// Applies the values of an override file's text to these defaults.
    /// - Returns: the findings (an unknown id names itself); values are applied only when there is none.
    public mutating func override(with text: String, file: String) -> [LintFinding] {
        let (list, findings) = Self.entries(text, file: file, isOverride: true)
        guard findings.isEmpty else { return findings }
        return apply(list, file: file)
    }

    private mutating func apply(_ list: [(Parameter, SourceLocation)], file: String) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (p, location) in list where index[p.id] == nil {
            findings.append(LintFinding(kind: .invalidDefinition, file: file, location: location,
                                        message: .init(vi: "không có tham số \"\(p.id)\" để ghi đè", en: "there is no parameter \"\(p.id)\" to override")))
        }
        guard findings.isEmpty else { return findings }
        for (p, _) in list {
            let i = index[p.id]!
            all[i].value = p.value
            all[i].overriddenBy = file
        }
        return []
    }

    private static func entries(_ text: String, file: String, isOverride: Bool) -> ([(Parameter, SourceLocation)], [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch { return ([], [LintFinding.malformed(file, error)]) }
        var r = FactReader(file: file)
        var out: [(Parameter, SourceLocation)] = []
        var seen: [String: String] = [:]
        for (i, e) in (r.array(root, "params", "$") ?? []).enumerated() {
            let p = "$.params[\(i)]"
            let before = r.findings.count
            let id = r.string(e, "id", p)
            let value = r.int(e, "value", p)
            if let t = e["type"], t.string != "int" {
                r.invalid("\(p).type", t, vi: "\"type\" phải là \"int\"", en: "\"type\" must be \"int\"")
            } else if e["type"] == nil && !isOverride {
                r.invalid("\(p).type", e, vi: "thiếu trường bắt buộc \"type\" (\"int\")", en: "the required member \"type\" (\"int\") is missing")
            }
            var text = LocalizedText(vi: "", en: ""), source = "", confidence = Confidence.unverified
            if !isOverride || e["text"] != nil { text = r.text(e, "text", p) ?? text }
            if !isOverride || e["source"] != nil { source = r.string(e, "source", p) ?? "" }
            if !isOverride || e["confidence"] != nil {
                if let c = e["confidence"], let s = c.string, Confidence(rawValue: s) == nil {
                    r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: "\(p).confidence", position: c.position),
                                      message: RuleMessages.unknownConfidence(s)))
                } else {
                    confidence = r.code(e, "confidence", p, as: Confidence.self, required: true) ?? confidence
                }
            }
            guard r.findings.count == before, let id, let value else { continue }
            if let first = seen[id] {
                r.add(LintFinding(kind: .duplicateID, file: file, location: .init(path: p, position: e.position),
                                  message: .init(vi: "tham số \"\(id)\" đã có tại \(first)", en: "parameter \"\(id)\" is already defined at \(first)")))
                continue
            }
            seen[id] = p
            out.append((Parameter(id: id, value: Int64(value), text: text, source: source, confidence: confidence),
                        SourceLocation(path: p, position: e.position)))
        }
        return (out, r.findings)
    }
}
