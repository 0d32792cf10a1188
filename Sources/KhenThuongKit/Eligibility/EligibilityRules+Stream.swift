import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Where a streaming batch reads its nominees.
public enum NomineeInput: Sendable {
    /// Nominees already in memory.
    case loaded([NomineeFacts])
    /// The benchmark CSV profile, read a chunk of people at a time (rows grouped by person).
    case benchmarkCSV(path: String)
    /// The full nominee CSV profile (``NomineeCSV``), read a chunk of nominees at a time on a
    /// reader thread (``NomineeCSVLoader/stream(path:chunk:maxFindings:progress:_:)``); a file
    /// whose nominees' rows are not each together is read whole.
    case nomineeCSV(path: String)
    /// The JSON nominee file (``NomineeLoader``), read a chunk of nominees at a time on a reader
    /// thread (``NomineeLoader/stream(path:chunk:progress:_:)``).
    case nomineeJSON(path: String)
}

/// How a streaming batch writes: each verdict rendered by `render`, the pieces joined as
/// `header + v₁ + separator + v₂ … + footer` (`empty` instead when there is no verdict).
public struct VerdictStreamFormat {
    public var header: String
    public var separator: String
    public var footer: String
    public var empty: String
    public var render: (EligibilityVerdict) -> String
    /// Which criteria `render` reads the explanation of: a verdict explains only those (when
    /// nothing else it prints could differ, see ``ExplanationScope/failing(_:)``).
    package var explains: ExplanationScope = .all
    /// When set, `render` writes exactly these CSV rows: a nominee none of whose initiatives
    /// served an award is then decided by the batch's ``BatchProgram`` and its rows written
    /// as bytes, without a verdict or a string (``VerdictRows``).
    package var rows: VerdictRows?

    public init(header: String, separator: String, footer: String, empty: String, render: @escaping (EligibilityVerdict) -> String) {
        self.header = header
        self.separator = separator
        self.footer = footer
        self.empty = empty
        self.render = render
    }
}

/// What a streaming batch decided, for the summary lines.
public struct EligibilityStreamSummary: Sendable {
    public var nominees = 0
    /// Outcome counts per award.
    public var counts: [String: [EligibilityOutcome: Int]] = [:]
    /// How many quota decisions were taken (0 when no quota applied).
    public var quotaDecisions = 0
    /// How many cap decisions were taken, and how many of them cut (0 outside thematic rounds).
    public var capDecisions = 0
    public var capCuts = 0
}

extension EligibilityRules {
    /// Decides every nominee of `input` for every award of `awards` (those with a rule set)
    /// and writes the explained verdicts as they are decided, in the order of ``batch(_:awards:year:asOf:explained:)``:
    /// nominee by nominee (input order), award by award (request order). The output is the same.
    ///
    /// Memory stays bounded by one chunk of nominees. When the CSTĐCS quota applies (both
    /// `lao_dong_tien_tien` and `chien_si_thi_dua_co_so` requested, a quota year), a first pass
    /// decides those two awards without explanations and keeps only what the quota needs (per
    /// unit: LĐTT count; per CSTĐCS candidate: id, unit, benefit); the quota is then applied and
    /// the second pass writes, turning each cut CSTĐCS verdict into not eligible with its note.
    /// In a thematic round (`thematic`), the caps per proposer (``ProposerCap``) of the awards
    /// requested are applied the same way: the first pass keeps each eligible candidate's id,
    /// proposer and ranking keys. Chunks are decided and rendered on `threads` threads.
    ///
    /// - Parameters:
    ///   - write: receives the output text piece by piece, in order.
    ///   - progress: `(done, total)` in bytes of the file read (both passes count) or nominees.
    ///   - restart: called when a nominee file turns out to be good only as a whole
    ///     (``NomineeStreamEnd/whole``): everything written so far must be thrown away; the file
    ///     is then read whole and the batch written again from the start. Without it such a
    ///     file is refused with a finding that says how to make it streamable.
    /// - Returns: the summary, or the input findings when the input has a bad row (then the
    ///   output written so far must be thrown away: write to a temporary file).
    public func streamBatch(_ input: NomineeInput, awards: [String], year: Int, asOf: CivilDate? = nil, thematic: Bool = false,
                            format: VerdictStreamFormat, chunk: Int = 2048, threads: Int = 2,
                            write: (String) -> Void, progress: (Int64, Int64) -> Void = { _, _ in },
                            restart: (() -> Void)? = nil) -> (EligibilityStreamSummary?, [LintFinding]) {
        streamBatch(input, awards: awards, year: year, asOf: asOf, thematic: thematic, format: format, chunk: chunk, threads: threads,
                    write: write, bytes: nil, progress: progress, restart: restart)
    }

