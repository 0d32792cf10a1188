import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What the public site shows, read from the store at one moment: the dossiers under public
/// notice with their comment deadlines, the decisions with their annexes, and one entry per
/// recipient; revoked awards carry their revocation.
///
/// Built by `PublicationModel.build(store:definitions:at:)`; rendered by `SiteRenderer`, and
/// as CSV and JSON by `PublicationData`.
public struct PublicationModel: Sendable, Equatable {
    /// When the site was generated (injected, never read from a clock here).
    public var generatedAt: Date
    /// The store's newest event: readers compare it with `khenthuong verify`.
    public var headSeq: Int64
    public var headHash: String
    public var notices: [NoticeItem]
    public var decisions: [DecisionItem]
    public var recipients: [RecipientItem]
    /// The store's signed checkpoint at the head the site shows, when the publisher has a key:
    /// published as `checkpoint.txt` so that anyone holding a copy of the store can check it
    /// (`khenthuong verify --checkpoint`).
    public var checkpoint: Checkpoint? = nil
    /// One verification file per award in force, proven against `checkpoint` (empty without
    /// a checkpoint): published as `verify/<decision>-<dossier>.json` with its QR code.
    public var awardProofs: [AwardProof] = []
    /// Where the site will be served (`publish --base-url`), for the QR codes; `nil` puts the
    /// file's path relative to the site in them.
    public var baseURL: String? = nil
}

/// A dossier under public notice (công khai, lấy ý kiến).
public struct NoticeItem: Sendable, Equatable, Encodable {
    public var dossier: String
    public var nomineeID: String
    public var nomineeName: String
    public var nomineeKind: String
    /// The proposing unit.
    public var unit: String
    public var awardID: String
    public var awardName: LocalizedText
    public var year: Int
    /// The day the dossier entered public notice (Vietnam time).
    public var noticeOpened: CivilDate
    /// The last day for comments: `noticeOpened` + `workingDays` working days.
    public var commentDeadline: CivilDate
    public var workingDays: Int
    public var comments: Int
    public var openComplaints: Int

    /// The published fields: no nominee id (it may be a personal identifier).
    enum CodingKeys: String, CodingKey {
        case dossier, nomineeName, nomineeKind, unit, awardID, awardName, year, noticeOpened, commentDeadline, workingDays, comments, openComplaints
    }
}

/// A decision (quyết định khen thưởng) and its annex.
public struct DecisionItem: Sendable, Equatable, Encodable {
    public var number: String
    public var date: CivilDate
    public var signer: String
    public var level: String
    public var authority: String
    public var recipients: [AwardLine]
    /// The page's file name without `.html`, unique within the site.
    public var slug: String
}

/// One award given by a decision to one recipient.
public struct AwardLine: Sendable, Equatable, Encodable {
    public var decision: String
    public var decisionDate: CivilDate
    public var dossier: String
    public var nomineeID: String
    public var nomineeName: String
    public var nomineeKind: String
    public var unit: String
    public var awardID: String
    public var awardName: LocalizedText
    public var year: Int
    public var amountVND: Int
    public var multiplier: Double
    public var baseSalaryVND: Int
    /// Set when the award was revoked (dossier in a state tagged `revocation`, or a `revocation` record).
    public var revocation: RevocationItem?

    /// The published fields: no nominee id (it may be a personal identifier).
    enum CodingKeys: String, CodingKey {
        case decision, decisionDate, dossier, nomineeName, nomineeKind, unit, awardID, awardName, year, amountVND, multiplier, baseSalaryVND, revocation
    }
}

/// A revocation (hủy bỏ, thu hồi) as the site shows it.
public struct RevocationItem: Sendable, Equatable, Encodable {
    /// The legal ground (e.g. `93.2.a`), when recorded.
    public var ground: String?
    public var groundText: String?
    public var amountVND: Int?
    public var decision: String?
    public var revokedBy: String?
    public var date: CivilDate
}

/// One person or collective and every award the published decisions gave them (grouped by
/// nominee id, which the site never shows: pages are named after the name).
public struct RecipientItem: Sendable, Equatable, Encodable {
    public var nomineeID: String
    public var name: String
    public var kind: String
    public var unit: String
    public var awards: [AwardLine]
    public var slug: String
    /// `Text.searchKey(name)`.
    public var searchKey: String

    /// The published fields: no nominee id (it may be a personal identifier).
    enum CodingKeys: String, CodingKey {
        case name, kind, unit, awards, slug
    }
}
