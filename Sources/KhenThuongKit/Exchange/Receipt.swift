import Foundation
import KhenThuongCore
import KhenThuongStore

/// A receipt: the cosignature a level returns for a checkpoint it received. When a level imports
/// an envelope it records the sender's signed checkpoint (`envelope_imported`); in its next
/// envelope to that sender it signs that checkpoint as a witness, and the sender keeps the
/// receipt (`receipt_received`). A store that later rewrites its history no longer has, at the
/// cosigned size, the cosigned Merkle root: `verify --witnesses` names the receipt, the witness
/// and the size (docs/exchange.md#receipts).
///
/// The signed statement follows C2SP `tlog-cosignature`: a header, the witness and the time, then
/// the whole checkpoint body the sender signed:
///
/// ```
/// khenthuong-cosignature/1
/// witness LDLD-HN
/// time 2025-12-01T02:00:00.000Z
/// khenthuong-checkpoint/2
/// store 8c1f…
/// events 37
/// head eb8f…
/// root 5dc9…
/// at 2025-12-01T02:00:00.000Z
/// ```
public struct Receipt: Sendable, Equatable {
    /// The witnessing unit, and who signed for it.
    public var witness: String
    public var role: String
    public var user: String
    public var at: Date
    /// The sender's checkpoint, cosigned.
    public var checkpoint: Checkpoint
    public var publicKey: PublicKey
    public var signature: [UInt8]
    /// The envelope that brought the receipt back (set when stored; empty in a manifest).
    public var envelope: String = ""

    public static let header = "khenthuong-cosignature/1"

    /// The signed bytes.
    public var statement: [UInt8] {
        Array("\(Self.header)\nwitness \(witness)\ntime \(StoreTime.iso(at))\n\(checkpoint.body)".utf8)
    }

    public var signatureIsValid: Bool { publicKey.verify(signature: signature, message: statement) }

    /// `actor`'s unit's cosignature of `checkpoint`, signed by `signer`.
    package static func make(_ checkpoint: Checkpoint, by actor: Actor, signer: any CommitSigner, at time: Date) throws -> Receipt {
        var r = Receipt(witness: actor.unit, role: actor.role, user: actor.user, at: StoreTime.truncated(time), checkpoint: checkpoint,
                        publicKey: signer.publicKey, signature: [])
        r.signature = try signer.sign(r.statement)
        return r
    }

    /// The receipt's fields, as the manifest's `receipts` carry them.
    private var fields: [(String, JSONValue)] {
        [("witness", .string(witness)), ("role", .string(role)), ("user", .string(user)), ("at", .string(StoreTime.iso(at))),
         ("checkpoint", .string(checkpoint.text)), ("key", .string(publicKey.text)), ("signature", .string(Data(signature).base64EncodedString()))]
    }

    var json: JSONValue { .fields(fields) }

    /// Reads one element of a manifest's `receipts`; `nil` when a field is missing or unreadable.
    init?(json j: JSONValue) {
        guard let witness = j["witness"]?.string, let role = j["role"]?.string, let user = j["user"]?.string,
              let atText = j["at"]?.string, let at = StoreTime.parseDate(atText), let text = j["checkpoint"]?.string,
              let checkpoint = try? Checkpoint(parsing: text), let keyText = j["key"]?.string, let key = try? PublicKey(text: keyText),
              let sigText = j["signature"]?.string, let sig = Data(base64Encoded: sigText) else { return nil }
        self.init(witness: witness, role: role, user: user, at: at, checkpoint: checkpoint, publicKey: key, signature: Array(sig))
    }

    init(witness: String, role: String, user: String, at: Date, checkpoint: Checkpoint, publicKey: PublicKey, signature: [UInt8], envelope: String = "") {
        self.witness = witness
        self.role = role
        self.user = user
        self.at = at
        self.checkpoint = checkpoint
        self.publicKey = publicKey
        self.signature = signature
        self.envelope = envelope
    }

    /// Whether two receipts cosign the same checkpoint for the same witness.
    func sameCosignature(_ other: Receipt) -> Bool {
        witness == other.witness && checkpoint.eventCount == other.checkpoint.eventCount && checkpoint.headHash == other.checkpoint.headHash
            && checkpoint.root == other.checkpoint.root && checkpoint.storeID == other.checkpoint.storeID
    }
}

extension Receipt: StoreRecord {
    package static let kind = "receipt_received"
    package var subject: RecordSubject { .envelope(envelope) }

    package var payload: JSONValue {
        .fields(fields + [("envelope", .string(envelope))])
    }

    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(parsing: try p.string("checkpoint")) } catch let e as RecordDecodingError { throw e } catch {
            throw p.fail("checkpoint", "not a checkpoint: \(error)")
        }
        guard let at = StoreTime.parseDate(try p.string("at")) else { throw p.fail("at", "not an ISO 8601 time") }
        let key: PublicKey
        do { key = try PublicKey(text: try p.string("key")) } catch let e as RecordDecodingError { throw e } catch { throw p.fail("key", "not a public key") }
        guard let sig = Data(base64Encoded: try p.string("signature")) else { throw p.fail("signature", "not base64") }
        self.init(witness: try p.string("witness"), role: try p.string("role"), user: try p.string("user"), at: at, checkpoint: checkpoint,
                  publicKey: key, signature: Array(sig), envelope: try p.string("envelope"))
    }
}
