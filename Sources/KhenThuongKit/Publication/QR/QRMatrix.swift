/// The module grid of one QR code while it is built: the function patterns (finders with
/// their separators, timing, alignment, and the reserved format and version areas), the data
/// placed in the standard's two-column zigzag, the eight masks and their penalty.
struct QRMatrix {
    let version: Int
    let size: Int
    /// Row-major, `true` for dark.
    var modules: [Bool]
    /// Row-major, `true` where a function pattern or a reserved area lies (never masked).
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Timing patterns, the three finders with separators, the alignment patterns and the
    /// format and version areas (reserved light until the mask is chosen, ISO/IEC 18004
    /// §7.8.3: the penalty is scored without them, the dark module included).
    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx, y = cy + dy
                    guard x >= 0, x < size, y >= 0, y < size else { continue }
                    let d = max(abs(dx), abs(dy))
                    setFunction(x, y, d != 2 && d != 4)
                }
            }
        }
        let positions = QRTables.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, cx) in positions.enumerated() {
            for (j, cy) in positions.enumerated() where !(i == 0 && j == 0) && !(i == 0 && j == last) && !(i == last && j == 0) {
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        for (x, y) in formatPositions.0 + formatPositions.1 { setFunction(x, y, false) }
        setFunction(8, size - 8, false)
        if version >= 7 {
            for i in 0..<18 {
                setFunction(size - 11 + i % 3, i / 3, false)
                setFunction(i / 3, size - 11 + i % 3, false)
            }
        }
    }

    /// The places of format bits 0…14, first copy (around the top left finder) and second.
    var formatPositions: ([(Int, Int)], [(Int, Int)]) {
        var first: [(Int, Int)] = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)]
        first += (9..<15).map { (14 - $0, 8) }
        let second: [(Int, Int)] = (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) }
        return (first, second)
    }

    /// Puts the codewords' bits, most significant first, in the zigzag: two columns at a time
    /// from the right, upwards then downwards, skipping the vertical timing column and every
    /// function module; bits left over (remainder bits) stay light.
    mutating func place(_ codewords: [UInt8]) {
        var i = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vert : vert
                    if !isFunction[y * size + x], i < total {
                        modules[y * size + x] = (codewords[i >> 3] >> (7 - UInt8(i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// Whether mask `mask` flips the module in column `x`, row `y` (ISO/IEC 18004 Table 10).
    static func flips(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// Flips the data modules that `mask` selects.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.flips(mask, x, y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// The mask with the lowest penalty (the first of equals).
    func bestMask() -> Int {
        var best = 0, bestScore = Int.max
        for mask in 0..<8 {
            var trial = self
            trial.applyMask(mask)
            let score = trial.penalty()
            if score < bestScore { best = mask; bestScore = score }
        }
        return best
    }

    /// The penalty of ISO/IEC 18004 §7.8.3.1 Table 11, N1 = 3, N2 = 3, N3 = 40, N4 = 10: runs
    /// of five or more modules of one colour in a row or column (3 + the run's excess over 5),
    /// each 2 × 2 block of one colour (3), each 1:1:3:1:1 finder-like pattern in a row or
    /// column with four light modules before or after it inside the symbol (40), and 10 for each full 5 % the dark share strays from 50 %.
    func penalty() -> Int {
        var score = 0, dark = 0
        var column = [Bool](repeating: false, count: size)
        for i in 0..<size {
            let row = Array(modules[(i * size)..<((i + 1) * size)])
            for j in 0..<size { column[j] = modules[j * size + i] }
            score += Self.runPenalty(row) + Self.runPenalty(column)
            score += Self.finderPenalty(row) + Self.finderPenalty(column)
            for j in 0..<size {
                if row[j] { dark += 1 }
                if i > 0, j > 0 {
                    let c = row[j]
                    if row[j - 1] == c, modules[(i - 1) * size + j] == c, modules[(i - 1) * size + j - 1] == c { score += 3 }
                }
            }
        }
        let total = size * size
        score += 10 * (abs(dark * 100 - total * 50) / (total * 5))
        return score
    }

    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0, run = 1
        for j in 1..<line.count {
            if line[j] == line[j - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        if run >= 5 { score += run - 2 }
        return score
    }

    private static let finderThenLight: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
    private static let lightThenFinder: [Bool] = [false, false, false, false, true, false, true, true, true, false, true]

    /// 40 for each window of eleven modules inside the symbol reading 1011101 0000 or
    /// 0000 1011101 (a pattern with light on both sides is two windows).
    private static func finderPenalty(_ line: [Bool]) -> Int {
        guard line.count >= 11 else { return 0 }
        var score = 0
        for start in 0...(line.count - 11) {
            let window = line[start..<(start + 11)]
            if window.elementsEqual(finderThenLight) || window.elementsEqual(lightThenFinder) { score += 40 }
        }
        return score
    }

    /// Writes the format information (level and mask, BCH(15,5) coded and XOR-ed with
    /// 101010000010010) in both copies, the dark module, and from version 7 the version
    /// information (BCH(18,6)) in both corners.
    mutating func drawFormatAndVersion(level: QRCode.Level, mask: Int) {
        let data = level.formatBits << 3 | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = (data << 10 | rem) ^ 0x5412
        let (first, second) = formatPositions
        for i in 0..<15 {
            let dark = (bits >> i) & 1 == 1
            setFunction(first[i].0, first[i].1, dark)
            setFunction(second[i].0, second[i].1, dark)
        }
        setFunction(8, size - 8, true)
        guard version >= 7 else { return }
        var vrem = version
        for _ in 0..<12 { vrem = (vrem << 1) ^ ((vrem >> 11) * 0x1F25) }
        let vbits = version << 12 | vrem
        for i in 0..<18 {
            let dark = (vbits >> i) & 1 == 1
            setFunction(size - 11 + i % 3, i / 3, dark)
            setFunction(i / 3, size - 11 + i % 3, dark)
        }
    }
}
