import Foundation
import KhenThuongCore
import KhenThuongStore

/// An envelope as imported: `envelope_imported`, subject `envelope:<id>`, with who sent it, the
/// key and signature, the sender's checkpoint (what item 4's receipt cosigns) and, per dossier,
/// the state the sender showed and the last event it sent. The manifest itself is kept in the
/// attachment folder under its SHA-256 (the envelope's id), so the sender's events stay readable.
public struct EnvelopeImported: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var senderState: String
        public var events: Int
        public var lastHash: String
    }

    public var id: String
    public var from: String
    public var to: String
    public var key: String
    public var signature: String
    public var checkpoint: String
    public var dossiers: [Entry]
    public var attachments: Int
}

extension EnvelopeImported: StoreRecord {
    package static let kind = "envelope_imported"
    package var subject: RecordSubject { .envelope(id) }

    package var payload: JSONValue {
        .fields([
            "id": .string(id), "from": .string(from), "to": .string(to), "key": .string(key), "signature": .string(signature),
            "checkpoint": .string(checkpoint), "attachments": .int(attachments),
            "dossiers": .list(dossiers.map {
                .fields(["id": .string($0.id), "senderState": .string($0.senderState), "events": .int($0.events), "lastHash": .string($0.lastHash)])
            }),
        ])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        var entries: [Entry] = []
        for d in try p.objects("dossiers") {
            entries.append(Entry(id: try d.string("id"), senderState: try d.string("senderState"), events: try d.int("events"),
                                 lastHash: try d.string("lastHash")))
        }
        self.init(id: try p.string("id"), from: try p.string("from"), to: try p.string("to"), key: try p.string("key"),
                  signature: try p.string("signature"), checkpoint: try p.string("checkpoint"), dossiers: entries,
                  attachments: try p.int("attachments"))
    }
}
