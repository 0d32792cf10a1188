import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `decision issue | show | list` and `revoke`.
enum DecisionCommands {
    static func book(_ ctx: Context) throws(CLIError) -> DecisionBook { DecisionBook(runner: try Runner.make(ctx)) }

    static let issue = Command(
        path: ["decision", "issue"], synopsis: "--number NUMBER --date DATE --signer NAME [--authority TEXT] DOSSIER…",
        summary: .init(vi: "ban hành quyết định khen thưởng cho các hồ sơ đã được thông qua và công bố chúng", en: "issue an award decision for approved dossiers and publish them"),
        help: .init(
            vi: """
              --number NUMBER    số, ký hiệu quyết định (ví dụ 123/QĐ-LĐLĐ)
              --date DATE        ngày ký; tiền thưởng = hệ số × lương cơ sở áp dụng ngày này (workflows/decision/reward-money.json)
              --signer NAME      họ tên người ký
              --authority TEXT   cơ quan ban hành (mặc định: theo hội đồng của đơn vị)
            Mỗi hồ sơ chuyển Đã thông qua → Đã công bố (sự kiện publish, vai trò signer) trong cùng một giao dịch; một hồ sơ không hợp lệ thì không ghi gì.
            Ví dụ: khenthuong --as signer@LDLD-HN:pham.d decision issue --number 123/QĐ-LĐLĐ --date 2025-12-20 --signer "Phạm Văn An" HS-2025-000001
            """,
            en: """
              --number NUMBER    decision number (e.g. 123/QĐ-LĐLĐ)
              --date DATE        signing date; money = multiplier × base salary in force that day (workflows/decision/reward-money.json)
              --signer NAME      the signer's full name
              --authority TEXT   issuing body (default: from the council of the actor's unit)
            Each dossier goes approved → published (event publish, role signer) in one transaction; one bad dossier and nothing is written.
            """)
    ) { args, ctx throws(CLIError) in
        let number = try args.required("number"), date = try args.requiredDate("date"), signer = try args.required("signer")
        let authority = try args.value("authority")
        let dossiers = args.remainingPositionals()
        try args.finish()
        try ctx.requireIntactStore()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        let decision = try Runner.perform(ctx) { () throws -> Decision in
            let money = try book.runner.definitions.rewardMoney()
            return try book.issue(number: number, date: date, signer: signer, authority: authority, dossiers: dossiers, money: money, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? decision.json : CouncilText.decision(decision, ctx.language, awards: book.runner.definitions.awards, unitName: UnitNames.lookup(book.runner.store)))
        return .success
    }

    static let show = Command(
        path: ["decision", "show"], synopsis: "NUMBER [--format text|html] [--out FILE]",
        summary: .init(vi: "xem một quyết định; với --format html, toàn văn quyết định in khổ A4 để ký", en: "show a decision; with --format html, the full document on A4 for signing"),
        help: .init(vi: """
              --format text|html   text (mặc định): bảng người được khen thưởng và tiền thưởng; html: toàn văn quyết định theo NĐ 30/2020
                                   (căn cứ, Điều 1–3, nơi nhận, người ký) và danh sách kèm theo
              --out FILE           ghi ra tệp thay vì màn hình
            Câu chữ căn cứ, nguồn tiền thưởng, Điều 3 và nơi nhận: workflows/decision/document-text.json. Với --json, in đúng bản ghi decision_issued.
            """, en: """
              --format text|html   text (default): the recipients and their money; html: the full decision laid out as NĐ 30/2020
                                   (grounds, Articles 1–3, distribution, signer) with its annexed list
              --out FILE           write to a file instead of standard output
            Wording of the grounds, money source, Article 3 and distribution: workflows/decision/document-text.json. With --json, prints the decision_issued record as stored.
            """)
    ) { args, ctx throws(CLIError) in
        let number = try args.requiredPositional(.init(vi: "số quyết định", en: "a decision number"))
        let format = try args.value("format") ?? "text", out = try args.value("out")
        try args.finish()
        guard format == "text" || format == "html" else {
            throw CLIError.usage(.init(vi: "--format phải là text hoặc html, không phải “\(format)”", en: "--format must be text or html, not “\(format)”"), command: "decision show")
        }
        try ctx.requireIntactStore()
        let book = try book(ctx)
        let text: String
        if format == "html" {
            text = String(try Runner.perform(ctx) { try book.document(number, language: ctx.language) }.html.dropLast())
        } else {
            let decision = try Runner.perform(ctx) { try book.decision(number) }
            text = ctx.json ? decision.json : CouncilText.decision(decision, ctx.language, awards: book.runner.definitions.awards, unitName: UnitNames.lookup(book.runner.store))
        }
        if let out { try ctx.write(text + "\n", to: out) } else { ctx.console.line(text) }
        return .success
    }

    static let coverLetter = Command(
        path: ["dossier", "cover-letter"], synopsis: "DOSSIER… --number NUMBER --date DATE --signer NAME [--out FILE]",
        summary: .init(vi: "lập tờ trình đề nghị khen thưởng cho một hoặc nhiều hồ sơ (HTML in khổ A4)", en: "write the cover letter (tờ trình) proposing one or more dossiers (printable A4 HTML)"),
        help: .init(vi: """
              --number NUMBER   số, ký hiệu tờ trình (ví dụ 15/TTr-CĐCS)
              --date DATE       ngày ký
              --signer NAME     họ tên thủ trưởng đơn vị ký
              --out FILE        ghi ra tệp thay vì màn hình
            Các hồ sơ phải cùng đơn vị đề nghị và cùng cấp nhận. Kính gửi: cơ quan ký quyết định của cấp nhận (tệp hội đồng).
            Ví dụ: khenthuong dossier cover-letter HS-2025-000001 HS-2025-000002 --number 15/TTr-CĐCS --date 2025-11-25 --signer "Lê Thị Cúc" --out totrinh.html
            """, en: """
              --number NUMBER   the letter's number (e.g. 15/TTr-CĐCS)
              --date DATE       signing date
              --signer NAME     the head of unit who signs
              --out FILE        write to a file instead of standard output
            The dossiers share one proposing unit and one addressee. Addressed to the addressee's signing body (its council file).
            """)
    ) { args, ctx throws(CLIError) in
        let number = try args.required("number"), date = try args.requiredDate("date"), signer = try args.required("signer")
        let out = try args.value("out")
        let dossiers = args.remainingPositionals()
        try args.finish()
        try ctx.requireIntactStore()
        let book = try book(ctx)
        let letter = try Runner.perform(ctx) { try book.coverLetter(dossiers, number: number, date: date, signer: signer, language: ctx.language) }
        let text = String(letter.html.dropLast())
        if let out { try ctx.write(text + "\n", to: out) } else { ctx.console.line(text) }
        return .success
    }

    static let list = Command(
        path: ["decision", "list"], synopsis: "",
        summary: .init(vi: "liệt kê các quyết định đã ban hành", en: "list the decisions issued"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        try ctx.requireIntactStore()
        let book = try book(ctx)
        let list = try Runner.perform(ctx) { try book.decisions() }
        ctx.console.line(ctx.json ? "[" + list.map(\.json).joined(separator: ",") + "]" : CouncilText.decisions(list, ctx.language))
        return .success
    }

    static let revoke = Command(
        path: ["revoke"], synopsis: "DOSSIER --ground a|b|c|d --amount VND --reason TEXT --decision NUMBER",
        summary: .init(vi: "hủy bỏ khen thưởng, thu hồi hiện vật và tiền thưởng (Luật 06/2022 Điều 93 khoản 2)", en: "revoke an award and recover its money (Luật 06/2022 Art. 93(2))"),
        help: .init(
            vi: """
              --ground a|b|c|d   căn cứ (workflows/decision/revocation-grounds.json)
              --amount VND       số tiền phải thu hồi (0 … tiền đã thưởng)
              --reason TEXT      lý do
              --decision NUMBER  quyết định khen thưởng bị hủy bỏ
            Chỉ cấp đã ban hành quyết định (vai trò signer của đơn vị đó) được hủy bỏ. Lịch sử giữ cả khen thưởng và việc hủy bỏ.
            """,
            en: """
              --ground a|b|c|d   legal ground (workflows/decision/revocation-grounds.json)
              --amount VND       amount to recover (0 … the amount awarded)
              --reason TEXT      written reason
              --decision NUMBER  the award decision revoked
            Only the level that issued the decision (its signer role) may revoke. History keeps both the award and its revocation.
            """)
    ) { args, ctx throws(CLIError) in
        let dossier = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let ground = try args.required("ground"), amount = try args.requiredInt("amount")
        let reason = try args.required("reason"), number = try args.required("decision")
        try args.finish()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        let revocation = try Runner.perform(ctx) { () throws -> Revocation in
            let grounds = try book.runner.definitions.revocationGrounds()
            return try book.revoke(dossier: dossier, ground: ground, amountVND: amount, reason: reason, decision: number, grounds: grounds, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? revocation.json : CouncilText.revocation(revocation, ctx.language))
        return .success
    }
}

/// `package export | import`.
enum PackageCommands {
    static let export = Command(
        path: ["package", "export"], synopsis: "DOSSIER… --out FILE.json",
        summary: .init(vi: "đóng gói hồ sơ trình cấp trên: lịch sử sự kiện và đoạn chuỗi băm", en: "package dossiers proposed upward: their events and the hash-chain segment"),
        help: .init(vi: "Gói chứa mọi sự kiện của hồ sơ, các liên kết chuỗi băm tới mã băm cuối của kho; định dạng trong README.",
                    en: "The package holds every event of the dossiers and the chain links up to the store's head; format in README.")
    ) { args, ctx throws(CLIError) in
        let out = try args.required("out")
        let dossiers = args.remainingPositionals()
        try args.finish()
        try ctx.requireIntactStore()
        let (store, definitions) = (try ctx.openStore(), try ctx.definitions())
        let text = try Runner.perform(ctx) { try UpwardPackage.export(dossiers, from: store, definitions: definitions, at: ctx.clock()) }
        try ctx.write(text, to: out)
        let sha = try Runner.perform(ctx) { try UpwardPackage.verify(Array(text.utf8), file: out, definitions: definitions) }
        ctx.console.line(ctx.vi ? "Đã ghi gói \(out): \(dossiers.count) hồ sơ; mã băm cuối của kho \(sha.headHash); SHA-256 của gói \(sha.sha256)"
                                : "Wrote package \(out): \(dossiers.count) dossier(s); store head \(sha.headHash); package SHA-256 \(sha.sha256)")
        return .success
    }

    static let `import` = Command(
        path: ["package", "import"], synopsis: "FILE.json",
        summary: .init(vi: "nhập gói hồ sơ của cấp dưới: kiểm tra từng mã băm, lập hồ sơ ở cấp nhận", en: "import a package from the level below: check every hash, open the dossiers here"),
        help: .init(vi: "Người thực hiện là cơ quan nhận (vai trò secretariat). Gói bị sửa thì bị từ chối, nêu sự kiện bị sửa.",
                    en: "The actor is the receiving body (role secretariat). A tampered package is refused, naming the event.")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp gói hồ sơ", en: "a package file"))
        try args.finish()
        let bytes = try CouncilText.read(file)
        let (actor, runner) = (try ctx.actor(), try Runner.make(ctx))
        let package = try Runner.perform(ctx) { try UpwardPackage.importPackage(bytes, file: file, runner: runner, by: actor, at: ctx.clock()) }
        let ids = package.dossiers.map(\.id).joined(separator: ", ")
        ctx.console.line(ctx.vi ? "Đã nhập gói \(package.sha256): hồ sơ \(ids); mã băm cuối của kho nguồn \(package.headHash)"
                                : "Imported package \(package.sha256): dossiers \(ids); source store head \(package.headHash)")
        return .success
    }
}
