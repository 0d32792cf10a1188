import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One award given to one nominee, as the statistics count it.
public struct AwardEntry: Sendable, Equatable, Codable {
    /// Where it came from: `decision:<number>` or `dossier`.
    public var source: String
    public var dossier: String?
    public var nomineeID: String
    public var nomineeName: String
    /// `individual` or `collective`.
    public var subject: String
    public var unit: String
    public var award: String
    public var awardName: String
    /// `danh_hieu`, `bang_khen`, `co`, `giay_khen`, `huan_chuong`, `bang_lao_dong_sang_tao` or `khac`.
    public var form: String
    /// The granting level (`co_so`, `tinh`, `tong_lien_doan`, `thu_tuong`, `chu_tich_nuoc` …).
    public var level: String
    public var year: Int
    /// The first year of a multi-year achievement period (a past award's `period` starting
    /// before `year`); `nil` for a one-year award.
    public var firstYear: Int?
    public var date: CivilDate
    /// Revoked (thu hồi): shown apart, never counted.
    public var revoked: Bool

    public init(source: String, dossier: String?, nomineeID: String, nomineeName: String, subject: String, unit: String,
                award: String, awardName: String, form: String, level: String, year: Int, date: CivilDate, revoked: Bool = false) {
        self.source = source
        self.dossier = dossier
        self.nomineeID = nomineeID
        self.nomineeName = nomineeName
        self.subject = subject
        self.unit = unit
        self.award = award
        self.awardName = awardName
        self.form = form
        self.level = level
        self.year = year
        self.date = date
        self.revoked = revoked
    }

    /// The value of a grouping dimension.
    public func value(_ d: AwardDimension) -> String {
        switch d {
        case .form: form
        case .level: level
        case .subject: subject
        case .unit: unit
        case .year: "\(year)"
        case .award: award
        case .period: firstYear.map { "\($0)–\(year)" } ?? "\(year)"
        }
    }
}

/// What `report awards --by` can group on.
public enum AwardDimension: String, Sendable, CaseIterable, Codable {
    case form, level, subject, unit, year, award, period

    public var header: LocalizedText {
        switch self {
        case .form: .init(vi: "Hình thức", en: "Form")
        case .level: .init(vi: "Cấp khen", en: "Level")
        case .subject: .init(vi: "Đối tượng", en: "Subject")
        case .unit: .init(vi: "Đơn vị", en: "Unit")
        case .year: .init(vi: "Năm", en: "Year")
        case .award: .init(vi: "Danh hiệu / hình thức", en: "Award")
        case .period: .init(vi: "Thời kỳ thành tích", en: "Achievement period")
        }
    }
}

/// Names people read for forms, levels and subject kinds.
public enum AwardVocabulary {
    /// Forms in the order the sentences list them.
    public static let formOrder = ["huan_chuong", "co", "bang_khen", "bang_lao_dong_sang_tao", "giay_khen", "danh_hieu", "khac"]
    /// Levels in the order of the sentences of report 276/BC-LĐLĐ (Lai Châu, 2020), part V: the
    /// State's (Chủ tịch nước, Thủ tướng, Bộ ngành, UBND tỉnh), then the union's from the top down.
    public static let levelOrder = ["chu_tich_nuoc", "thu_tuong", "bo_nganh", "ubnd_tinh", "toan_quoc", "tong_lien_doan", "tinh", "ldld_tinh",
                                    "cd_cap_tren", "huyen", "co_so"]

    public static func form(_ f: String) -> LocalizedText {
        switch f {
        case "huan_chuong": .init(vi: "Huân chương Lao động", en: "Labour Order")
        case "co": .init(vi: "Cờ", en: "the Emulation Flag")
        case "bang_khen": .init(vi: "Bằng khen", en: "the Certificate of Merit")
        case "bang_lao_dong_sang_tao": .init(vi: "Bằng Lao động sáng tạo", en: "the Creative Labour certificate")
        case "giay_khen": .init(vi: "Giấy khen", en: "the Certificate of Commendation")
        case "danh_hieu": .init(vi: "Danh hiệu thi đua", en: "Emulation title")
        default: .init(vi: f, en: f)
        }
    }

