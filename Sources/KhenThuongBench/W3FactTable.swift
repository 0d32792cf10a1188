import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The facts of every person who has an evaluation-year row, in input order: W2's
/// precomputed features, read with the W3 scanner (parsing, streaks, interning) but not
/// decided further.
package struct W3FactTable: Sendable {
    /// Persons.
    package let count: Int
    /// ``W3Slot/count`` slots per person, person after person; string facts are codes of
    /// the decider given to ``load(input:decider:options:)``.
    package let rows: [Int64]
    private let idBytes: [UInt8]
    private let idEnds: [Int]

    /// Reads `records.csv`; string facts are interned with `decider`.
    package static func load<D: TitleDecider>(input path: String, decider: D, options: W3Options = W3Options()) throws -> W3FactTable {
        try W3FactTable(W3Pipeline.scan(MappedInput(path: path), decider: decider, options: options, keepFacts: true))
    }

    /// Reads the bytes of a `records.csv`.
    package static func load<D: TitleDecider>(csv: [UInt8], decider: D, options: W3Options = W3Options()) throws -> W3FactTable {
        try W3FactTable(W3Pipeline.scan(MappedInput(bytes: csv), decider: decider, options: options, keepFacts: true))
    }

    init(_ parts: [PartResult]) {
        var rows: [Int64] = [], ids: [UInt8] = [], ends: [Int] = []
        for p in parts {
            rows.append(contentsOf: p.facts)
            let shift = ids.count
            ids.append(contentsOf: p.idBytes)
            ends.append(contentsOf: p.idEnds.lazy.map { $0 + shift })
        }
        count = ends.count
        self.rows = rows
        idBytes = ids
        idEnds = ends
    }

    /// The id of person `i`, as bytes.
    package func personIDBytes(_ i: Int) -> ArraySlice<UInt8> {
        idBytes[(i == 0 ? 0 : idEnds[i - 1])..<idEnds[i]]
    }

    /// The id of person `i`.
    package func personID(_ i: Int) -> String {
        String(decoding: personIDBytes(i), as: UTF8.self)
    }

    /// Calls `body` with person `i`'s facts.
    package func withFacts<R>(_ i: Int, _ body: (W3Facts) throws -> R) rethrows -> R {
        try rows.withUnsafeBufferPointer { r in
            try body(W3Facts(row: UnsafeBufferPointer(rebasing: r[i * W3Slot.count..<(i + 1) * W3Slot.count])))
        }
    }
}
