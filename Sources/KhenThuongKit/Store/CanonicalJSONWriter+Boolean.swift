extension CanonicalJSONWriter {
    /// Appends `true` or `false`.
    mutating func boolean(_ value: Bool) {
        for ascii in (value ? "true" : "false").unicodeScalars { punctuation(ascii) }
    }
}
