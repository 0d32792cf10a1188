import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// How a streamed read of a nominee file ended.
package enum NomineeStreamEnd: Sendable {
    /// The file was read to its end (or to `maxFindings`): its findings, empty when every
    /// nominee was handed on.
    case read([LintFinding])
    /// The file is good only as a whole (a nominee's CSV rows are not all together, or the JSON
    /// is laid out otherwise than `{"nominees": [{…}, …]}`): what was handed on must be thrown
    /// away and the file read whole (``NomineeCSVLoader/load(path:maxFindings:)``,
    /// ``NomineeLoader/load(path:)``).
    case whole
}

extension NomineeCSVLoader {
    /// Reads `path` as ``load(path:maxFindings:)`` does — the same checks, the same findings in
    /// the same order, the nominees in the same order — handing `body` the nominees `chunk` at a
    /// time while no row was bad, so memory stays bounded by a chunk (and the ids read, to see
    /// that a nominee's rows are together).
    ///
    /// A nominee is complete when a row of another id follows its rows. When its id comes back
    /// later (the profile allows a nominee's rows anywhere), the read stops with
    /// ``NomineeStreamEnd/whole``: the file must then be read whole.
    /// - Parameter progress: the bytes read so far.
    package static func stream(path: String, chunk: Int, maxFindings: Int = 100, progress: @escaping (Int64) -> Void = { _ in },
                               _ body: ([NomineeFacts]) -> Void) -> NomineeStreamEnd {
        var findings: [LintFinding] = []
        var index: [String: Int] = [:]
        var finished = Set<String>()
        // The nominee whose rows are being read, and its draft once a good row made one (as
        // `drafts[id]` of the whole read).
        var currentID: String?
        var current: Draft?
        var batch: [NomineeFacts] = []
        var together = true
        func close() {
            if let id = currentID {
                finished.insert(id)
                if let draft = current, findings.isEmpty {
                    batch.append(build(id, draft))
                    if batch.count >= max(1, chunk) {
                        body(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            currentID = nil
            current = nil
        }
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path) } catch { return .read([error.finding]) }
        defer { input.close() }
        var reader = CSVReader(path: input.path)
        reader.onChunk = progress
        do {
            try reader.forEach { r in
                let fields = (0..<r.count).map { CSVWriter.restored(r.string($0)).nfc }
                if index.isEmpty {
                    findings += header(fields, file: path, line: r.line, into: &index)
                    return findings.isEmpty
                }
                var cells = NomineeCSVCells(file: path, line: r.line, index: index, fields: fields)
                if shaped(&cells) {
                    let id = cells.text("id")
                    if !id.isEmpty && id != currentID {
                        if finished.contains(id) {
                            together = false
                            return false
                        }
                        close()
                        currentID = id
                    }
                    var draft = (id.isEmpty ? nil : current) ?? Draft()
                    row(&cells, into: &draft)
                    if cells.findings.isEmpty, !id.isEmpty { current = draft }
                }
                findings += cells.findings
                return findings.count < maxFindings
            }
        } catch {
            findings.append(CSVReader.finding(for: error, file: path))
        }
        guard together else { return .whole }
        if index.isEmpty && findings.isEmpty {
            findings.append(LintFinding(kind: .invalidDefinition, file: path, location: .init(path: "header", position: .init(line: 1, column: 1)),
                                        message: .init(vi: "tệp rỗng: cần dòng tiêu đề", en: "the file is empty: a header row is needed")))
        }
        close()
        if findings.isEmpty && !batch.isEmpty { body(batch) }
        return .read(Array(findings.prefix(maxFindings)))
    }
}
