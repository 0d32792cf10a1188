import Foundation
import KhenThuongCore

/// The chain check of a backend that reads rows as bytes (`EventStore.verify` row by row,
/// `PostgresEventLog.verify` a page at a time): numbers and links checked as rows come,
/// canonical bytes hashed in batches on a second thread while the next rows are read. The same
/// checks, counts and report as `ChainVerifier`.
struct RowChainCheck {
    private(set) var tally = VerifyTally()
    private let total: Int64
    private let progress: ((Int64, Int64) -> Void)?
    private let hashing = DispatchQueue(label: "khenthuong.verify.hash")
    private let group = DispatchGroup()
    private var filling = VerifyHashBatch(), spare = VerifyHashBatch()
    private var inFlight: VerifyHashBatch?
    private var previousHash = Array(StoredEvent.genesisHash.utf8)
    private var expectedSeq: Int64 = 1
    private var finished = false

    init(total: Int64, progress: ((Int64, Int64) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    /// Checks the next row: `fields(i)` gives the 12 text columns after `seq` (nil for NULL).
    @inline(__always)
    mutating func add(seq: Int64, dossierID: () -> String, fields: (Int) -> UnsafeBufferPointer<UInt8>?,
                      storedHash: UnsafeBufferPointer<UInt8>) {
        var problems: [BrokenEvent.Problem] = []
        if seq != expectedSeq { problems.append(.sequenceGap(expected: expectedSeq)) }
        let prev = fields(11)
        let prevCount = prev?.count ?? 0
        if prevCount != previousHash.count || (prevCount > 0 && memcmp(prev!.baseAddress!, previousHash, prevCount) != 0) {
            problems.append(.prevHashMismatch)
        }
        if !problems.isEmpty { tally.readerFound(seq: seq, dossierID: dossierID(), problems: problems) }
        filling.append(seq: seq, fields: fields, storedHash: storedHash, brokenByReader: !problems.isEmpty)
        previousHash.removeAll(keepingCapacity: true)
        previousHash.append(contentsOf: storedHash)
        expectedSeq = seq + 1
        tally.count += 1
        tally.lastSeq = seq
        if filling.isFull { handOver(reporting: true) }
    }

    private mutating func handOver(reporting: Bool) {
        group.wait()
        if let done = inFlight { tally.collect(done) }
        inFlight = nil
        guard filling.count > 0 else { return }
        let batch = filling
        group.enter()
        hashing.async { [group] in
            batch.hashAll()
            group.leave()
        }
        inFlight = batch
        swap(&filling, &spare)
        filling.removeAll()
        if reporting { progress?(tally.count, total) }
    }

    /// Hashes what is left and waits for it (once; later calls do nothing).
    mutating func finish() {
        guard !finished else { return }
        finished = true
        handOver(reporting: false)
        handOver(reporting: false)
        progress?(tally.count, total)
    }

    func firstBroken(dossierID: (Int64) throws(StoreError) -> String) throws(StoreError) -> BrokenEvent? {
        try tally.firstBroken(dossierID: dossierID)
    }

    func report(firstBroken: BrokenEvent?, commits: CommitReport?) -> VerifyReport {
        VerifyReport(eventCount: tally.count, headSeq: tally.lastSeq,
                     headHash: tally.lastSeq == nil ? nil : String(decoding: previousHash, as: UTF8.self),
                     firstBroken: firstBroken, brokenCount: tally.brokenCount, commits: commits)
    }
}
