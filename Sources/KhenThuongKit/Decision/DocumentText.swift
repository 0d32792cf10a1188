import Foundation
import KhenThuongCore
import KhenThuongDefinitions

/// The fixed wording of the signed documents (`workflows/decision/document-text.json`): the
/// căn cứ of a decision by date, where its money comes from, who carries it out, nơi nhận.
public struct DocumentText: Sendable, Equatable {
    public struct Ground: Sendable, Equatable {
        public var from: CivilDate
        public var to: CivilDate?
        public var text: LocalizedText
    }

    public var grounds: [Ground]
    public var moneySource: LocalizedText
    public var execution: LocalizedText
    public var decisionRecipients: (vi: [String], en: [String])
    public var letterRecipients: (vi: [String], en: [String])

    public static func == (a: DocumentText, b: DocumentText) -> Bool {
        a.grounds == b.grounds && a.moneySource == b.moneySource && a.execution == b.execution
            && a.decisionRecipients == b.decisionRecipients && a.letterRecipients == b.letterRecipients
    }

    /// The grounds in force on `date`.
    public func grounds(on date: CivilDate) -> [LocalizedText] {
        grounds.filter { $0.from <= date && ($0.to.map { date <= $0 } ?? true) }.map(\.text)
    }

    public static let file = "decision/document-text.json"

    public static func load(directory: String) throws(CouncilError) -> DocumentText {
        let path = (directory as NSString).appendingPathComponent(file)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .data(vi: "không đọc được \(path); cần câu chữ của văn bản", en: "cannot read \(path); the documents' wording is needed")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(CouncilError) -> DocumentText {
        let r = try DataFileReader(text: text, file: file)
        var grounds: [Ground] = []
        for (i, g) in try r.array(r.root, "grounds", "$").enumerated() {
            let p = "$.grounds[\(i)]"
            grounds.append(Ground(from: try r.date(g, "from", p), to: g["to"] == nil ? nil : try r.date(g, "to", p),
                                  text: LocalizedText(vi: try r.string(g, "vi", p), en: try r.string(g, "en", p))))
        }
        func list(_ key: String) throws(CouncilError) -> (vi: [String], en: [String]) {
            guard let v = r.root[key] else { throw r.fail(r.root, "$.\(key)", vi: "thiếu {\"vi\": […], \"en\": […]}", en: "missing {\"vi\": […], \"en\": […]}") }
            let vi = try r.array(v, "vi", "$.\(key)").compactMap { $0.string?.nfc }
            let en = try r.array(v, "en", "$.\(key)").compactMap { $0.string?.nfc }
            return (vi, en)
        }
        return DocumentText(grounds: grounds, moneySource: try r.text(r.root, "moneySource", "$"), execution: try r.text(r.root, "execution", "$"),
                            decisionRecipients: try list("decisionRecipients"), letterRecipients: try list("letterRecipients"))
    }
}
