import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongKit
@testable import KhenThuongStore

/// The verification file of a published award (issue 12 item 5): the demo season's site
/// offers one, `check-award` passes it and says what it proves, and every tampering is caught
/// with a message naming what failed.
@Suite struct AwardProofTests {
    /// The demo season's store and site, made once.
    struct Demo: Sendable {
        let harness: CLIHarness
        let store: String
        let file: String
        let bytes: [UInt8]
    }

    static let demo: Demo? = {
        guard let h = try? CLIHarness() else { return nil }
        let store = h.directory.appendingPathComponent("demo.sqlite").path
        let site = h.directory.appendingPathComponent("demo-site")
        guard h.run(["demo", "--store", store, "--site", site.path]).code == 0 else { return nil }
        let file = site.appendingPathComponent("verify/125-qd-ldld-hs-2025-000001.json").path
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return Demo(harness: h, store: store, file: file, bytes: Array(data))
    }()

    static func demoOrFail() throws -> Demo { try #require(demo, "the demo season did not run") }

    static func proof(_ d: Demo) throws -> AwardProof { try JSONDecoder().decode(AwardProof.self, from: Data(d.bytes)) }

    @Test("The site offers one verification file and a QR code per award in force, none for the revoked one")
    func siteFiles() throws {
        let d = try Self.demoOrFail()
        let verify = URL(fileURLWithPath: d.file).deletingLastPathComponent()
        // Decision 125 has two recipients, HS-2025-000003 later revoked; decision 02 the ad-hoc award.
        #expect(try FileManager.default.contentsOfDirectory(atPath: verify.path).sorted()
                == ["02-qd-ldld-hs-2026-000005.json", "02-qd-ldld-hs-2026-000005.svg",
                    "125-qd-ldld-hs-2025-000001.json", "125-qd-ldld-hs-2025-000001.svg"])
        let page = try String(contentsOf: verify.deletingLastPathComponent().appendingPathComponent("decision-125-qd-ldld.html"), encoding: .utf8)
        #expect(page.contains("<img src=\"verify/125-qd-ldld-hs-2025-000001.svg\""))
        #expect(page.contains("<a href=\"verify/125-qd-ldld-hs-2025-000001.json\">"))
        let proof = try Self.proof(d)
        #expect(proof.events.map(\.role) == ["decision", "ballot", "facts"])
        #expect(proof.award.votes.map { [$0.yes, $0.no, $0.present, $0.members] } == [9, 1, 10, 11])
        // A few hundred bytes of proof per event: log2(105) rounded up hashes at most.
        #expect(proof.events.allSatisfy { $0.auditPath.count <= 7 })
    }

    @Test("The QR code holds the file's path and its SHA-256")
    func qrContent() throws {
        let d = try Self.demoOrFail()
        let svg = try String(contentsOfFile: d.file.replacingOccurrences(of: ".json", with: ".svg"), encoding: .utf8)
        let expected = try QRCode(text: "verify/125-qd-ldld-hs-2025-000001.json#sha256=\(SHA256Digest.hex(d.bytes))", level: .medium)
        #expect(svg == expected.svg(title: "Mã QR của tệp kiểm chứng 125-qd-ldld-hs-2025-000001"))
    }

    @Test("A valid file passes and the report says what it proves and what it does not, in Vietnamese and English")
    func passes() throws {
        let d = try Self.demoOrFail()
        let vi = d.harness.run(["check-award", d.file])
        #expect(vi.code == 0)
        #expect(vi.out.contains(": HỢP LỆ\n"))
        #expect(vi.out.contains("Khen thưởng: Nguyễn Thị Hoa (CDCS-DHBK) — Lao động tiên tiến năm 2025, hồ sơ HS-2025-000001"))
        #expect(vi.out.contains("Biểu quyết: 9 đồng ý, 1 không đồng ý"))
        #expect(vi.out.contains("  ✓ 3 sự kiện (quyết định khen thưởng, kết quả biểu quyết, dữ kiện của người được đề nghị) nằm trong hồ sơ đã ký đó"))
        #expect(vi.out.contains("Điều này không chứng minh:\n  – rằng khóa "))
        let en = d.harness.run(["--lang", "en", "check-award", d.file])
        #expect(en.code == 0)
        #expect(en.out.contains(": HOLDS\n") && en.out.contains("This does not prove:\n  – that key "))
    }

