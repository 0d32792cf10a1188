/// Why an expression has no value for a row: the criterion is then "not applicable" and the
/// caller reports it instead of a yes or no.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// `/` or `%` by zero.
        case divisionByZero
        /// An integer result beyond ±9.2 × 10^18.
        case overflow
        /// The expression uses a criterion of its rule set that is itself not applicable.
        case criterionNotApplicable(String)
    }

    public var kind: Kind
    /// The file of the expression.
    public var file: String
    /// Where the failing operation is written.
    public var position: SourcePosition

    public init(kind: Kind, file: String, position: SourcePosition) {
        self.kind = kind
        self.file = file
        self.position = position
    }

    /// What went wrong, in both languages.
    public var message: LocalizedText {
        switch kind {
        case .divisionByZero:
            .init(vi: "không áp dụng được: chia cho 0", en: "not applicable: division by zero")
        case .overflow:
            .init(vi: "không áp dụng được: kết quả vượt quá giới hạn số nguyên", en: "not applicable: the result is beyond the integer range")
        case .criterionNotApplicable(let name):
            .init(vi: "không áp dụng được: tiêu chí \"\(name)\" không áp dụng được",
                  en: "not applicable: criterion \"\(name)\" is not applicable")
        }
    }

    /// `file:line:column: message`.
    public func rendered(_ language: Language) -> String {
        "\(file):\(position): \(message[language])"
    }

    public var description: String { rendered(.en) }
}
