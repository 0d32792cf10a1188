import Foundation
import Testing
@testable import KhenThuongKit
@testable import KhenThuongStore

/// The QR code of an award's verification file, as a browser draws it: Chromium renders the
/// site's SVG and every module's centre has the colour the encoder gave it.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "chromium is not installed: run .ci/run or `apt-get install -y chromium`"))
struct AwardProofBrowserTests {
    @Test("Chromium draws each published QR code module for module, and the decision page shows it")
    func qrRendered() throws {
        let f = try NoticeFixture.publicationScenario()
        let model = try PublicationModel.build(store: f.store, definitions: f.definitions, at: NoticeFixture.at("2026-02-10T03:00:00.000Z"),
                                               signer: try PrivateKey.generate())
        let proof = try #require(model.awardProofs.first, "the fixture's decision gave no verification file")
        let site = f.directory.path("site-qr")
        let renderer = SiteRenderer(model: model, language: .vi)
        let files = renderer.files()
        try SiteWriter.write(files, to: site)
        let stem = AwardProof.fileStem(decision: proof.award.decision, dossier: proof.award.dossier)
        let json = try #require(files["verify/\(stem).json"])
        let code = try QRCode(text: renderer.qrText(stem: stem, json: json), level: .medium)
        // Ten pixels a module: the SVG (viewBox only) fills a square window of 10 × its side.
        let side = code.size + 8, scale = 10
        let png = f.directory.path("qr.png")
        _ = try Chromium.run(["--screenshot=\(png)", "--window-size=\(side * scale),\(side * scale)", "file://\(site)/verify/\(stem).svg"],
                             profile: f.directory.path("profile"))
        let image = try Screenshot(path: png)
        var wrong: [String] = []
        for y in 0..<code.size {
            for x in 0..<code.size {
                let p = image.pixel((x + 4) * scale + scale / 2, (y + 4) * scale + scale / 2)
                let dark = Int(p.r) + Int(p.g) + Int(p.b) < 3 * 128
                if dark != code.isDark(x: x, y: y) { wrong.append("(\(x), \(y))") }
            }
        }
        #expect(wrong == [], "modules drawn in the wrong colour")
        // The quiet zone is white.
        #expect(image.pixel(scale, scale) == Screenshot.RGB(r: 255, g: 255, b: 255))
        let page = try #require(model.decisions.first { $0.number == proof.award.decision })
        let dom = try Chromium.run(["--dump-dom", "file://\(site)/\(page.slug).html"], profile: f.directory.path("profile"))
        #expect(dom.contains("<img src=\"verify/\(stem).svg\""))
    }
}
