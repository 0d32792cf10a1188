import Foundation
import KhenThuongCore

/// The payload JSON of stored events: the dossier of a creation, the effects of a transition.
///
/// Written with `CanonicalJSONWriter` (sorted keys, no spaces, dates as
/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, civil dates as `YYYY-MM-DD`), read back with
/// `JSONParser.parseVerbatim` (strings exactly as stored).
package enum EventPayload {
    /// Why a payload could not be read, in English (wrapped in `StoreError.corruptEvent`).
    package struct Failure: Error, Equatable {
        var detail: String
    }

    // MARK: Dossier (created events)

    /// The dossier as canonical JSON; keys sorted, `null` for absent optionals.
    static func encode(_ d: Dossier) -> String {
        var w = CanonicalJSONWriter(capacity: 512)
        w.punctuation("{")
        w.key("addresseeUnit"); w.string(d.addresseeUnit); w.punctuation(",")
        w.key("awardID"); w.string(d.awardID); w.punctuation(",")
        w.key("createdAt"); w.string(StoreTime.iso(d.createdAt)); w.punctuation(",")
        w.key("documents"); w.strings(d.documents); w.punctuation(",")
        w.key("dueDate"); w.optionalString(d.dueDate?.description); w.punctuation(",")
        w.key("enteredStateAt"); w.string(StoreTime.iso(d.enteredStateAt)); w.punctuation(",")
        w.key("eventCount"); w.int(Int64(d.eventCount)); w.punctuation(",")
        w.key("id"); w.string(d.id); w.punctuation(",")
        w.key("nominee"); w.punctuation("{")
        w.key("id"); w.string(d.nominee.id); w.punctuation(",")
        w.key("kind"); w.string(d.nominee.kind.rawValue); w.punctuation(",")
        w.key("name"); w.string(d.nominee.name); w.punctuation("}"); w.punctuation(",")
        // The achievement period's first year and the proposal year only when they differ from
        // `year`: a one-year dossier's payload (and hash) is what it always was.
        if let from = d.periodFrom {
            w.key("periodFrom"); w.int(Int64(from)); w.punctuation(",")
        }
        if let previousEntered = d.previousEnteredAt {
            w.key("previousEnteredAt"); w.string(StoreTime.iso(previousEntered)); w.punctuation(",")
        }
        w.key("previousState"); w.optionalString(d.previousState); w.punctuation(",")
        if let proposal = d.proposalYear {
            w.key("proposalYear"); w.int(Int64(proposal)); w.punctuation(",")
        }
        w.key("proposerUnit"); w.string(d.proposerUnit); w.punctuation(",")
        w.key("state"); w.string(d.state); w.punctuation(",")
        w.key("workflowID"); w.string(d.workflowID); w.punctuation(",")
        w.key("workflowVersion"); w.string(d.workflowVersion); w.punctuation(",")
        w.key("year"); w.int(Int64(d.year))
        w.punctuation("}")
        return w.text
    }

    /// Reads a dossier written by `encode(_:)`.
    package static func decodeDossier(_ text: String) throws(Failure) -> Dossier {
        let json = try parse(text)
        let nominee = try member(json, "nominee")
        let kindText = try string(nominee, "kind", in: "nominee")
        guard let kind = Nominee.Kind(rawValue: kindText) else {
            throw Failure(detail: "nominee.kind “\(kindText)” is neither individual nor collective")
        }
        guard let year = json["year"]?.int else { throw Failure(detail: "year is missing or not an integer") }
        guard let eventCount = json["eventCount"]?.int else { throw Failure(detail: "eventCount is missing or not an integer") }
        guard let documents = json["documents"]?.strings else { throw Failure(detail: "documents is missing or not an array of strings") }
        var dueDate: CivilDate?
        if let due = json["dueDate"], due != .null {
            guard let text = due.string, let date = try? CivilDate(parsing: text) else {
                throw Failure(detail: "dueDate is not a YYYY-MM-DD date")
            }
            dueDate = date
        }
        var dossier = Dossier(id: try string(json, "id"), workflowID: try string(json, "workflowID"),
                              workflowVersion: try string(json, "workflowVersion"), awardID: try string(json, "awardID"),
                              year: year,
                              nominee: Nominee(id: try string(nominee, "id", in: "nominee"), name: "", kind: kind),
                              proposerUnit: try string(json, "proposerUnit"), addresseeUnit: try string(json, "addresseeUnit"),
                              initialState: try string(json, "state"), dueDate: dueDate,
                              createdAt: try date(json, "createdAt"))
        dossier.nominee.name = try string(nominee, "name", in: "nominee") // as stored, not renormalised
        dossier.documents = documents
        dossier.previousState = try optionalString(json, "previousState")
        if let text = try optionalString(json, "previousEnteredAt") {
            guard let date = StoreTime.parseDate(text) else { throw Failure(detail: "previousEnteredAt is not a date") }
            dossier.previousEnteredAt = date
        }
        for (key, path) in [("periodFrom", \Dossier.periodFrom), ("proposalYear", \Dossier.proposalYear)] {
            guard let value = json[key], value != .null else { continue }
            guard let n = value.int else { throw Failure(detail: "\(key) is not an integer") }
            dossier[keyPath: path] = n
        }
        dossier.enteredStateAt = try date(json, "enteredStateAt")
        dossier.eventCount = eventCount
        return dossier
    }

    // MARK: Effects (transition events)

    /// The effects as canonical JSON: `attach`, `deadline`, `tally`, `vote`, only those that apply.
    /// - Throws: when two effects of the kind that can occur once (tally, deadline) are given.
    static func encode(effects: [Effect]) throws(Failure) -> String {
        var attach: [String]?
        var tally: (Tally, Double, String)?
        var deadline: CivilDate?
        var resumeClock: Date?
        for effect in effects {
            switch effect {
            case .attachDocuments(let docs): attach = (attach ?? []) + docs
            case .recordTally(let t, let percent, let base):
                guard tally == nil else { throw Failure(detail: "a transition records at most one tally") }
                tally = (t, percent, base)
            case .deadlineMet(let due):
                guard deadline == nil else { throw Failure(detail: "a transition meets at most one deadline") }
                deadline = due
            case .resumeClock(let original):
                guard resumeClock == nil else { throw Failure(detail: "a transition restores at most one clock") }
                resumeClock = original
            }
        }
        var w = CanonicalJSONWriter(capacity: 160)
        var first = true
        func separate(_ w: inout CanonicalJSONWriter) { if !first { w.punctuation(",") }; first = false }
        w.punctuation("{")
        if let attach { separate(&w); w.key("attach"); w.strings(attach) }
        if let deadline { separate(&w); w.key("deadline"); w.string(deadline.description) }
        if let resumeClock { separate(&w); w.key("resumeClock"); w.string(StoreTime.iso(resumeClock)) }
        if let (t, percent, base) = tally {
            separate(&w); w.key("tally"); w.punctuation("{")
            w.key("invalid"); w.int(Int64(t.invalid)); w.punctuation(",")
            w.key("members"); w.int(Int64(t.members)); w.punctuation(",")
            w.key("no"); w.int(Int64(t.no)); w.punctuation(",")
            w.key("present"); w.int(Int64(t.present)); w.punctuation(",")
            w.key("yes"); w.int(Int64(t.yes)); w.punctuation("}")
            w.punctuation(","); w.key("vote"); w.punctuation("{")
            w.key("base"); w.string(base); w.punctuation(",")
            w.key("percent"); w.double(percent); w.punctuation("}")
        }
        w.punctuation("}")
        return w.text
    }

    /// Reads effects written by `encode(effects:)`, in the order the machine produces them:
    /// documents attached, deadline met, tally recorded.
    static func decodeEffects(_ text: String) throws(Failure) -> [Effect] {
        if text == "{}" { return [] }
        let json = try parse(text)
        guard case .object(let members) = json else { throw Failure(detail: "the payload is not a JSON object") }
        // (A closure, not a key path: this runs for every event read.)
        if let unknown = members.map({ $0.key }).sorted().first(where: { !["attach", "deadline", "resumeClock", "tally", "vote"].contains($0) }) {
            throw Failure(detail: "unknown payload key “\(unknown)”")
        }
        var effects: [Effect] = []
        if let attach = json["attach"] {
            guard let docs = attach.strings else { throw Failure(detail: "attach is not an array of strings") }
            effects.append(.attachDocuments(docs))
        }
        if let deadline = json["deadline"] {
            guard let text = deadline.string, let due = try? CivilDate(parsing: text) else {
                throw Failure(detail: "deadline is not a YYYY-MM-DD date")
            }
            effects.append(.deadlineMet(due))
        }
        if let tally = json["tally"] {
            guard let vote = json["vote"], let percent = vote["percent"]?.double else {
                throw Failure(detail: "tally comes without vote.percent")
            }
            func count(_ key: String) throws(Failure) -> Int {
                guard let n = tally[key]?.int else { throw Failure(detail: "tally.\(key) is missing or not an integer") }
                return n
            }
            let t = Tally(members: try count("members"), present: try count("present"), yes: try count("yes"),
                          no: try count("no"), invalid: try count("invalid"))
            effects.append(.recordTally(t, percent: percent, base: try string(vote, "base", in: "vote")))
        } else if json["vote"] != nil {
            throw Failure(detail: "vote comes without tally")
        }
        if let clock = json["resumeClock"] {
            guard let text = clock.string, let date = StoreTime.parseDate(text) else {
                throw Failure(detail: "resumeClock is not a date")
            }
            effects.append(.resumeClock(date))
        }
        return effects
    }

    // MARK: Helpers

    private static func parse(_ text: String) throws(Failure) -> JSONValue {
        do { return try JSONParser.parseVerbatim(text) } catch {
            throw Failure(detail: "malformed JSON at \(error.position): \(error.message)")
        }
    }

    private static func member(_ json: JSONValue, _ key: String) throws(Failure) -> JSONValue {
        guard let value = json[key] else { throw Failure(detail: "\(key) is missing") }
        return value
    }

    private static func string(_ json: JSONValue, _ key: String, in parent: String? = nil) throws(Failure) -> String {
        guard let s = json[key]?.string else {
            throw Failure(detail: "\(parent.map { "\($0)." } ?? "")\(key) is missing or not a string")
        }
        return s
    }

    private static func optionalString(_ json: JSONValue, _ key: String) throws(Failure) -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard let s = value.string else { throw Failure(detail: "\(key) is not a string") }
        return s
    }

    private static func date(_ json: JSONValue, _ key: String) throws(Failure) -> Date {
        guard let text = json[key]?.string, let date = StoreTime.parseDate(text) else {
            throw Failure(detail: "\(key) is not a date written YYYY-MM-DDTHH:MM:SS.mmmZ")
        }
        return date
    }
}
