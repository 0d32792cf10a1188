import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `history import FILE.csv` and `history show ID`: a person's or collective's award history,
/// read by eligibility (docs/registry.md).
enum HistoryCommands {
    static let all: [Command] = [importAwards, show]

    static let importAwards = Command(
        path: ["history", "import"], synopsis: "FILE.csv [--decision NUMBER --decision-date DATE --level LEVEL]",
        summary: .init(vi: "nhập khen thưởng đã có từ trước (quyết định các năm trước, cấp trên) vào lịch sử; điều kiện đọc từ đây",
                       en: "import past awards (earlier years' decisions, upper levels') into the history that eligibility reads"),
        help: .init(
            vi: """
            Cột (có dòng tiêu đề): id, name, award, year, decision, decision_date, level; tuỳ chọn: kind (individual/collective), period (TỪ/ĐẾN, ví dụ 2024-01-01/2024-12-31), flags (adhoc, thematic, adhoc+thematic).
            Mọi dòng được kiểm tra trước khi ghi; một ô sai thì không ghi gì và báo tệp:dòng:cột.
            Dòng đã có trong kho (cùng người, danh hiệu, năm và cùng giá trị, hoặc đã có quyết định trong kho) được bỏ qua và báo: nhập lại cùng tệp không ghi thêm gì.
            Dòng khác giá trị với bản đã có thì được báo, không ghi đè.
            Phụ lục của một quyết định nhiều người: --decision SỐ --decision-date NGÀY --level CẤP ghi số, ngày và cấp quyết định một lần cho mọi dòng (các cột đó bỏ trống hoặc bỏ đi; ô ghi giá trị khác thì bị từ chối).
            Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b history import khen-thuong-2022-2024.csv
            """,
            en: """
            Columns (with a header): id, name, award, year, decision, decision_date, level; optional: kind (individual/collective), period (FROM/TO, e.g. 2024-01-01/2024-12-31), flags (adhoc, thematic, adhoc+thematic).
            Every row is checked before anything is written; one bad cell writes nothing and names file:line:column.
            A row the store already holds (same person, award, year and values, or decided in this store) is skipped and listed: importing the same file again records nothing.
            A row whose values differ from what is recorded is reported, never overwritten.
            A decision's annex (many recipients): --decision NUMBER --decision-date DATE --level LEVEL give the decision's number, date and level once for every row (those columns left empty or out; a cell giving another value is refused).
            """)
    ) { args, ctx throws(CLIError) in
        let path = try args.requiredPositional(.init(vi: "đường dẫn tệp CSV", en: "the CSV file path"))
        let number = try args.value("decision"), date = try args.date("decision-date"), level = try args.value("level")
        let given = [number == nil, date == nil, level == nil]
        if given.contains(false) && given.contains(true) {
            throw CLIError.usage(.init(vi: "--decision, --decision-date và --level đi cùng nhau: đưa cả ba, hoặc không đưa tuỳ chọn nào",
                                       en: "--decision, --decision-date and --level go together: give all three, or none"), command: args.command)
        }
        let annex = number.flatMap { n in date.flatMap { d in level.map { PastAwardImport.Decision(number: n, date: d, level: $0) } } }
        try args.finish()
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx)
        let rows: [PastAwardImport.Row]
        do {
            rows = try PastAwardImport.read(path: path, awards: runner.definitions.awards.awards.map(\.id), decision: annex)
        } catch {
            throw CLIError.from(error, language: ctx.language, input: path)
        }
        let outcome = try Runner.perform(ctx) { try runner.importPastAwards(rows, by: actor, at: ctx.clock()) }
        if ctx.json {
            ctx.printJSON(ImportJSON(recorded: outcome.recorded.map(\.line),
                                     alreadyRecorded: outcome.alreadyRecorded.map { .init(line: $0.line, message: $0.why[ctx.language]) },
                                     conflicts: outcome.conflicts.map { .init(line: $0.line, message: $0.why[ctx.language]) }))
            return .success
        }
        for (line, why) in outcome.alreadyRecorded {
            ctx.console.line("  \(path):\(line): \(why[ctx.language])")
        }
        for (line, why) in outcome.conflicts {
            ctx.console.line("  \(path):\(line): \(ctx.vi ? "KHÁC" : "CONFLICT"): \(why[ctx.language])")
        }
        let n = outcome.recorded.count, skipped = outcome.alreadyRecorded.count, conflicts = outcome.conflicts.count
        if n == 0 && conflicts == 0 {
            ctx.console.line(ctx.vi ? "Không có gì thay đổi: mọi dòng của \(path) đã có trong kho." : "No change: the store already holds every row of \(path).")
        } else {
            func count(_ k: Int, _ one: String, _ many: String) -> String { "\(k) \(k == 1 ? one : many)" }
            ctx.console.line(ctx.vi ? "Đã ghi \(n) khen thưởng từ \(path) vào lịch sử; \(skipped) dòng đã có, \(conflicts) dòng khác với bản đã ghi (không ghi đè)."
                                    : "Recorded \(count(n, "award", "awards")) from \(path) into the history; \(count(skipped, "row", "rows")) already held, \(count(conflicts, "row", "rows")) differing from what is recorded (not overwritten).")
        }
        return .success
    }

    static let show = Command(
        path: ["history", "show"], synopsis: "ID",
        summary: .init(vi: "lịch sử khen thưởng của một người hoặc tập thể trong kho (quyết định, đã nhập, đã thu hồi)",
                       en: "a person's or collective's award history in the store (decided, imported, revoked)"),
        help: .init(vi: "Điều kiện (dossier submit) tính các dòng “có”; khen thưởng đã thu hồi vẫn được liệt kê nhưng không tính.",
                    en: "Eligibility (dossier submit) counts the rows marked “yes”; a revoked award is listed but not counted.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã người hoặc tập thể", en: "a person's or collective's id"))
        try args.finish()
        let runner = try Runner.make(ctx)
        let entries = try Runner.perform(ctx) { try runner.history(of: id.nfc) }
        let awards = runner.definitions.awards
        func source(_ e: HistoryEntry) -> String {
            switch e.source {
            case .decided(let d, let state): ctx.vi ? "hồ sơ \(d) (\(state.vi))" : "dossier \(d) (\(state.en))"
            case .revoked(let d, let state): ctx.vi ? "hồ sơ \(d) (\(state.vi))" : "dossier \(d) (\(state.en))"
            case .imported(let seq, let file): ctx.vi ? "nhập từ \(file) [sự kiện #\(seq)]" : "imported from \(file) [event #\(seq)]"
            }
        }
        if ctx.json {
            ctx.printJSON(entries.map { e in
                EntryJSON(award: e.award.award, year: e.award.year, level: e.award.level, decision: e.award.decisionNumber,
                          decisionDate: e.award.decisionDate?.description, counts: e.counts, source: source(e))
            })
            return .success
        }
        guard !entries.isEmpty else {
            ctx.console.line(ctx.vi ? "Kho chưa có khen thưởng nào của \(id)." : "The store holds no award of \(id).")
            return .success
        }
        let header = ctx.vi ? ["Năm", "Danh hiệu / hình thức", "Cấp", "Quyết định", "Tính", "Nguồn"]
                            : ["Year", "Award", "Level", "Decision", "Counts", "Source"]
        let rows = entries.sorted { ($0.award.year, $0.award.award) < ($1.award.year, $1.award.award) }.map { e in
            let name = awards.award(e.award.award)?.name[ctx.language] ?? e.award.award
            let decision = [e.award.decisionNumber, e.award.decisionDate?.formatted(ctx.language)].compactMap { $0 }.joined(separator: ", ")
            let counts = e.counts ? (ctx.vi ? "có" : "yes") : (ctx.vi ? "không (đã thu hồi)" : "no (revoked)")
            return ["\(e.award.year)", name, e.award.level ?? "", decision, counts, source(e)]
        }
        ctx.console.line(TextTable.render(header: header, rows: rows))
        return .success
    }

    struct ImportJSON: Encodable {
        struct Line: Encodable {
            var line: Int
            var message: String
        }
        var recorded: [Int]
        var alreadyRecorded: [Line]
        var conflicts: [Line]
    }

    struct EntryJSON: Encodable {
        var award: String
        var year: Int
        var level: String?
        var decision: String?
        var decisionDate: String?
        var counts: Bool
        var source: String
    }
}
