import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// An award received before the tool was used, or decided by another level (UBND tỉnh, Thủ
/// tướng…): `past_award`, subject `history:<nominee id>`. Imported with `history import`; the
/// eligibility guard reads it as part of the nominee's history (docs/registry.md).
public struct PastAward: StoreRecord, Sendable, Equatable {
    package static let kind = "past_award"
    public var nominee: Nominee
    /// The award id in `workflows/awards.json`.
    public var award: String
    /// The achievement year it was given for.
    public var year: Int
    public var decisionNumber: String
    public var decisionDate: CivilDate
    /// The deciding level as the decision names it (`LĐLĐ tỉnh`, `UBND tỉnh`, `Thủ tướng`…).
    public var level: String
    /// The achievement period the decision states, when given.
    public var periodFrom: CivilDate?
    public var periodTo: CivilDate?
    /// Khen thưởng đột xuất / chuyên đề: never a stepping stone (NĐ 98/2023 Điều 4).
    public var adHoc: Bool
    public var thematic: Bool
    /// The file it was imported from.
    public var source: String

    public init(nominee: Nominee, award: String, year: Int, decisionNumber: String, decisionDate: CivilDate, level: String,
                periodFrom: CivilDate? = nil, periodTo: CivilDate? = nil, adHoc: Bool = false, thematic: Bool = false, source: String) {
        self.nominee = Nominee(id: nominee.id.nfc, name: nominee.name.nfc, kind: nominee.kind)
        self.award = award
        self.year = year
        self.decisionNumber = decisionNumber.nfc
        self.decisionDate = decisionDate
        self.level = level.nfc
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.adHoc = adHoc
        self.thematic = thematic
        self.source = source.nfc
    }

    /// The award as eligibility reads it.
    public var received: ReceivedAward {
        ReceivedAward(award: award, year: year, level: level, decisionNumber: decisionNumber, decisionDate: decisionDate,
                      periodFrom: periodFrom, periodTo: periodTo, adHoc: adHoc, thematic: thematic)
    }

    /// The fields (by CSV column name) whose values differ from `other`'s for the same nominee,
    /// award and year; the name and the source file do not count, nor a period or flags this
    /// award leaves empty (not given is not a different value).
    public func differences(from other: PastAward) -> [(column: String, recorded: String, given: String)] {
        func text(_ d: CivilDate?) -> String { d?.description ?? "" }
        let pairs: [(String, String, String)] = [
            ("kind", other.nominee.kind.rawValue, nominee.kind.rawValue),
            ("decision", other.decisionNumber, decisionNumber),
            ("decision_date", other.decisionDate.description, decisionDate.description),
            ("level", other.level, level),
            ("period", PastAwardImport.periodText(other.periodFrom, other.periodTo), PastAwardImport.periodText(periodFrom, periodTo)),
            ("flags", PastAwardImport.flagsText(other.adHoc, other.thematic), PastAwardImport.flagsText(adHoc, thematic)),
        ]
        return pairs.filter { $0.1 != $0.2 && !(["period", "flags"].contains($0.0) && $0.2.isEmpty) }.map { (column: $0.0, recorded: $0.1, given: $0.2) }
    }

    package var subject: RecordSubject { .history(nominee.id) }

    package var payload: JSONValue {
        .fields([
            "nomineeID": .string(nominee.id), "nomineeName": .string(nominee.name), "nomineeKind": .string(nominee.kind.rawValue),
            "award": .string(award), "year": .int(year), "decision": .string(decisionNumber), "decisionDate": .string(decisionDate.description),
            "level": .string(level), "periodFrom": .optional(periodFrom?.description), "periodTo": .optional(periodTo?.description),
            "adHoc": .bool(adHoc), "thematic": .bool(thematic), "source": .string(source),
        ])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let id = try p.nonEmptyString("nomineeID")
        guard id == (try p.subject.historyID()) else { throw p.fail("nomineeID", "“\(id)” is not the subject’s nominee") }
        let from = try p.optionalString("periodFrom"), to = try p.optionalString("periodTo")
        func date(_ key: String, _ text: String?) throws(RecordDecodingError) -> CivilDate? {
            guard let text else { return nil }
            guard let d = try? CivilDate(parsing: text) else { throw p.fail(key, "“\(text)” is not a YYYY-MM-DD date") }
            return d
        }
        self.init(nominee: Nominee(id: id, name: try p.nonEmptyString("nomineeName"), kind: try p.oneOf("nomineeKind", Nominee.Kind.self)),
                  award: try p.nonEmptyString("award"), year: try p.int("year"), decisionNumber: try p.nonEmptyString("decision"),
                  decisionDate: try p.date("decisionDate"), level: try p.nonEmptyString("level"),
                  periodFrom: try date("periodFrom", from), periodTo: try date("periodTo", to),
                  adHoc: try p.bool("adHoc"), thematic: try p.bool("thematic"), source: try p.string("source"))
    }
}

