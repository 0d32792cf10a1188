import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `bloc create | score | show | propose`: emulation blocs (khối, cụm thi đua) as records.
enum BlocCommands {
    static let all: [Command] = [create, score, show, propose]

    static func book(_ ctx: Context) throws(CLIError) -> BlocBook { BlocBook(runner: try Runner.make(ctx)) }

    /// A unit by its directory name (the code when the directory does not know it).
    static func labeller(_ store: any EventLog) -> (String) -> String {
        let name = UnitNames.lookup(store)
        return { name($0) ?? $0 }
    }

    static let create = Command(
        path: ["bloc", "create"], synopsis: "FILE.json",
        summary: .init(vi: "ghi một khối, cụm thi đua: đơn vị thành viên, nội dung giao ước thi đua và thang điểm", en: "record an emulation bloc: member units, the compact's commitments and their points"),
        help: .init(vi: "Định dạng: docs/movements-reports.md, mục “Khối, cụm thi đua”; mẫu: workflows/samples/bloc-ldld-hn-2025.json. Người thực hiện thuộc đơn vị tổ chức khối (organiser).\nVí dụ: khenthuong --as secretariat@LDLD-HN:tran.thu.ha bloc create workflows/samples/bloc-ldld-hn-2025.json",
                    en: "Format: docs/movements-reports.md, “Emulation blocs”; sample: workflows/samples/bloc-ldld-hn-2025.json. The actor belongs to the bloc's organiser.")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp định nghĩa khối thi đua", en: "a bloc file"))
        try args.finish()
        let text = String(decoding: try CouncilText.read(file), as: UTF8.self)
        let bloc = try Runner.perform(ctx) { try EmulationBloc.parse(text, file: file) }
        let (actor, book) = (try ctx.actor(), try book(ctx))
        try Runner.perform(ctx) { try book.define(bloc, by: actor, at: ctx.clock()) }
        ctx.console.line(ctx.vi ? "Đã ghi khối thi đua “\(bloc.name)” năm \(bloc.year): \(bloc.members.count) đơn vị, \(bloc.commitments.count) nội dung giao ước"
                                : "Recorded the bloc “\(bloc.name)” for \(bloc.year): \(bloc.members.count) units, \(bloc.commitments.count) commitments")
        return .success
    }

    static let score = Command(
        path: ["bloc", "score"], synopsis: "BLOC --unit UNIT --commitment ID --points N",
        summary: .init(vi: "chấm điểm một đơn vị theo một nội dung giao ước (chấm lại thì điểm mới thay điểm cũ)", en: "score a member on one commitment (a new score replaces the earlier one)"),
        help: .init(vi: "Chỉ đơn vị tổ chức khối chấm; điểm từ 0 đến điểm tối đa của nội dung; đã đề nghị đơn vị dẫn đầu thì bảng điểm khóa.\nVí dụ: khenthuong --as secretariat@LDLD-HN:tran.thu.ha bloc score CUM-LDLD-HN-2025 --unit CDCS-DHBK --commitment dai-dien --points 38",
                    en: "Only the organiser scores; points from 0 to the commitment's maximum; once the leader is proposed the sheet is closed.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã khối thi đua", en: "a bloc id"))
        let s = BlocScore(unit: try args.required("unit"), commitment: try args.required("commitment"), points: try args.requiredInt("points"))
        try args.finish()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        try Runner.perform(ctx) { try book.score(id, s, by: actor, at: ctx.clock()) }
        let label = labeller(book.runner.store)
        ctx.console.line(ctx.vi ? "Đã chấm \(label(s.unit)): \(s.commitment) = \(s.points) điểm"
                                : "Scored \(label(s.unit)): \(s.commitment) = \(s.points) points")
        return .success
    }

    static let show = Command(
        path: ["bloc", "show"], synopsis: "BLOC",
        summary: .init(vi: "bảng điểm của khối: điểm từng nội dung, tổng điểm, đơn vị dẫn đầu đã đề nghị", en: "the bloc's scoring sheet: points per commitment, totals, the leader proposed"),
        help: .init(vi: "Đơn vị xếp theo tổng điểm (cao trước); “—” là nội dung chưa chấm.\nVí dụ: khenthuong bloc show CUM-LDLD-HN-2025",
                    en: "Units by total (highest first); “—” is a commitment not scored yet.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã khối thi đua", en: "a bloc id"))
        try args.finish()
        let book = try book(ctx)
        let (bloc, sheet, leader) = try Runner.perform(ctx) { (try book.bloc(id), try book.standings(id), try book.leader(id)) }
        let label = labeller(book.runner.store)
        let header = [ctx.vi ? "Đơn vị" : "Unit"] + bloc.commitments.map { "\($0.id) (/\($0.maxPoints))" } + [ctx.vi ? "Tổng" : "Total"]
        ctx.console.line("\(bloc.name) — \(bloc.year)")
        for c in bloc.commitments { ctx.console.line("  \(c.id): \(c.text)") }
        ctx.console.line(TextTable.render(header: header, rows: sheet.map { s in
            [label(s.unit)] + s.points.map { $0.map(String.init) ?? "—" } + [String(s.total)]
        }))
        if let leader {
            ctx.console.line(ctx.vi ? "Đơn vị dẫn đầu đã đề nghị: \(label(leader.unit)) (\(leader.total) điểm)"
                                    : "Leader proposed: \(label(leader.unit)) (\(leader.total) points)")
        }
        return .success
    }

    static let propose = Command(
        path: ["bloc", "propose"], synopsis: "BLOC",
        summary: .init(vi: "đề nghị đơn vị dẫn đầu khối (điểm cao nhất, bảng điểm đủ) tặng Cờ thi đua", en: "propose the bloc's leader (highest total, full sheet) for its Cờ thi đua"),
        help: .init(vi: "Từ chối (thoát 1) khi bảng điểm chưa đủ, khi có hai đơn vị cùng điểm cao nhất, hoặc khi đã đề nghị.\nSau đó lập hồ sơ bằng `dossier create --award <Cờ thi đua của khối> --nominee-id <đơn vị> --collective`.",
                    en: "Refused (exit 1) when the sheet is incomplete, on a tie for first place, or when already proposed.\nThen open the dossier with `dossier create --award <the bloc's Cờ thi đua> --nominee-id <unit> --collective`.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã khối thi đua", en: "a bloc id"))
        try args.finish()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        let leader = try Runner.perform(ctx) { try book.proposeLeader(id, by: actor, at: ctx.clock()) }
        let award = (try? ctx.definitions().awards.award(leader.award)?.name[ctx.language]) ?? leader.award
        let label = labeller(book.runner.store)
        ctx.console.line(ctx.vi ? "Đề nghị \(label(leader.unit)) (dẫn đầu khối, \(leader.total) điểm) tặng \(award)"
                                : "Proposed \(label(leader.unit)) (bloc leader, \(leader.total) points) for \(award)")
        return .success
    }
}
