/// A QR code symbol (ISO/IEC 18004), encoded in byte mode: the module matrix, its version,
/// error correction level and mask. Written here, without a third-party package: the
/// Reed–Solomon code over GF(256) (`ReedSolomon`), the function patterns, the codeword
/// placement and the mask chosen by the standard's four penalty rules (`QRCode+Matrix.swift`).
///
/// ```swift
/// let code = try QRCode(text: "https://example.org/verify/QD-1-HS-7.json", level: .medium)
/// let svg = code.svg()          // a scalable image, dark modules as one path
/// ```
package struct QRCode: Sendable, Equatable {
    /// The error correction level (the share of codewords that can be restored).
    package enum Level: Int, Sendable, CaseIterable {
        /// About 7 %.
        case low
        /// About 15 %.
        case medium

        /// The two bits the format information carries for the level.
        var formatBits: Int { self == .low ? 1 : 0 }
    }

    /// 1 through 40: the symbol is `17 + 4 × version` modules wide.
    package let version: Int
    package let level: Level
    /// The data mask applied, 0 through 7.
    package let mask: Int
    /// Modules per side.
    package let size: Int
    /// Row-major, `true` for dark: `modules[y * size + x]`.
    package let modules: [Bool]

    /// Whether the module in column `x`, row `y` is dark.
    package func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes the UTF-8 bytes of `text` in byte mode at `level`, in the smallest version
    /// that holds them.
    /// - Parameter mask: a fixed mask (0–7); `nil` picks the one with the lowest penalty.
    /// - Throws: `QRCodeError.tooLong` when not even version 40 holds the data.
    package init(text: String, level: Level, mask: Int? = nil) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), level: level, mask: mask)
    }

    /// Encodes `bytes` in byte mode (see `init(text:level:mask:)`).
    package init(bytes: [UInt8], level: Level, mask: Int? = nil) throws(QRCodeError) {
        guard let version = (1...40).first(where: { Self.fits(bytes.count, version: $0, level: level) }) else {
            throw .tooLong(bytes: bytes.count, capacity: Self.dataCodewords(version: 40, level: level) - 3)
        }
        let data = Self.codewords(bytes, version: version, level: level)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.place(Self.interleaved(data, version: version, level: level))
        let chosen = mask ?? matrix.bestMask()
        matrix.applyMask(chosen)
        matrix.drawFormatAndVersion(level: level, mask: chosen)
        self.version = version
        self.level = level
        self.mask = chosen
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether `count` bytes fit in byte mode: mode (4 bits), count, data.
    static func fits(_ count: Int, version: Int, level: Level) -> Bool {
        let countBits = version <= 9 ? 8 : 16
        return count < 1 << countBits && 4 + countBits + 8 * count <= dataCodewords(version: version, level: level) * 8
    }

    /// The data codewords: mode indicator `0100`, the count, the bytes, up to four zero bits of
    /// terminator, zero bits to a byte boundary, then the pad bytes `EC 11 EC …`.
    static func codewords(_ bytes: [UInt8], version: Int, level: Level) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for b in bytes { append(Int(b), 8) }
        let capacity = dataCodewords(version: version, level: level) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var out: [UInt8] = []
        for i in stride(from: 0, to: bits.count, by: 8) {
            out.append(bits[i..<(i + 8)].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
        var pad: UInt8 = 0xEC
        while out.count < capacity / 8 {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved
    /// as ISO/IEC 18004 §7.6 orders them: the data of every block column by column, then the
    /// error correction codewords likewise.
    static func interleaved(_ data: [UInt8], version: Int, level: Level) -> [UInt8] {
        let blockCount = QRTables.blocks[level.rawValue][version]
        let ecLength = QRTables.ecCodewordsPerBlock[level.rawValue][version]
        let raw = QRTables.rawDataModules(version: version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let divisor = ReedSolomon.generator(degree: ecLength)
        var blocks: [[UInt8]] = []
        var k = 0
        for i in 0..<blockCount {
            let length = shortLength - ecLength + (i < shortBlocks ? 0 : 1)
            let dataPart = Array(data[k..<(k + length)])
            k += length
            blocks.append(dataPart + ReedSolomon.remainder(dataPart, divisor: divisor))
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw)
        let longest = shortLength - ecLength + (shortBlocks < blockCount ? 1 : 0)
        for i in 0..<longest {
            for block in blocks where i < block.count - ecLength { out.append(block[i]) }
        }
        for i in 0..<ecLength {
            for block in blocks { out.append(block[block.count - ecLength + i]) }
        }
        return out
    }

    /// How many data codewords a symbol holds (all codewords less the error correction ones).
    static func dataCodewords(version: Int, level: Level) -> Int {
        QRTables.rawDataModules(version: version) / 8
            - QRTables.ecCodewordsPerBlock[level.rawValue][version] * QRTables.blocks[level.rawValue][version]
    }
}

/// Why data cannot be put in a QR code.
package enum QRCodeError: Error, Equatable, Sendable {
    /// More bytes than version 40 holds at the level.
    case tooLong(bytes: Int, capacity: Int)
}