/// Reads past awards from CSV (one award a row). The whole file is checked before anything
/// is written; a bad cell is named by line, column number and column name.
///
/// Columns (header required, any order; UTF-8 or `--encoding`, `,` separated, RFC 4180 quoting):
/// `id, name, award, year, decision, decision_date, level`, optionally `kind` (`individual` —
/// the default — or `collective`), `period` (`YYYY-MM-DD/YYYY-MM-DD`, the achievement period the
/// decision states) and `flags` (`adhoc`, `thematic`, `adhoc+thematic` or empty).
public enum PastAwardImport {
    /// A bad cell: line, column (number from 1, and name) and what is wrong.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var name: String
        public var message: LocalizedText
    }

    /// One row read, with its line.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var award: PastAward
    }

    static let requiredColumns = ["id", "name", "award", "year", "decision", "decision_date", "level"]
    static let optionalColumns = ["kind", "period", "flags"]

    static func periodText(_ from: CivilDate?, _ to: CivilDate?) -> String {
        from == nil && to == nil ? "" : "\(from?.description ?? "")/\(to?.description ?? "")"
    }

    static func flagsText(_ adHoc: Bool, _ thematic: Bool) -> String {
        [adHoc ? "adhoc" : nil, thematic ? "thematic" : nil].compactMap { $0 }.joined(separator: "+")
    }

    /// One decision for every row (`history import --decision N --decision-date D --level L`):
    /// the annex of a decision with many recipients, its number, date and level written once.
    public struct Decision: Sendable, Equatable {
        public var number: String
        public var date: CivilDate
        public var level: String
        public init(number: String, date: CivilDate, level: String) {
            self.number = number.nfc
            self.date = date
            self.level = level.nfc
        }
    }

    /// Every row of the file. `awards` are the award ids of the catalogue (an unknown id is a bad cell).
    /// With `decision`, the columns `decision`, `decision_date` and `level` may be left out or
    /// empty (the decision's values are used); a cell that gives another value is a bad cell.
    /// - Throws: `Problem` at the first bad cell, or `CSVReader.SyntaxError`.
    public static func read(path: String, awards: [String], decision annex: Decision? = nil) throws -> [Row] {
        let known = Set(awards)
        let given = annex.map { ["decision": $0.number, "decision_date": $0.date.description, "level": $0.level] } ?? [:]
        var out: [Row] = []
        var columns: [String: Int] = [:]
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path) } catch {
            throw Problem(line: error.line, column: error.column, name: "", message: error.message)
        }
        defer { input.close() }
        try CSVReader(path: input.path).forEach { r in
            if columns.isEmpty {
                for i in 0..<r.count {
                    let name = r.string(i).trimmingCharacters(in: .whitespaces).lowercased()
                    guard requiredColumns.contains(name) || optionalColumns.contains(name) else {
                        throw Problem(line: r.line, column: i + 1, name: name, message: .init(
                            vi: "cột “\(name)” không có trong định dạng; các cột: \((requiredColumns + optionalColumns).joined(separator: ", "))",
                            en: "the column “\(name)” is not part of the format; the columns are: \((requiredColumns + optionalColumns).joined(separator: ", "))"))
                    }
                    if columns.updateValue(i, forKey: name) != nil {
                        throw Problem(line: r.line, column: i + 1, name: name, message: .init(vi: "cột “\(name)” lặp lại", en: "the column “\(name)” is repeated"))
                    }
                }
                for c in requiredColumns where columns[c] == nil && given[c] == nil {
                    throw Problem(line: r.line, column: 1, name: c, message: .init(vi: "thiếu cột “\(c)” trong dòng tiêu đề", en: "the header has no column “\(c)”"))
                }
                return true
            }
            func bad(_ name: String, vi: String, en: String) -> Problem {
                Problem(line: r.line, column: (columns[name] ?? 0) + 1, name: name, message: .init(vi: vi, en: en))
            }
            func cell(_ name: String) -> String {
                guard let i = columns[name], i < r.count else { return "" }
                return CSVWriter.restored(r.string(i).trimmingCharacters(in: .whitespaces)).nfc
            }
            func required(_ name: String) throws -> String {
                let v = cell(name)
                if v.isEmpty { throw bad(name, vi: "ô “\(name)” đang trống", en: "the cell “\(name)” is empty") }
                return v
            }
            func date(_ name: String, _ text: String) throws -> CivilDate {
                do throws(DateError) { return try CivilDate(parsing: text) } catch {
                    throw bad(name, vi: error.message(.vi), en: error.message(.en))
                }
            }
            let id = try required("id"), name = try required("name"), award = try required("award")
            guard known.contains(award) else {
                throw bad("award", vi: "danh hiệu “\(award)” không có trong workflows/awards.json; dùng mã trong danh mục (khenthuong rules list)",
                          en: "the award “\(award)” is not in workflows/awards.json; use an id of the catalogue (khenthuong rules list)")
            }
            let yearText = try required("year")
            guard let year = Int(yearText), (1945...2200).contains(year) else {
                throw bad("year", vi: "năm “\(yearText)” không phải năm hợp lệ", en: "the year “\(yearText)” is not a valid year")
            }
            /// The decision's value (`--decision` …) unless the cell gives one; then they must agree.
            func fromDecision(_ name: String, same: (String) throws -> Bool) throws -> String? {
                guard let value = given[name] else { return nil }
                let v = cell(name)
                if !v.isEmpty, try !same(v) {
                    throw bad(name, vi: "ô “\(name)” ghi “\(v)” nhưng quyết định đưa vào là “\(value)”; để trống ô hoặc bỏ tuỳ chọn",
                              en: "the cell “\(name)” reads “\(v)” but the decision given is “\(value)”; leave the cell empty or drop the option")
                }
                return value
            }
            let decision = try fromDecision("decision") { $0 == annex?.number } ?? required("decision")
            let decisionDate = try annex.flatMap { a in try fromDecision("decision_date") { try date("decision_date", $0) == a.date }.map { _ in a.date } }
                ?? date("decision_date", try required("decision_date"))
            let level = try fromDecision("level") { $0 == annex?.level } ?? required("level")
            let kindText = cell("kind")
            guard let kind = kindText.isEmpty ? .individual : Nominee.Kind(rawValue: kindText) else {
                throw bad("kind", vi: "“kind” phải là individual hoặc collective, không phải “\(kindText)”",
                          en: "“kind” must be individual or collective, not “\(kindText)”")
            }
            var from: CivilDate?, to: CivilDate?
            let period = cell("period")
            if !period.isEmpty {
                let parts = period.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else {
                    throw bad("period", vi: "thời kỳ “\(period)” phải có dạng TỪ/ĐẾN, ví dụ 2024-01-01/2024-12-31",
                              en: "the period “\(period)” must read FROM/TO, e.g. 2024-01-01/2024-12-31")
                }
                from = try date("period", parts[0])
                to = try date("period", parts[1])
                if let f = from, let t = to, t < f {
                    throw bad("period", vi: "thời kỳ “\(period)” kết thúc trước khi bắt đầu", en: "the period “\(period)” ends before it starts")
                }
            }
            let flags = Set(cell("flags").split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) })
            guard flags.isSubset(of: ["adhoc", "thematic"]) else {
                throw bad("flags", vi: "“flags” phải là adhoc, thematic, adhoc+thematic hoặc rỗng, không phải “\(cell("flags"))”",
                          en: "“flags” must be adhoc, thematic, adhoc+thematic or empty, not “\(cell("flags"))”")
            }
            out.append(Row(line: r.line, award: PastAward(
                nominee: Nominee(id: id, name: name, kind: kind), award: award, year: year, decisionNumber: decision, decisionDate: decisionDate,
                level: level, periodFrom: from, periodTo: to, adHoc: flags.contains("adhoc"), thematic: flags.contains("thematic"),
                source: (path as NSString).lastPathComponent)))
            return true
        }
        return out
    }
}
