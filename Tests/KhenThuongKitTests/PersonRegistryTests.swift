import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The person registry (issue 14 item 1, persons only): add, correct and read persons as
/// records in the chain; a correction is a new record, the old one stays.
@Suite struct PersonRegistryTests {
    let directory: StoreTemporaryDirectory

    init() throws {
        directory = try StoreTemporaryDirectory()
    }

    static let actor = NoticeFixture.secretariat

    @Test("A person added, then moved to another unit and renamed: the registry reads the newest values, the unit history keeps both units, the chain keeps every record",
          arguments: Backend.allCases)
    func addAndCorrect(_ backend: Backend) throws {
        let log = try backend.open(directory)
        let added = try PersonRegistry.add(PersonAdded(id: "NV003", name: "Le\u{0302} Thị Lan", born: try CivilDate(parsing: "1985-04-12"), unit: "CDCS-DHBK"),
                                           in: log, by: Self.actor, at: try NoticeFixture.at("2024-03-01T02:00:00.000Z"))
        var p = try #require(try PersonRegistry.person("NV003", in: log))
        #expect(p.name == "Lê Thị Lan" && p.name.unicodeScalars.count == "Lê Thị Lan".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(p.unit == "CDCS-DHBK" && p.events == [added.seq])

        let moved = try PersonRegistry.correct(PersonCorrected(id: "NV003", name: "Lê Thị Lan Anh", unit: "CDCS-MAYHN"), reason: "Chuyển công tác",
                                               in: log, by: Self.actor, at: try NoticeFixture.at("2025-06-15T02:00:00.000Z"))
        p = try #require(try PersonRegistry.person("NV003", in: log))
        let born = try CivilDate(parsing: "1985-04-12")
        #expect(p.name == "Lê Thị Lan Anh" && p.born == born)
        #expect(p.units.map { "\($0.unit) \($0.since)" } == ["CDCS-DHBK 2024-03-01", "CDCS-MAYHN 2025-06-15"])
        #expect(p.events == [added.seq, moved.seq])
        #expect(moved.reason == "Chuyển công tác")
        #expect(try log.events(dossierID: "person:NV003").map(\.event) == ["person_added", "person_corrected"])
    }

    @Test("Adding an id twice, correcting an unknown person, or a correction that changes nothing is refused; nothing is written")
    func refusals() throws {
        let log = try EventStore(path: directory.path())
        let at = try NoticeFixture.at("2025-06-15T02:00:00.000Z")
        try PersonRegistry.add(PersonAdded(id: "NV003", name: "Lê Thị Lan", unit: "CDCS-DHBK"), in: log, by: Self.actor, at: at)
        let count = try log.eventCount()
        func refused(_ body: () throws -> Void) -> String? {
            do { try body() } catch let e as RegistryError { return e.message.en } catch { return "\(error)" }
            return nil
        }
        #expect(refused { try PersonRegistry.add(PersonAdded(id: "NV003", name: "Khác"), in: log, by: Self.actor, at: at) }
                == "the registry already has a person with id NV003 (Lê Thị Lan, event #1)")
        #expect(refused { try PersonRegistry.correct(PersonCorrected(id: "NV999", name: "A"), reason: "r", in: log, by: Self.actor, at: at) }
                == "the registry has no person with id NV999")
        #expect(refused { try PersonRegistry.correct(PersonCorrected(id: "NV003", unit: "CDCS-DHBK"), reason: "r", in: log, by: Self.actor, at: at) }
                == "nothing to correct: the values given are those NV003 already has")
        #expect(try log.eventCount() == count)
    }

    @Test("With a directory, a person is kept by their unit or a unit above it: a grassroots union may not add or move a person of another union; its federation may (nothing written when refused)")
    func scope() throws {
        let log = try EventStore(path: directory.path())
        let at = try NoticeFixture.at("2025-06-15T02:00:00.000Z")
        let units = CatalogueTests.hanoi + [UnitAdded(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May Hà Nội", kind: .cdcs, parent: "LDLD-HN")]
        for u in units { _ = try log.write { tx in try tx.append(u, actor: Self.actor, at: at) } }
        let dhbk = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        let federation = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.thu.ha")
        try PersonRegistry.add(PersonAdded(id: "NV001", name: "Nguyễn Thị Hoa", unit: "CDCS-DHBK"), in: log, by: dhbk, at: at)
        let count = try log.eventCount()
        func refused(_ body: () throws -> Void) -> String? {
            do { try body() } catch let e as RegistryError { return e.message.en } catch { return "\(error)" }
            return nil
        }
        #expect(refused { try PersonRegistry.add(PersonAdded(id: "NV002", name: "Trần Văn Bình", unit: "CDCS-MAYHN"), in: log, by: dhbk, at: at) }
                == "unit CDCS-DHBK does not keep unit CDCS-MAYHN (it is neither that unit nor above it); the person is not recorded")
        #expect(refused { try PersonRegistry.correct(PersonCorrected(id: "NV001", unit: "CDCS-MAYHN"), reason: "r", in: log, by: dhbk, at: at) }
                == "unit CDCS-DHBK does not keep unit CDCS-MAYHN (it is neither that unit nor above it); the person is not recorded")
        #expect(try log.eventCount() == count)
        try PersonRegistry.add(PersonAdded(id: "NV002", name: "Trần Văn Bình", unit: "CDCS-MAYHN"), in: log, by: federation, at: at)
        try PersonRegistry.correct(PersonCorrected(id: "NV001", unit: "CDCS-MAYHN"), reason: "Chuyển công tác", in: log, by: federation, at: at)
        #expect(try PersonRegistry.person("NV001", in: log)?.unit == "CDCS-MAYHN")
        #expect(refused { try PersonRegistry.correct(PersonCorrected(id: "NV001", name: "Nguyễn Thị Hoa B"), reason: "r", in: log, by: dhbk, at: at) }
                == "unit CDCS-DHBK does not keep unit CDCS-MAYHN (it is neither that unit nor above it); the person is not recorded")
    }
}

