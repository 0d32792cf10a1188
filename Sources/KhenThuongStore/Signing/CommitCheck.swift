import Foundation
import KhenThuongCore

/// What `verify` found about the signed commits: how many events they cover, how many events
/// come before the first signature, and the first commit that does not check out.
public struct CommitReport: Sendable, Equatable {
    /// Signed commits read.
    public var commitCount: Int
    /// Events covered by a signed commit.
    public var signedEvents: Int64
    /// Events before the first signed commit (written before signatures, or by a store that
    /// never had keys): counted, never taken as signed.
    public var unsignedBefore: Int64
    /// The first commit (or the unsigned run of events) that does not check out.
    public var firstBad: BadCommit?
    /// How many commits do not check out.
    public var badCount: Int

    /// Whether every commit checks out and every event after the first signature is signed.
    public var isIntact: Bool { firstBad == nil }
}

/// A commit that does not check out: its events, who signed it, and what is wrong.
public struct BadCommit: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The signature is not the key's over the commit statement.
        case badSignature
        /// The commit names a head hash that is not the stored hash of its last event (the chain
        /// was recomputed after it was signed), or its last event is missing.
        case headMismatch
        /// Events between two signed commits, or after the last one, carry no signature.
        case unsigned
        /// The commit's events do not follow the previous commit's (overlap or gap).
        case notContiguous
        /// The commit is dated earlier than an earlier commit by more than the tolerance.
        case timeBackwards(previous: String)
    }
    public var firstSeq: Int64
    public var lastSeq: Int64
    /// The signing key's id, `nil` for unsigned events.
    public var keyID: String?
    public var problem: Problem

    public init(firstSeq: Int64, lastSeq: Int64, keyID: String?, problem: Problem) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.keyID = keyID
        self.problem = problem
    }

    /// `events 41–43, signed by key 3f2a…: the signature does not match`.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        let range = firstSeq == lastSeq ? (vi ? "sự kiện số \(firstSeq)" : "event \(firstSeq)")
                                        : (vi ? "các sự kiện \(firstSeq)–\(lastSeq)" : "events \(firstSeq)–\(lastSeq)")
        let who = keyID.map { vi ? ", ký bằng khóa \($0)" : ", signed by key \($0)" } ?? ""
        let what: String
        switch problem {
        case .badSignature:
            what = vi ? "chữ ký không khớp với nội dung đã ký" : "the signature does not match what was signed"
        case .headMismatch:
            what = vi ? "mã băm đã ký không còn là mã băm của sự kiện cuối (chuỗi đã bị tính lại sau khi ký)"
                      : "the signed head hash is no longer the last event's hash (the chain was recomputed after signing)"
        case .unsigned:
            what = vi ? "không có chữ ký (ghi ngoài chương trình, sau khi kho đã dùng chữ ký)"
                      : "not signed (written outside the program, after the store began signing)"
        case .notContiguous:
            what = vi ? "không nối tiếp lần ghi có chữ ký trước" : "does not follow the previous signed commit"
        case .timeBackwards(let previous):
            what = vi ? "thời điểm sớm hơn lần ghi trước (\(previous)) quá mức cho phép"
                      : "dated earlier than a previous commit (\(previous)) beyond the tolerance"
        }
        return "\(range)\(who): \(what)"
    }
}

/// Checks the signed commits of a chain (shared by every backend): each signature over its
/// statement (on every core, in parallel), each commit's head hash against the stored hash of
/// its last event, that commits follow one another with no gap and no overlap, that the last
/// one reaches the head, and that their times do not run backwards beyond
/// `StoreTransaction.clockTolerance`.
package enum CommitCheck {
    /// - Parameters:
    ///   - commits: every commit, in chain order, each with the stored hash of its last event
    ///     (`nil` when that event is missing).
    ///   - headSeq: the newest event's number (0 when empty).
    ///   - storeID: the store's id, named in every statement.
    ///   - signedFrom: when checking only the end of a chain (`from` > 1): the number from which
    ///     every event must be signed, as an earlier full check found it (`nil`: from the first
    ///     commit given).
    ///   - from: the first event checked (1 for the whole chain).
    ///   - valid: each commit's `signaturesValid` when the caller checked them already (on
    ///     other threads, while doing something else); `nil`: checked here.
    package static func run(_ commits: [(commit: StoredCommit, storedHash: String?)], headSeq: Int64,
                            storeID: String, from: Int64 = 1, signedFrom: Int64? = nil, valid: [Bool]? = nil) -> CommitReport {
        let valid = valid ?? signaturesValid(commits.map(\.commit), storeID: storeID)
        var bad: [BadCommit] = []
        var signed: Int64 = 0
        let firstSigned = signedFrom.map { max($0, from) } ?? commits.first?.commit.firstSeq ?? (headSeq + 1)
        let unsignedBefore = firstSigned - from
        var expectedFirst = firstSigned
        var newest: Date?
        for (i, (c, stored)) in commits.enumerated() {
            if c.firstSeq > expectedFirst {
                bad.append(BadCommit(firstSeq: expectedFirst, lastSeq: c.firstSeq - 1, keyID: nil, problem: .unsigned))
            }
            let keyID = c.publicKey.id
            if c.firstSeq < expectedFirst || c.lastSeq < c.firstSeq {
                bad.append(BadCommit(firstSeq: c.firstSeq, lastSeq: c.lastSeq, keyID: keyID, problem: .notContiguous))
            } else if !valid[i] {
                bad.append(BadCommit(firstSeq: c.firstSeq, lastSeq: c.lastSeq, keyID: keyID, problem: .badSignature))
            } else if stored.map({ !$0.utf8.elementsEqual(c.headHash.utf8) }) ?? true {
                bad.append(BadCommit(firstSeq: c.firstSeq, lastSeq: c.lastSeq, keyID: keyID, problem: .headMismatch))
            } else if let newest, c.at < newest.addingTimeInterval(-StoreTransaction.clockTolerance) {
                bad.append(BadCommit(firstSeq: c.firstSeq, lastSeq: c.lastSeq, keyID: keyID,
                                     problem: .timeBackwards(previous: StoreTime.iso(newest))))
            } else {
                signed += c.lastSeq - c.firstSeq + 1
            }
            if newest.map({ c.at > $0 }) ?? true { newest = c.at }
            expectedFirst = max(expectedFirst, c.lastSeq + 1)
        }
        if !commits.isEmpty || signedFrom != nil, expectedFirst <= headSeq {
            bad.append(BadCommit(firstSeq: expectedFirst, lastSeq: headSeq, keyID: nil, problem: .unsigned))
        }
        return CommitReport(commitCount: commits.count, signedEvents: signed, unsignedBefore: max(0, unsignedBefore),
                            firstBad: bad.min { $0.firstSeq < $1.firstSeq }, badCount: bad.count)
    }

    /// Whether each commit's signature is valid, checked on every core.
    package static func signaturesValid(_ commits: [StoredCommit], storeID: String) -> [Bool] {
        let n = commits.count
        guard n > 0 else { return [] }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = n < 64 ? 1 : cores * 4
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        results.initialize(repeating: false)
        defer { results.deallocate() }
        let out = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = n * chunk / chunks, hi = n * (chunk + 1) / chunks
            let contexts = VerifyContexts()
            for i in lo..<hi { out.buffer[i] = commits[i].signatureIsValid(storeID: storeID, contexts: contexts) }
        }
        return Array(results)
    }
}

/// A buffer written by disjoint index ranges from several threads.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Bool>
    init(_ buffer: UnsafeMutableBufferPointer<Bool>) { self.buffer = buffer }
}
