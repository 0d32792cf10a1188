import Foundation

/// How much of its legal source a criterion's citation names.
public enum CitationCompleteness: String, Sendable, Hashable, CaseIterable {
    /// Document, article (Điều), clause (khoản) and point (điểm).
    case complete
    /// The document is blank: the criterion has no source at all (an error).
    case missingDocument = "missing-document"
    /// A document without an article (a warning).
    case missingArticle = "missing-article"
    /// Document and article without a clause (a warning).
    case missingClause = "missing-clause"
    /// Document, article and clause without a point: complete when the clause has no points,
    /// which only the legal text tells, so it is counted, never warned about.
    case missingPoint = "missing-point"
}

extension Citation {
    /// The first part missing, in the order document, article, clause, point. A part written in
    /// the document's text (`"NĐ 98/2023/NĐ-CP, Điều 4 khoản 2 điểm a"`) counts as named.
    public var completeness: CitationCompleteness {
        let text = document.precomposedStringWithCanonicalMapping.lowercased()
        // "Điều 4", "khoản 2": a number follows; "điểm a": one letter, then no letter.
        func named(_ word: String, number: Bool) -> Bool {
            var rest = text[...]
            while let r = rest.range(of: word + " ") {
                let after = rest[r.upperBound...]
                if let first = after.first {
                    if number, first.isNumber { return true }
                    if !number, first.isLetter, !(after.dropFirst().first?.isLetter ?? false) { return true }
                }
                rest = after
            }
            return false
        }
        if document.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .missingDocument }
        if article == nil && !named("điều", number: true) { return .missingArticle }
        if clause == nil && !named("khoản", number: true) { return .missingClause }
        if point == nil && !named("điểm", number: false) { return .missingPoint }
        return .complete
    }
}

/// Citation completeness over rule sets: counts per ``CitationCompleteness`` and findings.
public enum CitationAudit {
    /// How many criteria fall in each class.
    public struct Counts: Sendable, Hashable {
        public var complete = 0, missingDocument = 0, missingArticle = 0, missingClause = 0, missingPoint = 0
        public var total: Int { complete + missingDocument + missingArticle + missingClause + missingPoint }
        public init() {}

        mutating func add(_ c: CitationCompleteness) {
            switch c {
            case .complete: complete += 1
            case .missingDocument: missingDocument += 1
            case .missingArticle: missingArticle += 1
            case .missingClause: missingClause += 1
            case .missingPoint: missingPoint += 1
            }
        }

        /// `Trích dẫn: 56 tiêu chí — 20 đủ, 3 thiếu điều, 15 thiếu khoản, 18 thiếu điểm`.
        public func rendered(_ language: Language) -> String {
            let noDocument = missingDocument == 0 ? "" : (language == .vi ? ", \(missingDocument) thiếu văn bản" : ", \(missingDocument) missing document")
            return language == .vi
                ? "Trích dẫn: \(total) tiêu chí — \(complete) đủ, \(missingArticle) thiếu điều, \(missingClause) thiếu khoản, \(missingPoint) thiếu điểm\(noDocument)"
                : "Citations: \(total) criteria — \(complete) complete, \(missingArticle) missing article, \(missingClause) missing clause, \(missingPoint) missing point\(noDocument)"
        }
    }

    /// Checks every criterion of `sets` (in the order given, regimes and criteria in file order):
    /// an error for a citation with no document, a warning for one with no article or no clause.
    public static func check(_ sets: [RuleSet]) -> (Counts, [LintFinding]) {
        var counts = Counts()
        var findings: [LintFinding] = []
        for set in sets {
            for regime in set.regimes {
                for c in regime.criteria {
                    let completeness = c.citation.completeness
                    counts.add(completeness)
                    let location = SourceLocation(path: c.location.path + ".citation", position: c.location.position)
                    let cited = c.citation.rendered(.vi)
                    switch completeness {
                    case .missingDocument:
                        findings.append(LintFinding(kind: .incompleteCitation, file: set.file, location: location,
                                                    message: .init(vi: "trích dẫn của tiêu chí \(c.id) không ghi văn bản nào",
                                                                   en: "the citation of criterion \(c.id) names no document")))
                    case .missingArticle:
                        findings.append(LintFinding(kind: .incompleteCitation, severity: .warning, file: set.file, location: location,
                                                    message: .init(vi: "trích dẫn của tiêu chí \(c.id) (\(cited)) không ghi điều",
                                                                   en: "the citation of criterion \(c.id) (\(c.citation.rendered(.en))) names no article")))
                    case .missingClause:
                        findings.append(LintFinding(kind: .incompleteCitation, severity: .warning, file: set.file, location: location,
                                                    message: .init(vi: "trích dẫn của tiêu chí \(c.id) (\(cited)) không ghi khoản",
                                                                   en: "the citation of criterion \(c.id) (\(c.citation.rendered(.en))) names no clause")))
                    case .complete, .missingPoint:
                        break
                    }
                }
            }
        }
        return (counts, findings)
    }
}