    /// ``streamBatch(_:awards:year:asOf:thematic:format:chunk:threads:write:progress:)`` handing
    /// the rows written as bytes (``VerdictStreamFormat/rows``) to `bytes`, when given, instead
    /// of making them a string for `write`.
    package func streamBatch(_ input: NomineeInput, awards: [String], year: Int, asOf: CivilDate? = nil, thematic: Bool = false,
                             format: VerdictStreamFormat, chunk: Int = 2048, threads: Int = 2,
                             write: (String) -> Void, bytes: (([UInt8]) -> Void)?,
                             progress: (Int64, Int64) -> Void = { _, _ in },
                             restart: (() -> Void)? = nil) -> (EligibilityStreamSummary?, [LintFinding]) {
        let sets = awards.compactMap { ruleSets[$0] }
        let program = format.rows == nil ? nil : BatchProgram(sets, year: year, asOf: asOf, schema: schema)
        var wroteAny = false
        func emit(_ part: StreamPart) {
            if !part.bytes.isEmpty {
                write(wroteAny ? format.separator : format.header)
                if let bytes { bytes(part.bytes) } else { write(String(decoding: part.bytes, as: UTF8.self)) }
                wroteAny = true
            } else if !part.text.isEmpty {
                write(wroteAny ? format.separator + part.text : format.header + part.text)
                wroteAny = true
            }
        }
        let quotaPass = sets.contains { $0.award == "lao_dong_tien_tien" } && sets.contains { $0.award == "chien_si_thi_dua_co_so" }
            && Quota.cstdcsApplies(in: year, parameters: schema.parameters)
        let caps = ProposerCap.applicable(to: sets.map(\.award), thematic: thematic)
        let firstPass = quotaPass || !caps.isEmpty
        let passes: Int64 = firstPass ? 2 : 1
        var cuts: [String: [String: QuotaDecision]] = [:]
        var summary = EligibilityStreamSummary()
        // The benchmark CSV, when plain, is read and parsed on every thread (chunks of whole
        // people); anything else, or a bad row, goes through the streaming reader below.
        if case .benchmarkCSV(let path) = input, let chunks = BenchmarkCSVLoader.Chunks(path: path) {
            var first: FirstPass?
            let firstProgram = firstPass ? firstPassProgram(quotaPass: quotaPass, caps: caps, year: year, asOf: asOf) : nil
            if firstPass {
                var pass = FirstPass(caps: caps.count)
                // The quota reads ids, units, outcomes and benefits, no name (a cap may rank by anything).
                chunks.readsNames = !caps.isEmpty
                defer { chunks.readsNames = true }
                let ok = forEachChunk(chunks, threads: threads, progress: { progress($0, $1 * passes) },
                                      work: { firstPassPart($0, quotaPass: quotaPass, caps: caps, year: year, asOf: asOf, program: firstProgram) },
                                      consume: { pass.merge($0) })
                if !ok { return (nil, streamFindings(path, chunk: chunk)) }
                first = pass
            }
            if let first {
                cuts = firstPassCuts(first, quotaPass: quotaPass, caps: caps, summary: &summary)
                chunks.rewind()
            }
            let offset = firstPass ? chunks.size : 0
            let ok = forEachChunk(chunks, threads: threads, progress: { progress($0 + offset, $1 * passes) },
                                  work: { people in
                                      if let program, let rows = format.rows {
                                          return decideRows(people, program: program, rows: rows, cuts: cuts, format: format, threads: 1)
                                      }
                                      return decide(people.facts(), sets, program: program, year: year, asOf: asOf, cuts: cuts, format: format, threads: 1)
                                  }) { parts in
                for part in parts { emit(part) }
                for part in parts {
                    for (award, c) in part.counts { summary.counts[award, default: [:]].merge(c, uniquingKeysWith: +) }
                    summary.nominees += part.nominees
                }
            }
            if !ok { return (nil, streamFindings(path, chunk: chunk)) }
            write(wroteAny ? format.footer : format.empty)
            return (summary, [])
        }
        // A nominee file good only as a whole: what was written goes, and the batch runs again
        // over the file read whole.
        func whole() -> (EligibilityStreamSummary?, [LintFinding]) {
            let (nominees, findings): ([NomineeFacts]?, [LintFinding])
            switch input {
            case .nomineeCSV(let path): (nominees, findings) = NomineeCSVLoader.load(path: path)
            case .nomineeJSON(let path): (nominees, findings) = NomineeLoader.load(path: path)
            case .loaded, .benchmarkCSV: (nominees, findings) = (nil, []) // always streamed
            }
            guard let nominees else { return (nil, findings) }
            guard let restart else { return (nil, [Self.notStreamable(input)]) }
            restart()
            return streamBatch(.loaded(nominees), awards: awards, year: year, asOf: asOf, thematic: thematic, format: format, chunk: chunk,
                               threads: threads, write: write, bytes: bytes, progress: progress, restart: nil)
        }
        let firstProgram = firstPass ? firstPassProgram(quotaPass: quotaPass, caps: caps, year: year, asOf: asOf) : nil
        if firstPass {
            var pass = FirstPass(caps: caps.count)
            let read = forEachChunk(input, chunk: chunk, progress: { progress($0, $1 * passes) }) { people in
                pass.merge(firstPassPart(people, quotaPass: quotaPass, caps: caps, year: year, asOf: asOf, program: firstProgram))
            }
            guard let findings = read else { return whole() }
            guard findings.isEmpty else { return (nil, findings) }
            cuts = firstPassCuts(pass, quotaPass: quotaPass, caps: caps, summary: &summary)
        }
        var offset: Int64 = 0
        let read = forEachChunk(input, chunk: chunk, progress: { done, total in
            if offset == 0 && firstPass { offset = total }
            progress(done + (firstPass ? offset : 0), total * passes)
        }) { people in
            let parts = decide(people, sets, program: program, year: year, asOf: asOf, cuts: cuts, format: format, threads: threads)
            for part in parts { emit(part) }
            for part in parts {
                for (award, c) in part.counts { summary.counts[award, default: [:]].merge(c, uniquingKeysWith: +) }
            }
            summary.nominees += people.count
        }
        guard let findings = read else { return whole() }
        guard findings.isEmpty else { return (nil, findings) }
        write(wroteAny ? format.footer : format.empty)
        return (summary, [])
    }

