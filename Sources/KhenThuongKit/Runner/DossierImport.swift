import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Reads a list of dossiers to open from CSV (one row each), as a grassroots union sends
/// the result of its review. The whole file is checked before anything is written.
///
/// Columns (header required, any order; UTF-8, `,` separated, RFC 4180 quoting):
/// `award, year, nominee_id, nominee_name, addressee` and optionally `id`, `collective`
/// (`1`/`0`), `due` (YYYY-MM-DD or DD/MM/YYYY), `documents` (ids separated by `;`).
public enum DossierImport {
    /// A bad cell: line, column and what is wrong.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var column: String
        public var message: LocalizedText
    }

    /// Every dossier of the file, proposed by `proposerUnit`.
    /// - Throws: `Problem` at the first bad cell (line and column named), or a CSV syntax error.
    public static func read(path: String, proposerUnit: String) throws -> [NewDossier] {
        var out: [NewDossier] = []
        var columns: [String: Int] = [:]
        var headerCount = 0
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path) } catch {
            throw Problem(line: error.line, column: "byte \(error.offset)", message: error.message)
        }
        defer { input.close() }
        try CSVReader(path: input.path).forEach { r in
            if columns.isEmpty {
                headerCount = r.count
                for i in 0..<r.count { columns[r.string(i).trimmingCharacters(in: .whitespaces).lowercased()] = i }
                for c in ["award", "year", "nominee_id", "nominee_name", "addressee"] where columns[c] == nil {
                    throw Problem(line: r.line, column: c, message: .init(vi: "thiếu cột “\(c)” trong dòng tiêu đề", en: "the header has no column “\(c)”"))
                }
                return true
            }
            // A short row is refused, not padded: a lost separator shifts every later cell (issue 16 item 20).
            if r.count < headerCount {
                let missing = columns.first { $0.value == r.count }?.key ?? "\(r.count + 1)"
                throw Problem(line: r.line, column: missing,
                              message: .init(vi: "dòng chỉ có \(r.count) trường, tiêu đề có \(headerCount) cột; thêm các dấu phẩy còn thiếu (ô rỗng vẫn cần dấu phẩy)",
                                             en: "the row has only \(r.count) fields but the header \(headerCount) columns; add the missing commas (an empty cell still needs its comma)"))
            }
            if r.count > headerCount {
                throw Problem(line: r.line, column: "\(headerCount + 1)",
                              message: .init(vi: "dòng có \(r.count) trường, tiêu đề chỉ có \(headerCount) cột; hãy kiểm tra dấu phẩy và dấu ngoặc kép",
                                             en: "the row has \(r.count) fields but the header only \(headerCount) columns; check commas and quotes"))
            }
            func cell(_ name: String) -> String {
                guard let i = columns[name], i < r.count else { return "" }
                return CSVWriter.restored(r.string(i).trimmingCharacters(in: .whitespaces)).nfc
            }
            func required(_ name: String) throws -> String {
                let v = cell(name)
                if v.isEmpty { throw Problem(line: r.line, column: name, message: .init(vi: "ô “\(name)” đang trống", en: "the cell “\(name)” is empty")) }
                return v
            }
            let yearText = try required("year")
            guard let year = Int(yearText) else {
                throw Problem(line: r.line, column: "year", message: .init(vi: "năm “\(yearText)” không phải số nguyên", en: "the year “\(yearText)” is not an integer"))
            }
            var due: CivilDate?
            let dueText = cell("due")
            if !dueText.isEmpty {
                do throws(DateError) { due = try CivilDate(parsing: dueText) } catch {
                    throw Problem(line: r.line, column: "due", message: .init(vi: error.message(.vi), en: error.message(.en)))
                }
            }
            let collective = cell("collective")
            guard ["", "0", "1"].contains(collective) else {
                throw Problem(line: r.line, column: "collective", message: .init(vi: "“collective” phải là 1 hoặc 0", en: "“collective” must be 1 or 0"))
            }
            let id = cell("id")
            out.append(NewDossier(id: id.isEmpty ? nil : id, awardID: try required("award"), year: year,
                                  nominee: Nominee(id: try required("nominee_id"), name: try required("nominee_name"),
                                                   kind: collective == "1" ? .collective : .individual),
                                  proposerUnit: proposerUnit, addresseeUnit: try required("addressee"),
                                  documents: cell("documents").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                  dueDate: due))
            return true
        }
        return out
    }
}

