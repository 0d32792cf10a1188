import Foundation

/// Reads rule sets from `workflows/rules/<award-id>.json` and compiles their expressions.
///
/// File format (stable):
///
/// ```json
/// {"award": "lao_dong_tien_tien", "version": "1.0.0",
///  "regimes": [
///    {"id": "nd91-2017", "from": 2017, "to": 2023, "sources": ["NĐ 91/2017/NĐ-CP"],
///     "deferIf": "pending_proceedings > 0",
///     "criteria": [
///       {"id": "ldtt.duty", "text": {"vi": "…", "en": "…"},
///        "citation": {"document": "Luật 06/2022/QH15", "article": 24, "clause": 1, "point": "a"},
///        "confidence": "VERIFIED-Q",
///        "expression": "duty_rating in [\"HTXSNV\", \"HTTNV\"]",
///        "appliesIf": "…optional bool expression…",
///        "explain": {"vi": "Xếp loại {duty_rating}", "en": "Duty rating {duty_rating}"}}]}],
///  "cases": [{"name": "…", "nominee": {…see NomineeLoader…}, "year": 2025,
///             "expect": "eligible" | "not-eligible" | "deferred", "failing": ["ldtt.duty"]}]}
/// ```
///
/// - Regimes are chosen by the achievement year: `from`…`to` inclusive, `to` left out for
///   the regime still in force. Regimes must neither overlap nor leave gaps.
/// - `expression`, `appliesIf` and `deferIf` are expressions of the rule language over the
///   variables and functions of ``EligibilitySchema``; `param("id")` reads a parameter and
///   the id must exist in `params.json`.
/// - `explain` is optional: each `{…}` hole holds an expression whose actual value replaces it.
/// - `confidence` is one of VERIFIED, VERIFIED-Q, UNVERIFIED, MINISTRY-ONLY (``Confidence``).
/// - Criterion ids are unique within a regime (a later regime may reuse an id for the same
///   criterion under the new law).
public enum RuleSetLoader {
    /// Parses the rule file `text` found in `file`.
    /// - Parameter awards: the catalog award ids are checked against (`nil` skips the check).
    /// - Returns: the rule set when there was no finding, and every finding.
    public static func parse(_ text: String, file: String, schema: EligibilitySchema,
                             awards: AwardCatalog? = nil) -> (RuleSet?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch { return (nil, [LintFinding.malformed(file, error)]) }
        var reader = Reader(r: FactReader(file: file), schema: schema)
        let set = reader.ruleSet(root, awards: awards)
        return (reader.r.findings.isEmpty ? set : nil, reader.r.findings)
    }

