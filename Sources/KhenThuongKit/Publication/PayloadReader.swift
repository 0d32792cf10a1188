import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Reads the fields of a record's payload, naming the event and the field in every error.
struct PayloadReader {
    let event: StoredEvent
    let json: PayloadJSON?
    let path: String

    init(event: StoredEvent) {
        self.event = event
        self.json = try? PayloadJSON.parse(event.payload)
        self.path = ""
    }

    private init(event: StoredEvent, json: PayloadJSON, path: String) {
        self.event = event
        self.json = json
        self.path = path
    }

    /// A reader for an object nested at `path` (e.g. `recipients[0]`).
    func nested(_ value: PayloadJSON, _ path: String) -> PayloadReader {
        PayloadReader(event: event, json: value, path: path)
    }

    private func fail(_ key: String, _ detail: String) -> PublicationError {
        .malformedRecord(seq: event.seq, event: event.event, field: path.isEmpty ? key : "\(path).\(key)", detail: detail)
    }

    private func value(_ key: String) throws(PublicationError) -> PayloadJSON? {
        guard let json, case .object = json else { throw fail("$", "the payload is not a JSON object") }
        return json[key]
    }

    package func string(_ key: String) throws(PublicationError) -> String {
        guard let s = try value(key)?.string, !s.isEmpty else { throw fail(key, "missing, empty or not a string") }
        return s
    }

    func optionalString(_ key: String) throws(PublicationError) -> String? {
        guard let v = try value(key), !v.isNull else { return nil }
        guard let s = v.string else { throw fail(key, "not a string") }
        return s
    }

    package func int(_ key: String) throws(PublicationError) -> Int {
        guard let n = try value(key)?.int else { throw fail(key, "missing or not an integer") }
        return n
    }

    func optionalInt(_ key: String) throws(PublicationError) -> Int? {
        guard let v = try value(key), !v.isNull else { return nil }
        guard let n = v.int else { throw fail(key, "not an integer") }
        return n
    }

    func number(_ key: String) throws(PublicationError) -> Double {
        guard let d = try value(key)?.double else { throw fail(key, "missing or not a number") }
        return d
    }

    func date(_ key: String) throws(PublicationError) -> CivilDate {
        let text = try string(key)
        guard let d = try? CivilDate(parsing: text) else { throw fail(key, "“\(text)” is not a YYYY-MM-DD date") }
        return d
    }

    func kind(_ key: String) throws(PublicationError) -> String {
        let text = try string(key)
        guard Nominee.Kind(rawValue: text) != nil else { throw fail(key, "“\(text)” is neither individual nor collective") }
        return text
    }

    package func array(_ key: String) throws(PublicationError) -> [PayloadJSON] {
        guard case .array(let items)? = try value(key) else { throw fail(key, "missing or not an array") }
        return items
    }
}
