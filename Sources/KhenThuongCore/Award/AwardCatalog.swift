import Foundation

/// One award (title or form) the workflows know about: which workflow it runs, whether
/// public notice is required, and how the council's vote is judged.
public struct AwardDefinition: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    /// `individual` or `collective`.
    public var subject: Nominee.Kind
    /// The workflow a dossier for this award runs under (`yearly`, `adhoc`).
    public var workflow: String
    /// Whether the list must be published for comments before the council.
    public var publicNotice: Bool
    /// Pass threshold of the council vote, in percent.
    public var votePercent: Double
    /// `total` (all members; absent ones vote in writing) or `present`.
    public var voteBase: String
    /// Legal source of the vote rule (document, article, clause).
    public var voteSource: String
    /// The award form for statistics (`danh_hieu`, `bang_khen`, `co`, `giay_khen`, `huan_chuong` …), when given.
    public var form: String?
    /// The level that grants it (`co_so`, `tinh`, `tong_lien_doan`, `thu_tuong` …), when given.
    public var level: String?
    /// Vote rules by achievement year (`vote.regimes`), each overriding the default above for
    /// the years it covers.
    public var voteRegimes: [VoteRegime] = []
    /// The kinds of level that may decide the award (`decidedBy`): union unit kinds of the
    /// directory (`cdcs`, `cd_cap_tren`, `ldld_tinh`, `cd_nganh`, `tld`) or a State level outside
    /// it (`ubnd_tinh`, `thu_tuong`, `chu_tich_nuoc`). Empty when the file does not say; then a
    /// council's own `decides` list alone says whether it approves or proposes upward.
    public var decidedBy: [String] = []
    /// A thematic form (chuyên đề): never a stepping stone for later merit awards (NĐ 98/2023 Điều 4).
    public var thematic: Bool = false
    /// The legal basis of the form, or why none was found (`basis`), for awards without a rule set.
    public var basis: String?

    /// The levels `decidedBy` may name, highest first: the State's, then the union's unit kinds.
    public static let decidingLevels = ["chu_tich_nuoc", "thu_tuong", "ubnd_tinh", "tld", "cd_nganh", "ldld_tinh", "cd_cap_tren", "cdcs"]

    /// The vote rule for dossiers whose achievement year is `fromYear…toYear`.
    public struct VoteRegime: Sendable, Equatable {
        public var fromYear: Int
        public var toYear: Int?
        public var percent: Double
        public var base: String
        /// The named parameter, when the value is UNVERIFIED (no legal text read fixes it).
        public var parameter: String?
        public var source: String
    }

    /// The vote rule for a dossier of achievement year `year`: (percent, base, source).
    public func voteRule(year: Int) -> (percent: Double, base: String, source: String) {
        if let r = Self.regime(voteRegimes, year: year) {
            return (r.percent, r.base, r.parameter.map { "\(r.source) [\($0)]" } ?? r.source)
        }
        return (votePercent, voteBase, voteSource)
    }

    /// The regime of `regimes` that covers `year` (the last listed wins), if any.
    static func regime(_ regimes: [VoteRegime], year: Int) -> VoteRegime? {
        regimes.last { $0.fromYear <= year && year <= ($0.toYear ?? Int.max) }
    }

    public init(id: String, name: LocalizedText, subject: Nominee.Kind, workflow: String, publicNotice: Bool,
                votePercent: Double, voteBase: String, voteSource: String) {
        self.id = id
        self.name = name
        self.subject = subject
        self.workflow = workflow
        self.publicNotice = publicNotice
        self.votePercent = votePercent
        self.voteBase = voteBase
        self.voteSource = voteSource
    }

    /// The same award with its statistics form and level.
    public func with(form: String?, level: String?) -> AwardDefinition {
        var copy = self
        copy.form = form
        copy.level = level
        return copy
    }
}

/// The awards in `workflows/awards.json`.
public struct AwardCatalog: Sendable {
    public private(set) var awards: [AwardDefinition]
    private var table: NameTable
    /// What the machine reads of each award, by position, kept flat so that a look-up on the
    /// hot path reads one small value instead of reaching into a whole `AwardDefinition`.
    private var noticeRequired: [Bool]
    private var defaultVote: [(percent: Double, base: String)]
    private var voteRegimes: [[AwardDefinition.VoteRegime]]
    /// Where each award's `workflow` value stands in awards.json (empty when built in code).
    package var workflowPositions: [SourcePosition] = []

    public init(awards: [AwardDefinition]) {
        self.awards = awards
        self.table = NameTable(awards.map(\.id))
        self.noticeRequired = awards.map(\.publicNotice)
        self.defaultVote = awards.map { ($0.votePercent, $0.voteBase) }
        self.voteRegimes = awards.map(\.voteRegimes)
    }

    public func award(_ id: String) -> AwardDefinition? { table.index(of: id).map { awards[$0] } }

