/// One token of an expression, with its offsets (in Unicode scalars) in the text.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case integer(Int64)
        case string(String)
        case identifier(String)
        case keyword(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int

    /// How the token is named in messages: `")"`, `"months_worked"`, `the end of the expression`.
    func described(_ source: SourceMap) -> LocalizedText {
        if case .end = kind { return LocalizedText(vi: "cuối biểu thức", en: "the end of the expression") }
        let text = "\"\(source.text(start, end))\""
        return LocalizedText(vi: text, en: text)
    }
}
