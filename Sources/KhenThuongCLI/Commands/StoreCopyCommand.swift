import Foundation
import KhenThuongCore
import KhenThuongStore

/// `store copy FROM TO`: a whole store into an empty one, SQLite ↔ PostgreSQL.
enum StoreCopyCommand {
    static let command = Command(
        path: ["store", "copy"], synopsis: "FROM TO",
        summary: .init(vi: "sao chép cả kho sang một kho trống (tệp SQLite ↔ PostgreSQL), giữ nguyên mọi mã băm và chữ ký",
                       en: "copy a whole store into an empty one (SQLite file ↔ PostgreSQL), keeping every hash and signature"),
        help: .init(vi: """
                    FROM, TO: đường dẫn tệp SQLite hoặc postgresql://người_dùng@máy/csdl (mật khẩu trong ~/.pgpass hoặc PGPASSWORD).
                    Kho đích phải trống (tệp mới, hoặc cơ sở dữ liệu chưa chạy init); cả kho được ghi trong một giao dịch:
                    hoặc đủ cả, hoặc không có gì. Sự kiện, chữ ký, bảng hồ sơ và mã kho được chép nguyên văn, nên
                    `verify` trên kho đích cho cùng mã băm cuối.
                    Ví dụ: khenthuong store copy ldld-hanoi.sqlite postgresql://ldld@db.ldld.vn/khenthuong
                    """,
                    en: """
                    FROM, TO: an SQLite file path or postgresql://user@host/db (the password in ~/.pgpass or PGPASSWORD).
                    The destination must be empty (a new file, or a database where init has not run); the whole store
                    is written in one transaction: all of it or nothing. Events, signatures, the dossier table and the
                    store id are copied verbatim, so `verify` on the destination gives the same head hash.
                    Example: khenthuong store copy ldld-hanoi.sqlite postgresql://ldld@db.ldld.vn/khenthuong
                    """)
    ) { args, ctx throws(CLIError) in
        let from = try args.requiredPositional(.init(vi: "kho nguồn FROM", en: "the source store FROM"))
        let to = try args.requiredPositional(.init(vi: "kho đích TO", en: "the destination store TO"))
        try args.finish()
        let source = try open(from, create: false, ctx)
        let createdFile = !PostgresEventLog.isLocation(to) && !FileManager.default.fileExists(atPath: to)
        let destination = try open(to, create: true, ctx)
        let progress = Progress(console: ctx.console, label: ctx.vi ? "sao chép" : "copying", enabled: !ctx.json)
        let summary: StoreCopy.Summary
        do {
            summary = try StoreCopy.copy(from: source, to: destination, progress: progress.update)
        } catch {
            progress.finish()
            if createdFile {
                // The file this command made holds nothing: leave no empty store behind.
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: to + suffix) }
            }
            throw CLIError.from(error, language: ctx.language)
        }
        progress.finish()
        if ctx.json {
            ctx.printJSON(["from": from, "to": to, "events": "\(summary.events)", "commits": "\(summary.commits)",
                           "dossiers": "\(summary.dossiers)", "head": summary.headHash ?? ""])
        } else {
            ctx.console.line(ctx.vi ? "Đã sao chép \(summary.events) sự kiện, \(summary.commits) lần ghi có chữ ký, \(summary.dossiers) hồ sơ từ \(from) sang \(to)."
                                    : "Copied \(summary.events) events, \(summary.commits) signed commits, \(summary.dossiers) dossiers from \(from) to \(to).")
            ctx.console.line(ctx.vi ? "Mã băm cuối (như kho nguồn): \(summary.headHash ?? "—")" : "Head hash (as in the source): \(summary.headHash ?? "—")")
        }
        return .success
    }

    /// The store at `location` (a file must exist unless `create`).
    static func open(_ location: String, create: Bool, _ ctx: Context) throws(CLIError) -> any EventLog {
        if !create && !PostgresEventLog.isLocation(location) && !FileManager.default.fileExists(atPath: location) {
            throw CLIError(.init(vi: "không có kho dữ liệu tại \(location)", en: "there is no store at \(location)"),
                           fix: .init(vi: "kiểm tra đường dẫn kho nguồn", en: "check the source store's path"), exit: .dataError)
        }
        do {
            return try Context.openLog(location, create: create, busyTimeoutMilliseconds: ctx.busyTimeoutMilliseconds)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }
}
