import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One timestamp writer: what `--json` prints is what the store writes.
@Suite struct OneTimestampTests {
    @Test("--json writes an instant exactly as the store writes it, tricky instants included", arguments: [
        (Date(timeIntervalSince1970: 0), "1970-01-01T00:00:00.000Z"),
        (Date(timeIntervalSince1970: -0.0005), "1969-12-31T23:59:59.999Z"),
        (Date(timeIntervalSince1970: -1.5), "1969-12-31T23:59:58.500Z"),
        (Date(timeIntervalSince1970: -86_400.001), "1969-12-30T23:59:59.999Z"),
        (Date(timeIntervalSince1970: 0.9995), "1970-01-01T00:00:00.999Z"),
        (Date(timeIntervalSince1970: 1_764_554_400.9995), "2025-12-01T02:00:00.999Z"),
        // A whole millisecond whose Double is a hair below it counts as that millisecond.
        (Date(timeIntervalSince1970: 1_764_554_400.123), "2025-12-01T02:00:00.123Z"),
        (StoreTime.date(milliseconds: 1_764_554_400_999), "2025-12-01T02:00:00.999Z"),
        (StoreTime.date(milliseconds: 253_402_300_799_999), "9999-12-31T23:59:59.999Z"),
        (StoreTime.date(milliseconds: 253_402_300_800_000), "10000-01-01T00:00:00.000Z"),
        (StoreTime.date(milliseconds: -62_167_219_200_001), "-0001-12-31T23:59:59.999Z"),
    ])
    func sameAsStore(date: Date, expected: String) throws {
        #expect(StoreTime.iso(date) == expected)
        struct Stamped: Encodable { var at: Date }
        #expect(JSONOutput.encode(Stamped(at: date)) == "{\n  \"at\" : \"\(expected)\"\n}")
        if expected.count == 24 { #expect(StoreTime.parse(expected) == StoreTime.milliseconds(date)) }
    }

    @Test("The clock a command records with and the JSON it prints agree with the stored record", arguments: [
        "2025-12-01T02:00:00.999Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z",
    ])
    func recordedAndPrinted(now: String) throws {
        let h = try CLIHarness(now: now)
        h.initialise()
        let create = h.run(["--as", "union_officer@CDCS-DHBK:le.thi.cuc", "--json", "dossier", "create", "--id", "HS-1", "--award", "lao_dong_tien_tien",
                            "--year", "2025", "--nominee-id", "a", "--nominee-name", "A", "--addressee", "LDLD-HN"])
        #expect(create.code == 0, "\(create.err)")
        let store = try EventStore(path: h.storePath)
        let events = try store.events(dossierID: "HS-1")
        #expect(events.map(\.atText) == [now])
        #expect(create.out.contains("\"\(now)\""))
    }
}
