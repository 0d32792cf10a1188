import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The grounds for revoking an award (Luật 06/2022 Điều 93 khoản 2 a–d), as data in
/// `workflows/decision/revocation-grounds.json`.
public struct RevocationGrounds: Sendable, Equatable {
    public var grounds: [(id: String, text: LocalizedText)]
    public var source: String

    public static let file = DefinitionsLayout.revocationGroundsFile

    public static func == (a: RevocationGrounds, b: RevocationGrounds) -> Bool {
        a.source == b.source && a.grounds.map(\.id) == b.grounds.map(\.id) && a.grounds.map(\.text) == b.grounds.map(\.text)
    }

    public static func load(directory: String) throws(CouncilError) -> RevocationGrounds {
        try load(path: DefinitionsLayout(directory: directory).revocationGrounds)
    }

    /// Reads the grounds from `path` (``DefinitionsLayout/revocationGrounds``).
    public static func load(path: String) throws(CouncilError) -> RevocationGrounds {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .data(vi: "không đọc được \(path)", en: "cannot read \(path)")
        }
        let r = try DataFileReader(text: text, file: path)
        var grounds: [(id: String, text: LocalizedText)] = []
        for (i, g) in try r.array(r.root, "grounds", "$").enumerated() {
            grounds.append((try r.string(g, "id", "$.grounds[\(i)]"), try r.text(g, "text", "$.grounds[\(i)]")))
        }
        return RevocationGrounds(grounds: grounds, source: try r.string(r.root, "source", "$"))
    }

    public func text(_ id: String) throws(CouncilError) -> LocalizedText {
        guard let g = grounds.first(where: { $0.id == id }) else {
            let ids = grounds.map(\.id).joined(separator: "|")
            throw .data(vi: "--ground “\(id)” không có; dùng \(ids) (\(source))", en: "--ground “\(id)” does not exist; use \(ids) (\(source))")
        }
        return g.text
    }
}
