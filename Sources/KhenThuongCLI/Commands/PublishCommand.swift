import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `publish --out DIR`: the static publication site.
enum PublishCommand {
    static let command = Command(
        path: ["publish"], synopsis: "--out DIR [--base-url URL]",
        summary: .init(vi: "xuất trang công khai tĩnh (danh sách công khai, quyết định, người được khen thưởng, tìm kiếm, CSV, JSON)",
                       en: "write the static public site (notice list, decisions, recipients, search, CSV, JSON)"),
        help: .init(
            vi: """
              --out DIR   thư mục trang (tạo mới, hoặc thay thế trang cũ do publish tạo)
              --base-url URL   địa chỉ trang sẽ được đăng, để mã QR của tệp kiểm chứng (verify/) trỏ tới đó
            Ngôn ngữ trang theo --lang (mặc định tiếng Việt). Trang không cần máy chủ: mở DIR/index.html.
            Ví dụ: khenthuong publish --out site
            """,
            en: """
              --out DIR   the site's folder (created, or replacing a site publish wrote before)
              --base-url URL   where the site will be served, for the QR codes of the verification files (verify/)
            The site's language follows --lang (Vietnamese by default). No server needed: open DIR/index.html.
            """)
    ) { args, ctx throws(CLIError) in
        let out = try args.required("out")
        let baseURL = try args.value("base-url")
        try args.finish()
        try ctx.requireIntactStore()
        let definitions = try ctx.definitions()
        let store = try ctx.openStore()
        var model: PublicationModel
        do {
            // Publishing acts: the publisher's key (proven like any acting key) signs the site's
            // checkpoint; a store without a directory publishes with the head hash only.
            model = try PublicationModel.build(store: store, definitions: definitions, at: ctx.clock(), signer: try ctx.actingOnStore().signer)
            model.baseURL = baseURL
            let files = SiteRenderer(model: model, language: ctx.language).files()
            try SiteWriter.write(files, to: out)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
        let counts = PublishReportJSON(out: out, notices: model.notices.count, decisions: model.decisions.count, recipients: model.recipients.count)
        if ctx.json {
            ctx.printJSON(counts)
        } else {
            ctx.console.line(ctx.vi ? "Đã xuất trang công khai vào \(out): \(counts.notices) hồ sơ đang công khai, \(counts.decisions) quyết định, \(counts.recipients) người/tập thể được khen thưởng. Mở \(out)/index.html."
                                    : "Wrote the public site to \(out): \(counts.notices) dossiers under notice, \(counts.decisions) decisions, \(counts.recipients) recipients. Open \(out)/index.html.")
        }
        return .success
    }
}

struct PublishReportJSON: Encodable {
    var out: String
    var notices: Int
    var decisions: Int
    var recipients: Int
}