extension DossierRunner {
    /// Splits `batch` into the rows to open and those that an earlier dossier already covers
    /// (same nominee, award, year and proposer, not withdrawn or not approved): importing the
    /// same file twice opens nothing the second time.
    /// - Returns: the new rows, and each covered row's number (from 1) with the earlier dossier.
    public func withoutDuplicates(_ batch: [NewDossier]) throws -> (new: [NewDossier], covered: [(row: Int, dossier: Dossier)]) {
        var new: [NewDossier] = [], covered: [(row: Int, dossier: Dossier)] = []
        for (i, row) in batch.enumerated() {
            if let earlier = try duplicate(of: row) { covered.append((i + 1, earlier)) } else { new.append(row) }
        }
        return (new, covered)
    }

    /// Opens every dossier of `batch` in one transaction: all of them, or none. A row that
    /// repeats another row, or an earlier dossier that is not closed (``duplicate(of:in:)``),
    /// is refused.
    /// - Parameter progress: called with (done, total) as rows are written.
    /// - Throws: the first problem (row number in the batch named); nothing is written then.
    @discardableResult
    public func create(batch: [NewDossier], by actor: Actor, at time: Date,
                       progress: ((Int64, Int64) -> Void)? = nil) throws -> [Dossier] {
        var checked: [(NewDossier, AwardDefinition, Workflow)] = []
        for (i, new) in batch.enumerated() {
            guard let award = definitions.awards.award(new.awardID), let wf = definitions.workflows[award.workflow] else {
                throw RunnerError.creationRefused(.init(vi: "dòng \(i + 1): " + RunnerError.unknownAward(new.awardID, known: definitions.awards.awards.map(\.id)).message(.vi),
                                                        en: "row \(i + 1): " + RunnerError.unknownAward(new.awardID, known: definitions.awards.awards.map(\.id)).message(.en)))
            }
            do { try Self.checkCreation(new, award: award, workflow: wf, actor: actor) } catch let e as RunnerError {
                throw RunnerError.creationRefused(.init(vi: "dòng \(i + 1): \(e.message(.vi))", en: "row \(i + 1): \(e.message(.en))"))
            }
            checked.append((new, award, wf))
        }
        var firstRow: [DuplicateKey: Int] = [:]
        for (i, new) in batch.enumerated() {
            if let first = firstRow.updateValue(i, forKey: DuplicateKey(new)) {
                let award = awardName(new.awardID)
                throw RunnerError.oneAward(.init(vi: "dòng \(i + 1) trùng dòng \(first + 1): cùng người được đề nghị \(new.nominee.name) (\(new.nominee.id)), danh hiệu \(award.vi), năm \(new.year); bỏ một dòng",
                                                 en: "row \(i + 1) repeats row \(first + 1): the same nominee \(new.nominee.name) (\(new.nominee.id)), award \(award.en) and year \(new.year); remove one of them"))
            }
        }
        return try store.write { tx in
            for (i, new) in batch.enumerated() {
                do { try refuseDuplicate(of: new, in: tx.store) } catch RunnerError.oneAward(let text) {
                    throw RunnerError.oneAward(.init(vi: "dòng \(i + 1): \(text.vi)", en: "row \(i + 1): \(text.en)"))
                }
            }
            var base = try tx.dossierCount()
            var out: [Dossier] = []
            out.reserveCapacity(checked.count)
            for (i, (new, award, wf)) in checked.enumerated() {
                base += 1
                let id = try new.id ?? Self.newID(unit: new.proposerUnit, year: new.year, after: base - 1, in: tx)
                let d = Dossier(id: id, workflowID: wf.id, workflowVersion: wf.version, awardID: award.id, year: new.year,
                                nominee: new.nominee, proposerUnit: new.proposerUnit, addresseeUnit: new.addresseeUnit,
                                initialState: wf.initialState, documents: new.documents, dueDate: new.dueDate, createdAt: time)
                _ = try tx.append(created: d, actor: actor, at: time, reason: nil)
                out.append(d)
                if i % 1000 == 999 { progress?(Int64(i + 1), Int64(checked.count)) }
            }
            progress?(Int64(checked.count), Int64(checked.count))
            return out
        }
    }
}

/// What makes two dossiers the same proposal: nominee, award, year and proposing unit.
struct DuplicateKey: Hashable {
    var nominee: String, award: String, year: Int, proposer: String

    init(_ new: NewDossier) {
        nominee = new.nominee.id
        award = new.awardID
        year = new.year
        proposer = new.proposerUnit
    }
}
