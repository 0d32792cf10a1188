import KhenThuongCore

/// What `EventLog.rebuild()` found when it replayed the events and compared the result
/// with the `dossiers` projection.
public struct RebuildReport: Sendable, Equatable {
    /// Events replayed.
    public var eventCount: Int64
    /// Dossiers the events build.
    public var dossierCount: Int
    /// The dossiers whose projection row is not what the events build, sorted by id.
    public var differences: [ProjectionDifference]
    /// Whether the projection was rewritten from the replay (`false` for a dry run).
    public var rewritten: Bool

    /// Whether the projection equalled the replay for every dossier.
    public var isConsistent: Bool { differences.isEmpty }

    public init(eventCount: Int64, dossierCount: Int, differences: [ProjectionDifference], rewritten: Bool) {
        self.eventCount = eventCount
        self.dossierCount = dossierCount
        self.differences = differences
        self.rewritten = rewritten
    }

    /// A summary, one line per difference.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        var lines = [vi ? "Đã phát lại \(eventCount) sự kiện, \(dossierCount) hồ sơ."
                        : "Replayed \(eventCount) events, \(dossierCount) dossiers."]
        if differences.isEmpty {
            lines.append(vi ? "Bảng hồ sơ khớp với các sự kiện." : "The dossier table matches the events.")
        } else {
            lines.append(vi ? "\(differences.count) hồ sơ không khớp:" : "\(differences.count) dossiers differ:")
            lines += differences.map { "  - " + $0.message(language) }
        }
        if rewritten { lines.append(vi ? "Đã ghi lại bảng hồ sơ từ các sự kiện." : "The dossier table was rewritten from the events.") }
        return lines.joined(separator: "\n")
    }
}

/// One dossier whose projection row differs from what its events build.
public struct ProjectionDifference: Sendable, Equatable {
    /// How the row differs.
    public enum Kind: Sendable, Equatable {
        /// The events build the dossier but the projection has no row for it.
        case missingFromProjection
        /// The projection has a row for a dossier no event creates.
        case notInEvents
        /// These columns of the row differ (`state`, `documents`, `last_seq`…).
        case fieldsDiffer([String])
    }

    public var dossierID: String
    public var kind: Kind

    public init(dossierID: String, kind: Kind) {
        self.dossierID = dossierID
        self.kind = kind
    }

    /// `HS-1: state, entered_state_at differ`.
    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch kind {
        case .missingFromProjection:
            return vi ? "\(dossierID): có trong sự kiện nhưng thiếu trong bảng hồ sơ" : "\(dossierID): in the events but missing from the dossier table"
        case .notInEvents:
            return vi ? "\(dossierID): có trong bảng hồ sơ nhưng không có sự kiện nào tạo ra" : "\(dossierID): in the dossier table but created by no event"
        case .fieldsDiffer(let fields):
            return vi ? "\(dossierID): khác ở \(fields.joined(separator: ", "))" : "\(dossierID): \(fields.joined(separator: ", ")) differ"
        }
    }
}
