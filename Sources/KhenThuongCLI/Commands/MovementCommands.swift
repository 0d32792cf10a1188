import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `movement create | list | show | target add | register | record | link | progress`.
enum MovementCommands {
    static let all: [Command] = [create, list, show, targetAdd, register, record, link, progress]

    static let create = Command(
        path: ["movement", "create"], synopsis: "FILE",
        summary: .init(vi: "ghi một phong trào thi đua (kế hoạch, đợt, chỉ tiêu) vào kho", en: "record an emulation movement (plan, phases, targets) in the store"),
        help: .init(vi: "Ví dụ: khenthuong --as secretariat@LDLD-KG:pham.c movement create workflows/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json\nGhi lại cùng mã lần nữa thì bản mới thay bản cũ (bản cũ vẫn còn trong chuỗi sự kiện).",
                    en: "Example: khenthuong --as secretariat@LDLD-KG:pham.c movement create workflows/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json\nRecording the same id again supersedes the earlier version (which stays in the chain).")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp định nghĩa phong trào", en: "a movement definition file"))
        try args.finish()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError(.init(vi: "không đọc được tệp \(file)", en: "cannot read the file \(file)"), fix: .init(vi: "kiểm tra đường dẫn", en: "check the path"), exit: .dataError)
        }
        let (movement, version) = try MovementCLI.write(ctx) { store, tx, actor, now in
            try MovementRecorder.define(text: String(decoding: data, as: UTF8.self), file: file, in: &tx, store: store, actor: actor, at: now)
        }
        MovementCLI.done(ctx, ["movement": movement.id, "version": "\(version)"],
                         vi: "Đã ghi phong trào \(movement.id) (lần \(version)): \(movement.name.vi)",
                         en: "Recorded movement \(movement.id) (version \(version)): \(movement.name.en)")
        return .success
    }

    static let list = Command(
        path: ["movement", "list"], synopsis: "",
        summary: .init(vi: "liệt kê phong trào đã ghi trong kho và phong trào mẫu trong workflows/movements", en: "list movements recorded in the store and shipped in workflows/movements"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        let rows = try MovementCLI.overview(ctx)
        if ctx.json { ctx.printJSON(rows); return .success }
        let header = ctx.vi ? ["Mã", "Văn bản", "Thời gian", "Chỉ tiêu", "Trong kho", "Tên"] : ["Id", "Document", "Period", "Targets", "Recorded", "Name"]
        ctx.console.line(TextTable.render(header: header, rows: rows.map { [$0.id, $0.document, $0.period, "\($0.targets)", $0.recorded ? (ctx.vi ? "có" : "yes") : (ctx.vi ? "chưa" : "no"), $0.name] }))
        return .success
    }

    static let show = Command(
        path: ["movement", "show"], synopsis: "ID",
        summary: .init(vi: "in lại một phong trào: văn bản, đợt, nội dung, chỉ tiêu, nguồn", en: "print a movement back: document, phases, themes, targets, source"),
        help: .init(vi: "Phong trào đã ghi trong kho được ưu tiên; nếu chưa ghi thì đọc từ workflows/movements.\n--json in định nghĩa dạng JSON chuẩn tắc.",
                    en: "A movement recorded in the store wins; otherwise it is read from workflows/movements.\n--json prints the definition as canonical JSON.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        try args.finish()
        let (movement, json) = try MovementCLI.find(id, ctx)
        ctx.console.line(ctx.json ? json : MovementText.show(movement, ctx.language))
        return .success
    }

    static let targetAdd = Command(
        path: ["movement", "target", "add"], synopsis: "ID --id T --kind count|share|perUnit|unitShare --goal N [--comparison atLeast|greaterThan] [--from DATE] [--deadline DATE] [--yearly] --text TEXT [--text-en TEXT]",
        summary: .init(vi: "thêm một chỉ tiêu cho phong trào đã ghi", en: "add a target to a recorded movement"),
        help: .init(vi: "“trên 70%” là --comparison greaterThan --goal 70; “ít nhất 50” là --comparison atLeast --goal 50 (mặc định).\nVí dụ: khenthuong --as secretariat@LDLD-KG:pham.c movement target add KG-VT-2022-01-trieu-sang-kien --id t9 --kind count --goal 10 --deadline 2022-12-31 --text 'Ít nhất 10 sáng kiến được công nhận'",
                    en: "“more than 70%” is --comparison greaterThan --goal 70; “at least 50” is --comparison atLeast --goal 50 (the default).")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let target = try MovementCLI.target(&args)
        try args.finish()
        try MovementCLI.write(ctx) { store, tx, actor, now in
            try MovementRecorder.addTarget(target, to: id, in: &tx, store: store, actor: actor, at: now)
        }
        MovementCLI.done(ctx, ["movement": id, "target": target.id],
                         vi: "Đã thêm chỉ tiêu \(target.id) (\(target.goalText(.vi))) cho phong trào \(id).",
                         en: "Added target \(target.id) (\(target.goalText(.en))) to movement \(id).")
        return .success
    }

    static let register = Command(
        path: ["movement", "register"], synopsis: "ID --unit UNIT [--person PERSON] [--phase N] [--compact BLOC]",
        summary: .init(vi: "ghi đăng ký thi đua của đơn vị hoặc cá nhân (giao ước trong khối)", en: "record a unit's or person's registration (compact within a bloc)"),
        help: .init(vi: "Đơn vị đăng ký là tập đơn vị được tính cho chỉ tiêu mỗi đơn vị và tỉ lệ đơn vị.", en: "Registered units are the units counted by per-unit and unit-share targets.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let r = MovementRegistration(unit: try args.required("unit").nfc, person: try args.value("person")?.nfc,
                                     phase: try args.int("phase"), compact: try args.value("compact")?.nfc)
        try args.finish()
        try MovementCLI.write(ctx) { store, tx, actor, now in
            try MovementRecorder.register(r, for: id, in: &tx, store: store, actor: actor, at: now)
        }
        let unit = MovementCLI.unitText(r.unit, ctx)
        let who = (vi: r.person.map { "\($0) thuộc \(unit)" } ?? unit, en: r.person.map { "\($0) of \(unit)" } ?? unit)
        MovementCLI.done(ctx, ["movement": id, "unit": r.unit, "person": r.person ?? "", "phase": r.phase.map(String.init) ?? "", "compact": r.compact ?? ""],
                         vi: "Đã ghi đăng ký của \(who.vi) vào phong trào \(id)\(r.phase.map { ", đợt \($0)" } ?? "")\(r.compact.map { ", giao ước khối \($0)" } ?? "").",
                         en: "Recorded the registration of \(who.en) in movement \(id)\(r.phase.map { ", phase \($0)" } ?? "")\(r.compact.map { ", compact of bloc \($0)" } ?? "").")
        return .success
    }

    static let record = Command(
        path: ["movement", "record"], synopsis: "ID --target T --unit UNIT --value N [--of N] --date DATE",
        summary: .init(vi: "ghi một số liệu cho chỉ tiêu (sáng kiến đăng ký, được công nhận, kế hoạch đã xây dựng…)", en: "record a figure for a target (initiatives registered or recognised, plans built…)"),
        help: .init(vi: "Với chỉ tiêu số lượng / mỗi đơn vị / tỉ lệ đơn vị, --value là số mới thêm (âm để đính chính).\nVới chỉ tiêu tỉ lệ, --value là số đạt và --of là tổng số của đơn vị; số liệu mới nhất của đơn vị được dùng.",
                    en: "For count / per-unit / unit-share targets --value is how many more (negative to correct).\nFor share targets --value is the achievers and --of the unit's population; the unit's latest figure counts.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let o = MovementObservation(target: try args.required("target"), unit: try args.required("unit").nfc, value: try args.requiredInt("value"),
                                    of: try args.int("of"), date: try args.requiredDate("date"))
        try args.finish()
        try MovementCLI.write(ctx) { store, tx, actor, now in
            try MovementRecorder.observe(o, for: id, in: &tx, store: store, actor: actor, at: now)
        }
        let of = o.of.map { "/\($0)" } ?? ""
        let unit = MovementCLI.unitText(o.unit, ctx)
        MovementCLI.done(ctx, ["movement": id, "target": o.target, "unit": o.unit, "value": "\(o.value)", "of": o.of.map(String.init) ?? "", "date": o.date.description],
                         vi: "Đã ghi số liệu \(o.value)\(of) của \(unit) cho chỉ tiêu \(o.target) ngày \(o.date.vietnamese).",
                         en: "Recorded \(o.value)\(of) from \(unit) for target \(o.target) on \(o.date).")
        return .success
    }

    static let link = Command(
        path: ["movement", "link"], synopsis: "ID DOSSIER [--phase N]",
        summary: .init(vi: "gắn một hồ sơ khen thưởng với phong trào (và đợt)", en: "link an award dossier to a movement (and phase)"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let l = MovementLink(dossier: try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id")), phase: try args.int("phase"))
        try args.finish()
        try MovementCLI.write(ctx) { store, tx, actor, now in
            try MovementRecorder.link(l, to: id, in: &tx, store: store, actor: actor, at: now)
        }
        MovementCLI.done(ctx, ["movement": id, "dossier": l.dossier, "phase": l.phase.map(String.init) ?? ""],
                         vi: "Đã gắn hồ sơ \(l.dossier) với phong trào \(id)\(l.phase.map { ", đợt \($0)" } ?? "").",
                         en: "Linked dossier \(l.dossier) to movement \(id)\(l.phase.map { ", phase \($0)" } ?? "").")
        return .success
    }

    static let progress = Command(
        path: ["movement", "progress"], synopsis: "ID [--as-of DATE] [--units]",
        summary: .init(vi: "tiến độ từng chỉ tiêu: hiện đạt, mục tiêu, đạt / không đạt / đúng tiến độ / có nguy cơ", en: "each target's progress: current value, goal, met / not met / on track / at risk"),
        help: .init(vi: "  --as-of DATE   tính đến ngày (mặc định hôm nay)\n  --units        in số liệu từng đơn vị\nQuy tắc tiến độ: chưa đạt thì so với mục tiêu × số ngày đã qua ÷ tổng số ngày; đến hạn mà chưa đạt là có nguy cơ; quá hạn là không đạt.",
                    en: "  --as-of DATE   evaluate on this day (default today)\n  --units        print each unit's figures\nPace rule: if not met, compare with goal × days elapsed ÷ all days; not met on the deadline is at risk; after it, not met.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let asOf = try args.date("as-of") ?? CivilDate(ctx.clock())
        let perUnit = args.flag("units")
        try args.finish()
        let (movement, progress) = try MovementCLI.progress(ctx, id, asOf: asOf)
        if ctx.json { ctx.printJSON(progress); return .success }
        ctx.console.line("\(movement.name[ctx.language]) — \(ctx.vi ? "tính đến" : "as of") \(asOf.formatted(ctx.language))")
        ctx.console.line(TextTable.render(header: MovementText.progressHeader(ctx.language), rows: MovementText.progressRows(movement, progress, ctx.language)))
        for line in MovementCLI.sourceLines(movement, progress, ctx) { ctx.console.line(line) }
        if perUnit { ctx.console.line(MovementCLI.unitLines(progress, ctx)) }
        return .success
    }
}
