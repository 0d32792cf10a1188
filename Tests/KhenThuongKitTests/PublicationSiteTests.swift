import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct PublicationSiteTests {
    let f: NoticeFixture
    let model: PublicationModel

    init() throws {
        f = try NoticeFixture.publicationScenario()
        model = try PublicationModel.build(store: f.store, definitions: f.definitions, at: NoticeFixture.at("2026-02-10T03:00:00.000Z"))
    }

    private func text(_ files: [String: [UInt8]], _ name: String) throws -> String {
        String(decoding: try #require(files[name], "no \(name)"), as: UTF8.self)
    }

    @Test("HTML escaping covers the five special characters and nothing else")
    func escaping() {
        #expect(HTML.escape(#"<script>alert("x") & 'y'</script> Đức"#)
                == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt; Đức")
    }

    @Test("CSV is UTF-8 with a BOM, CRLF rows and RFC 4180 quoting of , ; \" and line breaks")
    func csvBytes() {
        let bytes = CSVWriter.table(header: ["a", "b"], rows: [["Đức, Hoa", "x;y"], ["say \"hi\"", "two\nlines"], ["plain", " pad"]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self)
                == "a,b\r\n\"Đức, Hoa\",\"x;y\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,\" pad\"\r\n")
    }

    @Test("Every page declares its language, uses real table headers and shares a printable A4 style sheet")
    func pagesAreAccessible() throws {
        let files = SiteRenderer(model: model, language: .vi).files()
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 5 + 2 + 3) // five fixed pages, two decisions, three recipients
        #expect(model.decisions.count == 2 && model.recipients.count == 3)
        for name in pages {
            let html = try text(files, name)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"), "\(name)")
            #expect(!html.contains("<b>"), "\(name) lets markup from the data through")
        }
        for name in ["notice.html", "decision-12-qd-ldld.html", "recipients.html", "recipient-le-b-o-b-co.html"] {
            #expect(try text(files, name).contains("<th scope=\"col\">"), "\(name)")
        }
        let css = try text(files, "style.css")
        #expect(css.contains("@media print") && css.contains("size: A4"))
        #expect(SiteRenderer(model: model, language: .en).files()["index.html"].map { String(decoding: $0, as: UTF8.self) }?
            .contains("<html lang=\"en\">") == true)
    }

    @Test("The decision annex shows money, escapes names and marks the revoked award with its ground")
    func decisionAnnex() throws {
        let html = try text(SiteRenderer(model: model, language: .vi).files(), "decision-12-qd-ldld.html")
        #expect(html.contains("Lê &lt;b&gt;&quot;Ổ&quot;&lt;/b&gt; &amp; Co"))
        #expect(html.contains("<tr class=\"revoked\">"))
        #expect(html.contains("<span class=\"badge\">Đã thu hồi</span> căn cứ 93.2.b; Khai man hồ sơ; thu hồi 702.000 đ; theo 3/QĐ-LĐLĐ"))
        #expect(html.contains("<td class=\"num\">1.872.000 đ</td>") && html.contains("<td class=\"num\">0,8</td>"))
        #expect(html.contains("Phụ lục: Danh sách khen thưởng kèm theo Quyết định số 12/QĐ-LĐLĐ"))
    }

    @Test("The notice page gives the comment deadline and the search index folds every name")
    func noticeAndIndex() throws {
        let files = SiteRenderer(model: model, language: .vi).files()
        #expect(try text(files, "notice.html").contains("<strong>26/02/2026</strong>"))
        let index = try text(files, "search-index.js")
        #expect(index.hasPrefix("window.KHENTHUONG_SEARCH = [") && index.hasSuffix("];\n"))
        #expect(index.contains(#""k":"nguyen thi hoa""#) && index.contains(#""k":"dang van duc""#))
        #expect(index.contains(#""n":"Lê <b>\"Ổ\"</b> & Co""#) && index.contains(#""r":true"#))
    }

    @Test("The Vietnamese CSV reads in Vietnamese: labelled headers, “cá nhân” not individual; the JSON keeps the codes (issue 16 item 16)")
    func vietnameseCSV() throws {
        let files = SiteRenderer(model: model, language: .vi).files()
        let csv = String(decoding: try #require(files["data/recipients.csv"]).dropFirst(3), as: UTF8.self)
        let header = csv.components(separatedBy: "\r\n")[0]
        #expect(header == "Họ tên,Cá nhân/tập thể,Đơn vị,Danh hiệu,Năm,Số quyết định,Ngày quyết định,Mã hồ sơ,Hệ số,Lương cơ sở (đồng),Tiền thưởng (đồng),Đã thu hồi,Căn cứ thu hồi,Lý do thu hồi")
        #expect(csv.contains(",cá nhân,") && !csv.contains("individual") && !csv.contains("ho_ten") && !csv.contains("loai"))
        let notice = String(decoding: try #require(files["data/notice.csv"]).dropFirst(3), as: UTF8.self)
        #expect(notice.hasPrefix("Mã hồ sơ,Họ tên,Cá nhân/tập thể,Đơn vị đề nghị,Danh hiệu,Năm,Bắt đầu công khai,Hạn góp ý,Số ngày làm việc\r\n"))
        #expect(String(decoding: try #require(files["data/recipients.json"]), as: UTF8.self).contains("\"individual\""))
        let index = try text(files, "index.html")
        #expect(index.contains("<li>Danh sách đang công khai: <a href=\"data/notice.csv\">CSV</a>") && !index.contains("<li>notice:"), "\(index)")
    }

    @Test("CSV and JSON carry the same lists, revoked awards flagged")
    func dataFiles() throws {
        let files = SiteRenderer(model: model, language: .en).files()
        let csv = try #require(files["data/recipients.csv"])
        #expect(Array(csv.prefix(3)) == CSVWriter.bom)
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.count == 1 + 4 + 1)
        #expect(lines[0] == "Name,Individual/collective,Unit,Award,Year,Decision,Decision date,Dossier,Multiplier,Base salary (VND),Reward (VND),Revoked,Revocation ground,Revocation reason")
        #expect(lines.contains(#""Lê <b>""Ổ""</b> & Co",individual,"Phòng ""A"", tầng 2; B",Advanced Worker,2025,12/QĐ-LĐLĐ,2025-12-19,HS-3,0.3,2340000,702000,1,93.2.b,Khai man hồ sơ"#))
        let recipientsJSON = try #require(files["data/recipients.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(recipientsJSON)) as? [[String: Any]])
        // The same award lines as the CSV's four rows, the same dossiers.
        let rows = json.flatMap { ($0["awards"] as? [[String: Any]]) ?? [] }
        #expect(rows.count == 4)
        #expect(Set(rows.compactMap { $0["dossier"] as? String }) == Set(lines.dropFirst().compactMap { line in
            line.split(separator: ",").first { $0.hasPrefix("HS-") }.map(String.init)
        }))
        // Nominee ids may be personal identifiers: never published.
        for (name, bytes) in files where !String(decoding: bytes, as: UTF8.self).isEmpty {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("dang.van.duc"), "\(name) shows a nominee id")
        }
        let notice = try JSONSerialization.jsonObject(with: Data(try #require(files["data/notice.json"]))) as? [[String: Any]]
        #expect(notice?.first?["commentDeadline"] as? String == "2026-02-26")
    }

    @Test("The writer replaces an earlier site whole and never overwrites a folder it did not write")
    func writer() throws {
        let out = f.directory.path("site")
        let files = SiteRenderer(model: model, language: .vi).files()
        try SiteWriter.write(files, to: out)
        // Its marker is a manifest of what it wrote, with hashes: the same site is replaced.
        let manifest = try String(contentsOfFile: out + "/" + SiteWriter.marker, encoding: .utf8)
        #expect(manifest.hasPrefix("khenthuong-site 1\n") && manifest.contains("  index.html\n") && manifest.contains("  data/notice.csv\n"))
        try SiteWriter.write(files, to: out)
        let written = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(written.contains("index.html") && written.contains("data"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.directory.url.path).filter { $0.hasPrefix(".site") }.isEmpty)

        let foreign = f.directory.path("mine")
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
        #expect(throws: PublicationError.notASiteFolder(foreign, file: "notes.txt")) { try SiteWriter.write(files, to: foreign) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["notes.txt"])
        #expect(throws: PublicationError.self) { try SiteWriter.write(files, to: f.directory.path("missing/site")) }
    }

    @Test("Issue 16 item 12: an empty marker file, a file added to a site or a page changed since is never deleted: the folder is kept as it was",
          arguments: ["empty-marker", "added", "changed"])
    func neverDeletesWhatItDidNotWrite(_ attack: String) throws {
        let out = f.directory.path("site-\(attack)")
        let files = SiteRenderer(model: model, language: .vi).files()
        var expectedFile: String
        switch attack {
        case "empty-marker":
            // What wiped any folder before: an empty marker beside someone's files.
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: out + "/" + SiteWriter.marker))
            try Data("thesis".utf8).write(to: URL(fileURLWithPath: out + "/luan-van.docx"))
            expectedFile = SiteWriter.marker
        case "added":
            try SiteWriter.write(files, to: out)
            try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/ghi-chu.txt"))
            expectedFile = "ghi-chu.txt"
        default:
            try SiteWriter.write(files, to: out)
            try Data("edited by hand".utf8).write(to: URL(fileURLWithPath: out + "/index.html"))
            expectedFile = "index.html"
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(throws: PublicationError.notASiteFolder(out, file: expectedFile)) { try SiteWriter.write(files, to: out) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(PublicationError.notASiteFolder(out, file: expectedFile).message(.vi).contains("không do `khenthuong publish` ghi"))
    }
}
