import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Renders a `PublicationModel` as a static site: plain HTML pages (`lang` set, real table
/// headers, printable on A4), one style sheet, a search page with a small script and its
/// index, and the same lists as CSV and JSON under `data/`.
///
/// ```swift
/// let files = SiteRenderer(model: model, language: .vi).files()   // ["index.html": bytes, …]
/// ```
package struct SiteRenderer {
    package let model: PublicationModel
    package let language: Language
    /// Page names by nominee id and by decision number, built once for all the pages that link them.
    let recipientSlugs: [String: String]
    let decisionSlugs: [String: String]

    package init(model: PublicationModel, language: Language) {
        self.model = model
        self.language = language
        recipientSlugs = Dictionary(model.recipients.map { ($0.nomineeID, $0.slug) }, uniquingKeysWith: { a, _ in a })
        decisionSlugs = Dictionary(model.decisions.map { ($0.number, $0.slug) }, uniquingKeysWith: { a, _ in a })
    }

    var vi: Bool { language == .vi }
    func t(_ vi: String, _ en: String) -> String { self.vi ? vi : en }

    /// Every file of the site, by path relative to the site's folder.
    package func files() -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [
            "style.css": Array(SiteAssets.css.utf8),
            "search.js": Array(SiteAssets.searchJS.utf8),
            "index.html": Array(indexPage().utf8),
            "notice.html": Array(noticePage().utf8),
            "decisions.html": Array(decisionsPage().utf8),
            "recipients.html": Array(recipientsPage().utf8),
            "search.html": Array(searchPage().utf8),
            "search-index.js": Array(("window.KHENTHUONG_SEARCH = " + PublicationData.json(searchIndex()) + ";\n").utf8),
        ]
        if let checkpoint = model.checkpoint { out[Self.checkpointFile] = Array(checkpoint.text.utf8) }
        for d in model.decisions { out["\(d.slug).html"] = Array(decisionPage(d).utf8) }
        for r in model.recipients { out["\(r.slug).html"] = Array(recipientPage(r).utf8) }
        for (name, bytes) in PublicationData(model: model, language: language).files() { out["data/\(name)"] = bytes }
        out.merge(verifyFiles()) { a, _ in a }
        return out
    }

    /// The signed checkpoint's file in the site.
    static let checkpointFile = "checkpoint.txt"

    // MARK: Layout

    func page(_ title: String, _ body: String) -> String {
        let siteName = t("Công khai thi đua – khen thưởng", "Emulation and commendation: public notice")
        let nav = [("index.html", t("Trang chủ", "Home")), ("notice.html", t("Đang công khai", "Under public notice")),
                   ("decisions.html", t("Quyết định khen thưởng", "Decisions")), ("recipients.html", t("Người, tập thể được khen thưởng", "Recipients")),
                   ("search.html", t("Tìm kiếm", "Search"))]
            .map { "<a href=\"\($0.0)\">\(HTML.escape($0.1))</a>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) — \(HTML.escape(siteName))</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        <header class="site"><a href="index.html">\(HTML.escape(siteName))</a>
        <p>\(HTML.escape(t("Công khai, minh bạch, công bằng", "Public, transparent, fair")))</p></header>
        <nav aria-label="\(HTML.escape(t("Mục lục", "Sections")))">
        \(nav)
        </nav>
        <main>
        <h1>\(HTML.escape(title))</h1>
        \(body)
        </main>
        <footer>\(HTML.escape(footer))</footer>
        </body>
        </html>

        """
    }

    var footer: String {
        let at = Self.localTime(model.generatedAt, language)
        return vi ? "Trang được tạo lúc \(at) từ chuỗi sự kiện đến sự kiện số \(model.headSeq), mã băm \(model.headHash); đối chiếu bằng `khenthuong verify`."
                  : "Generated at \(at) from the event chain up to event \(model.headSeq), hash \(model.headHash); check it with `khenthuong verify`."
    }

    // MARK: Pages

    func indexPage() -> String {
        let items = [
            ("notice.html", t("Danh sách đang công khai lấy ý kiến", "Dossiers under public notice"), model.notices.count),
            ("decisions.html", t("Quyết định khen thưởng", "Award decisions"), model.decisions.count),
            ("recipients.html", t("Người, tập thể được khen thưởng", "Recipients"), model.recipients.count),
        ].map { "<li><a href=\"\($0.0)\">\(HTML.escape($0.1))</a> (\($0.2))</li>" }.joined(separator: "\n")
        let data = [("notice", t("Danh sách đang công khai", "Dossiers under public notice")), ("decisions", t("Quyết định khen thưởng", "Award decisions")),
                    ("recipients", t("Người, tập thể được khen thưởng", "Recipients"))].map { name, label in
            "<li>\(HTML.escape(label)): <a href=\"data/\(name).csv\">CSV</a> · <a href=\"data/\(name).json\">JSON</a></li>"
        }.joined(separator: "\n")
        return page(t("Công khai thi đua – khen thưởng", "Emulation and commendation"), """
        <p>\(HTML.escape(t("Danh sách đề nghị khen thưởng đang lấy ý kiến, các quyết định khen thưởng và người, tập thể được khen thưởng. Khen thưởng đã bị hủy bỏ, thu hồi được ghi rõ.", "Nominations open for comments, award decisions and their recipients. Revoked awards are marked.")))</p>
        <ul>
        \(items)
        <li><a href="search.html">\(HTML.escape(t("Tìm theo tên (không cần gõ dấu)", "Search by name (accents optional)")))</a></li>
        </ul>
        <h2>\(HTML.escape(t("Dữ liệu (CSV UTF-8, JSON)", "Data (CSV UTF-8, JSON)")))</h2>
        <ul>
        \(data)
        </ul>
        \(checkpointSection())
        """)
    }

    /// How to check that the record behind the site was not altered: the signed checkpoint.
    func checkpointSection() -> String {
        guard let c = model.checkpoint else { return "" }
        let intro = t("Trang này được lập từ chuỗi sự kiện đến sự kiện số \(c.eventCount) (mã băm \(c.headHash)). Mốc kiểm tra có chữ ký của người công bố (khóa \(c.publicKey.id)):",
                      "This site was made from the event chain up to event \(c.eventCount) (hash \(c.headHash)). The publisher's signed checkpoint (key \(c.publicKey.id)):")
        let how = t("Ai có bản sao kho dữ liệu đều kiểm tra được rằng kho vẫn nối tiếp mốc này, chưa bị sửa, cắt bớt hay tính lại chuỗi băm:",
                    "Anyone holding a copy of the store can check that it still extends this checkpoint — not edited, truncated or recomputed:")
        return """
        <h2>\(HTML.escape(t("Kiểm tra tính toàn vẹn", "Checking the record")))</h2>
        <p>\(HTML.escape(intro)) <a href="\(Self.checkpointFile)">\(Self.checkpointFile)</a></p>
        <p>\(HTML.escape(how))</p>
        <pre><code>khenthuong verify --checkpoint \(Self.checkpointFile)</code></pre>
        """
    }

    func noticePage() -> String {
        guard !model.notices.isEmpty else {
            return page(t("Danh sách đang công khai lấy ý kiến", "Dossiers under public notice"),
                        "<p>\(HTML.escape(t("Hiện không có hồ sơ nào đang công khai lấy ý kiến.", "No dossier is under public notice now.")))</p>")
        }
        let header = [t("Người, tập thể được đề nghị", "Nominee"), t("Mã hồ sơ", "Dossier"), t("Đơn vị đề nghị", "Proposed by"),
                      t("Danh hiệu, hình thức", "Award"), t("Năm", "Year"), t("Bắt đầu công khai", "Notice opened"),
                      t("Hạn góp ý", "Comments until"), t("Ý kiến đã nhận", "Comments"), t("Khiếu nại đang xác minh", "Complaints under verification")]
        let rows = model.notices.map { n in
            ["<span id=\"\(HTML.escape(n.dossier))\">\(HTML.escape(n.nomineeName))</span>", HTML.escape(n.dossier), HTML.escape(n.unit),
             HTML.escape(n.awardName[language]), "\(n.year)", n.noticeOpened.formatted(language),
             "<strong>\(n.commentDeadline.formatted(language))</strong>", "\(n.comments)", "\(n.openComplaints)"]
        }
        let days = Set(model.notices.map(\.workingDays)).sorted().map(String.init).joined(separator: "/")
        let intro = t("Ý kiến, khiếu nại gửi về cơ quan nhận hồ sơ chậm nhất đến hết ngày “Hạn góp ý”: \(days) ngày làm việc kể từ ngày bắt đầu công khai (NĐ 98/2023 Điều 46), không kể ngày nghỉ, ngày lễ, Tết.",
                      "Send comments and complaints to the receiving body by the end of the “Comments until” day: \(days) working days from the day the notice opened (NĐ 98/2023 Điều 46), holidays excluded.")
        return page(t("Danh sách đang công khai lấy ý kiến", "Dossiers under public notice"),
                    "<p>\(HTML.escape(intro))</p>\n" + HTML.table(caption: t("Danh sách đề nghị khen thưởng đang công khai", "Nominations under public notice"),
                                                                 header: header, rows: rows, numeric: [4, 7, 8]))
    }

    func searchPage() -> String {
        let labels = PublicationData.json(["empty": t("Gõ tên để tìm (không cần dấu).", "Type a name (accents optional)."),
                                           "found": t("kết quả", "results"), "revoked": t("Đã thu hồi", "Revoked")])
        return page(t("Tìm theo tên", "Search by name"), """
        <form class="search" id="search-form" role="search" action="search.html" method="get">
        <label for="q">\(HTML.escape(t("Họ tên hoặc tên tập thể", "Name of a person or collective")))</label>
        <input type="search" id="q" name="q" autocomplete="off">
        <button type="submit">\(HTML.escape(t("Tìm", "Search")))</button>
        </form>
        <noscript><p>\(HTML.escape(t("Trang tìm kiếm cần JavaScript; xem danh sách đầy đủ ở trang Người, tập thể được khen thưởng.", "Search needs JavaScript; see the full list on the Recipients page.")))</p></noscript>
        <p id="status" role="status"></p>
        <ul id="results" class="results"></ul>
        <script type="application/json" id="labels">\(labels)</script>
        <script src="search-index.js"></script>
        <script src="search.js"></script>
        """)
    }

    /// One entry per recipient and per dossier under notice: name, folded key, link, detail.
    func searchIndex() -> [SearchEntry] {
        let recipients = model.recipients.map { r in
            let awards = r.awards.map { "\($0.awardName[language]) \($0.year) (\($0.decision))" }.joined(separator: "; ")
            return SearchEntry(n: r.name, k: r.searchKey, u: "\(r.slug).html", d: "\(r.unit) — \(awards)",
                               r: !r.awards.isEmpty && r.awards.allSatisfy { $0.revocation != nil })
        }
        let notices = model.notices.map { n in
            SearchEntry(n: n.nomineeName, k: Text.searchKey(n.nomineeName), u: "notice.html#\(n.dossier)",
                        d: "\(n.unit) — \(n.awardName[language]) \(n.year) — " + t("đang công khai, hạn góp ý \(n.commentDeadline.formatted(.vi))",
                                                                                  "under public notice, comments until \(n.commentDeadline.formatted(.en))"),
                        r: false)
        }
        return recipients + notices
    }

    // MARK: Formatting

    func money(_ vnd: Int) -> String {
        NumberText.integer(vnd, language) + (vi ? " đ" : " VND")
    }

    func decimal(_ value: Double) -> String {
        let text = NumberText.exact(value)
        return vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func localTime(_ date: Date, _ language: Language) -> String {
        let day = CivilDate(date)
        let secs = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.vietnamOffset
        let sod = ((secs % 86400) + 86400) % 86400
        let hm = String(format: "%02d:%02d", sod / 3600, sod / 60 % 60)
        return language == .vi ? "\(hm) ngày \(day.vietnamese)" : "\(day) \(hm) (UTC+7)"
    }
}

/// One entry of the search index (short keys keep the file small): name, folded key, page,
/// detail, revoked.
package struct SearchEntry: Sendable, Equatable, Encodable {
    package var n: String
    package var k: String
    package var u: String
    package var d: String
    package var r: Bool
}