    /// What the first pass keeps: per unit, how many reached LĐTT; the CSTĐCS candidates and
    /// those of each cap, in input order.
    struct FirstPass {
        var ldttCount: [String: Int] = [:]
        var candidates: [QuotaCandidate] = []
        var capCandidates: [[QuotaCandidate]]
        /// The units of the people who reached LĐTT, in order (a chunk's share, before merging).
        var ldttUnits: [String] = []

        init(caps: Int) { capCandidates = [[QuotaCandidate]](repeating: [], count: caps) }

        mutating func merge(_ part: FirstPass) {
            for u in part.ldttUnits { ldttCount[u, default: 0] += 1 }
            candidates += part.candidates
            for k in capCandidates.indices { capCandidates[k] += part.capCandidates[k] }
        }
    }

    /// The first pass over `people`: the two quota awards and the capped awards decided
    /// without explanations.
    func firstPassPart<People: BatchNominees>(_ people: People, quotaPass: Bool, caps: [ProposerCap], year: Int, asOf: CivilDate?,
                                              program: BatchProgram? = nil) -> FirstPass {
        var part = FirstPass(caps: caps.count)
        let capSets = caps.map { ruleSets[$0.award]! }
        // The quota's two awards and the capped ones in one program (``firstPassProgram``), each
        // nominee run once (as the second pass decides them); a nominee whose initiatives
        // served an award is decided award by award.
        let quotaSets = quotaPass ? [ruleSets["lao_dong_tien_tien"]!, ruleSets["chien_si_thi_dua_co_so"]!] : []
        let program = program ?? firstPassProgram(quotaPass: quotaPass, caps: caps, year: year, asOf: asOf)
        let scratch = program.map(BatchProgram.Scratch.init)
        for i in 0..<people.count {
            if let program, let scratch, !people.hasUsedInitiatives(i) {
                people.run(program, i, scratch)
                if quotaPass {
                    if program.outcome(0, scratch) == .eligible { part.ldttUnits.append(people.unit(i)) }
                    if program.outcome(1, scratch) == .eligible {
                        part.candidates.append(QuotaCandidate(id: people.id(i), group: people.unit(i),
                                                              benefitVND: people.quotaBenefit(i, for: quotaSets[1].award, year: year)))
                    }
                }
                for (k, set) in capSets.enumerated() where program.outcome(quotaSets.count + k, scratch) == .eligible {
                    part.capCandidates[k].append(ProposerCap.candidate(people.facts(i), award: set.award, year: year))
                }
                continue
            }
            let p = people.facts(i)
            if quotaPass {
                let ldtt = ruleSets["lao_dong_tien_tien"]!, cstdcs = ruleSets["chien_si_thi_dua_co_so"]!
                if ldtt.evaluate(p, year: year, asOf: asOf, explained: false).outcome == .eligible { part.ldttUnits.append(p.unit) }
                if cstdcs.evaluate(p, year: year, asOf: asOf, explained: false).outcome == .eligible {
                    part.candidates.append(QuotaCandidate(id: p.id, group: p.unit, benefitVND: Quota.benefit(of: p, for: cstdcs.award, year: year)))
                }
            }
            for (k, set) in capSets.enumerated() where set.evaluate(p, year: year, asOf: asOf, explained: false).outcome == .eligible {
                part.capCandidates[k].append(ProposerCap.candidate(p, award: set.award, year: year))
            }
        }
        return part
    }

