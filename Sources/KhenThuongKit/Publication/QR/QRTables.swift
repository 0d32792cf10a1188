/// The numbers of ISO/IEC 18004 Table 9 for levels L and M, by version (index 0 unused), and
/// the count of modules left for codewords once the function patterns are drawn.
enum QRTables {
    /// Error correction codewords in each block: `[level][version]`.
    static let ecCodewordsPerBlock: [[Int]] = [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    ]

    /// Blocks the codewords are split into: `[level][version]`.
    static let blocks: [[Int]] = [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    ]

    /// Modules for data and error correction (and remainder bits): the whole symbol less the
    /// finder patterns with their separators and the format areas, the timing patterns, the
    /// alignment patterns and, from version 7, the two version areas.
    static func rawDataModules(version v: Int) -> Int {
        var result = (16 * v + 128) * v + 64
        if v >= 2 {
            let align = v / 7 + 2
            result -= (25 * align - 10) * align - 55
            if v >= 7 { result -= 36 }
        }
        return result
    }

    /// The centre rows and columns of the alignment patterns (ISO/IEC 18004 Annex E).
    static func alignmentPositions(version v: Int) -> [Int] {
        guard v > 1 else { return [] }
        let count = v / 7 + 2
        let size = 17 + 4 * v
        let step = v == 32 ? 26 : (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var out = [6]
        var pos = size - 7
        var rest: [Int] = []
        for _ in 0..<(count - 1) {
            rest.insert(pos, at: 0)
            pos -= step
        }
        out.append(contentsOf: rest)
        return out
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR code's polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰ … α^(n−1), α = 2.
enum ReedSolomon {
    /// The product of `x` and `y` in the field.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= (Int(y) >> i & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial of `degree`, highest term first, its leading 1 left out.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The error correction codewords of `data`: the remainder of data × x^n by the generator.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
