import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The decision and recipient pages.
extension SiteRenderer {
    func decisionsPage() -> String {
        guard !model.decisions.isEmpty else {
            return page(t("Quyết định khen thưởng", "Award decisions"), "<p>\(HTML.escape(t("Chưa có quyết định nào được công bố.", "No decision has been published yet.")))</p>")
        }
        let header = [t("Số quyết định", "Number"), t("Ngày ký", "Date"), t("Cấp", "Level"), t("Người ký", "Signer"),
                      t("Số người, tập thể", "Recipients"), t("Tổng tiền thưởng", "Total reward")]
        let rows = model.decisions.map { d in
            ["<a href=\"\(d.slug).html\">\(HTML.escape(d.number))</a>", d.date.formatted(language), HTML.escape(d.level), HTML.escape(d.signer),
             "\(d.recipients.count)", money(d.recipients.reduce(0) { $0 + $1.amountVND })]
        }
        return page(t("Quyết định khen thưởng", "Award decisions"),
                    HTML.table(caption: t("Các quyết định đã ban hành", "Decisions issued"), header: header, rows: rows, numeric: [4, 5]))
    }

    func decisionPage(_ d: DecisionItem) -> String {
        let date = d.date
        let dated = vi ? "ngày \(String(format: "%02d", date.day)) tháng \(String(format: "%02d", date.month)) năm \(date.year)" : date.description
        let head = """
        <div class="doc-head">
        <div><strong>\(HTML.escape(d.authority.uppercased()))</strong><br>\(HTML.escape(t("Số", "No."))): \(HTML.escape(d.number))</div>
        <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập – Tự do – Hạnh phúc</strong><br><em>\(HTML.escape(dated))</em></div>
        </div>
        """
        let fields = """
        <dl class="fields">
        <dt>\(HTML.escape(t("Cấp khen thưởng", "Level")))</dt><dd>\(HTML.escape(d.level))</dd>
        <dt>\(HTML.escape(t("Người ký", "Signed by")))</dt><dd>\(HTML.escape(d.signer))</dd>
        <dt>\(HTML.escape(t("Tổng tiền thưởng", "Total reward")))</dt><dd>\(money(d.recipients.reduce(0) { $0 + $1.amountVND }))</dd>
        </dl>
        """
        let header = [t("STT", "No."), t("Họ tên, tên tập thể", "Recipient"), t("Đơn vị", "Unit"), t("Danh hiệu, hình thức", "Award"),
                      t("Năm", "Year"), t("Hệ số", "Multiplier"), t("Lương cơ sở", "Base salary"), t("Tiền thưởng", "Reward"), t("Ghi chú", "Note")]
        let rows = d.recipients.enumerated().map { i, line in
            let name = HTML.escape(line.nomineeName)
            let link = recipientSlugs[line.nomineeID].map { "<a href=\"\($0).html\">\(name)</a>" } ?? name
            return ["\(i + 1)", link, HTML.escape(line.unit), "<span class=\"award\">\(HTML.escape(line.awardName[language]))</span>", "\(line.year)",
                    decimal(line.multiplier), money(line.baseSalaryVND), money(line.amountVND), revocationNote(line.revocation)]
        }
        let annex = HTML.table(caption: t("Phụ lục: Danh sách khen thưởng kèm theo Quyết định số \(d.number)", "Annex: recipients of decision \(d.number)"),
                               header: header, rows: rows, rowClass: d.recipients.map { $0.revocation == nil ? nil : "revoked" },
                               numeric: [0, 4, 5, 6, 7], rowHeader: 1)
        return page(t("Quyết định \(d.number) về việc khen thưởng", "Decision \(d.number) on awards"), head + "\n" + fields + "\n" + annex + verifySection(d))
    }

    func recipientsPage() -> String {
        guard !model.recipients.isEmpty else {
            return page(t("Người, tập thể được khen thưởng", "Recipients"), "<p>\(HTML.escape(t("Chưa có ai được khen thưởng.", "No recipient yet.")))</p>")
        }
        let header = [t("Họ tên, tên tập thể", "Recipient"), t("Cá nhân / tập thể", "Kind"), t("Đơn vị", "Unit"), t("Khen thưởng", "Awards")]
        let rows = model.recipients.map { r in
            ["<a href=\"\(r.slug).html\">\(HTML.escape(r.name))</a>", HTML.escape(kind(r.kind)), HTML.escape(r.unit),
             r.awards.map { a in
                "\(HTML.escape(a.awardName[language])) \(a.year)" + (a.revocation == nil ? "" : " <span class=\"badge\">\(HTML.escape(t("Đã thu hồi", "Revoked")))</span>")
             }.joined(separator: "<br>")]
        }
        return page(t("Người, tập thể được khen thưởng", "Recipients"),
                    "<p><a href=\"search.html\">\(HTML.escape(t("Tìm theo tên", "Search by name")))</a></p>\n"
                    + HTML.table(caption: t("Danh sách theo tên", "By name"), header: header, rows: rows))
    }

    func recipientPage(_ r: RecipientItem) -> String {
        let fields = """
        <dl class="fields">
        <dt>\(HTML.escape(t("Cá nhân / tập thể", "Kind")))</dt><dd>\(HTML.escape(kind(r.kind)))</dd>
        <dt>\(HTML.escape(t("Đơn vị", "Unit")))</dt><dd>\(HTML.escape(r.unit))</dd>
        </dl>
        """
        let header = [t("Danh hiệu, hình thức", "Award"), t("Năm", "Year"), t("Quyết định", "Decision"), t("Ngày", "Date"),
                      t("Tiền thưởng", "Reward"), t("Tình trạng", "Status")]
        let rows = r.awards.map { a in
            let number = HTML.escape(a.decision)
            return ["<span class=\"award\">\(HTML.escape(a.awardName[language]))</span>", "\(a.year)",
                    decisionSlugs[a.decision].map { "<a href=\"\($0).html\">\(number)</a>" } ?? number,
                    a.decisionDate.formatted(language), money(a.amountVND),
                    a.revocation == nil ? HTML.escape(t("Còn hiệu lực", "In force")) : revocationNote(a.revocation)]
        }
        return page(r.name, fields + "\n" + HTML.table(caption: t("Khen thưởng", "Awards"), header: header, rows: rows,
                                                      rowClass: r.awards.map { $0.revocation == nil ? nil : "revoked" }, numeric: [1, 4]))
    }

    /// “Đã thu hồi” with the ground, the amount to recover and the revoking decision, if recorded.
    func revocationNote(_ r: RevocationItem?) -> String {
        guard let r else { return "" }
        var parts: [String] = []
        if let ground = r.ground { parts.append(t("căn cứ", "ground") + " " + HTML.escape(ground)) }
        if let text = r.groundText { parts.append(HTML.escape(text)) }
        if let amount = r.amountVND { parts.append(t("thu hồi", "to recover") + " " + money(amount)) }
        if let decision = r.decision { parts.append(t("theo", "by") + " " + HTML.escape(decision)) }
        parts.append(r.date.formatted(language))
        return "<span class=\"badge\">\(HTML.escape(t("Đã thu hồi", "Revoked")))</span> " + parts.joined(separator: "; ")
    }

    func kind(_ k: String) -> String {
        k == Nominee.Kind.collective.rawValue ? t("tập thể", "collective") : t("cá nhân", "individual")
    }
}
