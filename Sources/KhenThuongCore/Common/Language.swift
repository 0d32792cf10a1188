/// The language a person reads: Vietnamese by default, English on request (`--lang en`).
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Vietnamese (tiếng Việt), the default.
    case vi
    /// English.
    case en
}

/// A text given in both languages, as definitions carry it (`{"vi": "…", "en": "…"}`).
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        language == .vi ? vi : en
    }
}
