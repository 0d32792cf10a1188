import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `council create | list | session open | vote | minutes`.
enum CouncilCommands {
    static func book(_ ctx: Context) throws(CLIError) -> CouncilBook { CouncilBook(runner: try Runner.make(ctx)) }

    static let create = Command(
        path: ["council", "create"], synopsis: "FILE.json",
        summary: .init(vi: "ghi một Hội đồng Thi đua – Khen thưởng (thành viên, số lượng tối thiểu) vào kho", en: "record a council (members, quorum) in the store"),
        help: .init(vi: "Định dạng tệp: README, mục “Councils”; mẫu: workflows/samples/council-ldld-hn.json. Người thực hiện phải thuộc đơn vị của hội đồng.\nVí dụ: khenthuong --as secretariat@LDLD-HN:tran.thu.ha council create workflows/samples/council-ldld-hn.json",
                    en: "File format: README, “Councils”; sample: workflows/samples/council-ldld-hn.json. The actor must belong to the council's unit.")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp định nghĩa hội đồng", en: "a council file"))
        try args.finish()
        let text = String(decoding: try CouncilText.read(file), as: UTF8.self)
        let council = try Runner.perform(ctx) { try Council.parse(text, file: file) }
        let (actor, book) = (try ctx.actor(), try book(ctx))
        try Runner.perform(ctx) { _ = try book.define(council, by: actor, at: ctx.clock()) }
        ctx.console.line(ctx.json ? council.json : CouncilText.council(council, ctx.language))
        return .success
    }

