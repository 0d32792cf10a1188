import Foundation
import KhenThuongCore
import KhenThuongStore

/// What checking a verification file found: every failure (empty when it holds), and what a
/// passing check proves and does not prove, in words.
public struct AwardCheck: Sendable {
    /// The file as read (`nil` when it could not be read at all).
    public var proof: AwardProof?
    public var checkpoint: Checkpoint?
    public var failures: [AwardCheckFailure]
    /// Who holds the signing key, when a directory was given and knows it.
    public var keyHolder: String?
    /// Whether the signing key is the trusted key given.
    public var keyTrusted: Bool

    public var passed: Bool { failures.isEmpty }
}

/// One thing a verification file fails, naming the part at fault.
public enum AwardCheckFailure: Sendable, Equatable {
    /// Not JSON of a verification file.
    case unreadable(detail: String)
    /// Another format than `khenthuong-award-proof/1`.
    case wrongFormat(found: String)
    /// The checkpoint text does not parse.
    case checkpointMalformed(line: Int, detail: String)
    /// A version 1 checkpoint: it has no Merkle root to prove events against.
    case checkpointWithoutRoot
    /// The checkpoint's signature is not its key's over its body.
    case badSignature(keyID: String)
    /// The checkpoint is signed by another key than the trusted one.
    case untrustedKey(found: String, trusted: String)
    /// The directory given does not know the signing key.
    case unknownKey(keyID: String)
    /// An event's fields do not hash to its hash.
    case eventAltered(role: String, seq: Int64)
    /// An event's audit path is not hex hashes.
    case auditPathMalformed(role: String, seq: Int64)
    /// An event's audit path does not lead to the checkpoint's root: it is not in that record.
    case notInRecord(role: String, seq: Int64)
    /// What the file shows differs from what its events record.
    case claimMismatch(field: String, shown: String, recorded: String)
    /// An event the claim needs is missing, or is not the kind of event its role says.
    case eventMissing(role: String)
    /// The file parses but is not byte for byte what `publish` writes for its content.
    case notAsPublished(offset: Int)

    /// The failure in words.
    public var message: LocalizedText {
        switch self {
        case .unreadable(let d):
            .init(vi: "tệp không phải tệp kiểm chứng khen thưởng đọc được (\(d))", en: "the file is not a readable award verification file (\(d))")
        case .wrongFormat(let f):
            .init(vi: "định dạng “\(f)”, không phải “\(AwardProof.formatName)”", en: "format “\(f)”, not “\(AwardProof.formatName)”")
        case .checkpointMalformed(let line, let d):
            .init(vi: "mốc kiểm tra trong tệp sai định dạng ở dòng \(line) (\(d))", en: "the checkpoint in the file is malformed at line \(line) (\(d))")
        case .checkpointWithoutRoot:
            .init(vi: "mốc kiểm tra là phiên bản 1, không có gốc Merkle để đối chiếu", en: "the checkpoint is version 1 and has no Merkle root to prove against")
        case .badSignature(let k):
            .init(vi: "chữ ký của mốc kiểm tra không hợp lệ với khóa \(k): mốc (số sự kiện, mã băm, gốc Merkle, thời điểm) đã bị sửa",
                  en: "the checkpoint's signature does not check out with key \(k): the checkpoint (event count, head, Merkle root, time) was changed")
        case .untrustedKey(let f, let t):
            .init(vi: "mốc kiểm tra được ký bằng khóa \(f), không phải khóa tin cậy \(t)", en: "the checkpoint is signed by key \(f), not by the trusted key \(t)")
        case .unknownKey(let k):
            .init(vi: "không ai trong danh mục đơn vị đã cho giữ khóa ký \(k)", en: "nobody in the given directory holds the signing key \(k)")
        case .eventAltered(let role, let seq):
            .init(vi: "sự kiện số \(seq) (\(Self.role(role).vi)) không còn khớp mã băm của nó: nội dung sự kiện đã bị sửa",
                  en: "event \(seq) (\(Self.role(role).en)) no longer matches its hash: its content was changed")
        case .auditPathMalformed(let role, let seq):
            .init(vi: "đường kiểm chứng của sự kiện số \(seq) (\(Self.role(role).vi)) không phải các mã băm SHA-256",
                  en: "the audit path of event \(seq) (\(Self.role(role).en)) is not SHA-256 hashes")
        case .notInRecord(let role, let seq):
            .init(vi: "sự kiện số \(seq) (\(Self.role(role).vi)) không dẫn tới gốc Merkle của mốc kiểm tra: không chứng minh được nó nằm trong hồ sơ đã ký",
                  en: "event \(seq) (\(Self.role(role).en)) does not lead to the checkpoint's Merkle root: it is not proven to be in the signed record")
        case .claimMismatch(let field, let shown, let recorded):
            .init(vi: "tệp ghi \(field) là “\(shown)” nhưng sự kiện ghi “\(recorded)”", en: "the file shows \(field) as “\(shown)” but the event records “\(recorded)”")
        case .eventMissing(let role):
            .init(vi: "thiếu sự kiện \(Self.role(role).vi) mà nội dung tệp dựa vào", en: "the \(Self.role(role).en) event the file's content rests on is missing")
        case .notAsPublished(let offset):
            .init(vi: "tệp khác với bản trang công khai viết ra từ byte \(offset) (nội dung như cũ nhưng các byte đã bị sửa)",
                  en: "the file differs from what the public site wrote from byte \(offset) on (same content, changed bytes)")
        }
    }

