import Foundation
import Testing
@testable import KhenThuongCLI

/// `bloc create | score | show | propose` (issue 14 item 5): the organiser records the bloc, scores
/// the compact and proposes the leader for its Cờ thi đua (NĐ 91/2017/NĐ-CP Điều 12: the flag's
/// collective is picked by comparing within the khối / cụm); outputs show unit names, not codes.
@Suite struct BlocCLITests {
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let id = "CUM-LDLD-HN-2025"
    static let commitments = ["dai-dien", "to-chuc", "tuyen-truyen", "thuong"]

    func ok(_ h: CLIHarness, _ args: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let r = h.run(args)
        #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        return r.out
    }

    func scored(_ sheet: [String: [Int]]) throws -> CLIHarness {
        let h = try CLIHarness()
        h.initialise()
        _ = ok(h, [Self.secretariat, "bloc", "create", CLIHarness.workflows + "/samples/bloc-ldld-hn-2025.json"])
        for (unit, points) in sheet.sorted(by: { $0.key < $1.key }) {
            for (c, p) in zip(Self.commitments, points) {
                _ = ok(h, [Self.secretariat, "bloc", "score", Self.id, "--unit", unit, "--commitment", c, "--points", String(p)])
            }
        }
        return h
    }

    @Test("The organiser records, scores and proposes the leader (highest total on a full sheet); show and propose name units, Vietnamese by default and English with --lang en")
    func leader() throws {
        let h = try scored(["CDN-GDHN": [36, 35, 12, 3], "CDCS-MAYHN": [38, 37, 14, 4], "CDCS-DHBK": [30, 33, 10, 2]])
        let sheet = ok(h, ["bloc", "show", Self.id])
        #expect(sheet.contains("Công đoàn Tổng Công ty May Hà Nội"))
        #expect(!sheet.contains("CDCS-MAYHN"))
        let order = ["May Hà Nội", "Giáo dục Hà Nội", "Bách khoa Hà Nội"].map { sheet.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "highest total first: \(sheet)")
        let proposed = ok(h, [Self.secretariat, "bloc", "propose", Self.id])
        #expect(proposed.contains("Đề nghị Công đoàn Tổng Công ty May Hà Nội (dẫn đầu khối, 93 điểm) tặng Cờ thi đua"))
        let en = ok(h, ["--lang", "en", "bloc", "show", Self.id])
        #expect(en.contains("Leader proposed: Công đoàn Tổng Công ty May Hà Nội (93 points)"))
        let again = h.run([Self.secretariat, "bloc", "propose", Self.id])
        #expect(again.code != 0)
        #expect(again.err.contains("đã đề nghị"))
    }

    @Test("An incomplete sheet or a tie proposes no leader, and a unit other than the organiser may not score: refused with a non-zero exit, nothing recorded")
    func refusals() throws {
        let h = try scored(["CDN-GDHN": [36, 35, 12, 3], "CDCS-MAYHN": [36, 35, 12, 3]])
        let incomplete = h.run([Self.secretariat, "bloc", "propose", Self.id])
        #expect(incomplete.code != 0)
        #expect(incomplete.err.contains("CDCS-DHBK"))
        for (c, p) in zip(Self.commitments, [36, 35, 12, 3]) {
            _ = ok(h, [Self.secretariat, "bloc", "score", Self.id, "--unit", "CDCS-DHBK", "--commitment", c, "--points", String(p - 1)])
        }
        let tie = h.run([Self.secretariat, "bloc", "propose", Self.id])
        #expect(tie.code != 0)
        #expect(tie.err.contains("86"))
        let foreign = h.run([Self.officer, "bloc", "score", Self.id, "--unit", "CDCS-DHBK", "--commitment", "thuong", "--points", "5"])
        #expect(foreign.code != 0)
        #expect(foreign.err.contains("LDLD-HN"))
        #expect(!ok(h, ["bloc", "show", Self.id]).contains("Đơn vị dẫn đầu"))
    }
}
