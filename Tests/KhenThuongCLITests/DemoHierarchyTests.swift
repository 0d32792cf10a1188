import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongKit
@testable import KhenThuongStore

/// `demo --hierarchy DIR` (issue 12 item 4, docs/demo.md, docs/exchange.md#three-stores-over-a-season):
/// three stores (CĐCS, LĐLĐ, TLĐ) exchanging signed envelopes over a season, each witnessed by
/// the level above, then `verify --witnesses` on each.
@Suite struct DemoHierarchyTests {
    static let id = "CDCS-DHBK-2025-000001"

    /// A fresh folder, `demo --hierarchy` run into `<folder>/ba-kho`; the three stores' paths.
    func season(_ options: [String] = []) throws -> (h: CLIHarness, folder: String, stores: [String], run: CLIHarness.Run) {
        let h = try CLIHarness()
        let folder = h.directory.appendingPathComponent("ba-kho").path
        let r = h.run(options + ["demo", "--hierarchy", folder])
        return (h, folder, ["cdcs", "ldld", "tld"].map { "\(folder)/\($0).sqlite" }, r)
    }

    static func receipts(_ store: String) throws -> [(seq: Int64, receipt: Receipt)] {
        try EventStore(path: store).records(named: Receipt.kind).map { ($0.seq, try $0.record(Receipt.self)) }
    }

    @Test("demo --hierarchy: each lower store keeps one receipt, from the level above, cosigning exactly the checkpoint its envelope carried up; the dossier ends published in all three; each store passes verify --witnesses, as the demo says naming the receipt it checked")
    func receiptsAndVerify() throws {
        let (h, _, stores, r) = try season()
        #expect(r.code == 0 && r.err.isEmpty, "\(r.out)\(r.err)")
        // Sender → witness: the CĐCS is witnessed by the LĐLĐ, the LĐLĐ by the TLĐ.
        for (sender, witness, witnessStore) in [(stores[0], "LDLD-HN", stores[1]), (stores[1], "TLD", stores[2])] {
            let kept = try Self.receipts(sender)
            let senderUnit = sender == stores[0] ? "CDCS-DHBK" : "LDLD-HN"
            let held = try EventStore(path: witnessStore).records(EnvelopeImported.self).filter { $0.from == senderUnit }
            #expect(kept.count == 1 && held.count == 1, "\(sender)")
            guard let (seq, receipt) = kept.first else { continue }
            #expect(receipt.witness == witness && receipt.signatureIsValid && receipt.checkpoint.signatureIsValid)
            #expect(receipt.checkpoint.text == held.first?.checkpoint, "the receipt cosigns the checkpoint \(witness) recorded on import")
            #expect(receipt.checkpoint.storeID == (try EventStore(path: sender).storeID()))
            let name = witness == "TLD" ? "Tổng Liên đoàn Lao động Việt Nam" : "Liên đoàn Lao động thành phố Hà Nội"
            let file = (sender as NSString).lastPathComponent
            #expect(r.out.contains("Kiểm tra \(file) (verify --witnesses): ĐẠT — ")
                    && r.out.contains("biên nhận đã đối chiếu: #\(seq) của \(name) (mốc \(receipt.checkpoint.eventCount) sự kiện)."), "\(r.out)")
        }
        #expect(try Self.receipts(stores[2]).isEmpty, "nobody has written back to the TLĐ yet")
        #expect(r.out.contains("Kiểm tra tld.sqlite (verify --witnesses): ĐẠT — ") && r.out.contains("chưa có biên nhận nào"))
        for store in stores { #expect(try EventStore(path: store).dossier(Self.id)?.state == "published", "\(store)") }
        // The stores pass verify --witnesses run on their own, after the demo.
        for (store, witnesses) in zip(stores, ["Chứng kiến: 1 biên nhận của LDLD-HN;", "Chứng kiến: 1 biên nhận của TLD;", "Chứng kiến: chưa có biên nhận nào."]) {
            let v = h.run(["--store", store, "verify", "--witnesses"])
            #expect(v.code == 0 && v.out.contains(witnesses), "\(store): \(v.out)\(v.err)")
        }
    }

    @Test("demo --hierarchy: the CĐCS store rewritten after reporting up (hashes and signatures recomputed with its own keys) passes plain verify, fails verify --witnesses (exit 3) naming the LĐLĐ's receipt")
    func rewrittenCDCSCaught() throws {
        let (h, folder, stores, r) = try season()
        #expect(r.code == 0, "\(r.err)")
        let (seq, receipt) = try #require(try Self.receipts(stores[0]).first)
        let submit = try #require(try EventStore(path: stores[0]).events(dossierID: Self.id).first { $0.event == "submit" })
        #expect(submit.seq <= receipt.checkpoint.eventCount, "the edited event is inside the cosigned checkpoint")
        try WitnessCLITests.rewrite(store: stores[0], keys: folder + "/cdcs-keys", seq: submit.seq, reason: "Sửa lại sau khi đã báo cáo lên")
        let plain = h.run(["--store", stores[0], "verify"])
        #expect(plain.code == 0, "the rewrite reads intact without witnesses: \(plain.out)\(plain.err)")
        let witnessed = h.run(["--store", stores[0], "verify", "--witnesses"])
        #expect(witnessed.code == 3 && witnessed.out.contains("HỎNG: biên nhận #\(seq) của LDLD-HN") && witnessed.out.contains("lịch sử đã bị viết lại"),
                "\(witnessed.out)\(witnessed.err)")
        #expect(h.run(["--store", stores[1], "verify", "--witnesses"]).code == 0, "the LĐLĐ, untouched, still passes")
    }

    @Test("demo --hierarchy into a folder that is not empty is refused (exit 3, naming --hierarchy and the fix) and writes nothing; with --scenario it is a usage error")
    func refusals() throws {
        let (h, folder, _, r) = try season()
        #expect(r.code == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let again = h.run(["demo", "--hierarchy", folder])
        #expect(again.code == 3 && again.err.contains("không rỗng") && again.err.contains("(--hierarchy)") && again.err.contains("cách khắc phục"), "\(again.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
        let mixed = h.run(["demo", "--hierarchy", h.directory.appendingPathComponent("other").path, "--scenario", "x.json"])
        #expect(mixed.code == 2 && mixed.err.contains("--scenario"))
        #expect(!FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("other").path))
    }

    @Test("demo --hierarchy transcripts, Vietnamese and English (Golden/demo-hierarchy-vi.txt, -en.txt)", arguments: ["vi", "en"])
    func transcript(_ lang: String) throws {
        let h = try CLIHarness()
        let text = h.transcript([["--lang", lang, "demo", "--hierarchy", h.directory.appendingPathComponent("ba-kho").path]])
        #expect(text.contains("[exit 0]"))
        try expectGolden(text, "demo-hierarchy-\(lang)")
    }
}