    @Test("With the store's directory the report names who holds the signing key; a trusted key must match")
    func keyTrust() throws {
        let d = try Self.demoOrFail()
        let dir = d.harness.run(["--lang", "en", "check-award", d.file, "--directory", d.store])
        #expect(dir.code == 0)
        #expect(dir.out.contains("by the directory you gave (--directory), the signing key belongs to "))
        #expect(dir.out.contains("(secretariat, LDLD-HN)"))
        #expect(!dir.out.contains("that key "))
        let proof = try Self.proof(d)
        let signer = try Checkpoint(parsing: proof.checkpoint).publicKey
        let trusted = d.harness.run(["--lang", "en", "check-award", d.file, "--key", signer.text])
        #expect(trusted.code == 0 && trusted.out.contains("the signing key is the trusted key you gave (--key)"))
        let other = try PrivateKey.generate().publicKey
        let wrong = d.harness.run(["--lang", "en", "check-award", d.file, "--key", other.text])
        #expect(wrong.code == 1)
        #expect(wrong.out.contains("✗ the checkpoint is signed by key \(signer.id), not by the trusted key \(other.id)"))
    }

    @Test("A missing file, a key that is not a public key or a directory store that is not there is a usage error, exit 2")
    func badInput() throws {
        let d = try Self.demoOrFail()
        let missing = d.harness.run(["--lang", "en", "check-award", "nowhere.json"])
        #expect(missing.code == 2 && missing.err.contains("cannot read the verification file nowhere.json"))
        let key = d.harness.run(["--lang", "en", "check-award", d.file, "--key", "not-a-key"])
        #expect(key.code == 2 && key.err.contains("--key is not a public key"))
        let directory = d.harness.run(["--lang", "en", "check-award", d.file, "--directory", "nowhere.sqlite"])
        #expect(directory.code == 2 && directory.err.contains("there is no store nowhere.sqlite to read the directory from"))
    }

    struct Tamper: Sendable, CustomStringConvertible {
        var name: String
        var edit: @Sendable (inout AwardProof) -> Void
        /// The first failure expected, given the file (for event numbers).
        var expected: @Sendable (AwardProof) -> AwardCheckFailure
        var description: String { name }
    }

    static func event(_ p: AwardProof, _ role: String) -> AwardProof.ProvenEvent { p.events.first { $0.role == role }! }

