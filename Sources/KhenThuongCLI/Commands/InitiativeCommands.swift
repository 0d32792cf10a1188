import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `initiative add | recognise | correct | use | show`: initiatives of the registry
/// (docs/registry.md).
enum InitiativeCommands {
    static let all: [Command] = [add, recognise, correct, use, show]

    static func owners(_ args: inout ArgumentList) throws(CLIError) -> [String] {
        try args.values("owner").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).nfc } }.filter { !$0.isEmpty }
    }

    static func benefit(_ args: inout ArgumentList, _ ctx: Context) throws(CLIError) -> Int64? {
        guard let text = try args.value("benefit") else { return nil }
        do { return try InitiativeRegistry.benefit(parsing: text) } catch let e as RegistryError {
            throw CLIError(e.message, at: "--benefit", fix: e.fix, exit: .usage)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }

    static func done(_ ctx: Context, _ id: String, _ event: StoredEvent, vi: String, en: String) {
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["initiative": .string(id), "event": .int(event.seq)]))
                                  : (ctx.vi ? vi : en) + " [\(ctx.vi ? "sự kiện" : "event") #\(event.seq)].")
    }

    static let add = Command(
        path: ["initiative", "add"], synopsis: "ID --title \"…\" --owner PERSON[,PERSON…] --registered DATE",
        summary: .init(vi: "đăng ký một sáng kiến (mã, tên, tác giả, ngày đăng ký)", en: "register an initiative (id, title, owners, registration date)"),
        help: .init(vi: "Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b initiative add SK-2024-07 --title 'Số hoá hồ sơ thi đua' --owner NV003 --registered 2024-03-01",
                    en: "Example: khenthuong --as secretariat@LDLD-HN:tran.b initiative add SK-2024-07 --title 'Số hoá hồ sơ thi đua' --owner NV003 --registered 2024-03-01")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã sáng kiến", en: "an initiative id")).nfc
        let title = try args.required("title").nfc, owners = try owners(&args)
        guard let registered = try args.date("registered") else {
            throw CLIError.usage(.init(vi: "thiếu --registered NGÀY (ngày đăng ký)", en: "--registered DATE is missing (the registration date)"), command: args.command)
        }
        try args.finish()
        try PersonCommands.checkID(id)
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try InitiativeRegistry.add(InitiativeAdded(id: id, title: title, owners: owners, registered: registered), in: store, by: actor, at: ctx.clock())
        }
        done(ctx, id, event, vi: "Đã đăng ký sáng kiến \(id) (\(title))", en: "Registered initiative \(id) (\(title))")
        return .success
    }

    static let recognise = Command(
        path: ["initiative", "recognise"], synopsis: "ID --level LEVEL --date DATE --decision NUMBER [--benefit VND]",
        summary: .init(vi: "ghi công nhận sáng kiến: cấp, ngày, quyết định, giá trị làm lợi (đồng)", en: "record an initiative's recognition: level, date, decision, benefit (VND)"),
        help: .init(vi: "LEVEL: co_so (cơ sở), tinh (tỉnh), bo (bộ, ngành) hoặc toan_quoc (toàn quốc). --benefit: số đồng, ví dụ 150000000 hoặc 150.000.000.",
                    en: "LEVEL: co_so (grassroots), tinh (provincial), bo (ministry) or toan_quoc (national). --benefit: VND, e.g. 150000000 or 150.000.000.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã sáng kiến", en: "an initiative id")).nfc
        let level = try args.required("level").nfc, decision = try args.required("decision").nfc
        guard Self.levels.contains(where: { $0.id == level }) else {
            let known = Self.levels.map { "\($0.id) (\(ctx.vi ? $0.vi : $0.en))" }.joined(separator: ", ")
            throw CLIError.usage(.init(vi: "--level “\(level)” không phải cấp công nhận nào; dùng một trong: \(known)",
                                       en: "--level “\(level)” is no recognition level; use one of: \(known)"), command: args.command)
        }
        guard let date = try args.date("date") else {
            throw CLIError.usage(.init(vi: "thiếu --date NGÀY (ngày công nhận)", en: "--date DATE is missing (the recognition date)"), command: args.command)
        }
        let benefit = try benefit(&args, ctx) ?? 0
        try args.finish()
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try InitiativeRegistry.recognise(InitiativeRecognised(id: id, level: level, date: date, decision: decision, benefitVND: benefit),
                                             in: store, by: actor, at: ctx.clock())
        }
        done(ctx, id, event, vi: "Đã ghi công nhận sáng kiến \(id) (cấp \(levelLabel(level, vi: true)), quyết định \(decision), làm lợi \(benefit.vietnameseGrouped) đồng)",
             en: "Recorded the recognition of initiative \(id) (\(levelLabel(level, vi: false)) level, decision \(decision), benefit \(benefit) VND)")
        return .success
    }

    static let correct = Command(
        path: ["initiative", "correct"], synopsis: "ID [--title \"…\"] [--owner PERSON,…] [--registered DATE] [--benefit VND] --reason \"…\"",
        summary: .init(vi: "sửa thông tin sáng kiến (ghi thêm một bản ghi, không xóa bản cũ)", en: "correct an initiative (a new record; the old one stays)"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã sáng kiến", en: "an initiative id")).nfc
        let title = try args.value("title")?.nfc, owners = try owners(&args), registered = try args.date("registered")
        let benefit = try benefit(&args, ctx)
        let reason = try args.required("reason")
        try args.finish()
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try InitiativeRegistry.correct(InitiativeCorrected(id: id, title: title, owners: owners.isEmpty ? nil : owners, registered: registered, benefitVND: benefit),
                                           reason: reason, in: store, by: actor, at: ctx.clock())
        }
        done(ctx, id, event, vi: "Đã sửa thông tin sáng kiến \(id)", en: "Corrected initiative \(id)")
        return .success
    }

    static let use = Command(
        path: ["initiative", "use"], synopsis: "ID --award AWARD --year YEAR --by DOSSIER|DECISION",
        summary: .init(vi: "ghi khen thưởng mà sáng kiến đã được dùng cho (chỉ một lần)", en: "record the award an initiative served (once)"),
        help: .init(vi: "Sáng kiến đã ghi là đã dùng thì không dùng lại: lần ghi thứ hai và hồ sơ khác tính sáng kiến này khi nộp đều bị từ chối (Luật 06/2022/QH15, Điều 5 khoản 2).",
                    en: "An initiative recorded as used serves nothing else: a second use, and another dossier whose rules count it on submission, are refused (Luật 06/2022/QH15, Article 5(2)).")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã sáng kiến", en: "an initiative id")).nfc
        let award = try args.required("award"), by = try args.required("by").nfc
        let year = try args.requiredYear()
        try args.finish()
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx)
        guard let awardName = runner.definitions.awards.award(award)?.name else {
            throw CLIError(.init(vi: "danh hiệu “\(award)” không có trong workflows/awards.json", en: "the award “\(award)” is not in workflows/awards.json"),
                           at: "--award", fix: .init(vi: "dùng mã trong danh mục (khenthuong rules list)", en: "use an id of the catalogue (khenthuong rules list)"), exit: .usage)
        }
        let event = try PersonCommands.perform(ctx) {
            try InitiativeRegistry.use(InitiativeUsed(id: id, award: award, year: year, by: by), in: runner.store, by: actor, at: ctx.clock()) {
                runner.definitions.awards.award($0)?.name ?? .init(vi: $0, en: $0)
            }
        }
        done(ctx, id, event, vi: "Đã ghi sáng kiến \(id) được dùng cho \(awardName.vi) năm \(year) (\(by))",
             en: "Recorded initiative \(id) as used for \(awardName.en) \(year) (\(by))")
        return .success
    }

    /// The recognition levels the rule sets rank (`EligibilitySchema`'s initiative levels), with
    /// the words a person reads.
    static let levels: [(id: String, vi: String, en: String)] = [
        ("co_so", "cơ sở", "grassroots"), ("tinh", "tỉnh", "provincial"), ("bo", "bộ, ngành", "ministry"), ("toan_quoc", "toàn quốc", "national"),
    ]

    static func levelLabel(_ id: String, vi: Bool) -> String {
        levels.first { $0.id == id }.map { vi ? $0.vi : $0.en } ?? id
    }

    static let show = Command(
        path: ["initiative", "show"], synopsis: "ID",
        summary: .init(vi: "xem một sáng kiến: tác giả, đăng ký, công nhận, giá trị làm lợi, đã dùng cho khen thưởng nào", en: "show an initiative: owners, registration, recognition, benefit, the award it served"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã sáng kiến", en: "an initiative id")).nfc
        try args.finish()
        let store = try ctx.openStore()
        guard let x = try PersonCommands.perform(ctx, { try InitiativeRegistry.initiative(id, in: store) }) else {
            throw CLIError(.init(vi: "sổ đăng ký chưa có sáng kiến mang mã \(id)", en: "the registry has no initiative with id \(id)"),
                           fix: .init(vi: "đăng ký bằng `khenthuong initiative add \(id) --title … --owner …`", en: "register it with `khenthuong initiative add \(id) --title … --owner …`"),
                           exit: .dataError)
        }
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "id": .string(x.id), "title": .string(x.title), "owners": .list(x.owners.map { .string($0) }), "registered": .string(x.registered.description),
                "recognition": x.recognition.map { .fields(["level": .string($0.level), "date": .string($0.date.description), "decision": .string($0.decision)]) } ?? .null,
                "benefitVND": .int(Int(x.benefitVND)),
                "usedFor": x.use.map { .fields(["award": .string($0.award), "year": .int($0.year), "by": .string($0.by)]) } ?? .null,
                "events": .list(x.events.map { .int($0) }),
            ])))
            return .success
        }
        let vi = ctx.vi, lang = ctx.language
        let owners = x.owners.map { owner in
            let name = (try? PersonRegistry.person(owner, in: store))??.name
            return name.map { "\($0) (\(owner))" } ?? owner
        }
        let awardName = { (award: String) in (try? Runner.make(ctx))?.definitions.awards.award(award)?.name[lang] ?? award }
        ctx.console.line("\(x.title) (\(x.id))")
        ctx.console.line((vi ? "  Tác giả: " : "  Owners: ") + owners.joined(separator: ", "))
        ctx.console.line((vi ? "  Đăng ký: " : "  Registered: ") + x.registered.formatted(lang))
        if let r = x.recognition {
            ctx.console.line(vi ? "  Công nhận: cấp \(levelLabel(r.level, vi: true)), \(r.date.formatted(lang)), quyết định \(r.decision)" : "  Recognised: \(levelLabel(r.level, vi: false)) level, \(r.date.formatted(lang)), decision \(r.decision)")
        } else {
            ctx.console.line(vi ? "  Công nhận: chưa" : "  Recognised: not yet")
        }
        ctx.console.line(vi ? "  Giá trị làm lợi: \(x.benefitVND.vietnameseGrouped) đồng" : "  Benefit: \(x.benefitVND) VND")
        if let u = x.use {
            ctx.console.line(vi ? "  Đã dùng cho: \(awardName(u.award)) năm \(u.year) (\(u.by))" : "  Used for: \(awardName(u.award)) \(u.year) (\(u.by))")
        } else {
            ctx.console.line(vi ? "  Đã dùng cho: chưa" : "  Used for: not yet")
        }
        ctx.console.line((vi ? "  Bản ghi: " : "  Records: ") + x.events.map { "#\($0)" }.joined(separator: ", "))
        return .success
    }
}

extension Int64 {
    /// `150.000.000`: digits grouped by three with dots, as Vietnamese writes amounts.
    var vietnameseGrouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
