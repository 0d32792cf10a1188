/// A problem found while compiling an expression: where (file, line:column inside the file)
/// and what, in Vietnamese and English.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of problem, for programs; people read ``message``.
    public enum Kind: String, Sendable, CaseIterable {
        case unterminatedString = "unterminated-string"
        case invalidCharacter = "invalid-character"
        case invalidNumber = "invalid-number"
        case invalidEscape = "invalid-escape"
        case syntax
        case tooDeep = "too-deep"
        case unknownVariable = "unknown-variable"
        case unknownFunction = "unknown-function"
        case notAFunction = "not-a-function"
        case notAVariable = "not-a-variable"
        case argumentCount = "argument-count"
        case argumentType = "argument-type"
        case operandType = "operand-type"
        case resultType = "result-type"
        case listType = "list-type"
        case invalidDate = "invalid-date"
        case forwardReference = "forward-reference"
        case selfReference = "self-reference"
        case duplicateName = "duplicate-name"
        case invalidName = "invalid-name"
    }

    public var kind: Kind
    /// The file as the caller named it.
    public var file: String
    /// Line and column in the file.
    public var position: SourcePosition
    /// What is wrong and, where possible, how to fix it.
    public var message: LocalizedText

    public init(kind: Kind, file: String, position: SourcePosition, message: LocalizedText) {
        self.kind = kind
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: error: message` (`lỗi` in Vietnamese), the way compilers print errors.
    public func rendered(_ language: Language) -> String {
        "\(file):\(position): \(language == .vi ? "lỗi" : "error"): \(message[language])"
    }

    public var description: String { rendered(.en) }
}

/// Every problem found in a rule set (at most one per criterion), in criterion order.
public struct ExpressionErrorList: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ExpressionError]

    public init(_ errors: [ExpressionError]) { self.errors = errors }

    /// One rendered error per line.
    public func rendered(_ language: Language) -> String {
        errors.map { $0.rendered(language) }.joined(separator: "\n")
    }

    public var description: String { rendered(.en) }
}

/// Finds the declared name closest to a misspelt one, for "did you mean" hints.
enum NameSuggestion {
    /// The candidate nearest to `name`, if near enough to be a likely typo.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = max(1, min(3, target.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
