import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct BatchPipelineTests {
    static let season = MiniSeason.csv()

    @Test("The pipeline writes, byte for byte, the decisions a plain reference computes for a generated season")
    func matchesReference() throws {
        let result = try W3Pipeline.run(csv: Array(Self.season.utf8), decider: SpecDecider(), options: W3Options(threads: 2))
        let expected = BatchReference.decisions(Self.season)
        #expect(String(decoding: result.csv, as: UTF8.self) == expected)
        #expect(result.csv == Array(expected.utf8))
        // The season exercises what it is for.
        let persons = BatchReference.persons(Self.season)
        #expect(result.persons == persons.count)
        #expect(result.persons < 400, "some persons have no 2025 row")
        #expect(result.boundUnits >= 1)
        #expect(result.cut >= 1)
        #expect(result.titles.cstdTinh >= 1)
        #expect(persons.contains { $0.facts["leave_reason"] == "THAI_SAN" && Int($0.facts["months_worked"]!)! < 10 && $0.ldtt })
        #expect(persons.contains { $0.facts["discipline"] != "" })
        #expect(result.parts == 2)
    }

    @Test("Title counts and quota figures agree with the written rows")
    func figures() throws {
        let result = try W3Pipeline.run(csv: Array(Self.season.utf8), decider: SpecDecider())
        let rows = result.rowsByID.values
        #expect(result.titles.none == rows.filter { $0[6] == "" }.count)
        #expect(result.titles.ldtt == rows.filter { $0[6] == "LDTT" }.count)
        #expect(result.titles.cstdcs == rows.filter { $0[6] == "CSTDCS" }.count)
        #expect(result.titles.cstdTinh == rows.filter { $0[6] == "CSTD_TINH" }.count)
        #expect(result.cut == rows.filter { $0[5] == "1" }.count)
        #expect(result.unitsWithLDTT == Set(rows.filter { $0[2] == "1" }.map { $0[1] }).count)
    }

    @Test("Reading in parallel parts gives the same bytes as one thread", arguments: [2, 3, 5, 16])
    func parallelSplit(_ threads: Int) throws {
        let bytes = Array(Self.season.utf8)
        let one = try W3Pipeline.run(csv: bytes, decider: SpecDecider(), options: W3Options(threads: 1))
        let many = try W3Pipeline.run(csv: bytes, decider: SpecDecider(), options: W3Options(threads: threads))
        #expect(one.parts == 1)
        #expect(many.parts == threads)
        #expect(many.csv == one.csv)
        #expect(many.titles == one.titles)
        #expect((many.boundUnits, many.cut) == (one.boundUnits, one.cut))
    }

    @Test("Parts are cut where the person id changes, never inside a person")
    func cutsAtPersonBoundaries() throws {
        let bytes = Array(Self.season.utf8)
        let input = MappedInput(bytes: bytes)
        let headerEnd = bytes.firstIndex(of: 0x0A)! + 1
        let cuts = W3Pipeline.splitPoints(input.base, from: headerEnd, to: input.count, parts: 4, personColumn: 0)
        #expect(cuts.count == 5)
        for c in cuts.dropFirst().dropLast() {
            let before = String(decoding: bytes[..<c], as: UTF8.self).components(separatedBy: "\r\n").dropLast().last!
            let after = String(decoding: bytes[c...], as: UTF8.self).components(separatedBy: "\r\n").first!
            #expect(before.prefix(7) != after.prefix(7), "cut at \(c) splits \(after.prefix(7))")
        }
    }

    @Test("LF line ends, a missing last line break, a byte-order mark and blank lines read alike")
    func lineEnds() throws {
        let crlf = try W3Pipeline.run(csv: Array(Self.season.utf8), decider: SpecDecider()).csv
        let lf = Self.season.replacingOccurrences(of: "\r\n", with: "\n")
        for variant in [lf, String(lf.dropLast()), "\u{FEFF}" + Self.season, Self.season.replacingOccurrences(of: "\r\nP000010,", with: "\r\n\r\n\nP000010,")] {
            for threads in [1, 2] {
                let r = try W3Pipeline.run(csv: Array(variant.utf8), decider: SpecDecider(), options: W3Options(threads: threads))
                #expect(r.csv == crlf)
            }
        }
    }

    @Test("The file path reads the same as the bytes")
    func fromFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("w3-season-\(getpid()).csv").path
        try Data(Self.season.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try W3Pipeline.run(input: path, decider: SpecDecider())
        let fromBytes = try W3Pipeline.run(csv: Array(Self.season.utf8), decider: SpecDecider())
        #expect(fromFile.csv == fromBytes.csv)
        let out = path + ".out"
        try fromFile.writeCSV(to: out)
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(fromBytes.csv))
    }

    @Test("The fact table holds each person's evaluation-year facts and CSTDCS streak")
    func factTable() throws {
        let decider = SpecDecider()
        let table = try W3FactTable.load(csv: Array(Self.season.utf8), decider: decider, options: W3Options(threads: 2))
        let persons = BatchReference.persons(Self.season)
        #expect(table.count == persons.count)
        for (i, p) in persons.enumerated() {
            #expect(table.personID(i) == p.id)
            table.withFacts(i) { f in
                #expect(f.monthsWorked == Int64(p.facts["months_worked"]!)!)
                #expect(f.leaveReason == decider.intern(p.facts["leave_reason"]!))
                #expect(f.dutyRating == decider.intern(p.facts["duty_rating"]!))
                #expect(f.discipline == decider.intern(p.facts["discipline"]!))
                #expect(f.initiatives == Int64(p.facts["initiatives"]!)!)
                #expect(f.benefitVND == Int64(p.benefit))
                #expect(f.consecCSTDCS == Int64(p.consec))
                let d = decider.decide(f)
                #expect((d.ldtt, d.cstdcs, d.cstdTinh) == (p.ldtt, p.cstdcs, p.tinh), "\(p.id)")
            }
        }
        #expect(persons.contains { $0.consec >= 3 })
    }

    /// A rule set other than the spec's: LDTT for everyone who worked 12 months, CSTDCS for
    /// everyone with an initiative; it records the strings it was asked to intern.
    final class OtherDecider: TitleDecider, @unchecked Sendable {
        let strings = StringTable()
        let lock = NSLock()
        var seen: Set<String> = []

        func intern(_ text: String) -> Int64 {
            lock.lock()
            seen.insert(text)
            lock.unlock()
            return strings.intern(text)
        }

        func decide(_ f: W3Facts) -> TitleDecision {
            TitleDecision(ldtt: f.monthsWorked == 12, cstdcs: f.initiatives >= 1, cstdTinh: false)
        }
    }

    @Test("Another rule set plugs in through TitleDecider and is asked for every string fact")
    func pluggableDecider() throws {
        let decider = OtherDecider()
        let result = try W3Pipeline.run(csv: Array(Self.season.utf8), decider: decider, options: W3Options(threads: 2))
        let persons = BatchReference.persons(Self.season)
        let rows = result.rowsByID
        for p in persons {
            let row = try #require(rows[p.id])
            #expect(row[2] == (p.facts["months_worked"] == "12" ? "1" : "0"))
            #expect(row[3] == (Int(p.facts["initiatives"]!)! >= 1 ? "1" : "0"))
            #expect(row[4] == "0")
        }
        #expect(decider.seen.isSuperset(of: ["", "THAI_SAN", "HTXSNV", "HTTNV", "KHIEN_TRACH"]))
        #expect(!decider.seen.contains("LDTT"), "titles are history, not facts")
    }

    /// The benchmark generator's 100k `records.csv` (seed 1), when `KHENTHUONG_W3_N100K` names it.
    static let n100k = ProcessInfo.processInfo.environment["KHENTHUONG_W3_N100K"] ?? ""

    @Test("The generated 100k dataset gives the benchmark specification's reference digest",
          .enabled(if: !n100k.isEmpty && FileManager.default.fileExists(atPath: n100k)))
    func referenceDigest() throws {
        let result = try W3Pipeline.run(input: Self.n100k, decider: SpecDecider())
        #expect(SHA256Digest.hex(result.csv).prefix(16) == "e79b495e768763ca")
        #expect(result.titles == TitleCounts(none: 8087, ldtt: 84555, cstdcs: 7046, cstdTinh: 312))
        #expect((result.boundUnits, result.cut) == (95, 275))
    }

    @Test("SHA256Digest (the one SHA-256 wrapper, in the store) gives the standard digest, whole and as W3's 16-digit prefix")
    func sha() {
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex([UInt8]()).prefix(16) == "e3b0c44298fc1c14")
        #expect(SHA256Digest.hex(Array("abc".utf8)[...]) == SHA256Digest.hex(Array("abc".utf8)))
    }
}