    /// The program of the first pass: the quota's two awards (when it applies), then the capped ones.
    func firstPassProgram(quotaPass: Bool, caps: [ProposerCap], year: Int, asOf: CivilDate?) -> BatchProgram? {
        let quotaSets = quotaPass ? [ruleSets["lao_dong_tien_tien"]!, ruleSets["chien_si_thi_dua_co_so"]!] : []
        return BatchProgram(quotaSets + caps.map { ruleSets[$0.award]! }, year: year, asOf: asOf, schema: schema)
    }

    /// The quota and caps decided from the first pass: the cuts by award and nominee id.
    func firstPassCuts(_ pass: FirstPass, quotaPass: Bool, caps: [ProposerCap], summary: inout EligibilityStreamSummary) -> [String: [String: QuotaDecision]] {
        var cuts: [String: [String: QuotaDecision]] = [:]
        if quotaPass {
            let decisions = Quota.cstdcs(pass.candidates, ldttCount: pass.ldttCount, parameters: schema.parameters)
            summary.quotaDecisions = decisions.count
            cuts["chien_si_thi_dua_co_so"] = Quota.cuts(decisions)
        }
        for (k, cap) in caps.enumerated() {
            let decisions = cap.decide(pass.capCandidates[k], parameters: schema.parameters)
            summary.capDecisions += decisions.count
            summary.capCuts += decisions.filter { !$0.kept }.count
            cuts[cap.award, default: [:]].merge(Quota.cuts(decisions)) { a, _ in a }
        }
        return cuts
    }

