import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The published site in a real browser: headless Chromium loads the pages, takes screenshots
/// (kept in `$TMPDIR/khenthuong-publication-screenshots` to look at) and runs the search.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "chromium is not installed: run .ci/run or `apt-get install -y chromium`"))
struct PublicationBrowserTests {
    let site: String
    let f: NoticeFixture

    init() throws {
        f = try NoticeFixture.publicationScenario()
        let model = try PublicationModel.build(store: f.store, definitions: f.definitions, at: NoticeFixture.at("2026-02-10T03:00:00.000Z"))
        site = f.directory.path("site")
        try SiteWriter.write(SiteRenderer(model: model, language: .vi).files(), to: site)
    }

    @Test("The search page reads ?q= on load and finds “Nguyễn Thị Hoa” from “nguyen thi hoa”, and “Đặng Văn Đức” from “Đặng DUC”")
    func search() throws {
        let hoa = try Chromium.run(["--dump-dom", "file://\(site)/search.html?q=nguyen+thi+hoa"], profile: f.directory.path("profile"))
        let results = try #require(hoa.components(separatedBy: "id=\"results\"").last)
        #expect(results.contains(">Nguyễn Thị Hoa</a>"))
        #expect(!results.contains("Đặng Văn Đức"))
        #expect(hoa.contains("1 kết quả"))
        let duc = try Chromium.run(["--dump-dom", "file://\(site)/search.html?q=%C4%90%E1%BA%B7ng%20DUC"], profile: f.directory.path("profile"))
        #expect(duc.contains("href=\"recipient-dang-van-duc.html\">Đặng Văn Đức</a>"))
    }

    @Test("The pages render in a browser; screenshots of a decision and of a search are taken")
    func screenshots() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-publication-screenshots").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (page, query) in [("decision-12-qd-ldld", ""), ("search", "?q=d")] {
            let png = "\(folder)/\(page).png"
            try? FileManager.default.removeItem(atPath: png)
            _ = try Chromium.run(["--screenshot=\(png)", "--window-size=1280,900", "file://\(site)/\(page).html\(query)"], profile: f.directory.path("profile"))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "\(page).png is not a PNG")
            #expect(bytes.count > 10_000, "\(page).png is suspiciously small (\(bytes.count) bytes)")
        }
    }

    @Test("Printed, a decision comes out on A4 pages (the style sheet's @page size)")
    func printsOnA4() throws {
        let pdf = f.directory.path("decision.pdf")
        _ = try Chromium.run(["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://\(site)/decision-12-qd-ldld.html"],
                             profile: f.directory.path("profile"))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        let boxes = text.components(separatedBy: "/MediaBox [").dropFirst().compactMap { $0.split(separator: "]").first }
            .map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(!boxes.isEmpty)
        for box in boxes {
            // A4 is 595.28 × 841.89 points; Chromium rounds to its own units.
            #expect(box.count == 4 && abs(box[2] - 595.28) < 1 && abs(box[3] - 841.89) < 1, "page box \(box) is not A4")
        }
    }
}

/// The headless browser, when installed.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs headless Chromium with `arguments`; returns standard output.
    static func run(_ arguments: [String], profile: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                       "--user-data-dir=\(profile)"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "chromium exited with \(p.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}
