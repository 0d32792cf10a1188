import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Reads the full nominee CSV profile (``NomineeCSV``) into nominees, all or nothing: any bad
/// row makes the load fail, and every bad cell is reported with its line, column number and
/// name, and what was expected. Rows of a nominee may be anywhere in the file; nominees come
/// out in order of first appearance, each list grouped by the row (year) it was read from.
public enum NomineeCSVLoader {
    /// The identity columns, compared across a nominee's rows.
    static let identity = ["kind", "name", "unit", "proposer", "bloc", "hire_date", "appointed_date", "continuous_service", "leader", "education", "union_member"]

    /// A nominee being gathered from its rows.
    struct Draft {
        var raw: [String: (text: String, line: Int)] = [:]
        var years: [Int: YearRecord] = [:]
        var collectiveYears: [Int: CollectiveYear] = [:]
        var yearLines: [Int: Int] = [:]
        var identityOnlyLine: Int?
        var proceedings: [PendingProceeding] = []
        var initiatives: [Initiative] = []
        var awards: [ReceivedAward] = []
    }

    /// Reads `path`.
    /// - Returns: the nominees when no row is bad, and every finding (at most `maxFindings`).
    public static func load(path: String, maxFindings: Int = 100) -> ([NomineeFacts]?, [LintFinding]) {
        var findings: [LintFinding] = []
        var index: [String: Int] = [:]
        var order: [String] = []
        var drafts: [String: Draft] = [:]
        // Another encoding or a `;`-separated file is converted first; bytes that are not text
        // are refused here, before anything is read (``CSVInput``).
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path) } catch { return (nil, [error.finding]) }
        defer { input.close() }
        do {
            try CSVReader(path: input.path).forEach { r in
                // A cell our writer neutralised (`'=…`) reads back as written.
                let fields = (0..<r.count).map { CSVWriter.restored(r.string($0)).nfc }
                if index.isEmpty {
                    findings += header(fields, file: path, line: r.line, into: &index)
                    return findings.isEmpty
                }
                var cells = NomineeCSVCells(file: path, line: r.line, index: index, fields: fields)
                if shaped(&cells) {
                    let id = cells.text("id")
                    var draft = drafts[id] ?? Draft()
                    row(&cells, into: &draft)
                    if cells.findings.isEmpty, !id.isEmpty {
                        if drafts[id] == nil { order.append(id) }
                        drafts[id] = draft
                    }
                }
                findings += cells.findings
                return findings.count < maxFindings
            }
        } catch {
            findings.append(CSVReader.finding(for: error, file: path))
        }
        if index.isEmpty && findings.isEmpty {
            findings.append(LintFinding(kind: .invalidDefinition, file: path, location: .init(path: "header", position: .init(line: 1, column: 1)),
                                        message: .init(vi: "tệp rỗng: cần dòng tiêu đề", en: "the file is empty: a header row is needed")))
        }
        guard findings.isEmpty else { return (nil, Array(findings.prefix(maxFindings))) }
        return (order.map { build($0, drafts[$0]!) }, [])
    }

    /// Whether the row has as many fields as the header has columns; if not, the finding that
    /// says so is added to `cells` (a short row is refused, not padded: a lost separator shifts
    /// every later cell).
    static func shaped(_ cells: inout NomineeCSVCells) -> Bool {
        let path = cells.file, line = cells.line, index = cells.index, fields = cells.fields
        if fields.count > index.count {
            cells.findings.append(LintFinding(kind: .invalidDefinition, file: path, location: .init(path: "row", position: .init(line: line, column: index.count + 1)),
                                              message: .init(vi: "dòng có \(fields.count) trường, tiêu đề chỉ có \(index.count) cột; hãy kiểm tra dấu phẩy và dấu ngoặc kép",
                                                             en: "the row has \(fields.count) fields but the header only \(index.count) columns; check commas and quotes")))
            return false
        }
        if fields.count < index.count {
            let missing = index.first { $0.value == fields.count }?.key ?? "row"
            cells.findings.append(LintFinding(kind: .invalidDefinition, file: path, location: .init(path: missing, position: .init(line: line, column: fields.count + 1)),
                                              message: .init(vi: "dòng chỉ có \(fields.count) trường, tiêu đề có \(index.count) cột; thêm các dấu phẩy còn thiếu (ô rỗng vẫn cần dấu phẩy)",
                                                             en: "the row has only \(fields.count) fields but the header \(index.count) columns; add the missing commas (an empty cell still needs its comma)")))
            return false
        }
        return true
    }

    /// Checks the header row and fills `index` (column name → field number).
    static func header(_ fields: [String], file: String, line: Int, into index: inout [String: Int]) -> [LintFinding] {
        var out: [LintFinding] = []
        func bad(_ column: Int, _ name: String, _ vi: String, _ en: String) {
            out.append(LintFinding(kind: .invalidDefinition, file: file, location: .init(path: name, position: .init(line: line, column: column)),
                                   message: .init(vi: vi, en: en)))
        }
        let known = Set(NomineeCSV.columns.map(\.name))
        for (i, name) in fields.enumerated() {
            if !known.contains(name) {
                bad(i + 1, name, "cột \"\(name)\" không có trong hồ sơ CSV đầy đủ; các cột: \(NomineeCSV.columns.map(\.name).joined(separator: ", "))",
                    "the column \"\(name)\" is not part of the full CSV profile; the columns are \(NomineeCSV.columns.map(\.name).joined(separator: ", "))")
            } else if index[name] != nil {
                bad(i + 1, name, "cột \"\(name)\" lặp lại", "the column \"\(name)\" appears twice")
            }
            index[name] = index[name] ?? i
        }
        for c in NomineeCSV.columns where NomineeCSV.required.contains(c.name) && index[c.name] == nil {
            bad(1, c.name, "thiếu cột bắt buộc \"\(c.name)\" (\(c.meaning)) trong dòng tiêu đề", "the required column \"\(c.name)\" is missing from the header")
        }
        if !out.isEmpty { index = [:] }
        return out
    }

    /// Reads one data row into `draft`.
    static func row(_ c: inout NomineeCSVCells, into draft: inout Draft) {
        let id = c.text("id"), kindText = c.text("kind")
        if id.isEmpty { c.bad("id", vi: "\"id\" rỗng: mỗi dòng cần mã người / tập thể", en: "\"id\" is empty: every row needs the nominee's id") }
        guard kindText == "individual" || kindText == "collective" else {
            return c.bad("kind", vi: "\"kind\" phải là individual (cá nhân) hoặc collective (tập thể), không phải \"\(kindText)\"",
                         en: "\"kind\" must be individual or collective, not \"\(kindText)\"")
        }
        let individual = kindText == "individual"
        for column in NomineeCSV.columns where column.only != nil && column.only != kindText && !c.text(column.name).isEmpty {
            c.bad(column.name, vi: "cột \"\(column.name)\" chỉ dành cho \(column.only == "individual" ? "cá nhân" : "tập thể"); hãy để trống ở dòng \(individual ? "cá nhân" : "tập thể")",
                  en: "the column \"\(column.name)\" is for \(column.only!) rows only; leave it empty on \(kindText) rows")
        }
        for name in identity { mergeIdentity(name, &c, &draft) }
        if draft.raw["name"] == nil { c.bad("name", vi: "\"name\" rỗng ở dòng đầu tiên của \(id)", en: "\"name\" is empty on the first row of \(id)") }
        if draft.raw["unit"] == nil { c.bad("unit", vi: "\"unit\" rỗng ở dòng đầu tiên của \(id)", en: "\"unit\" is empty on the first row of \(id)") }
        let yearText = c.text("year")
        if yearText.isEmpty {
            let scoped = NomineeCSV.columns.drop { $0.name != "year" }.dropFirst().map(\.name)
            if let filled = scoped.first(where: { !c.text($0).isEmpty }) {
                c.bad("year", vi: "\"year\" rỗng nhưng \"\(filled)\" có giá trị: hãy ghi năm tính thành tích", en: "\"year\" is empty but \"\(filled)\" is filled: give the achievement year")
            }
            draft.identityOnlyLine = c.line
            return
        }
        guard let year = c.int("year", yearText, 1900...2200) else { return }
        if let first = draft.yearLines[year] {
            return c.bad("year", vi: "\(id) đã có dòng cho năm \(year) (dòng \(first)); mỗi người / tập thể một dòng mỗi năm",
                         en: "\(id) already has a row for \(year) (line \(first)); one row per nominee and year")
        }
        draft.yearLines[year] = c.line
        if individual { readIndividualYear(year, &c, &draft) } else { readCollectiveYear(year, &c, &draft) }
        readProceedings(&c, &draft)
        readAwards(year, &c, &draft)
    }

    /// The first non-empty value of an identity cell wins; a different later value is an error.
    static func mergeIdentity(_ name: String, _ c: inout NomineeCSVCells, _ draft: inout Draft) {
        let text = c.text(name)
        guard !text.isEmpty else { return }
        if let first = draft.raw[name] {
            if first.text != text {
                c.bad(name, vi: "\"\(name)\" là \"\(text)\" nhưng dòng \(first.line) của cùng mã ghi \"\(first.text)\"; các dòng của một người / tập thể phải thống nhất",
                      en: "\"\(name)\" is \"\(text)\" but line \(first.line) of the same id says \"\(first.text)\"; a nominee's rows must agree")
            }
            return
        }
        switch name {
        case "hire_date", "appointed_date": _ = c.date(name, text)
        case "education": _ = c.code(name, text, as: EducationLevel.self)
        case "continuous_service", "leader", "union_member": _ = c.flag(name, empty: true)
        default: break
        }
        draft.raw[name] = (text, c.line)
    }
}
