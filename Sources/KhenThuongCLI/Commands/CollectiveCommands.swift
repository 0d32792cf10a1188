import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `collective add | correct | members | show`: collectives of the registry (docs/registry.md).
enum CollectiveCommands {
    static let all: [Command] = [add, correct, members, show]

    static let add = Command(
        path: ["collective", "add"], synopsis: "ID --name \"…\" --unit UNIT --kind KIND",
        summary: .init(vi: "thêm một tập thể vào sổ đăng ký (tổ công đoàn, phòng, đơn vị…)", en: "add a collective to the registry (trade-union group, office, unit…)"),
        help: .init(vi: "Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b collective add TCD-DAO-TAO --name 'Tổ Công đoàn Phòng Đào tạo' --unit CDCS-DHBK --kind 'tổ công đoàn'",
                    en: "Example: khenthuong --as secretariat@LDLD-HN:tran.b collective add TCD-DAO-TAO --name 'Tổ Công đoàn Phòng Đào tạo' --unit CDCS-DHBK --kind 'tổ công đoàn'")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã tập thể", en: "a collective id")).nfc
        let name = try args.required("name").nfc, unit = try args.required("unit").nfc, kind = try args.required("kind").nfc
        try args.finish()
        try PersonCommands.checkID(id)
        try ctx.requireDirectoryUnit(unit, at: "--unit")
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try CollectiveRegistry.add(CollectiveAdded(id: id, name: name, unit: unit, collectiveKind: kind), in: store, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["collective": .string(id), "event": .int(event.seq)]))
                                  : ctx.vi ? "Đã thêm \(name) (\(id)) vào sổ đăng ký [sự kiện #\(event.seq)]." : "Added \(name) (\(id)) to the registry [event #\(event.seq)].")
        return .success
    }

    static let correct = Command(
        path: ["collective", "correct"], synopsis: "ID [--name \"…\"] [--unit UNIT] [--kind KIND] --reason \"…\"",
        summary: .init(vi: "sửa thông tin một tập thể (ghi thêm một bản ghi, không xóa bản cũ)", en: "correct a collective (a new record; the old one stays)"),
        help: .init(vi: "Đổi --unit là chuyển đơn vị: lịch sử đơn vị giữ cả đơn vị cũ.", en: "A new --unit is a move: the unit history keeps the old one.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã tập thể", en: "a collective id")).nfc
        let name = try args.value("name")?.nfc, unit = try args.value("unit")?.nfc, kind = try args.value("kind")?.nfc
        let reason = try args.required("reason")
        try args.finish()
        if let unit { try ctx.requireDirectoryUnit(unit, at: "--unit") }
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try CollectiveRegistry.correct(CollectiveCorrected(id: id, name: name, unit: unit, collectiveKind: kind), reason: reason, in: store, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["collective": .string(id), "event": .int(event.seq)]))
                                  : ctx.vi ? "Đã sửa thông tin \(id) [sự kiện #\(event.seq)]." : "Corrected \(id) [event #\(event.seq)].")
        return .success
    }

    static let members = Command(
        path: ["collective", "members"], synopsis: "ID [--add PERSON,…] [--remove PERSON,…] --from DATE",
        summary: .init(vi: "thêm, bớt thành viên của một tập thể từ một ngày", en: "add or remove members of a collective from a day on"),
        help: .init(vi: "--add, --remove nhận nhiều mã cách nhau bởi dấu phẩy, hoặc lặp lại. Người được thêm phải có trong sổ đăng ký.",
                    en: "--add and --remove take ids separated by commas, or repeated. An added person must be in the registry.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã tập thể", en: "a collective id")).nfc
        func list(_ name: String) throws(CLIError) -> [String] {
            try args.values(name).flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).nfc } }.filter { !$0.isEmpty }
        }
        let added = try list("add"), removed = try list("remove")
        guard let from = try args.date("from") else {
            throw CLIError.usage(.init(vi: "thiếu --from NGÀY (ngày thay đổi có hiệu lực)", en: "--from DATE is missing (the day the change takes effect)"), command: args.command)
        }
        try args.finish()
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try PersonCommands.perform(ctx) {
            try CollectiveRegistry.changeMembers(CollectiveMembersChanged(id: id, from: from, added: added, removed: removed), in: store, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["collective": .string(id), "event": .int(event.seq)]))
                                  : ctx.vi ? "Đã ghi thay đổi thành viên của \(id) từ \(from.formatted(ctx.language)): thêm \(added.count), bớt \(removed.count) [sự kiện #\(event.seq)]."
                                           : "Recorded the member change of \(id) from \(from.formatted(ctx.language)): \(added.count) added, \(removed.count) removed [event #\(event.seq)].")
        return .success
    }

    static let show = Command(
        path: ["collective", "show"], synopsis: "ID",
        summary: .init(vi: "xem một tập thể trong sổ đăng ký: thông tin, đơn vị, thành viên theo thời kỳ, khen thưởng", en: "show a collective of the registry: details, unit, members by period, awards"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã tập thể", en: "a collective id")).nfc
        try args.finish()
        let runner = try Runner.make(ctx)
        guard let c = try PersonCommands.perform(ctx, { try CollectiveRegistry.collective(id, in: runner.store) }) else {
            throw CLIError(.init(vi: "sổ đăng ký chưa có tập thể mang mã \(id)", en: "the registry has no collective with id \(id)"),
                           fix: .init(vi: "thêm bằng `khenthuong collective add \(id) --name … --unit … --kind …`", en: "add it with `khenthuong collective add \(id) --name … --unit … --kind …`"),
                           exit: .dataError)
        }
        let awards = try PersonCommands.perform(ctx) { try runner.history(of: id) }.filter(\.counts)
            .sorted { ($0.award.year, $0.award.award) < ($1.award.year, $1.award.award) }
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "id": .string(c.id), "name": .string(c.name), "kind": .optional(c.collectiveKind),
                "units": .list(c.units.map { .fields(["unit": .string($0.unit), "since": .string($0.since.description)]) }),
                "members": .list(c.members.map { .fields(["person": .string($0.person), "from": .string($0.from.description), "to": .optional($0.to?.description)]) }),
                "events": .list(c.events.map { .int($0) }),
                "awards": .list(awards.map { .fields(["award": .string($0.award.award), "year": .int($0.award.year)]) }),
            ])))
            return .success
        }
        let vi = ctx.vi, lang = ctx.language
        ctx.console.line("\(c.name) (\(c.id))")
        if let k = c.collectiveKind { ctx.console.line((vi ? "  Loại: " : "  Kind: ") + k) }
        PersonCommands.unitLines(c.units.map { ($0.unit, $0.since) }, runner, ctx)
        for m in c.members {
            let to = m.to.map { (vi ? " đến " : " to ") + $0.formatted(lang) } ?? ""
            let who = (try? PersonRegistry.person(m.person, in: runner.store))?.map { "\($0.name) (\(m.person))" } ?? m.person
            ctx.console.line((vi ? "  Thành viên: \(who) từ " : "  Member: \(who) from ") + m.from.formatted(lang) + to)
        }
        ctx.console.line((vi ? "  Bản ghi: " : "  Records: ") + c.events.map { "#\($0)" }.joined(separator: ", "))
        let names = awards.map { e in "\(runner.definitions.awards.award(e.award.award)?.name[lang] ?? e.award.award) \(e.award.year)" }
        ctx.console.line((vi ? "  Khen thưởng: " : "  Awards: ") + (names.isEmpty ? (vi ? "chưa có" : "none") : names.joined(separator: "; ")))
        return .success
    }
}
