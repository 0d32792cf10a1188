/// The sentences of rule-set findings and verdicts, in both languages, in one place.
enum RuleMessages {
    static func unknownConfidence(_ tag: String) -> LocalizedText {
        .init(vi: "nhãn độ tin cậy \"\(tag)\" không có; hãy dùng một trong: VERIFIED, VERIFIED-Q, UNVERIFIED, MINISTRY-ONLY",
              en: "unknown confidence tag \"\(tag)\"; use one of VERIFIED, VERIFIED-Q, UNVERIFIED, MINISTRY-ONLY")
    }

    static func unknownAward(_ id: String, suggestion: String?) -> LocalizedText {
        let vi = suggestion.map { "; có phải \"\($0)\"?" } ?? ""
        let en = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
        return .init(vi: "danh hiệu \"\(id)\" không có trong awards.json\(vi)", en: "award \"\(id)\" is not in awards.json\(en)")
    }

    static func overlap(_ a: String, _ b: String, from: Int, to: Int) -> LocalizedText {
        let years = from == to ? "\(from)" : "\(from)–\(to)"
        return .init(vi: "chế độ \"\(b)\" trùng năm \(years) với chế độ \"\(a)\"", en: "regime \"\(b)\" overlaps regime \"\(a)\" in \(years)")
    }

    static func gap(_ a: String, _ b: String, from: Int, to: Int) -> LocalizedText {
        let years = from == to ? "\(from)" : "\(from)–\(to)"
        return .init(vi: "không chế độ nào áp dụng cho năm \(years) (giữa \"\(a)\" và \"\(b)\")",
                     en: "no regime covers \(years) (between \"\(a)\" and \"\(b)\")")
    }

    static func duplicateCriterion(_ id: String, first: String) -> LocalizedText {
        .init(vi: "tiêu chí \"\(id)\" đã có tại \(first)", en: "criterion \"\(id)\" is already defined at \(first)")
    }

    static func unknownParameter(_ id: String) -> LocalizedText {
        .init(vi: "không có tham số \"\(id)\" trong params.json", en: "there is no parameter \"\(id)\" in params.json")
    }
}