    package struct Reader {
        var r: FactReader
        let schema: EligibilitySchema
        var file: String { r.file }

        mutating func ruleSet(_ root: JSONValue.Positioned, awards: AwardCatalog?) -> RuleSet? {
            guard root.members != nil else {
                r.invalid("$", root, vi: "tệp quy tắc phải là một đối tượng JSON", en: "a rule file must be a JSON object")
                return nil
            }
            let award = r.string(root, "award", "$")
            if let award, let awards, awards.award(award) == nil {
                r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: "$.award", position: root["award"]!.position),
                                  message: RuleMessages.unknownAward(award, suggestion: NameSuggestion.nearest(to: award, among: awards.awards.map(\.id)))))
            }
            let version = r.string(root, "version", "$")
            var regimes: [(RuleRegime, JSONValue.Positioned, String)] = []
            for (i, g) in (r.array(root, "regimes", "$") ?? []).enumerated() {
                let p = "$.regimes[\(i)]"
                var criterionIDs: [String: String] = [:]
                if let regime = self.regime(g, p, &criterionIDs) { regimes.append((regime, g, p)) }
            }
            checkCoverage(regimes)
            var cases: [RuleCase] = []
            for (i, c) in (r.array(root, "cases", "$", required: false) ?? []).enumerated() {
                if let rc = ruleCase(c, "$.cases[\(i)]", award: award ?? "") { cases.append(rc) }
            }
            guard let award, let version else { return nil }
            return RuleSet(award: award, awardName: awards?.award(award)?.name, version: version, regimes: regimes.map(\.0).sorted { $0.from < $1.from },
                           cases: cases, file: file, schema: schema)
        }

        mutating func checkCoverage(_ regimes: [(RuleRegime, JSONValue.Positioned, String)]) {
            let sorted = regimes.sorted { $0.0.from < $1.0.from }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let aTo = a.0.to ?? Int.max
                if aTo >= b.0.from {
                    r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: "\(b.2).from", position: b.1["from"]?.position ?? b.1.position),
                                      message: RuleMessages.overlap(a.0.id, b.0.id, from: b.0.from, to: min(aTo, b.0.to ?? aTo))))
                } else if aTo + 1 < b.0.from {
                    r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: "\(b.2).from", position: b.1["from"]?.position ?? b.1.position),
                                      message: RuleMessages.gap(a.0.id, b.0.id, from: aTo + 1, to: b.0.from - 1)))
                }
            }
        }

        mutating func regime(_ g: JSONValue.Positioned, _ p: String, _ ids: inout [String: String]) -> RuleRegime? {
            let before = r.findings.count
            let id = r.string(g, "id", p)
            let from = r.int(g, "from", p, range: 1900...2200)
            let to = r.int(g, "to", p, required: false, range: 1900...2200)
            if let from, let to, to < from {
                r.invalid("\(p).to", g["to"], vi: "\"to\" (\(to)) trước \"from\" (\(from))", en: "\"to\" (\(to)) is before \"from\" (\(from))")
            }
            let sources = (r.array(g, "sources", p, required: false) ?? []).compactMap(\.string)
            let deferIf = g["deferIf"].flatMap { compile($0, "\(p).deferIf") }
            var criteria: [RuleCriterion] = []
            for (i, c) in (r.array(g, "criteria", p) ?? []).enumerated() {
                let cp = "\(p).criteria[\(i)]"
                if let cid = c["id"]?.string {
                    if let first = ids[cid] {
                        r.add(LintFinding(kind: .duplicateID, file: file, location: .init(path: "\(cp).id", position: c["id"]!.position),
                                          message: RuleMessages.duplicateCriterion(cid, first: first)))
                    } else { ids[cid] = cp }
                }
                if let criterion = self.criterion(c, cp) { criteria.append(criterion) }
            }
            _ = before
            guard let id, let from else { return nil }
            return RuleRegime(id: id, from: from, to: to, sources: sources, criteria: criteria, deferIf: deferIf)
        }

        mutating func criterion(_ c: JSONValue.Positioned, _ p: String) -> RuleCriterion? {
            let before = r.findings.count
            let id = r.string(c, "id", p), text = r.text(c, "text", p)
            var citation: Citation?
            if let cv = c["citation"] {
                let cp = "\(p).citation"
                if let document = r.string(cv, "document", cp) {
                    citation = Citation(document: document, article: r.int(cv, "article", cp, required: false, range: 1...999),
                                        clause: r.int(cv, "clause", cp, required: false, range: 1...99), point: r.string(cv, "point", cp, required: false))
                }
            } else {
                r.invalid("\(p).citation", c, vi: "thiếu trường bắt buộc \"citation\"", en: "the required member \"citation\" is missing")
            }
            var confidence: Confidence?
            if let cv = c["confidence"], let s = cv.string, Confidence(rawValue: s) == nil {
                r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: "\(p).confidence", position: cv.position),
                                  message: RuleMessages.unknownConfidence(s)))
            } else {
                confidence = r.code(c, "confidence", p, as: Confidence.self, required: true)
            }
            var expression: CompiledExpression?
            if let e = c["expression"] { expression = compile(e, "\(p).expression") } else {
                r.invalid("\(p).expression", c, vi: "thiếu trường bắt buộc \"expression\"", en: "the required member \"expression\" is missing")
            }
            let appliesIf = c["appliesIf"].flatMap { compile($0, "\(p).appliesIf") }
            let explain = c["explain"].flatMap { template($0, "\(p).explain") }
            guard r.findings.count == before, let id, let text, let citation, let confidence, let expression else { return nil }
            return RuleCriterion(id: id, text: text, citation: citation, confidence: confidence, expression: expression,
                                 appliesIf: appliesIf, explain: explain, location: .init(path: p, position: c.position))
        }

        /// Compiles the bool expression held by the JSON string `v`.
        mutating func compile(_ v: JSONValue.Positioned, _ p: String, expecting: ExpressionType? = .bool) -> CompiledExpression? {
            guard let source = ExpressionSource(json: v, file: file) else {
                r.invalid(p, v, vi: "biểu thức phải là chuỗi, không phải \(v.value.typeName)", en: "an expression must be a string, not \(v.value.typeName)")
                return nil
            }
            return compile(source, p, expecting: expecting)
        }

        mutating func compile(_ source: ExpressionSource, _ p: String, expecting: ExpressionType?) -> CompiledExpression? {
            do {
                let compiled = try ExpressionCompiler.compile(source, schema: schema.schema, expecting: expecting)
                return checkParameters(source, p) ? compiled : nil
            } catch {
                r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: p, position: error.position), message: error.message))
                return nil
            }
        }

        /// Reports every `param("id")` whose id is not a parameter, at the id's position.
        mutating func checkParameters(_ source: ExpressionSource, _ p: String) -> Bool {
            let scalars = Array(source.text.unicodeScalars)
            let prefix = Array("param(\"".unicodeScalars)
            var ok = true
            var i = 0
            while i + prefix.count <= scalars.count {
                guard Array(scalars[i..<(i + prefix.count)]) == prefix, i == 0 || !Self.isIdentifierScalar(scalars[i - 1]) else { i += 1; continue }
                let start = i + prefix.count
                var end = start
                while end < scalars.count && scalars[end] != "\"" { end += 1 }
                var id = String.UnicodeScalarView()
                id.append(contentsOf: scalars[start..<end])
                let name = String(id)
                if schema.parameters[name] == nil {
                    ok = false
                    r.add(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: p, position: SourceMap(source).position(start - 1)),
                                      message: RuleMessages.unknownParameter(name)))
                }
                i = end
            }
            return ok
        }

        static func isIdentifierScalar(_ s: Unicode.Scalar) -> Bool {
            s == "_" || (s.isASCII && (CharacterSet.alphanumerics.contains(s)))
        }

        mutating func template(_ v: JSONValue.Positioned, _ p: String) -> ExplainTemplate? {
            guard let vi = v["vi"], let en = v["en"], vi.string != nil, en.string != nil else {
                r.invalid(p, v, vi: "\"explain\" phải là đối tượng có chuỗi \"vi\" và \"en\"", en: "\"explain\" must be an object with the strings \"vi\" and \"en\"")
                return nil
            }
            guard let a = pieces(vi, "\(p).vi"), let b = pieces(en, "\(p).en") else { return nil }
            return ExplainTemplate(vi: a, en: b)
        }

        /// Splits a template into literal text and `{expression}` holes, compiling each hole.
        mutating func pieces(_ v: JSONValue.Positioned, _ p: String) -> [ExplainTemplate.Piece]? {
            let whole = ExpressionSource(json: v, file: file)!
            let map = SourceMap(whole)
            let scalars = map.scalars
            var out: [ExplainTemplate.Piece] = []
            var literal = String.UnicodeScalarView()
            var i = 0
            var ok = true
            while i < scalars.count {
                if scalars[i] == "{", let close = scalars[(i + 1)...].firstIndex(of: "}") {
                    if !literal.isEmpty { out.append(.literal(String(literal))); literal = .init() }
                    let text = map.text(i + 1, close)
                    let source = ExpressionSource(text, file: file, at: map.position(i + 1), layout: .plain)
                    if let compiled = compile(source, p, expecting: nil) { out.append(.value(compiled)) } else { ok = false }
                    i = close + 1
                } else {
                    literal.append(scalars[i])
                    i += 1
                }
            }
            if !literal.isEmpty { out.append(.literal(String(literal))) }
            return ok ? out : nil
        }

        mutating func ruleCase(_ c: JSONValue.Positioned, _ p: String, award: String) -> RuleCase? {
            let before = r.findings.count
            let name = r.string(c, "name", p)
            let year = r.int(c, "year", p, range: 1900...2200)
            let expect = r.code(c, "expect", p, as: EligibilityOutcome.self, required: true)
            var failing: [String]?
            if c["failing"] != nil { failing = (r.array(c, "failing", p) ?? []).compactMap(\.string) }
            let caseAward = c["award"] == nil ? award : (r.string(c, "award", p) ?? award)
            var nominee: NomineeFacts?
            if let n = c["nominee"] { nominee = NomineeLoader.nominee(n, "\(p).nominee", &r) } else {
                r.invalid("\(p).nominee", c, vi: "thiếu trường bắt buộc \"nominee\"", en: "the required member \"nominee\" is missing")
            }
            guard r.findings.count == before, let name, let year, let expect, let nominee else { return nil }
            return RuleCase(award: caseAward, name: name, nominee: nominee, year: year, expect: expect, failing: failing,
                            file: file, location: .init(path: p, position: c.position))
        }
    }
}

/// Every rule set of a directory, compiled against one schema (one set of parameters).
public struct EligibilityRules: Sendable {
    public let schema: EligibilitySchema
    /// The rule sets by award id.
    public let ruleSets: [String: RuleSet]

    public init(schema: EligibilitySchema, ruleSets: [String: RuleSet]) {
        self.schema = schema
        self.ruleSets = ruleSets
    }

    /// The rule set of `award`.
    public subscript(award: String) -> RuleSet? { ruleSets[award] }

    /// Every case of every rule set, award by award in id order.
    public var cases: [RuleCase] { ruleSets.keys.sorted().flatMap { ruleSets[$0]!.cases } }
}