    /// The findings of the streaming reader over `path` (after the chunked read met a bad row).
    func streamFindings(_ path: String, chunk: Int) -> [LintFinding] {
        let findings = BenchmarkCSVLoader.stream(path: path, chunk: chunk) { _ in }
        if !findings.isEmpty { return findings }
        // Not expected: every row the chunks refuse, the streaming reader refuses too.
        return [LintFinding(kind: .invalidDefinition, file: path, location: nil,
                            message: .init(vi: "không đọc được tệp theo từng khối; hãy chạy lại", en: "the file could not be read in chunks; run again"))]
    }

    /// One thread's share of a chunk: its verdicts rendered and joined, and their counts.
    struct StreamPart {
        package var text = ""
        /// The rows written as bytes (``VerdictStreamFormat/rows``); `text` is then empty.
        package var bytes: [UInt8] = []
        var nominees = 0
        var counts: [String: [EligibilityOutcome: Int]] = [:]
    }

    func decide(_ people: [NomineeFacts], _ sets: [RuleSet], program: BatchProgram?, year: Int, asOf: CivilDate?, cuts: [String: [String: QuotaDecision]],
                format: VerdictStreamFormat, threads: Int) -> [StreamPart] {
        if let program, let rows = format.rows {
            return decideRows(people, program: program, rows: rows, cuts: cuts, format: format, threads: threads)
        }
        let setCuts = sets.map { cuts[$0.award] }
        let n = max(1, min(threads, people.count))
        let per = (people.count + n - 1) / n
        var parts = [StreamPart](repeating: StreamPart(), count: n)
        parts.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(n) { k in
                var part = StreamPart()
                var first = true
                var counts = [Int](repeating: 0, count: sets.count * 3) // per set: eligible, not eligible, deferred
                part.nominees = min(people.count, (k + 1) * per) - min(people.count, k * per)
                for i in (k * per) ..< min(people.count, (k + 1) * per) {
                    let scope = format.explains == .all || people[i].hasUsedInitiatives ? .all : format.explains
                    for (s, set) in sets.enumerated() {
                        var v = set.evaluate(people[i], year: year, asOf: asOf, scope: scope)
                        if let cut = setCuts[s], let d = cut[v.nominee], let note = d.note {
                            v.outcome = .notEligible
                            v.notes.append(note)
                        }
                        counts[s * 3 + (v.outcome == .eligible ? 0 : v.outcome == .notEligible ? 1 : 2)] += 1
                        if !first { part.text += format.separator }
                        part.text += format.render(v)
                        first = false
                    }
                }
                for (s, set) in sets.enumerated() {
                    for (j, outcome) in [EligibilityOutcome.eligible, .notEligible, .deferred].enumerated() where counts[s * 3 + j] > 0 {
                        part.counts[set.award, default: [:]][outcome, default: 0] += counts[s * 3 + j]
                    }
                }
                out[k] = part
            }
        }
        return parts
    }

    /// The finding for a nominee file good only as a whole, read without a way to start again.
    static func notStreamable(_ input: NomineeInput) -> LintFinding {
        let path: String
        switch input {
        case .nomineeCSV(let p), .nomineeJSON(let p), .benchmarkCSV(let p): path = p
        case .loaded: path = ""
        }
        return LintFinding(kind: .invalidDefinition, file: path, location: nil,
                           message: .init(vi: "tệp chỉ đọc được khi đọc cả tệp: các dòng của mỗi người / tập thể phải liền nhau (CSV), hoặc tệp JSON có dạng {\"nominees\": [...]} ",
                                          en: "the file can only be read whole: each nominee's rows must be together (CSV), or the JSON must be laid out as {\"nominees\": [...]}"))
    }

    /// Hands `body` the nominees of `input` a chunk at a time; `progress(done, total)`.
    /// - Returns: the input's findings, or `nil` when a nominee file must be read whole
    ///   (``NomineeStreamEnd/whole``).
    func forEachChunk(_ input: NomineeInput, chunk: Int, progress: (Int64, Int64) -> Void,
                      _ body: ([NomineeFacts]) -> Void) -> [LintFinding]? {
        switch input {
        case .loaded(let all):
            var start = 0
            while start < all.count {
                let end = min(all.count, start + chunk)
                body(Array(all[start..<end]))
                progress(Int64(end), Int64(all.count))
                start = end
            }
            return []
        case .benchmarkCSV(let path):
            // One thread reads and parses the next chunks while this one decides and writes.
            let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            let queue = ChunkQueue(capacity: 2)
            let reader = Thread {
                var read: Int64 = 0
                let findings = BenchmarkCSVLoader.stream(path: path, chunk: chunk, progress: { read = $0 }) { people in
                    queue.put(people, read: read)
                }
                queue.finish(findings)
            }
            reader.stackSize = 1 << 22
            reader.start()
            while let (people, read) = queue.take() {
                body(people)
                progress(read, max(total, read))
            }
            return queue.findings
        case .nomineeCSV(let path), .nomineeJSON(let path):
            // As above: one thread reads and parses, this one decides and writes; at most two
            // chunks wait between them.
            let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            let queue = ChunkQueue(capacity: 2)
            let json: Bool
            if case .nomineeJSON = input { json = true } else { json = false }
            let reader = Thread {
                let read = ReadCounter()
                let put: ([NomineeFacts]) -> Void = { queue.put($0, read: read.bytes) }
                let end = json ? NomineeLoader.stream(path: path, chunk: chunk, progress: { read.bytes = $0 }, put)
                               : NomineeCSVLoader.stream(path: path, chunk: chunk, progress: { read.bytes = $0 }, put)
                switch end {
                case .read(let findings): queue.finish(findings)
                case .whole: queue.finish([], whole: true)
                }
            }
            reader.stackSize = 1 << 22
            reader.start()
            while let (people, read) = queue.take() {
                body(people)
                progress(read, max(total, read))
            }
            return queue.whole ? nil : queue.findings
        }
    }
}

