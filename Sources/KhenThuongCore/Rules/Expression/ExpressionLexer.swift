import Foundation

/// Splits an expression into tokens.
///
/// Integers may group digits with `_` (`100_000_000`); strings use `"…"` or `'…'` with
/// the escapes `\"`, `\'`, `\\`, `\n`, `\t`, `\uXXXX` and are normalised to NFC.
struct ExpressionLexer {
    static let keywords: Set<String> = ["true", "false", "in"]
    static let reservedWords: Set<String> = keywords.union(["date"])
    private static let symbols2: Set<String> = ["||", "&&", "==", "!=", "<=", ">="]
    private static let symbols1: Set<Unicode.Scalar> = ["!", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "?", ":"]

    private let source: SourceMap
    private var scalars: [Unicode.Scalar] { source.scalars }
    private var index = 0

    static func tokenize(_ source: SourceMap) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(source: source)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return name.unicodeScalars.allSatisfy(isIdentifierPart)
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c)
    }

    private init(source: SourceMap) { self.source = source }

    private func fail(_ kind: ExpressionError.Kind, at offset: Int, _ message: LocalizedText) -> ExpressionError {
        ExpressionError(kind: kind, file: source.file, position: source.position(offset), message: message)
    }

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        let start = index
        guard index < scalars.count else { return ExpressionToken(kind: .end, start: start, end: start) }
        let c = scalars[index]
        if Self.isIdentifierStart(c) {
            while index < scalars.count, Self.isIdentifierPart(scalars[index]) { index += 1 }
            let word = source.text(start, index)
            return ExpressionToken(kind: Self.keywords.contains(word) ? .keyword(word) : .identifier(word), start: start, end: index)
        }
        if ("0"..."9").contains(c) { return try number() }
        if c == "\"" || c == "'" { return try string(quote: c) }
        if index + 1 < scalars.count {
            let pair = source.text(index, index + 2)
            if Self.symbols2.contains(pair) {
                index += 2
                return ExpressionToken(kind: .symbol(pair), start: start, end: index)
            }
        }
        if Self.symbols1.contains(c) {
            index += 1
            return ExpressionToken(kind: .symbol(String(Character(c))), start: start, end: index)
        }
        throw fail(.invalidCharacter, at: start, ExpressionMessages.invalidCharacter(String(Character(c))))
    }

    private mutating func number() throws(ExpressionError) -> ExpressionToken {
        let start = index
        while index < scalars.count, Self.isIdentifierPart(scalars[index]) { index += 1 }
        let text = source.text(start, index)
        let digits = text.unicodeScalars.filter { $0 != "_" }
        let wellFormed = !text.hasSuffix("_") && !text.contains("__") && digits.allSatisfy { ("0"..."9").contains($0) }
        guard wellFormed else { throw fail(.invalidNumber, at: start, ExpressionMessages.invalidNumber(text)) }
        guard let value = Int64(String(String.UnicodeScalarView(digits))) else {
            throw fail(.invalidNumber, at: start, ExpressionMessages.numberTooLarge(text))
        }
        return ExpressionToken(kind: .integer(value), start: start, end: index)
    }

    private mutating func string(quote: Unicode.Scalar) throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        var out = String.UnicodeScalarView()
        while true {
            guard index < scalars.count, scalars[index] != "\n" else {
                throw fail(.unterminatedString, at: start, ExpressionMessages.unterminatedString(Character(quote)))
            }
            let c = scalars[index]
            if c == quote {
                index += 1
                let text = String(out).precomposedStringWithCanonicalMapping
                return ExpressionToken(kind: .string(text), start: start, end: index)
            }
            if c != "\\" {
                out.append(c)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < scalars.count else {
                throw fail(.unterminatedString, at: start, ExpressionMessages.unterminatedString(Character(quote)))
            }
            let e = scalars[index]
            index += 1
            switch e {
            case "\"", "'", "\\": out.append(e)
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "u":
                var hexEnd = index
                while hexEnd < min(index + 4, scalars.count), scalars[hexEnd].properties.isASCIIHexDigit { hexEnd += 1 }
                let hex = source.text(index, hexEnd)
                guard hex.count == 4, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw fail(.invalidEscape, at: escapeStart, ExpressionMessages.invalidEscape(source.text(escapeStart, hexEnd)))
                }
                out.append(scalar)
                index = hexEnd
            default:
                throw fail(.invalidEscape, at: escapeStart, ExpressionMessages.invalidEscape(source.text(escapeStart, index)))
            }
        }
    }
}
