import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Award counts grouped by the chosen dimensions, split into collectives and individuals,
/// with revoked awards counted apart; and the sentences of a five-year report (as in LĐLĐ tỉnh
/// Lai Châu's report 276/BC-LĐLĐ of 26/06/2020, part V).
public struct AwardStatistics: Sendable, Equatable, Encodable {
    /// One group: the dimension values and its counts.
    public struct Row: Sendable, Equatable, Encodable {
        public var keys: [String]
        public var collectives: Int
        public var individuals: Int
        public var total: Int { collectives + individuals }

        enum CodingKeys: String, CodingKey { case keys, collectives, individuals, total }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(keys, forKey: .keys)
            try c.encode(collectives, forKey: .collectives)
            try c.encode(individuals, forKey: .individuals)
            try c.encode(total, forKey: .total)
        }
    }

    public var from: CivilDate
    public var to: CivilDate
    public var by: [AwardDimension]
    public var rows: [Row]
    public var collectives: Int
    public var individuals: Int
    /// Entries left out because they were revoked.
    public var revoked: Int

    /// Groups the counted (not revoked) entries; rows sorted by level, form, then the values.
    public init(entries: [AwardEntry], from: CivilDate, to: CivilDate, by: [AwardDimension]) {
        self.from = from
        self.to = to
        self.by = by
        let counted = entries.filter { !$0.revoked }
        revoked = entries.count - counted.count
        collectives = counted.filter { $0.subject == "collective" }.count
        individuals = counted.count - collectives
        var groups: [[String]: Row] = [:]
        for e in counted {
            let keys = by.map { e.value($0) }
            var row = groups[keys] ?? Row(keys: keys, collectives: 0, individuals: 0)
            if e.subject == "collective" { row.collectives += 1 } else { row.individuals += 1 }
            groups[keys] = row
        }
        rows = groups.values.sorted { a, b in
            for (i, d) in by.enumerated() where a.keys[i] != b.keys[i] {
                return Self.orderKey(d, a.keys[i]) < Self.orderKey(d, b.keys[i])
            }
            return false
        }
    }

    static func orderKey(_ d: AwardDimension, _ v: String) -> String {
        switch d {
        case .level: String(format: "%03d", AwardVocabulary.rank(AwardVocabulary.levelOrder, v)) + v
        case .form: String(format: "%03d", AwardVocabulary.rank(AwardVocabulary.formOrder, v)) + v
        case .subject: v == "collective" ? "0" : "1"
        default: v
        }
    }

    /// A dimension value as people read it.
    public static func label(_ d: AwardDimension, _ v: String, _ l: Language) -> String {
        switch d {
        case .form: AwardVocabulary.form(v)[l]
        case .level: AwardVocabulary.level(v)[l]
        case .subject: AwardVocabulary.subject(v)[l]
        default: v
        }
    }
}

/// Report sentences in the style of report 276/BC-LĐLĐ (Lai Châu, 2020): “Tổng Liên đoàn tặng Cờ cho 15 tập thể, tặng Bằng
/// khen cho 65 tập thể và 1.112 cá nhân; LĐLĐ tỉnh tặng …”. One clause per level (highest
/// first), one part per form; titles read “công nhận danh hiệu X cho …”.
public enum AwardSentences {
    public static func text(_ entries: [AwardEntry], from: CivilDate, to: CivilDate, _ l: Language) -> String {
        let counted = entries.filter { !$0.revoked }
        let vi = l == .vi
        let head = vi ? "Từ ngày \(from.vietnamese) đến ngày \(to.vietnamese)" : "From \(from) to \(to)"
        guard !counted.isEmpty else { return head + (vi ? ", chưa có khen thưởng nào." : ", no awards were given.") }
        let levels = Set(counted.map(\.level)).sorted { AwardStatistics.orderKey(.level, $0) < AwardStatistics.orderKey(.level, $1) }
        var clauses: [String] = []
        for level in levels {
            let here = counted.filter { $0.level == level }
            let forms = Set(here.map(\.form)).sorted { AwardStatistics.orderKey(.form, $0) < AwardStatistics.orderKey(.form, $1) }
            var parts: [String] = []
            for form in forms {
                let ofForm = here.filter { $0.form == form }
                if form == "danh_hieu" {
                    for name in Set(ofForm.map(\.awardName)).sorted() {
                        let these = ofForm.filter { $0.awardName == name }
                        parts.append(vi ? "công nhận danh hiệu \(name) cho \(recipients(these, l))" : "conferred the title “\(name)” on \(recipients(these, l))")
                    }
                } else {
                    let verb = vi ? (form == "huan_chuong" ? "tặng thưởng" : "tặng") : "awarded"
                    parts.append("\(verb) \(AwardVocabulary.form(form)[l]) \(vi ? "cho" : "to") \(recipients(ofForm, l))")
                }
            }
            clauses.append("\(AwardVocabulary.level(level)[l]) \(parts.joined(separator: ", "))")
        }
        var out = "\(head): " + clauses.joined(separator: "; ") + "."
        let revoked = entries.count - counted.count
        if revoked > 0 {
            out += vi ? " Có \(NumberText.integer(revoked, l)) khen thưởng đã bị thu hồi, không tính vào số liệu trên."
                      : " \(NumberText.integer(revoked, l)) revoked awards are not counted above."
        }
        return out
    }

    /// “65 tập thể và 1.112 cá nhân”, “15 tập thể”, “3 cá nhân”.
    static func recipients(_ entries: [AwardEntry], _ l: Language) -> String {
        let c = entries.filter { $0.subject == "collective" }.count
        let i = entries.count - c
        var parts: [String] = []
        // English: “1 collective”, “2 collectives”; Vietnamese nouns do not inflect.
        func noun(_ kind: String, _ n: Int) -> String {
            let word = AwardVocabulary.subject(kind)[l]
            return l == .en && n == 1 ? String(word.dropLast()) : word
        }
        if c > 0 { parts.append("\(NumberText.integer(c, l)) \(noun("collective", c))") }
        if i > 0 { parts.append("\(NumberText.integer(i, l)) \(noun("individual", i))") }
        return parts.joined(separator: l == .vi ? " và " : " and ")
    }
}
