import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench
#if canImport(Glibc)
import Glibc
#endif

/// The published site in a real browser: headless Chromium loads the pages, takes screenshots
/// (kept in `$TMPDIR/khenthuong-publication-screenshots` to look at) and runs the search.
@Suite(.serialized, .enabled(if: Chromium.path != nil, "chromium is not installed: run .ci/run or `apt-get install -y chromium`"))
struct PublicationBrowserTests {
    let site: String
    let f: NoticeFixture
    let model: PublicationModel

    init() throws {
        f = try NoticeFixture.publicationScenario()
        model = try PublicationModel.build(store: f.store, definitions: f.definitions, at: NoticeFixture.at("2026-02-10T03:00:00.000Z"))
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

    @Test("Screenshots show the page asked for at the window's size: the site's header, the decision's annex table with a rule per recipient, a search's results as lines of text")
    func screenshots() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-publication-screenshots").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let accent = try Screenshot.cssColour("accent"), line = try Screenshot.cssColour("line")
        func shot(_ name: String, _ page: String) throws -> Screenshot {
            let png = "\(folder)/\(name).png"
            try? FileManager.default.removeItem(atPath: png)
            _ = try Chromium.run(["--screenshot=\(png)", "--window-size=1280,900", "file://\(site)/\(page)"], profile: f.directory.path("profile"))
            try #require(FileManager.default.fileExists(atPath: png), "chromium wrote no screenshot of \(page)")
            let image = try Screenshot(path: png)
            #expect(image.width == 1280 && image.height == 900, "\(name).png is \(image.width)×\(image.height), not the window's 1280×900")
            // The site's header band (background var(--accent)) fills the top of every page.
            #expect(image.share(of: accent, rows: 0..<60) > 0.9, "\(name).png does not show the site's header band")
            return image
        }
        let decision = try shot("decision-12-qd-ldld", "decision-12-qd-ldld.html")
        let found = try shot("search", "search.html?q=d")
        let nothing = try shot("search-nothing", "search.html?q=zzzz")

        // The annex lists the decision's recipients in a table: a rule above it, one under its head and one under each
        // row. (The nav's and the footer's rules span the whole width and are not counted.)
        let recipients = try #require(model.decisions.first { $0.slug == "decision-12-qd-ldld" }).recipients.count
        #expect(recipients >= 2)
        #expect(decision.rules(of: line, minimumWidth: 1000).count == recipients + 2,
                "the annex table of decision-12-qd-ldld.png should be drawn with \(recipients + 2) rules")
        #expect(decision.textLines().count >= 2 * nothing.textLines().count,
                "decision-12-qd-ldld.png shows \(decision.textLines().count) lines of text, hardly more than an empty search page")

        // Each result the search lists is one more visible line than a search that finds nothing shows.
        let dom = try Chromium.run(["--dump-dom", "file://\(site)/search.html?q=d"], profile: f.directory.path("profile"))
        let listed = try #require(dom.components(separatedBy: "id=\"results\"").last).components(separatedBy: "<li>").count - 1
        #expect(listed >= 2)
        #expect(found.textLines().count - nothing.textLines().count == listed,
                "search.png shows \(found.textLines().count) lines, search-nothing.png \(nothing.textLines().count); the page lists \(listed) results")
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

/// A screenshot Chromium wrote, decoded to RGB: 8-bit RGB or RGBA, not interlaced (what
/// Chromium writes). The image data is inflated by the system's zlib, loaded at run time.
struct Screenshot {
    struct RGB: Equatable { var r, g, b: UInt8 }
    struct Failure: Error, CustomStringConvertible { var description: String }

