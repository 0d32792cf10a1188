import KhenThuongCore

/// What `EventLog.verify()` found: how many events, the chain head, and the first event
/// whose hash, link or number is wrong.
public struct VerifyReport: Sendable, Equatable {
    /// Events read.
    public var eventCount: Int64
    /// The newest event's number and hash (as stored), `nil` for an empty store. Compare the hash
    /// with one recorded earlier to detect events removed from the end of the chain.
    public var headSeq: Int64?
    public var headHash: String?
    /// The first event that does not check out, or `nil` when the whole chain is intact.
    public var firstBroken: BrokenEvent?
    /// How many events do not check out.
    public var brokenCount: Int64
    /// The signed commits: signatures, coverage, order.
    public var commits: CommitReport

    /// Whether every event and every signed commit checks out.
    public var isIntact: Bool { firstBroken == nil && commits.isIntact }

    public init(eventCount: Int64, headSeq: Int64?, headHash: String?, firstBroken: BrokenEvent?, brokenCount: Int64,
                commits: CommitReport? = nil) {
        self.eventCount = eventCount
        self.headSeq = headSeq
        self.headHash = headHash
        self.firstBroken = firstBroken
        self.brokenCount = brokenCount
        self.commits = commits ?? CommitReport(commitCount: 0, signedEvents: 0, unsignedBefore: eventCount, firstBad: nil, badCount: 0)
    }

    /// How the events are signed: `412 events in 57 signed commits; 12 unsigned (before signatures)`.
    public func signatureSummary(_ language: Language) -> String {
        let c = commits, vi = language == .vi
        var s = vi ? "\(c.signedEvents) sự kiện trong \(c.commitCount) lần ghi có chữ ký hợp lệ"
                   : "\(c.signedEvents) events in \(c.commitCount) signed commits with valid signatures"
        if c.unsignedBefore > 0 {
            s += vi ? "; \(c.unsignedBefore) sự kiện không có chữ ký (ghi trước khi dùng chữ ký)"
                    : "; \(c.unsignedBefore) unsigned (before signatures)"
        }
        return s
    }

    /// A summary: intact with the head hash, or the first broken event and how many are broken.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        let head = headHash.map { vi ? "; mã băm đầu chuỗi \($0)" : "; head hash \($0)" } ?? ""
        guard let firstBroken else {
            if let bad = commits.firstBad {
                return vi ? "Chữ ký không hợp lệ: \(commits.badCount) lần ghi không khớp. Đầu tiên: \(bad.message(.vi)). Hãy khôi phục kho từ bản sao lưu và điều tra ai đã sửa tệp."
                          : "The signatures do not check out: \(commits.badCount) commits are wrong. First: \(bad.message(.en)). Restore the store from a backup and find out who edited the file."
            }
            return vi ? "Chuỗi băm nguyên vẹn: \(eventCount) sự kiện\(head)."
                      : "The hash chain is intact: \(eventCount) events\(head)."
        }
        return vi ? "Chuỗi băm bị phá vỡ: \(brokenCount)/\(eventCount) sự kiện không khớp. Đầu tiên: \(firstBroken.message(.vi)). Hãy khôi phục kho từ bản sao lưu và điều tra ai đã sửa tệp."
                  : "The hash chain is broken: \(brokenCount) of \(eventCount) events do not check out. First: \(firstBroken.message(.en)). Restore the store from a backup and find out who edited the file."
    }
}

/// An event that does not check out: which one, whose, and what is wrong with it.
public struct BrokenEvent: Sendable, Equatable {
    /// What is wrong with an event.
    public enum Problem: Sendable, Equatable {
        /// The event's number is not the previous one plus one (an event is missing before it,
        /// or the numbers were changed).
        case sequenceGap(expected: Int64)
        /// `prev_hash` is not the previous event's hash (the chain is cut or reordered here).
        case prevHashMismatch
        /// The stored hash is not the hash of the event's content (the content was changed).
        case hashMismatch

        /// What is wrong, as a sentence fragment.
        public func message(_ language: Language) -> String {
            switch (self, language) {
            case (.sequenceGap(let expected), .vi): "đứt quãng số thứ tự (sequence gap): đáng lẽ là sự kiện số \(expected)"
            case (.sequenceGap(let expected), .en): "sequence gap: expected event \(expected)"
            case (.prevHashMismatch, .vi): "prev_hash không khớp với mã băm của sự kiện trước"
            case (.prevHashMismatch, .en): "prev_hash does not match the previous event's hash"
            case (.hashMismatch, .vi): "mã băm không khớp với nội dung của sự kiện"
            case (.hashMismatch, .en): "hash does not match its content"
            }
        }
    }

    /// The event's number (as stored).
    public var seq: Int64
    /// The dossier the event belongs to (as stored).
    public var dossierID: String
    /// Every problem found on this event, in the order: sequence, link, hash.
    public var problems: [Problem]

    public init(seq: Int64, dossierID: String, problems: [Problem]) {
        self.seq = seq
        self.dossierID = dossierID
        self.problems = problems
    }

    /// `event 42 (dossier HS-1): hash does not match its content`.
    public func message(_ language: Language) -> String {
        let what = problems.map { $0.message(language) }.joined(separator: "; ")
        return language == .vi ? "sự kiện số \(seq) (hồ sơ \(dossierID)): \(what)" : "event \(seq) (dossier \(dossierID)): \(what)"
    }
}
