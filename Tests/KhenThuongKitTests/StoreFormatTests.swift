import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct StoreFormatTests {
    @Test("An event's hash is what the documented Python recomputation gives")
    func hashVector() throws {
        let event = StoredEvent(seq: 7, dossierID: "HS-2025-001", kind: .transition, event: "request_supplement",
                                fromState: "appraisal", toState: "needs_supplement",
                                actor: Actor(role: "secretariat", unit: "LDLD-HN", user: "trần.b"),
                                at: try StoreFixture.instant("2025-12-05T03:00:00.000Z"),
                                reason: "thiếu \"xác nhận\"\n\tsáng kiến\u{01}\\/\u{7f}", payload: "{}",
                                prevHash: String(repeating: "ab", count: 32), hash: "")
        // python3: json.dumps(row, ensure_ascii=False, separators=(",", ":")), then hashlib.sha256
        let canonical = EventHash.canonical(seq: event.seq, dossierID: event.dossierID, kind: "transition", event: event.event,
                                            fromState: event.fromState, toState: event.toState, actor: event.actor,
                                            at: event.atText, reason: event.reason, payload: event.payload, prevHash: event.prevHash)
        #expect(String(decoding: canonical, as: UTF8.self) == #"[7,"HS-2025-001","transition","request_supplement","appraisal","needs_supplement","secretariat","LDLD-HN","trần.b","2025-12-05T03:00:00.000Z","thiếu \"xác nhận\"\n\tsáng kiến\u0001\\/"# + "\u{7f}" + #"","{}","abababababababababababababababababababababababababababababababab"]"#)
        #expect(event.computedHash() == "d7f32aef913ef34607b269a2d4cb4f6ace0dabde83daad7757aec7ae76e4958a")

        let creation = StoredEvent(seq: 1, dossierID: "HS-2025-001", kind: .created, event: "create", fromState: nil,
                                   toState: "draft", actor: StoreFixture.proposer,
                                   at: try StoreFixture.instant("2025-12-01T01:30:00.000Z"), reason: nil,
                                   payload: #"{"a":1}"#, prevHash: StoredEvent.genesisHash, hash: "")
        #expect(creation.computedHash() == "5e053a1454ae108dc610ea103ce3a1bd197ec2e38aefd3ad8d789d7cfd6172c0")
    }

    @Test("SHA-256 gives the standard digests")
    func sha256() {
        #expect(SHA256Digest.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex("abc".utf8) == SHA256Digest.hex(Array("abc".utf8)))
    }

    @Test("Strings are escaped as Python's json.dumps(ensure_ascii=False) escapes them", arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("Nguyễn Văn Ánh", #""Nguyễn Văn Ánh""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\u{08}\u{0c}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{00}\u{1f}", #""\u0000\u001f""#),
        ("/ \u{7f} \u{2028}", "\"/ \u{7f} \u{2028}\""),
    ])
    func escaping(input: String, expected: String) {
        var writer = CanonicalJSONWriter()
        writer.string(input)
        #expect(writer.text == expected)
        #expect((try? JSONParser.parseVerbatim(writer.text)) == .string(input))
    }

    @Test("Long strings are escaped the same whichever byte of an eight-byte word needs it",
          arguments: Array("\"\\\n\u{01}\u{1f}ế".unicodeScalars))
    func escapingEveryPosition(special: Unicode.Scalar) {
        for length in 0...40 {
            for position in 0...length {
                var text = String(repeating: "a", count: length)
                text.insert(Character(special), at: text.index(text.startIndex, offsetBy: position))
                var writer = CanonicalJSONWriter()
                writer.string(text)
                #expect(writer.text == Self.referenceEscape(text), "length \(length), position \(position)")
            }
        }
    }

    /// A plain, scalar-by-scalar version of Python's `json.dumps(s, ensure_ascii=False)`.
    static func referenceEscape(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0c}": out += "\\f"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test("Numbers are written as integers when integral", arguments: [
        (50.0, "50"), (66.67, "66.67"), (-3.0, "-3"), (0.5, "0.5"), (Double.nan, "null"),
    ])
    func numbers(value: Double, expected: String) {
        var writer = CanonicalJSONWriter()
        writer.double(value)
        #expect(writer.text == expected)
    }

    @Test("Instants are written in UTC with milliseconds and read back exactly", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_552_600_123, "2025-12-01T01:30:00.123Z"),
        (951_782_400_999, "2000-02-29T00:00:00.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func instants(milliseconds: Int64, text: String) {
        #expect(StoreTime.iso(milliseconds: milliseconds) == text)
        #expect(StoreTime.parse(text) == milliseconds)
        let date = StoreTime.date(milliseconds: milliseconds)
        #expect(StoreTime.milliseconds(date) == milliseconds)
        #expect(StoreTime.truncated(date) == date)
    }

    @Test("Malformed instants are not read", arguments: [
        "2025-12-01T01:30:00Z", "2025-02-29T00:00:00.000Z", "2025-12-01 01:30:00.000Z", "2025-12-01T24:00:00.000Z", "",
    ])
    func malformedInstants(text: String) {
        #expect(StoreTime.parse(text) == nil)
    }

    @Test("A dossier survives its creation payload, byte for byte")
    func dossierPayload() throws {
        var dossier = Dossier(id: "HS-1", workflowID: "yearly", workflowVersion: "1.0.0", awardID: "lao_dong_tien_tien",
                              year: 2025, nominee: Nominee(id: "tap.the.1", name: "Tổ Công đoàn \"Khoa Cơ khí\"", kind: .collective),
                              proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", initialState: "draft",
                              documents: ["review_minutes", "cover_letter"], dueDate: CivilDate(unchecked: 2025, 12, 15),
                              createdAt: try StoreFixture.instant("2025-12-01T01:30:00.250Z"))
        dossier.previousState = "submitted"
        let text = EventPayload.encode(dossier)
        #expect(text == #"{"addresseeUnit":"LDLD-HN","awardID":"lao_dong_tien_tien","createdAt":"2025-12-01T01:30:00.250Z","documents":["cover_letter","review_minutes"],"dueDate":"2025-12-15","enteredStateAt":"2025-12-01T01:30:00.250Z","eventCount":1,"id":"HS-1","nominee":{"id":"tap.the.1","kind":"collective","name":"Tổ Công đoàn \"Khoa Cơ khí\""},"previousState":"submitted","proposerUnit":"CDCS-DHBK","state":"draft","workflowID":"yearly","workflowVersion":"1.0.0","year":2025}"#)
        #expect(try EventPayload.decodeDossier(text) == dossier)
        #expect(EventPayload.encode(try EventPayload.decodeDossier(text)) == text)
    }

    @Test("The audit walk's light reading of a creation gives what the full decoding gives, and declines what it cannot read plainly")
    func creationUnitsLightly() throws {
        var dossier = Dossier(id: "HS-7", workflowID: "adhoc", workflowVersion: "1.0.0", awardID: "lao_dong_tien_tien",
                              year: 2025, nominee: Nominee(id: "NV-1", name: "Tổ \"Cơ khí\" {1}, [2]", kind: .collective),
                              proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN", initialState: "draft",
                              documents: ["cover_letter", "review_minutes"], dueDate: nil,
                              createdAt: try StoreFixture.instant("2025-12-01T01:30:00.250Z"))
        dossier.previousState = nil
        let text = EventPayload.encode(dossier)
        let light = try #require(CanonicalFields.strings(text, keys: ["id", "workflowID", "proposerUnit", "addresseeUnit"]))
        // The top-level id, not the nominee's (nested, skipped with its escaped quotes and brackets).
        #expect(light == ["HS-7", "adhoc", "CDCS-DHBK", "LDLD-HN"])
        let units = try #require(EventPayload.creationUnits(text))
        #expect(units.id == "HS-7" && units.workflow == "adhoc" && units.proposer == "CDCS-DHBK" && units.addressee == "LDLD-HN")
        // A wanted value with an escape, a missing key, a non-string value, trailing bytes or a
        // cut text: declined, so that the one full parser decides.
        #expect(CanonicalFields.strings(#"{"id":"H\u0053-7","workflowID":"w","proposerUnit":"p","addresseeUnit":"a"}"#,
                                        keys: ["id", "workflowID", "proposerUnit", "addresseeUnit"]) == nil)
        #expect(CanonicalFields.strings(#"{"id":"HS-7"}"#, keys: ["id", "workflowID"]) == nil)
        #expect(CanonicalFields.strings(#"{"id":7}"#, keys: ["id"]) == nil)
        #expect(CanonicalFields.strings(#"{"id":"HS-7"}x"#, keys: ["id"]) == nil)
        #expect(CanonicalFields.strings(String(text.dropLast(3)), keys: ["id", "workflowID"]) == nil)
        #expect(CanonicalFields.strings(#"{"a":[1,{"b":null}],"id":"HS-7"}"#, keys: ["id"]) == ["HS-7"])
        // Declined, the full decoding still reads an escaped id.
        var escaped = dossier
        escaped.id = "HS-\"7\""
        #expect(EventPayload.creationUnits(EventPayload.encode(escaped))?.id == "HS-\"7\"")
        #expect(EventPayload.creationUnits("not json") == nil)
    }

    @Test("Effects survive their transition payload, in the machine's order")
    func effectsPayload() throws {
        let effects: [Effect] = [.attachDocuments(["supplement", "cover_letter"]), .deadlineMet(CivilDate(unchecked: 2025, 12, 19)),
                                 .recordTally(Tally(members: 15, present: 12, yes: 10, no: 1, invalid: 1), percent: 66.67, base: "present")]
        let text = try EventPayload.encode(effects: effects)
        #expect(text == #"{"attach":["supplement","cover_letter"],"deadline":"2025-12-19","tally":{"invalid":1,"members":15,"no":1,"present":12,"yes":10},"vote":{"base":"present","percent":66.67}}"#)
        #expect(try EventPayload.decodeEffects(text) == effects)
        #expect(try EventPayload.encode(effects: []) == "{}")
        #expect(try EventPayload.decodeEffects("{}") == [])
        #expect(throws: EventPayload.Failure.self) {
            _ = try EventPayload.encode(effects: [.deadlineMet(CivilDate(unchecked: 2025, 1, 1)), .deadlineMet(CivilDate(unchecked: 2025, 1, 2))])
        }
        #expect(throws: EventPayload.Failure.self) { _ = try EventPayload.decodeEffects(#"{"colour":"red"}"#) }
    }

    @Test("Replaying a transition event on a dossier in another state is refused")
    func replayMismatch() throws {
        let dossier = Dossier(id: "HS-1", workflowID: "yearly", workflowVersion: "1.0.0", awardID: "lao_dong_tien_tien",
                              year: 2025, nominee: Nominee(id: "a", name: "A"), proposerUnit: "U", addresseeUnit: "V",
                              initialState: "draft", createdAt: try StoreFixture.instant("2025-12-01T00:00:00.000Z"))
        let event = StoredEvent(seq: 2, dossierID: "HS-1", kind: .transition, event: "receive", fromState: "submitted",
                                toState: "received", actor: StoreFixture.secretariat, at: dossier.createdAt, reason: nil,
                                payload: "{}", prevHash: StoredEvent.genesisHash, hash: "")
        let error = try #require(throws: StoreError.self) { _ = try event.applied(to: dossier) }
        #expect(error.message(.en).contains("starts from state submitted but dossier HS-1 is in state draft"))
        #expect(try Dossier(replaying: []) == nil)
    }
}
