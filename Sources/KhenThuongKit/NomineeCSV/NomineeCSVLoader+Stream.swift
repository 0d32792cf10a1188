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
    /// time while no row was bad, so memory stays bounded by a few chunks (and the ids read, to
    /// see that a nominee's rows are together).
    ///
    /// This thread splits the file into records and cuts them into batches of `chunk` whole
    /// nominees (a nominee is complete when a row of another id follows its rows); the batches'
    /// cells are read on `threads` threads (a nominee's rows are checked against each other
    /// only, so batches are independent) and handed on in file order. When an id comes back
    /// later (the profile allows a nominee's rows anywhere), the read stops with
    /// ``NomineeStreamEnd/whole``: the file must then be read whole.
    /// - Parameter progress: the bytes read so far.
    package static func stream(path: String, chunk: Int, maxFindings: Int = 100, threads: Int = 2, progress: @escaping (Int64) -> Void = { _ in },
                               _ body: ([NomineeFacts]) -> Void) -> NomineeStreamEnd {
        var findings: [LintFinding] = []
        var index: [String: Int] = [:]
        var idField = 0
        var finished = Set<String>()
        var currentID: String?
        var rows: [RawRow] = []
        var nominees = 0
        var together = true
        let merger = BatchMerger(window: max(2, threads * 2), maxFindings: maxFindings)
        func dispatch() {
            guard !rows.isEmpty else { return }
            let batch = rows
            rows.removeAll(keepingCapacity: true)
            nominees = 0
            merger.submit(path: path, index: index, rows: batch, emit: body)
        }
        let input: CSVInput
        do throws(CSVInputError) { input = try CSVInput.open(path) } catch { return .read([error.finding]) }
        defer { input.close() }
        var reader = CSVReader(path: input.path)
        reader.onChunk = progress
        do {
            try reader.forEach { r in
                if index.isEmpty {
                    let fields = (0..<r.count).map { CSVWriter.restored(r.string($0)).nfc }
                    findings += header(fields, file: path, line: r.line, into: &index)
                    idField = index["id"] ?? 0
                    return findings.isEmpty
                }
                let fields = (0..<r.count).map { r.string($0) }
                // The id as the cells see it; a row of the wrong width has none (it is refused).
                if fields.count == index.count {
                    let id = CSVWriter.restored(fields[idField]).nfc
                    if !id.isEmpty && id != currentID {
                        if finished.contains(id) {
                            together = false
                            return false
                        }
                        if let done = currentID { finished.insert(done) }
                        if nominees >= max(1, chunk) { dispatch() }
                        nominees += 1
                        currentID = id
                    }
                }
                rows.append(RawRow(line: r.line, fields: fields))
                return !merger.stopped
            }
        } catch {
            dispatch()
            merger.finish({ _ in }, emitting: false)
            guard together else { return .whole }
            return .read(Array((merger.findings + [CSVReader.finding(for: error, file: path)]).prefix(maxFindings)))
        }
        dispatch()
        merger.finish(body)
        guard together else { return .whole }
        if index.isEmpty && findings.isEmpty {
            findings.append(LintFinding(kind: .invalidDefinition, file: path, location: .init(path: "header", position: .init(line: 1, column: 1)),
                                        message: .init(vi: "tệp rỗng: cần dòng tiêu đề", en: "the file is empty: a header row is needed")))
        }
        return .read(Array((findings + merger.findings).prefix(maxFindings)))
    }

    /// A record as read: its line and fields (not yet restored or normalised).
    struct RawRow: Sendable {
        let line: Int
        let fields: [String]
    }

    /// The nominees of a batch of whole nominees' rows and the findings of its bad rows, as
    /// the whole read would make them.
    static func read(_ rows: [RawRow], path: String, index: [String: Int]) -> ([NomineeFacts], [LintFinding]) {
        var findings: [LintFinding] = []
        var out: [NomineeFacts] = []
        var currentID: String?
        var current: Draft?
        func close() {
            if let id = currentID, let draft = current { out.append(build(id, draft)) }
            currentID = nil
            current = nil
        }
        for raw in rows {
            let fields = raw.fields.map { CSVWriter.restored($0).nfc }
            var cells = NomineeCSVCells(file: path, line: raw.line, index: index, fields: fields)
            if shaped(&cells) {
                let id = cells.text("id")
                if !id.isEmpty && id != currentID {
                    close()
                    currentID = id
                }
                var draft = (id.isEmpty ? nil : current) ?? Draft()
                row(&cells, into: &draft)
                if cells.findings.isEmpty, !id.isEmpty { current = draft }
            }
            findings += cells.findings
        }
        close()
        return (out, findings)
    }
}

/// Batches read on worker threads and handed on in order; once a batch has findings nothing
/// more is handed on, and reading stops when `maxFindings` are known.
private final class BatchMerger: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var results: [Int: ([NomineeFacts], [LintFinding])] = [:]
    private var submitted = 0, merged = 0
    private var found: [LintFinding] = []
    private let window: Int
    private let maxFindings: Int

    init(window: Int, maxFindings: Int) {
        self.window = window
        self.maxFindings = maxFindings
    }

    /// Whether enough findings are known: reading may stop.
    var stopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return found.count >= maxFindings
    }

    /// The findings of every batch merged, in file order.
    var findings: [LintFinding] {
        condition.lock()
        defer { condition.unlock() }
        return found
    }

    /// Reads `rows` on a worker, then hands on what is ready in order (on this thread), waiting
    /// while `window` batches are ahead.
    func submit(path: String, index: [String: Int], rows: [NomineeCSVLoader.RawRow], emit: ([NomineeFacts]) -> Void) {
        condition.lock()
        let k = submitted
        submitted += 1
        condition.unlock()
        DispatchQueue.global().async {
            let result = NomineeCSVLoader.read(rows, path: path, index: index)
            self.condition.lock()
            self.results[k] = result
            self.condition.broadcast()
            self.condition.unlock()
        }
        drain(emit, until: k - window + 1)
    }

    /// Waits for every batch and merges them, handing on the good ones (not after a record
    /// that could not be read: `emitting` is then false).
    func finish(_ emit: ([NomineeFacts]) -> Void, emitting: Bool = true) {
        condition.lock()
        let all = submitted
        condition.unlock()
        drain(emit, until: all, emitting: emitting)
    }

    private var emitting = true

    private func drain(_ emit: ([NomineeFacts]) -> Void, until: Int, emitting allowed: Bool = true) {
        condition.lock()
        while true {
            if let r = results.removeValue(forKey: merged) {
                merged += 1
                found += r.1
                if !r.1.isEmpty { emitting = false }
                let hand = emitting && allowed ? r.0 : nil
                condition.unlock()
                if let hand, !hand.isEmpty { emit(hand) }
                condition.lock()
                continue
            }
            if merged >= until || merged >= submitted { break }
            condition.wait()
        }
        condition.unlock()
    }
}