    /// Whether `id` requires public notice (`nil` for an unknown award), without copying it.
    func publicNotice(_ id: String) -> Bool? { table.index(of: id).map { noticeRequired[$0] } }

    /// The vote rule of `id` (`nil` for an unknown award) for achievement year `year`, without copying the award.
    func voteRule(_ id: String, year: Int) -> (percent: Double, base: String)? {
        guard let i = table.index(of: id) else { return nil }
        // The regime itself, not `AwardDefinition.voteRule(year:)`: that one also builds the
        // source text, which the machine does not read.
        guard let r = AwardDefinition.regime(voteRegimes[i], year: year) else { return defaultVote[i] }
        return (r.percent, r.base)
    }

    /// Reads the catalog, collecting findings the way the workflow loader does.
    public static func parse(_ text: String, file: String) -> (AwardCatalog?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            return (nil, [LintFinding(kind: .malformedJSON, file: file, location: .init(path: "$", position: error.position),
                                      message: error.malformed)])
        }
        var reader = WorkflowLoader.Reader(file: file)
        var awards: [AwardDefinition] = []
        var positions: [SourcePosition] = []
        var seen: [String: String] = [:]
        for (i, a) in (reader.array(root, "awards", "$") ?? []).enumerated() {
            let p = "$.awards[\(i)]"
            guard let id = reader.string(a, "id", p), let name = reader.text(a, "name", p),
                  let workflow = reader.string(a, "workflow", p) else { continue }
            let subject = reader.string(a, "subject", p).flatMap(Nominee.Kind.init(rawValue:))
            if subject == nil {
                reader.invalid("\(p).subject", a["subject"] ?? a, vi: "\"subject\" phải là \"individual\" hoặc \"collective\"", en: "\"subject\" must be \"individual\" or \"collective\"")
            }
            let vote = a["vote"]
            let percent = vote?["percent"]?.double ?? 50
            let base = vote?["base"]?.string ?? "total"
            if let vote, !(percent > 0 && percent <= 100) || (base != "total" && base != "present") {
                reader.invalid("\(p).vote", vote, vi: "\"vote\" cần \"percent\" trong (0, 100] và \"base\" là \"total\" hoặc \"present\"", en: "\"vote\" needs \"percent\" in (0, 100] and \"base\" \"total\" or \"present\"")
            }
            if let first = seen[id] {
                reader.findings.append(LintFinding(kind: .duplicateID, file: file, location: .init(path: p, position: a.position),
                                                   message: .init(vi: "danh hiệu \"\(id)\" đã được định nghĩa tại \(first)", en: "award \"\(id)\" is already defined at \(first)")))
            }
            seen[id] = p
            var award = AwardDefinition(id: id, name: name, subject: subject ?? .individual, workflow: workflow,
                                        publicNotice: a["publicNotice"]?.bool ?? false, votePercent: percent, voteBase: base,
                                        voteSource: vote?["source"]?.string ?? "")
            for (j, r) in (vote?["regimes"]?.array ?? []).enumerated() {
                let rp = "\(p).vote.regimes[\(j)]"
                guard let from = r["fromYear"]?.int, let pct = r["percent"]?.double, pct > 0, pct <= 100,
                      let b = r["base"]?.string, b == "total" || b == "present", let source = r["source"]?.string else {
                    reader.invalid(rp, r, vi: "mỗi chế độ biểu quyết cần \"fromYear\", \"percent\" trong (0, 100], \"base\" (total|present) và \"source\"",
                                   en: "each vote regime needs \"fromYear\", \"percent\" in (0, 100], \"base\" (total|present) and \"source\"")
                    continue
                }
                award.voteRegimes.append(.init(fromYear: from, toYear: r["toYear"]?.int, percent: pct, base: b,
                                               parameter: r["parameter"]?.string, source: source))
            }
            if let by = a["decidedBy"] {
                let levels = by.array?.compactMap(\.string) ?? []
                if levels.isEmpty || levels.count != by.array?.count || !levels.allSatisfy(AwardDefinition.decidingLevels.contains) {
                    let known = AwardDefinition.decidingLevels.joined(separator: ", ")
                    reader.invalid("\(p).decidedBy", by, vi: "\"decidedBy\" là danh sách cấp quyết định, mỗi cấp là một trong: \(known)",
                                   en: "\"decidedBy\" is a list of deciding levels, each one of: \(known)")
                }
                award.decidedBy = levels
            }
            award.thematic = a["thematic"]?.bool ?? false
            award.basis = a["basis"]?.string
            awards.append(award.with(form: a["form"]?.string, level: a["level"]?.string))
            positions.append(a["workflow"]?.position ?? a.position)
        }
        guard reader.findings.isEmpty else { return (nil, reader.findings) }
        var catalog = AwardCatalog(awards: awards)
        catalog.workflowPositions = positions
        return (catalog, [])
    }
}