    static let list = Command(
        path: ["council", "list"], synopsis: "",
        summary: .init(vi: "liệt kê các hội đồng và phiên họp", en: "list the councils and their sessions"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        let book = try book(ctx)
        let (councils, sessions) = try Runner.perform(ctx) { (try book.councils(), try book.sessions()) }
        if ctx.json {
            ctx.console.line("[" + councils.map(\.json).joined(separator: ",") + "]")
            return .success
        }
        let header = ctx.vi ? ["Hội đồng", "Đơn vị", "Thành viên", "Tối thiểu", "Phiên họp"] : ["Council", "Unit", "Members", "Quorum", "Sessions"]
        ctx.console.line(TextTable.render(header: header, rows: councils.map { c in
            [c.id, c.unit, String(c.members.count), String(c.quorumMinimum), sessions.filter { $0.councilID == c.id }.map(\.id).joined(separator: ", ")]
        }))
        return .success
    }

    static let sessionOpen = Command(
        path: ["council", "session", "open"], synopsis: "COUNCIL --id NUMBER --date DATE --present MEMBER[,MEMBER…] [--secretary NAME] [--tellers MEMBER,…] --agenda DOSSIER…",
        summary: .init(vi: "mở phiên họp: điểm danh, kiểm tra số lượng tối thiểu và thời gian công khai", en: "open a session: attendance, quorum and public-notice checks"),
        help: .init(
            vi: """
              --id NUMBER        số biên bản của phiên (ví dụ 01/BB-HĐTĐKT)
              --date DATE        ngày họp (YYYY-MM-DD hoặc DD/MM/YYYY)
              --present IDS      mã các thành viên có mặt, cách nhau bằng dấu phẩy (lặp lại được)
              --agenda DOSSIER   hồ sơ đang chờ Hội đồng xét (lặp lại được)
              --secretary NAME   thư ký ghi biên bản, “Họ tên, chức vụ” (mặc định: secretary trong tệp hội đồng)
              --tellers IDS      ban kiểm phiếu: mã các thành viên có mặt, trưởng ban trước (mặc định: tellers trong tệp hội đồng)
            Từ chối (thoát 1) nếu không đủ số lượng tối thiểu, hoặc hồ sơ cần công khai chưa công khai đủ số ngày làm việc trước ngày họp.
            """,
            en: """
              --id NUMBER        the session's minutes number (e.g. 01/BB-HĐTĐKT)
              --date DATE        session date
              --present IDS      ids of the members present, comma-separated (repeatable)
              --agenda DOSSIER   a dossier in council review (repeatable)
              --secretary NAME   who keeps the minutes, “Name, post” (default: the council file's secretary)
              --tellers IDS      the vote-counting committee: ids of members present, its head first (default: the council file's tellers)
            Refused (exit 1) without a quorum, or when a dossier's public notice ran too few working days before the date.
            """)
    ) { args, ctx throws(CLIError) in
        let councilID = try args.requiredPositional(.init(vi: "mã hội đồng", en: "a council id"))
        let id = try args.required("id"), date = try args.requiredDate("date")
        let present = try args.values("present").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let secretary = try args.value("secretary")
        let tellerValues = try args.values("tellers").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let agenda = try args.values("agenda") + args.remainingPositionals()
        try args.finish()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        let session = try Runner.perform(ctx) {
            try book.openSession(id: id, council: councilID, date: date, present: present, agenda: agenda, secretary: secretary,
                                 tellers: tellerValues.isEmpty ? nil : tellerValues, by: actor, at: ctx.clock())
        }
        let council = try Runner.perform(ctx) { try book.council(councilID) }
        ctx.console.line(ctx.json ? session.json : CouncilText.session(session, council, ctx.language))
        return .success
    }

    static let vote = Command(
        path: ["council", "vote"], synopsis: "SESSION DOSSIER --yes N --no N [--invalid N] [--written-absent N]",
        summary: .init(vi: "ghi kết quả kiểm phiếu kín của một hồ sơ; thông qua, trình cấp trên hoặc không thông qua", en: "record a dossier's secret-ballot count; approve, propose upward or reject"),
        help: .init(
            vi: """
              --yes N / --no N / --invalid N  số phiếu đồng ý / không đồng ý / không hợp lệ
              --written-absent N              số phiếu bằng văn bản của thành viên vắng mặt (chỉ khi tỷ lệ tính trên tổng số thành viên)
            Thành viên là người được đề nghị (và cùng đơn vị, nếu quy chế hội đồng quy định) không biểu quyết; tổng số phiếu phải bằng số người bỏ phiếu.
            Ngưỡng và cơ sở tính (tổng số / có mặt) lấy từ workflows/awards.json. Chỉ ghi ai đã bỏ phiếu, không ghi ai bỏ phiếu thế nào.
            Ví dụ: khenthuong --as council_chair@LDLD-HN:pham.van.an council vote 01/BB-HĐTĐKT HS-2025-000001 --yes 10 --no 1
            """,
            en: """
              --yes N / --no N / --invalid N  yes / no / invalid ballots
              --written-absent N              written votes of absent members (only when the base is all members)
            The nominee (and members of the same unit, when the council's rule says so) do not vote; the ballots must equal the voters.
            Threshold and base come from workflows/awards.json. Who voted is recorded, never how.
            """)
    ) { args, ctx throws(CLIError) in
        let session = try args.requiredPositional(.init(vi: "số phiên họp", en: "a session number"))
        let dossier = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let (yes, no) = (try args.requiredInt("yes"), try args.requiredInt("no"))
        let invalid = try args.int("invalid") ?? 0, written = try args.int("written-absent") ?? 0
        try args.finish()
        let (actor, book) = (try ctx.actor(), try book(ctx))
        let (record, after) = try Runner.perform(ctx) {
            try book.vote(session: session, dossier: dossier, yes: yes, no: no, invalid: invalid, writtenAbsent: written, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? record.json : CouncilText.vote(record, after, try? book.runner.workflow(of: after), ctx.language))
        return .success
    }

    static let minutes = Command(
        path: ["council", "minutes"], synopsis: "SESSION [--format text|html] [--out FILE]",
        summary: .init(vi: "lập biên bản họp Hội đồng và biên bản kiểm phiếu (văn bản hoặc HTML in khổ A4)", en: "write the session minutes and ballot count (text or printable A4 HTML)"),
        help: .init(vi: "  --format text|html   mặc định text\n  --out FILE           ghi ra tệp thay vì màn hình", en: "  --format text|html   default text\n  --out FILE           write to a file instead of standard output")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "số phiên họp", en: "a session number"))
        let format = try args.value("format") ?? "text", out = try args.value("out")
        try args.finish()
        try ctx.requireIntactStore()
        guard format == "text" || format == "html" else {
            throw CLIError.usage(.init(vi: "--format phải là text hoặc html, không phải “\(format)”", en: "--format must be text or html, not “\(format)”"), command: "council minutes")
        }
        let book = try book(ctx)
        let minutes = try Runner.perform(ctx) { try book.minutes(id, language: ctx.language) }
        let text = format == "html" ? String(minutes.html.dropLast()) : minutes.text
        if let out { try ctx.write(text + "\n", to: out) } else { ctx.console.line(text) }
        return .success
    }
}
