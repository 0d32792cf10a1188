import Foundation
import KhenThuongCore

extension EligibilityRules {
    /// Runs `work` on the people of each chunk of `chunks` (typed rows) on `threads` threads, each reading
    /// and parsing its own chunks, and hands the results to `consume` in file order on this
    /// thread; at most a few chunks wait, so memory stays bounded by the chunk size.
    ///
    /// - Returns: `false` when a chunk has a bad row, a record over the limits, or a person
    ///   whose rows are not consecutive: the caller then asks the streaming reader for the
    ///   findings (output already consumed must be thrown away, as after any bad row).
    func forEachChunk<R>(_ chunks: BenchmarkCSVLoader.Chunks, threads: Int, progress: (Int64, Int64) -> Void,
                         work: @escaping (PersonRows) -> R, consume: (R) -> Void) -> Bool {
        let state = ChunkResults<R>(window: max(2, threads * 3))
        var failed = false
        // `work` escapes into the threads (a thread may still hold its closure for a moment
        // after it has said it stopped), so it is taken as escaping, not lent.
        let box = UncheckedBox(work)
        let n = max(1, threads)
        state.running = n
        for _ in 0..<n {
            let thread = Thread {
                while let (k, bytes, end) = state.claim(chunks) {
                    var ids: [String] = []
                    guard let people = chunks.people(bytes, ids: &ids) else { state.fail(); break }
                    state.put(k, (box.value(people), end, ids))
                }
                state.exit()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        var seen = Set<String>()
        seen.reserveCapacity(Int(chunks.size / 256))
        var k = 0
        while let (result, end, ids) = state.take(k) {
            for id in ids where !seen.insert(id).inserted { failed = true }
            if failed { state.fail(); break }
            consume(result)
            progress(end, chunks.size)
            k += 1
        }
        state.join()
        if state.failed { failed = true }
        return !failed
    }
}

/// A value handed to the reading threads; the caller keeps it alive until they are joined.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The results of the chunks, by chunk number, between the threads that make them and the
/// one that consumes them in order.
private final class ChunkResults<R>: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var results: [Int: (R, Int64, [String])] = [:]
    private var claimed = 0, consumed = 0
    private var exhausted = false
    private(set) var failed = false
    var running = 0
    let window: Int

    init(window: Int) { self.window = window }

    /// The next chunk to read, its number and offset after it; `nil` when none is left or
    /// the read failed. Waits while `window` chunks are ahead of the consumer.
    func claim(_ chunks: BenchmarkCSVLoader.Chunks) -> (Int, [UInt8], Int64)? {
        condition.lock()
        defer { condition.unlock() }
        while !failed && !exhausted && claimed >= consumed + window { condition.wait() }
        if failed || exhausted { return nil }
        guard let (bytes, end) = chunks.next() else {
            exhausted = true
            condition.broadcast()
            return nil
        }
        claimed += 1
        return (claimed - 1, bytes, end)
    }

    func put(_ k: Int, _ r: (R, Int64, [String])) {
        condition.lock()
        results[k] = r
        condition.broadcast()
        condition.unlock()
    }

    func fail() {
        condition.lock()
        failed = true
        condition.broadcast()
        condition.unlock()
    }

    func exit() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Chunk `k`'s result once made; `nil` when there is none (the end, or a failure).
    func take(_ k: Int) -> (R, Int64, [String])? {
        condition.lock()
        defer { condition.unlock() }
        while results[k] == nil && !failed && !(exhausted && k >= claimed) && !(running == 0 && k >= claimed) { condition.wait() }
        if failed { return nil }
        guard let r = results.removeValue(forKey: k) else { return nil }
        consumed += 1
        condition.broadcast()
        return r
    }

    /// Waits until every reading thread has stopped.
    func join() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
