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
            Dòng đã có hồ sơ (cùng người, danh hiệu, năm, đơn vị đề nghị; chưa rút, chưa bị từ chối) được bỏ qua và liệt kê: nhập lại cùng tệp không lập thêm gì.
            Ví dụ: khenthuong --as union_officer@CDCS-DHBK:le.c dossier import binh-xet-2025.csv
            """,
            en: """
            Columns (with a header): award, year, nominee_id, nominee_name, addressee; optional: id, collective (1/0), due, documents (separated by ;).
            Every row is checked before anything is written; one bad row writes nothing and names its line and column.
            A row that already has a dossier (same nominee, award, year and proposer; not withdrawn or rejected) is skipped and listed: importing the same file again opens nothing.
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
        let (fresh, covered) = try Runner.perform(ctx) { try runner.withoutDuplicates(batch) }
        var created: [Dossier] = []
        if !fresh.isEmpty {
            let progress = Progress(console: ctx.console, label: ctx.vi ? "nhập" : "importing", enabled: !ctx.json)
            created = try Runner.perform(ctx) { try runner.create(batch: fresh, by: actor, at: ctx.clock(), progress: progress.update) }
            progress.finish()
        }
        if ctx.json {
            ctx.printJSON(ImportJSON(imported: created.count, alreadyOpen: covered.map { .init(row: $0.row, dossier: $0.dossier.id) }))
            return .success
        }
        for (row, earlier) in covered {
            ctx.console.line(ctx.vi ? "  dòng \(row): đã có hồ sơ \(earlier.id) (\(earlier.nominee.id), \(earlier.awardID) \(earlier.year)); không lập lại"
                                    : "  row \(row): dossier \(earlier.id) already exists (\(earlier.nominee.id), \(earlier.awardID) \(earlier.year)); not opened again")
        }
        if created.isEmpty {
            ctx.console.line(ctx.vi ? "Không có gì thay đổi: mọi dòng của \(path) đã có hồ sơ." : "No change: every row of \(path) already has a dossier.")
        } else {
            ctx.console.line(ctx.vi ? "Đã lập \(created.count) hồ sơ từ \(path)." : "Opened \(created.count) dossiers from \(path).")
        }
        return .success
    }

    struct ImportJSON: Encodable {
        struct Covered: Encodable {
            var row: Int
            var dossier: String
        }
        var imported: Int
        var alreadyOpen: [Covered]
    }
}
