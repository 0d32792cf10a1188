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
