/// The text of one expression and where it sits in its file, so that every error can point
/// into the file the user edits (`workflows/rules/ldtt.json:12:23`).
public struct ExpressionSource: Sendable, Hashable {
    /// How the expression is written in its file.
    public enum Layout: Sendable, Hashable {
        /// The text appears as is; `start` is the position of its first character.
        case plain
        /// The text is the value of a JSON string; `start` is the position of the opening
        /// quote (as ``JSONValue/Positioned/position`` gives it). Columns account for the
        /// escapes a JSON writer adds (`\"`, `\\`, `\n`, …) and assume nothing else is escaped.
        case jsonString
    }

    /// The expression text.
    public var text: String
    /// The file as the user named it.
    public var file: String
    /// Where the text starts in the file (see ``Layout``).
    public var start: SourcePosition
    /// How the text is written in the file.
    public var layout: Layout

    public init(_ text: String, file: String = "<expression>",
                at start: SourcePosition = SourcePosition(line: 1, column: 1), layout: Layout = .plain) {
        self.text = text
        self.file = file
        self.start = start
        self.layout = layout
    }

    /// The expression held by a JSON string value, or `nil` when the value is not a string.
    public init?(json value: JSONValue.Positioned, file: String) {
        guard let text = value.string else { return nil }
        self.init(text, file: file, at: value.position, layout: .jsonString)
    }
}

/// Maps offsets (in Unicode scalars) inside an expression to positions in its file.
struct SourceMap: Sendable {
    let file: String
    let scalars: [Unicode.Scalar]
    private let positions: [SourcePosition]
    /// The text's UTF-8 bytes and, per scalar offset, where it starts in them (for ``text(_:_:)``).
    private let utf8: [UInt8]
    private let utf8Offsets: [Int]

    init(_ source: ExpressionSource) {
        file = source.file
        scalars = Array(source.text.unicodeScalars)
        var positions: [SourcePosition] = []
        positions.reserveCapacity(scalars.count + 1)
        var line = source.start.line
        var column = source.start.column + (source.layout == .jsonString ? 1 : 0)
        for scalar in scalars {
            positions.append(SourcePosition(line: line, column: column))
            switch source.layout {
            case .plain:
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .jsonString:
                switch scalar.value {
                case 0x22, 0x5C, 0x08, 0x09, 0x0A, 0x0C, 0x0D: column += 2
                case 0..<0x20: column += 6
                default: column += 1
                }
            }
        }
        positions.append(SourcePosition(line: line, column: column))
        self.positions = positions
        utf8 = Array(source.text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var at = 0
        for scalar in scalars {
            offsets.append(at)
            at += UTF8.width(scalar)
        }
        offsets.append(at)
        utf8Offsets = offsets
    }

    /// The position of the scalar at `offset` (the end of the text for `offset == count`).
    func position(_ offset: Int) -> SourcePosition {
        positions[max(0, min(offset, positions.count - 1))]
    }

    /// The text between two offsets.
    package func text(_ start: Int, _ end: Int) -> String {
        let from = max(0, min(start, scalars.count)), to = max(from, min(end, scalars.count))
        return String(decoding: utf8[utf8Offsets[from]..<utf8Offsets[to]], as: UTF8.self)
    }
}
