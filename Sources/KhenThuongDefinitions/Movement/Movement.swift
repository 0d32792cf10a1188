import Foundation
import KhenThuongCore

/// An emulation movement (phong trào thi đua) or programme as its launching plan states it:
/// who launched it, by which document, for which period, in which phases (đợt), on which
/// themes, for which levels, with which targets (chỉ tiêu), and where it was written down.
///
/// Read from `workflows/movements/*.json` by `MovementLoader`; recorded in the store by
/// `movement create` (record `movement_defined`, subject `movement:<id>`).
public struct Movement: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    /// The body that launched it (Ban Thường vụ LĐLĐ tỉnh …).
    public var launchedBy: LocalizedText
    /// The plan's number, date and place (Số 135/KH-LĐLĐ, Vĩnh Thuận, 26/01/2022).
    public var document: DocumentReference
    /// The higher-level documents it implements (“Thực hiện Kế hoạch số 201/KH-LĐLĐ …”).
    public var basis: [LocalizedText]
    public var period: Period
    public var phases: [Phase]
    public var themes: [LocalizedText]
    /// The levels that take part (LĐLĐ huyện, CĐCS trực thuộc …).
    public var levels: [LocalizedText]
    public var targets: [MovementTarget]
    /// The source text (file name) and section the definition was transcribed from.
    public var source: SourceReference

    public init(id: String, name: LocalizedText, launchedBy: LocalizedText, document: DocumentReference,
                basis: [LocalizedText], period: Period, phases: [Phase], themes: [LocalizedText],
                levels: [LocalizedText], targets: [MovementTarget], source: SourceReference) {
        self.id = id
        self.name = name
        self.launchedBy = launchedBy
        self.document = document
        self.basis = basis
        self.period = period
        self.phases = phases
        self.themes = themes
        self.levels = levels
        self.targets = targets
        self.source = source
    }

    /// The phase numbered `number`, if there is one.
    public func phase(_ number: Int) -> Phase? { phases.first { $0.number == number } }

    /// The target with id `id`, if there is one.
    public func target(_ id: String) -> MovementTarget? { targets.first { $0.id == id } }

    /// A plan's number, date and place.
    public struct DocumentReference: Sendable, Equatable {
        public var number: String
        public var date: CivilDate
        public var place: String?
        /// Who signed it, as printed under the plan.
        public var signer: String?

        public init(number: String, date: CivilDate, place: String?, signer: String? = nil) {
            self.number = number
            self.date = date
            self.place = place
            self.signer = signer
        }
    }

    /// When the movement runs; `to` is absent for movements that end on an event
    /// (“đến khi … kiểm soát được dịch bệnh”), explained in `note`.
    public struct Period: Sendable, Equatable {
        public var from: CivilDate
        public var to: CivilDate?
        public var note: LocalizedText?

        public init(from: CivilDate, to: CivilDate?, note: LocalizedText?) {
            self.from = from
            self.to = to
            self.note = note
        }
    }

    /// One phase (đợt) with its dates and the occasions it celebrates.
    public struct Phase: Sendable, Equatable {
        public var number: Int
        public var from: CivilDate
        public var to: CivilDate
        public var name: LocalizedText
        public var occasions: [LocalizedText]

        public init(number: Int, from: CivilDate, to: CivilDate, name: LocalizedText, occasions: [LocalizedText]) {
            self.number = number
            self.from = from
            self.to = to
            self.name = name
            self.occasions = occasions
        }
    }

    /// Where a definition came from: the source text's file name and the section in it.
    public struct SourceReference: Sendable, Equatable {
        public var file: String
        public var section: String

        public init(file: String, section: String) {
            self.file = file
            self.section = section
        }
    }
}
