import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `person add | correct | show | import`: the person registry (docs/registry.md).
enum PersonCommands {
    static let all: [Command] = [add, correct, show, importProfile]

    static let importProfile = Command(
        path: ["person", "import"], synopsis: "FILE.json|FILE.csv",
        summary: .init(vi: "nhập người, tập thể và dữ kiện từng năm từ tệp hồ sơ đầy đủ (JSON/CSV) vào sổ đăng ký; điều kiện đọc từ đây",
                       en: "import persons, collectives and their yearly facts from the full nominee profile (JSON/CSV) into the registry"),
        help: .init(
            vi: """
            Định dạng: docs/nominee-data.md (JSON, CSV hồ sơ đầy đủ, hoặc CSV theo năm của bộ dữ liệu đo với cột person_id).
            Mọi dòng được kiểm tra trước khi ghi; một ô sai thì không ghi gì và báo tệp:dòng:cột.
            Nhập lại cùng tệp không ghi thêm gì và báo như vậy; giá trị khác với sổ đăng ký được báo, không ghi đè.
            Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b person import nominees-2025.csv
            """,
            en: """
            Format: docs/nominee-data.md (JSON, the full CSV profile, or the benchmark's person-year CSV with a person_id column).
            Every row is checked before anything is written; one bad cell writes nothing and names file:line:column.
            Importing the same file again writes nothing and says so; a value differing from the registry is reported, never overwritten.
            """)
    ) { args, ctx throws(CLIError) in
        let path = try args.requiredPositional(.init(vi: "đường dẫn tệp", en: "the file path"))
        try args.finish()
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let source = (path as NSString).lastPathComponent
        let outcome: ProfileImportOutcome
        if EligibilityCommands.isCSV(path), NomineeCSV.profile(path: path) == .benchmark, let bulk = store as? any BulkRecordLog {
            do {
                outcome = try ProfileImport.importBenchmarkCSV(path: path, into: bulk, by: actor, at: ctx.clock())
            } catch let e as ProfileImport.FileErrors {
                throw CLIError(.init(vi: "dữ liệu trong \(path) có lỗi; chưa ghi gì", en: "the data in \(path) has errors; nothing was written"),
                               fix: .init(vi: "sửa các dòng/ô được nêu rồi nhập lại", en: "fix the rows or cells named above and import again"),
                               exit: .dataError, details: e.findings.prefix(20).map { $0.rendered(ctx.language) })
            } catch {
                throw mapped(error, ctx)
            }
        } else {
            let nominees = try EligibilityCommands.nominees(path, ctx)
            outcome = try perform(ctx) { try ProfileImport.importNominees(nominees, source: source, in: store, by: actor, at: ctx.clock()) }
        }
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "nominees": .int(outcome.nominees), "recorded": .int(outcome.recorded), "years": .int(outcome.yearsRecorded),
                "unchanged": .int(outcome.unchanged), "conflicts": .int(outcome.conflictCount),
                "conflictMessages": .list(outcome.conflicts.map { .string($0[ctx.language]) }),
            ])))
            return .success
        }
        for c in outcome.conflicts { ctx.console.line("  \(path): \(ctx.vi ? "KHÁC" : "CONFLICT"): \(c[ctx.language])") }
        if outcome.conflictCount > outcome.conflicts.count {
            ctx.console.line(ctx.vi ? "  … và \(outcome.conflictCount - outcome.conflicts.count) giá trị khác nữa" : "  … and \(outcome.conflictCount - outcome.conflicts.count) more")
        }
        if outcome.recorded == 0 && outcome.conflictCount == 0 {
            ctx.console.line(ctx.vi ? "Không có gì thay đổi: sổ đăng ký đã có mọi người, tập thể và năm của \(path)."
                                    : "No change: the registry already holds every person, collective and year of \(path).")
        } else {
            ctx.console.line(ctx.vi ? "Đã ghi \(outcome.recorded) người/tập thể (\(outcome.yearsRecorded) năm) từ \(path) vào sổ đăng ký; \(outcome.unchanged) đã có, \(outcome.conflictCount) giá trị khác với bản đã ghi (không ghi đè)."
                                    : "Recorded \(outcome.recorded) persons/collectives (\(outcome.yearsRecorded) years) from \(path) into the registry; \(outcome.unchanged) already held, \(outcome.conflictCount) values differing from what is recorded (not overwritten).")
        }
        return .success
    }

    static let add = Command(
        path: ["person", "add"], synopsis: "ID --name \"…\" [--born DATE] [--unit UNIT]",
        summary: .init(vi: "thêm một người vào sổ đăng ký (mã, họ tên, ngày sinh, đơn vị)", en: "add a person to the registry (id, name, date of birth, unit)"),
        help: .init(vi: "Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b person add NV003 --name 'Lê Thị Lan' --born 1985-04-12 --unit CDCS-DHBK",
                    en: "Example: khenthuong --as secretariat@LDLD-HN:tran.b person add NV003 --name 'Lê Thị Lan' --born 1985-04-12 --unit CDCS-DHBK")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã người", en: "a person id")).nfc
        let name = try args.required("name").nfc, born = try args.date("born"), unit = try args.value("unit")?.nfc
        try args.finish()
        try checkID(id)
        if let unit { try ctx.requireDirectoryUnit(unit, at: "--unit") }
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try perform(ctx) { try PersonRegistry.add(PersonAdded(id: id, name: name, born: born, unit: unit), in: store, by: actor, at: ctx.clock()) }
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["person": .string(id), "event": .int(event.seq)]))
                                  : ctx.vi ? "Đã thêm \(name) (\(id)) vào sổ đăng ký [sự kiện #\(event.seq)]." : "Added \(name) (\(id)) to the registry [event #\(event.seq)].")
        return .success
    }

    static let correct = Command(
        path: ["person", "correct"], synopsis: "ID [--name \"…\"] [--born DATE] [--unit UNIT] --reason \"…\"",
        summary: .init(vi: "sửa thông tin một người (ghi thêm một bản ghi, không xóa bản cũ)", en: "correct a person (a new record; the old one stays)"),
        help: .init(vi: "Đổi --unit là chuyển đơn vị: lịch sử đơn vị giữ cả đơn vị cũ.", en: "A new --unit is a move: the unit history keeps the old one.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã người", en: "a person id")).nfc
        let name = try args.value("name")?.nfc, born = try args.date("born"), unit = try args.value("unit")?.nfc
        let reason = try args.required("reason")
        try args.finish()
        if let unit { try ctx.requireDirectoryUnit(unit, at: "--unit") }
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let event = try perform(ctx) {
            try PersonRegistry.correct(PersonCorrected(id: id, name: name, born: born, unit: unit), reason: reason, in: store, by: actor, at: ctx.clock())
        }
        ctx.console.line(ctx.json ? CanonicalJSONWriter.text(.fields(["person": .string(id), "event": .int(event.seq)]))
                                  : ctx.vi ? "Đã sửa thông tin \(id) [sự kiện #\(event.seq)]." : "Corrected \(id) [event #\(event.seq)].")
        return .success
    }

    static let show = Command(
        path: ["person", "show"], synopsis: "ID",
        summary: .init(vi: "xem một người trong sổ đăng ký: thông tin, lịch sử đơn vị, khen thưởng", en: "show a person of the registry: details, unit history, awards"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã người", en: "a person id")).nfc
        try args.finish()
        let runner = try Runner.make(ctx)
        guard let person = try perform(ctx, { try PersonRegistry.person(id, in: runner.store) }) else {
            throw CLIError(.init(vi: "sổ đăng ký chưa có người mang mã \(id)", en: "the registry has no person with id \(id)"),
                           fix: .init(vi: "thêm bằng `khenthuong person add \(id) --name …`", en: "add them with `khenthuong person add \(id) --name …`"),
                           exit: .dataError)
        }
        let awards = try perform(ctx) { try runner.history(of: id) }
        if ctx.json {
            ctx.console.line(CanonicalJSONWriter.text(.fields([
                "id": .string(person.id), "name": .string(person.name), "born": .optional(person.born?.description),
                "units": .list(person.units.map { .fields(["unit": .string($0.unit), "since": .string($0.since.description)]) }),
                "events": .list(person.events.map { .int($0) }),
                "awards": .list(awards.map { .fields(["award": .string($0.award.award), "year": .int($0.award.year), "counts": .bool($0.counts)]) }),
            ])))
            return .success
        }
        let vi = ctx.vi
        ctx.console.line("\(person.name) (\(person.id))")
        if let born = person.born { ctx.console.line((vi ? "  Ngày sinh: " : "  Born: ") + born.formatted(ctx.language)) }
        unitLines(person.units.map { ($0.unit, $0.since) }, runner, ctx)
        ctx.console.line((vi ? "  Bản ghi: " : "  Records: ") + person.events.map { "#\($0)" }.joined(separator: ", "))
        let counted = awards.filter(\.counts).sorted { ($0.award.year, $0.award.award) < ($1.award.year, $1.award.award) }
        let names = counted.map { e in "\(runner.definitions.awards.award(e.award.award)?.name[ctx.language] ?? e.award.award) \(e.award.year)" }
        ctx.console.line((vi ? "  Khen thưởng: " : "  Awards: ") + (names.isEmpty ? (vi ? "chưa có" : "none") : names.joined(separator: "; ")))
        return .success
    }

    /// A registry record's unit history, one line per spell: the unit's name from the directory
    /// with its code, and the day it began.
    static func unitLines(_ spells: [(unit: String, since: CivilDate)], _ runner: DossierRunner, _ ctx: Context) {
        let unitName = UnitNames.lookup(runner.store)
        for spell in spells {
            let unit = Directory.label(spell.unit, name: unitName(spell.unit))
            ctx.console.line((ctx.vi ? "  Đơn vị: \(unit) từ " : "  Unit: \(unit) since ") + spell.since.formatted(ctx.language))
        }
    }

    static func checkID(_ id: String) throws(CLIError) {
        guard !id.contains(":"), !id.contains("/"), !id.contains(where: \.isWhitespace) else {
            throw CLIError(.init(vi: "mã người “\(id)” không được chứa “:”, “/” hay khoảng trắng", en: "the person id “\(id)” may not contain “:”, “/” or spaces"),
                           at: "ID", exit: .usage)
        }
    }

    static func perform<T>(_ ctx: Context, _ body: () throws -> T) throws(CLIError) -> T {
        do { return try body() } catch {
            throw mapped(error, ctx)
        }
    }

    static func mapped(_ error: any Error, _ ctx: Context) -> CLIError {
        if let e = error as? RegistryError { return CLIError(e.message, fix: e.fix, exit: .refused) }
        return CLIError.from(error, language: ctx.language)
    }
}
