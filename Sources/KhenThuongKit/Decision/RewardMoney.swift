import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Reward money = multiplier (by award, effective-dated) × lương cơ sở (effective-dated),
/// rounded up to `roundTo` VND. Data: `workflows/decision/reward-money.json`.
public struct RewardMoney: Sendable, Equatable {
    public struct Dated<Value: Sendable & Equatable>: Sendable, Equatable {
        public var from: CivilDate
        public var value: Value
        public var source: String
    }

    public struct Amount: Sendable, Equatable {
        public var amountVND: Int
        public var multiplier: Double
        public var baseSalaryVND: Int
    }

    public var baseSalary: [Dated<Int>]
    public var multipliers: [String: [Dated<Double>]]
    public var roundTo: Int
    public var roundingSource: String

    public static let file = DefinitionsLayout.rewardMoneyFile

    /// Reads the table from the definitions folder.
    public static func load(directory: String) throws(CouncilError) -> RewardMoney {
        try load(path: DefinitionsLayout(directory: directory).rewardMoney)
    }

    /// Reads the table from `path` (``DefinitionsLayout/rewardMoney``).
    public static func load(path: String) throws(CouncilError) -> RewardMoney {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .data(vi: "không đọc được \(path); cần bảng tiền thưởng", en: "cannot read \(path); the reward-money table is needed")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(CouncilError) -> RewardMoney {
        let r = try DataFileReader(text: text, file: file)
        var base: [Dated<Int>] = []
        for (i, row) in try r.array(r.root, "baseSalary", "$").enumerated() {
            let p = "$.baseSalary[\(i)]"
            let amount = try r.int(row, "amountVND", p)
            guard amount > 0 else { throw r.fail(row, "\(p).amountVND", vi: "cần số dương", en: "a positive amount is needed") }
            base.append(Dated(from: try r.date(row, "from", p), value: amount, source: try r.string(row, "source", p)))
        }
        var multipliers: [String: [Dated<Double>]] = [:]
        for (i, row) in try r.array(r.root, "multipliers", "$").enumerated() {
            let p = "$.multipliers[\(i)]"
            let m = try r.double(row, "multiplier", p)
            guard m > 0 else { throw r.fail(row, "\(p).multiplier", vi: "cần số dương", en: "a positive multiplier is needed") }
            multipliers[try r.string(row, "award", p), default: []].append(Dated(from: try r.date(row, "from", p), value: m, source: try r.string(row, "source", p)))
        }
        let rounding = r.root["rounding"]
        let roundTo = rounding?["toVND"]?.int ?? 1000
        guard roundTo > 0 else { throw r.fail(rounding!, "$.rounding.toVND", vi: "cần số dương", en: "a positive number is needed") }
        return RewardMoney(baseSalary: base.sorted { $0.from < $1.from },
                           multipliers: multipliers.mapValues { $0.sorted { $0.from < $1.from } },
                           roundTo: roundTo, roundingSource: rounding?["source"]?.string ?? "")
    }

    /// The amount for `award` on a decision dated `date`.
    /// - Throws: `CouncilError.data` when no base salary or multiplier was in force that day.
    public func amount(award: String, on date: CivilDate) throws(CouncilError) -> Amount {
        guard let salary = baseSalary.last(where: { $0.from <= date }) else {
            throw .data(vi: "chưa có mức lương cơ sở áp dụng ngày \(date.vietnamese); thêm một dòng vào workflows/\(Self.file)",
                        en: "no base salary applies on \(date); add a row to workflows/\(Self.file)")
        }
        guard let m = multipliers[award]?.last(where: { $0.from <= date }) else {
            throw .data(vi: "chưa có hệ số tiền thưởng cho “\(award)” áp dụng ngày \(date.vietnamese); thêm một dòng vào workflows/\(Self.file)",
                        en: "no reward multiplier for “\(award)” applies on \(date); add a row to workflows/\(Self.file)")
        }
        // The multiplier in thousandths keeps the product exact (0.3 × 2,340,000 = 702,000).
        let raw = Int((m.value * 1000).rounded()) * salary.value
        let unit = 1000 * roundTo
        return Amount(amountVND: (raw + unit - 1) / unit * roundTo, multiplier: m.value, baseSalaryVND: salary.value)
    }
}
