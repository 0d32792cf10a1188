import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `dossier import FILE.csv`: opens many dossiers in one transaction (all or none).
enum DossierImportCommand {
    static let command = Command(
        path: ["dossier", "import"], synopsis: "FILE.csv",
        summary: .init(vi: "lập nhiều hồ sơ từ tệp CSV trong một lần ghi (tất cả hoặc không gì)", en: "open many dossiers from a CSV file in one write (all or nothing)"),
        help: .init(
            vi: """
            Cột (có dòng tiêu đề): award, year, nominee_id, nominee_name, addressee; tuỳ chọn: id, collective (1/0), due, documents (ngăn bằng ;).
            Mọi dòng được kiểm tra trước khi ghi; một dòng sai thì không ghi gì và báo dòng, cột.
            Ví dụ: khenthuong --as union_officer@CDCS-DHBK:le.c dossier import binh-xet-2025.csv
            """,
            en: """
            Columns (with a header): award, year, nominee_id, nominee_name, addressee; optional: id, collective (1/0), due, documents (separated by ;).
            Every row is checked before anything is written; one bad row writes nothing and names its line and column.
            """)
    ) { args, ctx throws(CLIError) in
        let path = try args.requiredPositional(.init(vi: "đường dẫn tệp CSV", en: "the CSV file path"))
        try args.finish()
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx)
        let batch: [NewDossier]
        do {
            batch = try DossierImport.read(path: path, proposerUnit: actor.unit)
        } catch {
            throw CLIError.from(error, language: ctx.language, input: path)
        }
        for addressee in Set(batch.map(\.addresseeUnit)).sorted() {
            try ctx.requireDirectoryUnit(addressee, at: "\(path): addressee")
        }
        let progress = Progress(console: ctx.console, label: ctx.vi ? "nhập" : "importing", enabled: !ctx.json)
        let created = try Runner.perform(ctx) { try runner.create(batch: batch, by: actor, at: ctx.clock(), progress: progress.update) }
        progress.finish()
        if ctx.json {
            ctx.printJSON(["imported": created.count])
        } else {
            ctx.console.line(ctx.vi ? "Đã lập \(created.count) hồ sơ từ \(path)." : "Opened \(created.count) dossiers from \(path).")
        }
        return .success
    }
}
