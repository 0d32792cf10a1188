import Foundation

/// Numbers the way people read them: Vietnamese groups thousands with “.” and writes the
/// decimal comma (1.112; 70,5); English uses “,” and “.” (1,112; 70.5).
public enum NumberText {
    /// An integer with thousands separators: `1.112` (vi), `1,112` (en).
    public static func integer(_ n: Int, _ language: Language) -> String {
        let sep: Character = language == .vi ? "." : ","
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(sep) }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A number with at most one decimal, without trailing zeros: `70`, `70,5` (vi), `70.5` (en).
    ///
    /// A number too large for an integer count (a goal of 9.2 × 10¹⁸ typed by mistake, an
    /// infinity) is written without decimals instead of trapping.
    public static func decimal(_ x: Double, _ language: Language) -> String {
        guard let tenths = Int(exactly: (x * 10).rounded()) else { return huge(x) }
        let whole = integer(tenths / 10, language)
        let fraction = abs(tenths % 10)
        if fraction == 0 { return tenths < 0 && tenths / 10 == 0 ? "-0" : whole }
        let sign = tenths < 0 && tenths / 10 == 0 ? "-" : ""
        return "\(sign)\(whole)\(language == .vi ? "," : ".")\(fraction)"
    }

    /// A number exactly as stored, without grouping: a whole number without decimals (`90`),
    /// else its shortest form (`66.5`). For percents and JSON-like values.
    public static func exact(_ x: Double) -> String {
        guard x.rounded() == x else { return String(x) }
        return Int(exactly: x).map(String.init) ?? huge(x)
    }

    /// A machine-readable decimal with one digit (`70.5`), for CSV and JSON.
    public static func plain(_ x: Double) -> String {
        guard let tenths = Int(exactly: (x * 10).rounded()) else { return huge(x) }
        return tenths % 10 == 0 ? "\(tenths / 10)" : String(format: "%.1f", Double(tenths) / 10)
    }

    /// A value no `Int` holds, written plainly (`9.2e+18`, `inf`, `nan`).
    private static func huge(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : String(x) }
}
