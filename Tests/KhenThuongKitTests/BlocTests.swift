import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Emulation blocs as records (issue 14 item 5): members, the compact's commitments scored on a
/// sheet, and the leader proposed for the bloc's Cờ thi đua (NĐ 91/2017/NĐ-CP Điều 12: the flag's
/// collective is picked by comparing within the khối / cụm).
@Suite struct BlocTests {
    static let secretariat = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
    static let file = StoreFixture.workflowsDirectory + "/samples/bloc-ldld-hn-2025.json"
    static let id = "CUM-LDLD-HN-2025"

    let world: CouncilWorld
    var book: BlocBook { BlocBook(runner: world.runner) }

    init() throws {
        world = try CouncilWorld(units: CatalogueTests.hanoi + [UnitAdded(code: "CDCS-MAYHN", name: "Công đoàn Tổng Công ty May Hà Nội", kind: .cdcs, parent: "LDLD-HN")])
        let bloc = try EmulationBloc.parse(try String(contentsOfFile: Self.file, encoding: .utf8), file: Self.file)
        try book.define(bloc, by: Self.secretariat, at: try CouncilWorld.at("2025-01-10"))
    }

    func score(_ unit: String, _ points: [Int], at date: String = "2025-12-01") throws {
        for (c, p) in zip(["dai-dien", "to-chuc", "tuyen-truyen", "thuong"], points) {
            try book.score(Self.id, BlocScore(unit: unit, commitment: c, points: p), by: Self.secretariat, at: try CouncilWorld.at(date))
        }
    }

    @Test("The sample bloc is recorded with its members and commitments (the 40/40/15/5 groups of HD 1294/HD-TLĐ), and reads back equal")
    func recorded() throws {
        let bloc = try book.bloc(Self.id)
        #expect(bloc.members == ["CDN-GDHN", "CDCS-MAYHN", "CDCS-DHBK"])
        #expect(bloc.commitments.map(\.maxPoints) == [40, 40, 15, 5])
        #expect(bloc.award == "co_thi_dua_ldld_tinh")
        let stored = try world.store.records(named: "bloc_defined", subject: "bloc:\(Self.id)")
        #expect(stored.count == 1)
    }

    @Test("The leader is the highest total on a full sheet; a corrected score replaces the earlier one; the proposal is recorded once")
    func leader() throws {
        try score("CDN-GDHN", [38, 36, 14, 4])
        try score("CDCS-MAYHN", [39, 37, 15, 5])
        try score("CDCS-DHBK", [30, 30, 10, 2])
        try score("CDCS-MAYHN", [33, 37, 15, 5], at: "2025-12-06")   // corrected: 96 → 90
        let sheet = try book.standings(Self.id)
        #expect(sheet.map(\.unit) == ["CDN-GDHN", "CDCS-MAYHN", "CDCS-DHBK"])
        #expect(sheet.map(\.total) == [92, 90, 72])
        let leader = try book.proposeLeader(Self.id, by: Self.secretariat, at: try CouncilWorld.at("2025-12-10"))
        #expect(leader == BlocLeader(unit: "CDN-GDHN", award: "co_thi_dua_ldld_tinh", total: 92))
        #expect(try book.leader(Self.id) == leader)
        let again = councilError { _ = try book.proposeLeader(Self.id, by: Self.secretariat, at: try CouncilWorld.at("2025-12-11")) }
        #expect(again?.kind == .refused)
        let closed = councilError { try score("CDCS-DHBK", [40, 40, 15, 5], at: "2025-12-12") }
        #expect(closed?.kind == .refused)
    }

    @Test("No leader on an incomplete sheet or a tie: refused naming the units, nothing recorded", arguments: [true, false])
    func refused(tie: Bool) throws {
        try score("CDN-GDHN", [38, 36, 14, 4])
        try score("CDCS-MAYHN", tie ? [38, 36, 14, 4] : [38, 36])
        try score("CDCS-DHBK", [30, 30, 10, 2])
        let error = councilError { _ = try book.proposeLeader(Self.id, by: Self.secretariat, at: try CouncilWorld.at("2025-12-10")) }
        #expect(error?.kind == .refused)
        #expect(error?.message.vi.contains("CDCS-MAYHN") == true)
        #expect(try book.leader(Self.id) == nil)
    }

    @Test("A score for a non-member, an unknown commitment, points above the maximum, or from another unit is refused", arguments: [
        ("CDCS-DHQG", "dai-dien", 10, "LDLD-HN"), ("CDN-GDHN", "khong-co", 10, "LDLD-HN"), ("CDN-GDHN", "thuong", 6, "LDLD-HN"),
        ("CDN-GDHN", "thuong", 5, "LDLD-KG"),
    ])
    func badScore(unit: String, commitment: String, points: Int, actorUnit: String) throws {
        let actor = Actor(role: "secretariat", unit: actorUnit, user: "x")
        let error = councilError { try book.score(Self.id, BlocScore(unit: unit, commitment: commitment, points: points), by: actor, at: try CouncilWorld.at("2025-12-01")) }
        #expect(error != nil)
        #expect(try world.store.records(named: "bloc_score", subject: "bloc:\(Self.id)").isEmpty)
    }

    @Test("A bloc file naming an individual award, or a unit the directory lacks, is refused; a malformed file names file:line:column and the path")
    func badBloc() throws {
        let text = try String(contentsOfFile: Self.file, encoding: .utf8).replacingOccurrences(of: Self.id, with: "CUM-2")
        let individual = try EmulationBloc.parse(text.replacingOccurrences(of: "co_thi_dua_ldld_tinh", with: "lao_dong_tien_tien"), file: "b.json")
        #expect(councilError { try book.define(individual, by: Self.secretariat, at: try CouncilWorld.at("2025-01-10")) }?.message.vi.contains("tập thể") == true)
        let stranger = try EmulationBloc.parse(text.replacingOccurrences(of: "\"CDCS-DHBK\"", with: "\"CDCS-XYZ\""), file: "b.json")
        #expect(councilError { try book.define(stranger, by: Self.secretariat, at: try CouncilWorld.at("2025-01-10")) }?.message.vi.contains("CDCS-XYZ") == true)
        let malformed = councilError { _ = try EmulationBloc.parse(text.replacingOccurrences(of: "\"maxPoints\": 40", with: "\"maxPoints\": 0"), file: "b.json") }
        #expect(malformed?.message.vi.hasPrefix("b.json:9:") == true)
        #expect(malformed?.message.vi.contains("$.commitments[0].maxPoints") == true)
    }
}