/// The bytes a reader thread has read, shared by its closures (used by that thread alone).
private final class ReadCounter: @unchecked Sendable {
    var bytes: Int64 = 0
}

/// Chunks handed from the thread that reads them to the one that decides them: at most
/// `capacity` waiting, so memory stays bounded by a few chunks.
final class ChunkQueue: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var items: [([NomineeFacts], Int64)] = []
    private var done = false
    private var found: [LintFinding] = []
    private var readWhole = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds a chunk, waiting while `capacity` chunks wait already.
    func put(_ people: [NomineeFacts], read: Int64) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append((people, read))
        condition.broadcast()
        condition.unlock()
    }

    /// No more chunks; `findings` are the reader's; `whole`: the file must be read whole.
    func finish(_ findings: [LintFinding], whole: Bool = false) {
        condition.lock()
        done = true
        found = findings
        readWhole = whole
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk and the bytes read when it was complete, or `nil` once finished.
    func take() -> ([NomineeFacts], Int64)? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !done { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Whether the reader said the file must be read whole (read after ``take()`` returned `nil`).
    var whole: Bool {
        condition.lock()
        defer { condition.unlock() }
        return readWhole
    }

    /// The reader's findings (read after ``take()`` returned `nil`).
    var findings: [LintFinding] {
        condition.lock()
        defer { condition.unlock() }
        return found
    }
}

extension EligibilityRules {
    /// ``decide(_:_:program:year:asOf:cuts:format:threads:)`` writing CSV rows as bytes: each
    /// nominee is run once through `program` (every criterion of every award over one fact row,
    /// each history function once), the cells written from its verdicts, and only the failing
    /// criteria explained. A nominee one of whose initiatives already served an award is
    /// decided award by award as before (the award then changes what counts) and rendered by
    /// `format.render`: the same bytes.
    func decideRows<People: BatchNominees>(_ people: People, program: BatchProgram, rows: VerdictRows, cuts: [String: [String: QuotaDecision]],
                                           format: VerdictStreamFormat, threads: Int) -> [StreamPart] {
        let awards = program.awards, awardCount = awards.count
        let setCuts = awards.map { cuts[$0.set.award] }
        let cells = rows.cells(program)
        let language = rows.language
        let n = max(1, min(threads, people.count))
        let per = (people.count + n - 1) / n
        var parts = [StreamPart](repeating: StreamPart(), count: n)
        parts.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(n) { k in
                let scratch = BatchProgram.Scratch(program)
                var bytes: [UInt8] = []
                bytes.reserveCapacity(max(0, min(people.count, (k + 1) * per) - k * per) * awards.count * 160)
                var counts = [Int](repeating: 0, count: awards.count * 3) // per award: eligible, not eligible, deferred
                var failing = "", reasons = ""
                var head: [UInt8] = []
                // Per award: the last explanation written alone in `reasons`, and its field.
                var last = [(text: String, bytes: [UInt8])](repeating: ("", []), count: awardCount)
                for i in (k * per) ..< min(people.count, (k + 1) * per) {
                    if people.hasUsedInitiatives(i) {
                        let p = people.facts(i)
                        for (a, award) in awards.enumerated() {
                            var v = award.set.evaluate(p, year: program.year, asOf: program.asOf, scope: .all)
                            if let cut = setCuts[a], let d = cut[v.nominee], let note = d.note {
                                v.outcome = .notEligible
                                v.notes.append(note)
                            }
                            counts[a * 3 + (v.outcome == .eligible ? 0 : v.outcome == .notEligible ? 1 : 2)] += 1
                            bytes.append(contentsOf: format.render(v).utf8)
                        }
                        continue
                    }
                    people.run(program, i, scratch)
                    let id = people.id(i)
                    head.removeAll(keepingCapacity: true)
                    rows.append(id, to: &head)
                    head.append(rows.separator)
                    rows.append(people.name(i), to: &head)
                    for a in 0..<awardCount {
                        var outcome = program.outcome(a, scratch)
                        var notes = !program.hasRegime(a) || outcome == .deferred ? program.notes(a, scratch) : []
                        if let cut = setCuts[a], let d = cut[id], let note = d.note {
                            outcome = .notEligible
                            notes.append(note)
                        }
                        let o = outcome == .eligible ? 0 : outcome == .notEligible ? 1 : 2
                        counts[a * 3 + o] += 1
                        bytes.append(contentsOf: head)
                        bytes.append(contentsOf: cells[a].middle)
                        bytes.append(contentsOf: cells[a].outcome[o])
                        var failed = 0, only = -1
                        for c in 0..<program.criterionCount(a) where program.fails(a, c, scratch) {
                            if failed == 0 { only = c }
                            failed += 1
                        }
                        if failed == 0 && notes.isEmpty { // both fields empty
                            bytes.append(rows.separator)
                            bytes.append(0x0D)
                            bytes.append(0x0A)
                            continue
                        }
                        if failed == 1 && notes.isEmpty {
                            // One failing criterion, no note: its id's field is made once, and its
                            // explanation's field is made again only when the text changes (a
                            // kept explanation is the same string, compared at once).
                            bytes.append(contentsOf: cells[a].alone[only])
                            let text = program.reason(a, only, scratch, language)
                            if text != last[a].text {
                                last[a].bytes.removeAll(keepingCapacity: true)
                                rows.append(text, to: &last[a].bytes)
                                last[a].text = text
                            }
                            bytes.append(contentsOf: last[a].bytes)
                            bytes.append(0x0D)
                            bytes.append(0x0A)
                            continue
                        }
                        failing.removeAll(keepingCapacity: true)
                        reasons.removeAll(keepingCapacity: true)
                        var first = true
                        for c in 0..<program.criterionCount(a) where program.fails(a, c, scratch) {
                            if !first { failing += ";"; reasons += " | " }
                            first = false
                            failing += cells[a].ids[c]
                            reasons += program.reason(a, c, scratch, language)
                        }
                        for note in notes {
                            if !first { reasons += " | " }
                            first = false
                            reasons += note[language]
                        }
                        rows.append(failing, to: &bytes)
                        bytes.append(rows.separator)
                        rows.append(reasons, to: &bytes)
                        bytes.append(0x0D)
                        bytes.append(0x0A)
                    }
                }
                var part = StreamPart()
                part.bytes = bytes
                part.nominees = min(people.count, (k + 1) * per) - min(people.count, k * per)
                for (a, award) in awards.enumerated() {
                    for (j, outcome) in [EligibilityOutcome.eligible, .notEligible, .deferred].enumerated() where counts[a * 3 + j] > 0 {
                        part.counts[award.set.award, default: [:]][outcome, default: 0] += counts[a * 3 + j]
                    }
                }
                out[k] = part
            }
        }
        return parts
    }
}

