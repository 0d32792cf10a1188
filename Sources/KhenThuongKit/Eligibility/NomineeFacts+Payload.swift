import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Nominee facts recorded on a dossier: `nominee_facts`, subject the dossier; a correction is a
/// newer record. The payload is the JSON of ``NomineeLoader`` / ``NomineeExporter`` for one
/// nominee, written canonically (keys sorted, no spaces) under `"nominee"`, and where the facts
/// came from:
///
/// `{"nominee": {…one nominee as in nominees.json…}, "source": "nominees-2025.json"}`
public struct NomineeFactsRecord: Sendable, Equatable {
    public var dossier: String
    public var facts: NomineeFacts
    /// Where the facts were read from (a file name), kept for the auditor.
    public var source: String

    public init(dossier: String, facts: NomineeFacts, source: String) {
        self.dossier = dossier
        self.facts = facts
        self.source = source
    }
}

extension NomineeFactsRecord: StoreRecord {
    package static let kind = "nominee_facts"
    package var subject: RecordSubject { .dossier(dossier) }

    package var payload: JSONValue {
        .fields(["nominee": NomineeExporter.tree(facts).jsonValue, "source": .string(source)])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(dossier: try p.subject.dossierID(), facts: try Self.nominee(p, event), source: try p.string("source"))
    }

    /// The payload's `nominee`, read as `NomineeLoader` reads a nominees file; its first finding
    /// is the error. Shared by every record that holds a nominee (`nominee_facts`,
    /// `nominee_profile`).
    package static func nominee(_ p: RecordReader, _ event: StoredEvent) throws(RecordDecodingError) -> NomineeFacts {
        let nominee = try p.object("nominee")
        var reader = FactReader(file: event.dossierID)
        let facts = NomineeLoader.nominee(nominee.positioned, "$.nominee", &reader)
        if let finding = reader.findings.first {
            let path = finding.location?.path ?? "$.nominee"
            throw RecordDecodingError(field: path.hasPrefix("$.") ? String(path.dropFirst(2)) : path, detail: finding.message.en)
        }
        guard let facts else { throw p.fail("nominee", "not a nominee as in nominees.json") }
        return facts
    }
}

extension NomineeFacts {
    /// The record name facts are stored under on a dossier.
    public static let recordName = NomineeFactsRecord.kind
}

extension JSONTree {
    /// The tree as a `JSONValue`, to be written canonically (`CanonicalJSONWriter.value`).
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .string(let s): .string(s)
        case .array(let items): .list(items.map(\.jsonValue))
        case .object(let members): .fields(members.map { ($0.0, $0.1.jsonValue) })
        }
    }
}
