/// Where a byte sequence stops being UTF-8, for messages that name the place.
public enum UTF8Validation {
    /// The first byte that does not start or continue a valid UTF-8 sequence, or `nil` when
    /// all of `bytes` is UTF-8.
    ///
    /// - Returns: the byte's 0-based offset, its 1-based line and its column (counted in
    ///   Unicode scalars from the start of the line, as editors count).
    public static func firstInvalid(in bytes: some Collection<UInt8>) -> (offset: Int, line: Int, column: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return (offset, line, column)
            case .emptyInput:
                return nil
            }
        }
    }

    /// A sentence for a file that is not UTF-8 at `place`: the byte offset, line and column.
    public static func message(_ place: (offset: Int, line: Int, column: Int)) -> LocalizedText {
        .init(vi: "tệp không phải UTF-8: byte thứ \(place.offset) (dòng \(place.line), cột \(place.column)) không hợp lệ; hãy lưu lại dưới dạng UTF-8",
              en: "the file is not UTF-8: byte \(place.offset) (line \(place.line), column \(place.column)) is invalid; save it as UTF-8")
    }
}