/// The nominees of a chunk as the batch reads them: in memory as ``NomineeFacts``, or as typed
/// rows (``PersonRows``, the benchmark CSV read in chunks), which the batch's program decides
/// without making a ``NomineeFacts`` (``BatchProgram/run(_:_:_:)``).
protocol BatchNominees {
    var count: Int { get }
    func id(_ i: Int) -> String
    func name(_ i: Int) -> String
    func unit(_ i: Int) -> String
    /// Whether one of nominee `i`'s initiatives already served an award (then decided award by award).
    func hasUsedInitiatives(_ i: Int) -> Bool
    /// Nominee `i` as ``NomineeFacts``.
    func facts(_ i: Int) -> NomineeFacts
    /// Runs `program` for nominee `i`.
    func run(_ program: BatchProgram, _ i: Int, _ s: BatchProgram.Scratch)
    /// ``Quota/benefit(of:for:year:)`` of nominee `i`.
    func quotaBenefit(_ i: Int, for award: String, year: Int) -> Int64
}

extension Array: BatchNominees where Element == NomineeFacts {
    func id(_ i: Int) -> String { self[i].id }
    func name(_ i: Int) -> String { self[i].name }
    func unit(_ i: Int) -> String { self[i].unit }
    func hasUsedInitiatives(_ i: Int) -> Bool { self[i].hasUsedInitiatives }
    func facts(_ i: Int) -> NomineeFacts { self[i] }
    func run(_ program: BatchProgram, _ i: Int, _ s: BatchProgram.Scratch) { program.run(self[i], s) }
    func quotaBenefit(_ i: Int, for award: String, year: Int) -> Int64 { Quota.benefit(of: self[i], for: award, year: year) }
}

extension PersonRows: BatchNominees {
    func id(_ i: Int) -> String { ids[i] }
    func name(_ i: Int) -> String { names[i] }
    func unit(_ i: Int) -> String { units[i] }
    func hasUsedInitiatives(_ i: Int) -> Bool { false }
    func facts(_ i: Int) -> NomineeFacts { .individual(individual(i)) }
    func run(_ program: BatchProgram, _ i: Int, _ s: BatchProgram.Scratch) { program.run(self, i, s) }
    func quotaBenefit(_ i: Int, for award: String, year: Int) -> Int64 { benefit(i, year: year) }
}