    static func role(_ role: String) -> LocalizedText {
        switch role {
        case "decision": .init(vi: "quyết định khen thưởng", en: "award decision")
        case "ballot": .init(vi: "kết quả biểu quyết", en: "ballot count")
        case "facts": .init(vi: "dữ kiện của người được đề nghị", en: "nominee facts")
        default: .init(vi: role, en: role)
        }
    }
}

extension AwardProof {
    /// Checks the verification file `bytes` offline: the checkpoint's signature (and its key
    /// against `trustedKey` or `keyHolder` when given), each event's hash and audit path to the
    /// checkpoint's Merkle root, that the events say what the file shows, and that the bytes
    /// are those `encoded()` writes.
    ///
    /// - Parameters:
    ///   - trustedKey: the key the checkpoint must be signed by.
    ///   - keyHolder: who holds a key in a directory the reader trusts (`nil` for unknown).
    public static func check(_ bytes: [UInt8], trustedKey: PublicKey? = nil,
                             keyHolder: ((PublicKey) -> String?)? = nil) -> AwardCheck {
        var result = AwardCheck(proof: nil, checkpoint: nil, failures: [], keyHolder: nil, keyTrusted: false)
        let proof: AwardProof
        do { proof = try JSONDecoder().decode(AwardProof.self, from: Data(bytes)) } catch {
            result.failures = [.unreadable(detail: Self.describe(error))]
            return result
        }
        result.proof = proof
        guard proof.format == formatName else { result.failures = [.wrongFormat(found: proof.format)]; return result }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(parsing: proof.checkpoint) } catch {
            let (line, detail): (Int, String) = switch error { case .malformed(let l, let d): (l, d) }
            result.failures = [.checkpointMalformed(line: line, detail: detail)]
            return result
        }
        result.checkpoint = checkpoint
        // Base64 and line endings have more than one spelling of the same bytes: only the one
        // the signer wrote is accepted, so that no byte of the file can change unnoticed.
        guard checkpoint.text == proof.checkpoint else {
            let written = checkpoint.text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = proof.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .first { $0.offset >= written.count || written[$0.offset] != $0.element }?.offset ?? written.count
            result.failures = [.checkpointMalformed(line: line + 1, detail: "not as the signer wrote it")]
            return result
        }
        guard let rootHex = checkpoint.root, let root = MerkleHash.bytes(hex: rootHex) else {
            result.failures = [.checkpointWithoutRoot]
            return result
        }
        var failures: [AwardCheckFailure] = []
        if !checkpoint.signatureIsValid { failures.append(.badSignature(keyID: checkpoint.publicKey.id)) }
        if let trustedKey {
            if trustedKey == checkpoint.publicKey { result.keyTrusted = true } else {
                failures.append(.untrustedKey(found: checkpoint.publicKey.id, trusted: trustedKey.id))
            }
        }
        if let keyHolder {
            if let holder = keyHolder(checkpoint.publicKey) { result.keyHolder = holder } else {
                failures.append(.unknownKey(keyID: checkpoint.publicKey.id))
            }
        }
        for e in proof.events {
            guard let stored = e.storedEvent, stored.computedHash() == e.hash, let leaf = MerkleHash.bytes(hex: e.hash), leaf.count == 32 else {
                failures.append(.eventAltered(role: e.role, seq: e.seq))
                continue
            }
            let path = e.auditPath.map { MerkleHash.bytes(hex: $0) }
            guard path.allSatisfy({ $0?.count == MerkleHash.size }) else {
                failures.append(.auditPathMalformed(role: e.role, seq: e.seq))
                continue
            }
            if !MerkleProof.verifyInclusion(index: Int(e.seq) - 1, size: Int(checkpoint.eventCount), leafHash: MerkleHash.leaf(leaf),
                                            path: path.compactMap { $0 }, root: root) {
                failures.append(.notInRecord(role: e.role, seq: e.seq))
            }
        }
        failures += claimFailures(proof)
        if failures.isEmpty {
            let canonical = proof.encoded()
            if canonical != bytes {
                let offset = zip(canonical, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(canonical.count, bytes.count)
                failures.append(.notAsPublished(offset: offset))
            }
        }
        result.failures = failures
        return result
    }