    let width: Int
    let height: Int
    /// Three bytes a pixel, row after row.
    private let pixels: [UInt8]

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "\(path) is not a PNG")
        }
        func u32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var header: [UInt8] = [], data: [UInt8] = []
        var at = 8
        while at + 12 <= bytes.count {
            let length = u32(at), type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            guard at + 12 + length <= bytes.count else { throw Failure(description: "\(path): chunk \(type) is cut short") }
            if type == "IHDR" { header = Array(bytes[at + 8..<at + 8 + length]) }
            if type == "IDAT" { data += bytes[at + 8..<at + 8 + length] }
            if type == "IEND" { break }
            at += 12 + length
        }
        guard header.count == 13 else { throw Failure(description: "\(path) has no IHDR chunk") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        guard header[8] == 8, header[9] == 2 || header[9] == 6, header[12] == 0 else {
            throw Failure(description: "\(path): bit depth \(header[8]), colour type \(header[9]), interlace \(header[12]) cannot be read here (8-bit RGB or RGBA, not interlaced)")
        }
        let channels = header[9] == 2 ? 3 : 4, stride = width * channels
        let raw = try Self.inflate(data, size: height * (stride + 1), path: path)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        var previous = [UInt8](repeating: 0, count: stride), line = previous
        for y in 0..<height {
            let base = y * (stride + 1), filter = raw[base]
            for x in 0..<stride {
                let a = x >= channels ? Int(line[x - channels]) : 0, b = Int(previous[x])
                let c = x >= channels ? Int(previous[x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "\(path): row \(y) has the unknown filter \(filter)")
                }
                line[x] = UInt8(truncatingIfNeeded: Int(raw[base + 1 + x]) + predicted)
            }
            for x in 0..<width {
                for k in 0..<3 { out[(y * width + x) * 3 + k] = line[x * channels + k] }
            }
            swap(&previous, &line)
        }
        pixels = out
    }

    func pixel(_ x: Int, _ y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2])
    }

    /// The share of the pixels of `rows` that are exactly `colour`.
    func share(of colour: RGB, rows: Range<Int>) -> Double {
        let rows = rows.clamped(to: 0..<height)
        guard !rows.isEmpty else { return 0 }
        var n = 0
        for y in rows { for x in 0..<width where pixel(x, y) == colour { n += 1 } }
        return Double(n) / Double(rows.count * width)
    }

    /// Lines of dark text (every channel below 96, as the site's ink #1a1a1a; the accent-coloured
    /// header and links are not dark): runs of rows holding such a pixel, runs less than 4 rows
    /// apart joined (accents above letters), at least 8 rows tall.
    func textLines() -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for y in 0..<height where (0..<width).contains(where: { x in
            let p = pixel(x, y)
            return max(p.r, p.g, p.b) < 96
        }) {
            if let last = runs.last, y - last.upperBound <= 4 { runs[runs.count - 1] = last.lowerBound...y } else { runs.append(y...y) }
        }
        return runs.filter { $0.count >= 8 }
    }

    /// Rows where at least `minimumWidth` pixels, but not the whole width, are `colour`: the
    /// horizontal rules of a table narrower than the page.
    func rules(of colour: RGB, minimumWidth: Int) -> [Int] {
        (0..<height).filter { y in
            let n = (0..<width).count { pixel($0, y) == colour }
            return n >= minimumWidth && n < width
        }
    }

    /// The colour `--name: #rrggbb` in the site's style sheet.
    static func cssColour(_ name: String) throws -> RGB {
        let hex = try #require(SiteAssets.css.components(separatedBy: "--\(name): #").dropFirst().first?.prefix(6), "the style sheet has no --\(name)")
        let v = try #require(UInt32(hex, radix: 16), "--\(name): #\(hex) is not a colour")
        return RGB(r: UInt8(v >> 16), g: UInt8(v >> 8 & 0xFF), b: UInt8(v & 0xFF))
    }

    private typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32

    /// zlib's `uncompress` on `data`, which must inflate to exactly `size` bytes.
    private static func inflate(_ data: [UInt8], size: Int, path: String) throws -> [UInt8] {
        guard let zlib = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.dylib", RTLD_NOW), let symbol = dlsym(zlib, "uncompress") else {
            throw Failure(description: "zlib (libz.so.1) cannot be loaded to read \(path)")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var out = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { d in uncompress(o.baseAddress, &length, d.baseAddress, UInt(d.count)) }
        }
        guard status == 0, length == UInt(size) else {
            throw Failure(description: "\(path): the image data does not inflate to \(size) bytes (zlib status \(status), \(length) bytes)")
        }
        return out
    }
}
