import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The directory replayed from its records: units in their hierarchy, administrators, grants.
@Suite struct DirectoryTests {
    let log = MemoryEventLog()
    let admin = Actor(role: "administrator", unit: "LDLD-HN", user: "admin")
    let at = Date(timeIntervalSince1970: 1_764_554_400)

    static func key(_ byte: UInt8) -> PublicKey { PublicKey(algorithm: .ed25519, raw: [UInt8](repeating: byte, count: 32)) }

    /// Writes `records` in one transaction, checking each against the directory first (as the CLI does).
    func write(_ records: any StoreRecord...) throws {
        var directory = try Directory.load(from: log)
        for r in records {
            switch r {
            case let r as UnitAdded: try directory.check(r)
            case let r as UnitChanged: try directory.check(r)
            case let r as GrantAdded: try directory.check(r)
            case let r as GrantRevoked: try directory.check(r)
            case let r as AdministratorAdded: try directory.check(r)
            default: break
            }
            let event = try log.write { tx in try tx.append(r, actor: admin, at: at) }
            try directory.apply(event)
        }
    }

    func hanoi() throws {
        try write(AdministratorAdded(key: Self.key(9), user: "admin", name: "Nguyễn Quản Trị"),
                  UnitAdded(code: "TLD", name: "Tổng Liên đoàn Lao động Việt Nam", kind: .tld, parent: nil),
                  UnitAdded(code: "LDLD-HN", name: "Liên đoàn Lao động thành phố Hà Nội", kind: .ldldTinh, parent: "TLD"),
                  UnitAdded(code: "CDN-GDHN", name: "Công đoàn ngành Giáo dục Hà Nội", kind: .cdCapTren, parent: "LDLD-HN"),
                  UnitAdded(code: "CDCS-DHBK", name: "Công đoàn Đại học Bách khoa Hà Nội", kind: .cdcs, parent: "CDN-GDHN"),
                  UnitAdded(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May Hà Nội", kind: .cdcs, parent: "LDLD-HN"))
    }

    func refusal(_ body: () throws -> Void) -> DirectoryError? {
        do { try body(); return nil } catch let e as DirectoryError { return e } catch { Issue.record("unexpected \(error)"); return nil }
    }

    @Test("Replaying the records builds the tree, ancestors and children, and the stored payloads are canonical")
    func replay() throws {
        try hanoi()
        let d = try Directory.load(from: log)
        #expect(d.units.map(\.code) == ["TLD", "LDLD-HN", "CDN-GDHN", "CDCS-DHBK", "CDCS-MAYHN"])
        #expect(d.ancestors(of: "CDCS-DHBK").map(\.code) == ["CDN-GDHN", "LDLD-HN", "TLD"])
        #expect(d.children(of: "LDLD-HN").map(\.code) == ["CDCS-MAYHN", "CDN-GDHN"])
        #expect(d.tree().map { "\($0.depth):\($0.unit.code)" } == ["0:TLD", "1:LDLD-HN", "2:CDCS-MAYHN", "2:CDN-GDHN", "3:CDCS-DHBK"])
        #expect(!d.isEmpty && d.administrators.map(\.user) == ["admin"])
        let stored = try log.records(named: UnitAdded.kind, subject: "unit:CDCS-DHBK")
        #expect(stored.map(\.payload) == [#"{"code":"CDCS-DHBK","kind":"cdcs","name":"Công đoàn Đại học Bách khoa Hà Nội","parent":"CDN-GDHN"}"#])
        #expect(RecordSubject(stored: "unit:CDCS-DHBK") == .unit("CDCS-DHBK"))
        #expect(RecordSubject(stored: "grant:x@Y/z") == .grant("x@Y/z"))
    }

    @Test("An empty chain is a directory from before signatures; other events are ignored")
    func emptyAndIgnored() throws {
        #expect(try Directory.load(from: log).isEmpty)
        let other = try log.write { tx in
            try tx.appendRecord(subject: "council:HĐ", event: "council_member", actor: admin, at: at, payload: #"{"member":"x"}"#)
        }
        var d = Directory()
        try d.apply(other)
        #expect(d.units.isEmpty && d.isEmpty)
    }

    @Test("The hierarchy's order is enforced: kinds, parents, codes, the top")
    func hierarchyOrder() throws {
        try hanoi()
        let d = try Directory.load(from: log)
        let underCdcs = refusal { try d.check(UnitAdded(code: "CD-X", name: "X", kind: .cdCapTren, parent: "CDCS-DHBK")) }
        #expect(underCdcs?.field == "parent")
        let cdcsUnderTld = refusal { try d.check(UnitAdded(code: "CDCS-X", name: "X", kind: .cdcs, parent: "TLD")) }
        #expect(cdcsUnderTld?.field == "parent")
        let ldldUnderLdld = refusal { try d.check(UnitAdded(code: "LDLD-HP", name: "X", kind: .ldldTinh, parent: "LDLD-HN")) }
        #expect(ldldUnderLdld?.field == "parent")
        let orphan = refusal { try d.check(UnitAdded(code: "CDCS-X", name: "X", kind: .cdcs, parent: nil)) }
        #expect(orphan?.field == "parent")
        let taken = refusal { try d.check(UnitAdded(code: "LDLD-HN", name: "X", kind: .ldldTinh, parent: "TLD")) }
        #expect(taken?.field == "code")
        for bad in ["cdcs-x", "CDCS_X", "CDCS--X", "-X", "ĐHBK", ""] {
            #expect(refusal { try d.check(UnitAdded(code: bad, name: "X", kind: .cdcs, parent: "LDLD-HN")) }?.field == "code", "\(bad)")
        }
        #expect(refusal { try d.check(UnitAdded(code: "TLD2", name: "X", kind: .tld, parent: "TLD")) }?.field == "parent")
        // Allowed: a grassroots union directly under a provincial federation.
        try d.check(UnitAdded(code: "CDCS-X", name: "X", kind: .cdcs, parent: "LDLD-HN"))
        // A store's first unit may be its top, whatever its kind.
        try Directory().check(UnitAdded(code: "LDLD-HN", name: "LĐLĐ Hà Nội", kind: .ldldTinh, parent: nil))
    }

    @Test("An unknown code is refused with the closest known codes")
    func suggestions() throws {
        try hanoi()
        let d = try Directory.load(from: log)
        #expect(d.suggestions(for: "LDLD-NH") == ["LDLD-HN"])
        #expect(d.suggestions(for: "cdcs-dhbk").first == "CDCS-DHBK")
        #expect(d.suggestions(for: "ZZZZZZZZZZZZZZ").isEmpty)
        let e = refusal { try d.check(UnitAdded(code: "CDCS-Y", name: "Y", kind: .cdcs, parent: "CDN-GDNH")) }
        #expect(e?.suggestions == ["CDN-GDHN"])
        #expect(e?.fix?.vi.contains("CDN-GDHN") == true)
    }

    @Test("Corrections are new records: the name and the parent change, a bad parent is refused")
    func corrections() throws {
        try hanoi()
        try write(UnitChanged(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May 10", parent: "CDN-GDHN"))
        let d = try Directory.load(from: log)
        #expect(d.unit("CDCS-MAYHN")?.name == "Công đoàn Tổng Công ty May 10")
        #expect(d.unit("CDCS-MAYHN")?.parent == "CDN-GDHN")
        #expect(try log.records(named: UnitAdded.kind).count == 5)
        #expect(refusal { try d.check(UnitChanged(code: "CDCS-MAYHN", name: nil, parent: "CDCS-DHBK")) }?.field == "parent")
        #expect(refusal { try d.check(UnitChanged(code: "CDCS-NONE", name: "x", parent: nil)) }?.field == "code")
        #expect(refusal { try d.check(UnitChanged(code: "CDCS-MAYHN", name: nil, parent: nil)) } != nil)
    }

    @Test("Grants: found by key, refused at an unknown unit or twice, revoked with the seq kept")
    func grantsAndRevocation() throws {
        try hanoi()
        let cuc = Self.key(1)
        try write(GrantAdded(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc", name: "Lê Thị Cúc", key: cuc),
                  GrantAdded(role: "secretariat", unit: "LDLD-HN", user: "tran.van.minh", name: "Trần Văn Minh", personID: "NV002", key: Self.key(2)))
        var d = try Directory.load(from: log)
        #expect(d.grants(for: cuc).map(\.actor) == [Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")])
        #expect(d.grants(for: cuc).first?.personID == "le.thi.cuc")
        #expect(d.grant(for: Self.key(2), role: "secretariat", unit: "LDLD-HN")?.personID == "NV002")
        #expect(d.grant(for: Self.key(2), role: "secretariat", unit: "CDCS-DHBK") == nil)
        let unknown = refusal { try d.check(GrantAdded(role: "union_officer", unit: "CDCS-DHKB", user: "x", name: "X", key: cuc)) }
        #expect(unknown?.field == "unit" && unknown?.suggestions.first == "CDCS-DHBK")
        #expect(refusal { try d.check(GrantAdded(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc", name: "Lê Thị Cúc", key: cuc)) }?.field == "key")
        #expect(refusal { try d.check(GrantAdded(role: " ", unit: "CDCS-DHBK", user: "x", name: "X", key: cuc)) }?.field == "role")

        let id = try #require(d.grants(for: cuc).first?.id)
        try write(GrantRevoked(grantID: id, reason: "Chuyển công tác"))
        d = try Directory.load(from: log)
        #expect(d.grants(for: cuc).isEmpty)
        let revoked = try #require(d.allGrants.first { $0.id == id })
        #expect(revoked.addedSeq == 7 && revoked.revokedSeq == 9 && revoked.revocationReason == "Chuyển công tác")
        #expect(refusal { try d.check(GrantRevoked(grantID: id, reason: "")) }?.field == "grant")
        // Granted again after the revocation: a new, active grant with the same id.
        try write(GrantAdded(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc", name: "Lê Thị Cúc", key: cuc))
        d = try Directory.load(from: log)
        #expect(d.grants(for: cuc).map(\.addedSeq) == [10])
        #expect(d.allGrants.count == 3)
    }

    @Test("The last administrator cannot be revoked; another can")
    func administrators() throws {
        try hanoi()
        var d = try Directory.load(from: log)
        let first = AdministratorAdded(key: Self.key(9), user: "admin", name: "Nguyễn Quản Trị")
        #expect(refusal { try d.check(GrantRevoked(grantID: first.grantID, reason: "")) }?.field == "grant")
        #expect(refusal { try d.check(first) }?.field == "key")
        try write(AdministratorAdded(key: Self.key(8), user: "admin2", name: "Trần Quản Trị"), GrantRevoked(grantID: first.grantID, reason: "Nghỉ hưu"))
        d = try Directory.load(from: log)
        #expect(d.administrators.map(\.user) == ["admin2"])
        #expect(d.allAdministrators.count == 2 && !d.isEmpty)
    }

    @Test("A record in the chain that breaks the rules stops the replay")
    func brokenChain() throws {
        try hanoi()
        _ = try log.write { tx in
            try tx.append(GrantAdded(role: "signer", unit: "LDLD-XX", user: "x", name: "X", key: Self.key(3)), actor: admin, at: at)
        }
        #expect(throws: DirectoryError.self) { try Directory.load(from: log) }
    }

    @Test("Names are stored in NFC")
    func nfc() throws {
        let decomposed = "Le\u{0302}\u{0301} Thi\u{0323} Cu\u{0301}c"
        let g = GrantAdded(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc", name: decomposed, key: Self.key(1))
        #expect(g.name == "Lế Thị Cúc".precomposedStringWithCanonicalMapping)
        #expect(g.name.unicodeScalars.count == g.name.count)
    }

    @Test("The directory file is read with parents first and refuses malformed grants")
    func directoryFile() throws {
        let text = """
        {"units": [{"code": "CDCS-A", "name": "A", "kind": "cdcs", "parent": "LDLD-HN"},
                   {"code": "LDLD-HN", "name": "Hà Nội", "kind": "ldld_tinh", "parent": "TLD"},
                   {"code": "TLD", "name": "Tổng", "kind": "tld"}],
         "people": [{"user": "a", "name": "A", "person": "NV1", "grants": ["union_officer@CDCS-A"]}]}
        """
        let f = try DirectoryFile.parse(text, file: "d.json")
        #expect(f.units.map(\.code) == ["TLD", "LDLD-HN", "CDCS-A"])
        #expect(f.people.first?.grants == [DirectoryFile.Role(role: "union_officer", unit: "CDCS-A")])
        #expect(f.people.first?.personID == "NV1")
        #expect(throws: CouncilError.self) {
            try DirectoryFile.parse(#"{"units": [], "people": [{"user": "a", "name": "A", "grants": ["union_officer"]}]}"#, file: "d.json")
        }
        #expect(throws: CouncilError.self) { try DirectoryFile.parse(#"{"units": [{"code": "X", "name": "X", "kind": "county"}]}"#, file: "d.json") }
        let sample = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("workflows/samples/directory.json"), encoding: .utf8)
        let shipped = try DirectoryFile.parse(sample, file: "directory.json")
        var d = Directory()
        for (i, u) in shipped.units.enumerated() {
            try d.check(u)
            try d.apply(StoredEvent(seq: Int64(i + 1), dossierID: u.subject.stored, kind: .record, event: UnitAdded.kind, fromState: nil, toState: "",
                                    actor: admin, at: at, reason: nil, payload: u.canonicalPayload, prevHash: "", hash: ""))
        }
        for code in ["TLD", "LDLD-HN", "LDLD-HP", "LDLD-KG", "CDCS-DHBK", "CDCS-MAYHN", "CDCS-THPT", "CDCS-DHQG"] { #expect(d.unit(code) != nil, "\(code)") }
        for p in shipped.people { for g in p.grants { #expect(d.unit(g.unit) != nil, "\(p.user): \(g.unit)") } }
    }
}