    /// The differences between what the file shows and what its events record.
    static func claimFailures(_ proof: AwardProof) -> [AwardCheckFailure] {
        let c = proof.award
        var out: [AwardCheckFailure] = []
        func compare(_ field: String, _ shown: String, _ recorded: String) {
            if shown != recorded { out.append(.claimMismatch(field: field, shown: shown, recorded: recorded)) }
        }
        for e in proof.events where !["decision", "ballot", "facts"].contains(e.role) {
            out.append(.claimMismatch(field: "events.role", shown: e.role, recorded: "decision, ballot, facts"))
        }
        // The decision and the recipient's line.
        if let e = proof.events.first(where: { $0.role == "decision" }), let stored = e.storedEvent,
           let d = try? stored.record(Decision.self) {
            compare("subject", e.subject, RecordSubject.decision(c.decision).stored)
            compare("decision", c.decision, d.number)
            compare("decisionDate", c.decisionDate, d.date.description)
            compare("authority", c.authority, d.authority)
            compare("level", c.level, d.level)
            compare("signer", c.signer, d.signer)
            if let line = d.recipients.first(where: { $0.dossier == c.dossier }) {
                compare("recipient", c.recipient, line.nomineeName)
                compare("recipientKind", c.recipientKind, line.nomineeKind.rawValue)
                compare("unit", c.unit, line.unit)
                compare("award", c.award, line.award)
                compare("year", "\(c.year)", "\(line.year)")
                compare("amountVND", "\(c.amountVND)", "\(line.amountVND)")
            } else {
                compare("dossier", c.dossier, d.recipients.map(\.dossier).joined(separator: ", "))
            }
        } else {
            out.append(.eventMissing(role: "decision"))
        }
        // The ballot count.
        let ballot = proof.events.first { $0.role == "ballot" }
        switch (c.votes, ballot) {
        case (nil, nil): break
        case (.some, nil): out.append(.eventMissing(role: "ballot"))
        case (let votes, .some(let e)):
            if let stored = e.storedEvent, let r = try? stored.record(BallotRecord.self) {
                compare("ballot subject", e.subject, c.dossier)
                let recorded = AwardProof.Votes(count: r)
                if votes != recorded {
                    compare("votes", votes.map(Self.text) ?? "—", Self.text(recorded))
                }
            } else {
                out.append(.eventMissing(role: "ballot"))
            }
        }
        // The facts.
        let facts = proof.events.first { $0.role == "facts" }
        switch (c.facts, facts) {
        case (nil, nil): break
        case (.some, nil): out.append(.eventMissing(role: "facts"))
        case (let shown, .some(let e)):
            if e.kind == StoredEvent.Kind.record.rawValue, e.event == NomineeFactsRecord.kind, let recorded = Self.facts(payload: e.payload) {
                compare("facts subject", e.subject, c.dossier)
                if shown != recorded {
                    let s = shown ?? [], differing = zip(s, recorded).first { $0 != $1 }
                    compare("facts", differing?.0 ?? s.joined(separator: "; "), differing?.1 ?? recorded.joined(separator: "; "))
                }
            } else {
                out.append(.eventMissing(role: "facts"))
            }
        }
        return out
    }

    static func text(_ v: Votes) -> String {
        "\(v.yes)/\(v.present)/\(v.members) yes/present/members, no \(v.no), invalid \(v.invalid), \(NumberText.exact(v.percent))% of \(v.base), passed \(v.passed), \(v.outcome)"
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): c.debugDescription
        case DecodingError.keyNotFound(let key, _): "the field “\(key.stringValue)” is missing"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "the field “\(c.codingPath.map(\.stringValue).joined(separator: "."))” has the wrong type"
        default: "\(error)"
        }
    }
}