    public static func level(_ l: String) -> LocalizedText {
        switch l {
        case "chu_tich_nuoc": .init(vi: "Chủ tịch nước", en: "The State President")
        case "thu_tuong": .init(vi: "Thủ tướng Chính phủ", en: "The Prime Minister")
        case "bo_nganh": .init(vi: "Các Bộ, ngành Trung ương", en: "Central ministries")
        case "toan_quoc": .init(vi: "Cấp toàn quốc", en: "The national level")
        case "tong_lien_doan": .init(vi: "Tổng Liên đoàn", en: "The VGCL")
        case "ubnd_tinh": .init(vi: "UBND tỉnh", en: "The provincial People's Committee")
        case "tinh", "ldld_tinh": .init(vi: "LĐLĐ tỉnh", en: "The provincial federation")
        case "cd_cap_tren": .init(vi: "Công đoàn cấp trên trực tiếp cơ sở", en: "The direct upper union")
        case "huyen": .init(vi: "LĐLĐ huyện", en: "The district federation")
        case "co_so": .init(vi: "Cấp cơ sở", en: "The grassroots level")
        default: .init(vi: l, en: l)
        }
    }

    public static func subject(_ s: String) -> LocalizedText {
        s == "collective" ? .init(vi: "tập thể", en: "collectives") : .init(vi: "cá nhân", en: "individuals")
    }

    /// The report's level key for a deciding level as a decision or a past-award row names it:
    /// a key itself (`ubnd_tinh`), or the words (“UBND tỉnh”, “Ủy ban nhân dân tỉnh”, “Thủ tướng
    /// Chính phủ”, “Chủ tịch nước”, “Tổng Liên đoàn”, “LĐLĐ thành phố”, “Công đoàn cơ sở” …),
    /// compared without case or diacritics; `nil` when the words name no level the report knows.
    public static func levelKey(_ text: String) -> String? {
        let t = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d").lowercased()
            .trimmingCharacters(in: .whitespaces)
        if levelOrder.contains(t) { return t == "ldld_tinh" ? "tinh" : t }
        let words: [(String, [String])] = [
            ("chu_tich_nuoc", ["chu tich nuoc"]),
            ("thu_tuong", ["thu tuong", "chinh phu"]),
            ("ubnd_tinh", ["ubnd", "uy ban nhan dan"]),
            ("bo_nganh", ["bo ", "bo,", "bo nganh"]),
            ("tong_lien_doan", ["tong lien doan", "tong ldld", "tld"]),
            ("cd_cap_tren", ["cap tren", "cd nganh", "cong doan nganh"]),
            ("huyen", ["huyen", "ldld quan"]),
            ("tinh", ["ldld", "lien doan lao dong", "cd nganh tw"]),
            ("co_so", ["co so", "cdcs"]),
        ]
        for (key, needles) in words where needles.contains(where: { t.hasPrefix($0) || t.contains(" " + $0) || t == $0.trimmingCharacters(in: .whitespaces) }) {
            return key
        }
        return nil
    }

    /// The form of an award the catalog does not describe, from its id's first word
    /// (`co_…` Cờ, `bang_khen_…`, `giay_khen_…`, `huan_chuong_…`), else `khac`.
    public static func guessForm(_ award: String) -> String {
        for f in ["huan_chuong", "bang_khen", "giay_khen", "bang_lao_dong_sang_tao"] where award.hasPrefix(f) { return f }
        return award.hasPrefix("co_") ? "co" : "khac"
    }

    static func rank(_ list: [String], _ v: String) -> Int { list.firstIndex(of: v) ?? list.count }
}