    static let tampers: [Tamper] = [
        Tamper(name: "a vote count shown", edit: { $0.award.votes?.yes = 10 },
               expected: { _ in .claimMismatch(field: "votes", shown: "10/10/11 yes/present/members, no 1, invalid 0, 50% of total, passed true, approve",
                                               recorded: "9/10/11 yes/present/members, no 1, invalid 0, 50% of total, passed true, approve") }),
        Tamper(name: "a fact shown", edit: { $0.award.facts?[6] = "years.2025.monthsWorked = 13" },
               expected: { _ in .claimMismatch(field: "facts", shown: "years.2025.monthsWorked = 13", recorded: "years.2025.monthsWorked = 12") }),
        Tamper(name: "the recipient shown", edit: { $0.award.recipient = "Nguyễn Thị Hòa" },
               expected: { _ in .claimMismatch(field: "recipient", shown: "Nguyễn Thị Hòa", recorded: "Nguyễn Thị Hoa") }),
        Tamper(name: "the reward shown", edit: { $0.award.amountVND = 7_020_000 },
               expected: { _ in .claimMismatch(field: "amountVND", shown: "7020000", recorded: "702000") }),
        Tamper(name: "the ballot event's payload", edit: { p in
                   let i = p.events.firstIndex { $0.role == "ballot" }!
                   p.events[i].payload = p.events[i].payload.replacingOccurrences(of: "\"yes\":9", with: "\"yes\":10")
               }, expected: { .eventAltered(role: "ballot", seq: event($0, "ballot").seq) }),
        Tamper(name: "the decision event's time", edit: { $0.events[0].at = "2025-12-28T02:10:00.000Z" },
               expected: { .eventAltered(role: "decision", seq: $0.events[0].seq) }),
        Tamper(name: "an audit path hash", edit: { p in
                   let i = p.events.firstIndex { $0.role == "facts" }!
                   let h = p.events[i].auditPath[0]
                   p.events[i].auditPath[0] = (h.first == "0" ? "1" : "0") + h.dropFirst()
               }, expected: { .notInRecord(role: "facts", seq: event($0, "facts").seq) }),
        Tamper(name: "an audit path that is not hex", edit: { $0.events[0].auditPath[0] = "zz" },
               expected: { .auditPathMalformed(role: "decision", seq: $0.events[0].seq) }),
        Tamper(name: "an event moved to another number", edit: { $0.events[0].seq += 1 },
               expected: { .eventAltered(role: "decision", seq: $0.events[0].seq + 1) }),
        Tamper(name: "the checkpoint's Merkle root", edit: { p in
                   p.checkpoint = p.checkpoint.replacingOccurrences(of: "\nroot ", with: "\nroot 0").replacingOccurrences(of: "\nat", with: "X\nat")
                   let lines = p.checkpoint.split(separator: "\n", omittingEmptySubsequences: false)
                   p.checkpoint = lines.map { $0.hasPrefix("root ") ? "root " + String($0.dropFirst(5).prefix(64)) : String($0) }.joined(separator: "\n")
               }, expected: { p in .badSignature(keyID: try! Checkpoint(parsing: p.checkpoint).publicKey.id) }),
        Tamper(name: "the checkpoint's event count", edit: { p in
                   p.checkpoint = p.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                       guard line.hasPrefix("events "), let n = Int(line.dropFirst(7)) else { return String(line) }
                       return "events \(n - 1)"
                   }.joined(separator: "\n")
               },
               expected: { p in .badSignature(keyID: try! Checkpoint(parsing: p.checkpoint).publicKey.id) }),
        Tamper(name: "a checkpoint without its root line (version 1)", edit: { p in
                   p.checkpoint = p.checkpoint.replacingOccurrences(of: "khenthuong-checkpoint/2", with: "khenthuong-checkpoint/1")
                       .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("root ") }.joined(separator: "\n")
               }, expected: { _ in .checkpointWithoutRoot }),
        Tamper(name: "the ballot event removed", edit: { $0.events.removeAll { $0.role == "ballot" } },
               expected: { _ in .eventMissing(role: "ballot") }),
        Tamper(name: "the signature's base64 spelt another way", edit: { p in
                   // The last base64 digit before "==" carries 4 unused bits: +1 keeps the bytes.
                   var lines = p.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                   let sig = lines[7]
                   let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                   let last = sig.index(sig.endIndex, offsetBy: -3)
                   let next = digits[(digits.firstIndex(of: sig[last])! + 1) % 64]
                   lines[7] = String(sig[..<last]) + String(next) + "=="
                   p.checkpoint = lines.joined(separator: "\n")
               }, expected: { _ in .checkpointMalformed(line: 8, detail: "not as the signer wrote it") }),
    ]

    @Test("Each tampering fails with a message naming what failed", arguments: tampers)
    func tamper(_ t: Tamper) throws {
        let d = try Self.demoOrFail()
        var proof = try Self.proof(d)
        let original = proof
        t.edit(&proof)
        let check = AwardProof.check(proof.encoded())
        #expect(!check.passed)
        #expect(check.failures.first == t.expected(original))
        let path = d.harness.directory.appendingPathComponent("tampered-\(UUID().uuidString).json").path
        try Data(proof.encoded()).write(to: URL(fileURLWithPath: path))
        let r = d.harness.run(["check-award", path])
        #expect(r.code == 1)
        #expect(r.out.contains("  ✗ " + t.expected(original).message.vi))
    }

    @Test("A changed byte that leaves the content alone, or one that breaks the JSON, is caught too")
    func bytes() throws {
        let d = try Self.demoOrFail()
        var spaced = d.bytes
        let i = try #require(spaced.firstIndex(of: 0x20))
        spaced.insert(0x20, at: i)
        // The first byte that differs is where the original has its first non-space after it.
        #expect(AwardProof.check(spaced).failures == [.notAsPublished(offset: d.bytes[i...].firstIndex { $0 != 0x20 }!)])
        var broken = d.bytes
        broken[0] = UInt8(ascii: "[")
        guard case .unreadable = AwardProof.check(broken).failures.first else { Issue.record("a broken file was read"); return }
    }

    @Test("Flipping any one bit of the file makes the check fail (every 5th byte, each bit 0)")
    func everyByte() throws {
        let d = try Self.demoOrFail()
        #expect(AwardProof.check(d.bytes).passed)
        var passed: [Int] = []
        for i in stride(from: 0, to: d.bytes.count, by: 5) {
            var b = d.bytes
            b[i] ^= 0x01
            if AwardProof.check(b).passed { passed.append(i) }
        }
        #expect(passed == [])
    }
}
