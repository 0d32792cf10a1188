import Foundation
import KhenThuongCore
import KhenThuongStore

/// What `verify --witnesses` found: every receipt this store keeps (an upper level's cosignature
/// of one of its checkpoints), and each one the store no longer extends.
public struct WitnessReport: Sendable, Equatable {
    /// The receipts, with the number of the event that recorded each.
    public var receipts: [(seq: Int64, receipt: Receipt)]
    public var faults: [WitnessFault]

    /// The witnessing units, sorted.
    public var witnesses: [String] { Set(receipts.map(\.receipt.witness)).sorted() }

    public static func == (a: WitnessReport, b: WitnessReport) -> Bool {
        a.receipts.map(\.seq) == b.receipts.map(\.seq) && a.receipts.map(\.receipt) == b.receipts.map(\.receipt) && a.faults == b.faults
    }

    /// Judges every receipt against the store: its own id, its event count, and the Merkle roots
    /// computed during verify's read at each cosigned size (`roots`).
    static func judge(_ receipts: [(seq: Int64, receipt: Receipt)], roots: MerkleRootsAtSizes, storeID: String, events: Int64,
                      hash: (Int64) throws -> String?) throws -> WitnessReport {
        var faults: [WitnessFault] = []
        for (seq, r) in receipts {
            let c = r.checkpoint
            let problem: WitnessFault.Problem?
            if !r.signatureIsValid || !c.signatureIsValid {
                problem = .badSignature
            } else if c.storeID != storeID {
                problem = .otherStore(storeID)
            } else if c.eventCount > events {
                problem = .truncated(events: events)
            } else if let root = c.root, c.eventCount > 0 {
                let found = roots.roots[c.eventCount].map(MerkleHash.hex) ?? ""
                problem = found == root ? nil : .rootDiffers(found)
            } else if c.eventCount > 0, let found = try hash(c.eventCount), found != c.headHash {
                problem = .headDiffers(found)
            } else {
                problem = nil
            }
            if let problem { faults.append(WitnessFault(seq: seq, receipt: r, problem: problem)) }
        }
        return WitnessReport(receipts: receipts, faults: faults)
    }
}

/// A receipt the store no longer extends: history rewritten (or cut) after an upper level
/// cosigned the checkpoint.
public struct WitnessFault: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The Merkle root of the store's first `eventCount` events is now `found`.
        case rootDiffers(String)
        /// (A checkpoint without a root) the event at the cosigned number has another hash.
        case headDiffers(String)
        /// The store has fewer events than were cosigned.
        case truncated(events: Int64)
        /// The receipt is of another store (this one's id given).
        case otherStore(String)
        /// The receipt's or the checkpoint's signature does not check out.
        case badSignature
    }

    /// The `receipt_received` event.
    public var seq: Int64
    public var receipt: Receipt
    public var problem: Problem

    public func message(_ language: Language) -> String {
        let r = receipt, c = receipt.checkpoint, vi = language == .vi
        let head = vi
            ? "biên nhận #\(seq) của \(r.witness) (\(r.role)@\(r.witness):\(r.user), khóa \(r.publicKey.id), lúc \(StoreTime.iso(r.at))) đồng ký mốc \(c.eventCount) sự kiện"
            : "receipt #\(seq) from \(r.witness) (\(r.role)@\(r.witness):\(r.user), key \(r.publicKey.id), at \(StoreTime.iso(r.at))) cosigned the checkpoint of \(c.eventCount) events"
        switch problem {
        case .rootDiffers(let found):
            return vi ? "\(head) với gốc Merkle \(c.root ?? "—"); cây Merkle của kho ở kích thước \(c.eventCount) nay có gốc \(found): lịch sử đã bị viết lại sau khi báo lên \(r.witness)"
                      : "\(head) with Merkle root \(c.root ?? "—"); the store's Merkle tree at size \(c.eventCount) now has root \(found): history was rewritten after reporting to \(r.witness)"
        case .headDiffers(let found):
            return vi ? "\(head) với mã băm cuối \(c.headHash); sự kiện #\(c.eventCount) nay có mã băm \(found): lịch sử đã bị viết lại sau khi báo lên \(r.witness)"
                      : "\(head) with head \(c.headHash); event #\(c.eventCount) now has hash \(found): history was rewritten after reporting to \(r.witness)"
        case .truncated(let events):
            return vi ? "\(head); kho nay chỉ có \(events) sự kiện: sự kiện đã bị xóa sau khi báo lên \(r.witness)"
                      : "\(head); the store now holds only \(events) events: events were removed after reporting to \(r.witness)"
        case .otherStore(let id):
            return vi ? "\(head) của kho \(c.storeID), không phải kho này (\(id))" : "\(head) of store \(c.storeID), not this store (\(id))"
        case .badSignature:
            return vi ? "\(head); chữ ký của biên nhận hoặc của mốc không khớp" : "\(head); the receipt's or the checkpoint's signature does not match"
        }
    }
}
