import Foundation

/// Reads nominee facts from JSON.
///
/// The format (stable; ``NomineeExporter`` writes the same):
///
/// ```json
/// {"nominees": [
///   {"kind": "individual", "id": "P000001", "name": "Nguyễn Thị Hoa", "unit": "U0001",
///    "hireDate": "2019-03-01", "appointedDate": "2019-11-01", "continuousService": true, "leader": false,
///    "education": "DAI_HOC", "unionMember": true,
///    "years": {"2024": {"duty": "HTXSNV", "monthsWorked": 12, "leave": "THAI_SAN",
///                       "discipline": [{"level": "KHIEN_TRACH", "date": "2024-05-02"}]}},
///    "proceedings": [{"kind": "complaint", "opened": "2025-02-01", "closed": null}],
///    "initiatives": [{"id": "SK-1", "title": "…", "kind": "sang_kien", "level": "co_so", "scope": "tinh",
///                     "recognised": "2024-06-01",
///                     "benefitVND": 80000000, "usedFor": {"award": "chien_si_thi_dua_co_so", "year": 2024}}],
///    "awards": [{"award": "chien_si_thi_dua_co_so", "year": 2023, "level": "co_so",
///                "decision": "12/QĐ-CĐ", "decisionDate": "2024-01-10",
///                "period": {"from": "2023-01-01", "to": "2023-12-31"}, "adHoc": false, "thematic": false}]},
///   {"kind": "collective", "id": "T01", "name": "Tổ Cơ điện", "unit": "U0001", "bloc": "K1",
///    "years": {"2024": {"duty": "HTXSNV", "members": {"total": 10, "ldtt": 7, "cstdcs": 1,
///                                                      "completedDuty": 10, "disciplined": 0}}},
///    "proceedings": [], "awards": []}
/// ]}
/// ```
///
/// Only `kind`, `id`, `name` and `unit` are required; `proposer` (the LĐLĐ tỉnh / CĐ ngành TW
/// that proposes upward, whose caps apply) defaults to `unit`. Defaults: `continuousService` true,
/// `leader` false, `unionMember` true, `monthsWorked` 12, `adHoc`/`thematic` false. Codes:
/// `duty` HTXSNV/HTTNV/HTNV/KHTNV; `leave` THAI_SAN/OM_DAU/DAO_TAO/TAI_NAN/KHAC; discipline
/// `level` KHIEN_TRACH/CANH_CAO/HA_BAC_LUONG/GIANG_CHUC/CACH_CHUC/BUOC_THOI_VIEC; `education`
/// PHO_THONG/TRUNG_CAP/CAO_DANG/DAI_HOC/THAC_SI/TIEN_SI; proceeding `kind`
/// discipline-review/inspection/complaint; `members.disciplined` counts members disciplined
/// with cảnh cáo or heavier. `appointedDate`: the appointment as a civil servant after a
/// contract that began on `hireDate` (service counts from `hireDate` when `continuousService`,
/// else from `appointedDate`). An initiative's `kind` is `sang_kien` (default), `de_tai` (an
/// accepted research topic, `recognised` = the acceptance date) or `muu_tri` (ingenuity in
/// combat); `scope` (phạm vi ảnh hưởng) defaults to `level` (the recognising level). Dates are `YYYY-MM-DD`. Names are stored NFC.
public enum NomineeLoader {
    /// Parses a nominee list (`{"nominees": […]}`) found in `file`.
    /// - Returns: the nominees when there was no finding (all or nothing), and the findings.
    public static func parse(_ text: String, file: String) -> ([NomineeFacts]?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            return (nil, [LintFinding.malformed(file, error)])
        }
        var reader = FactReader(file: file)
        var out: [NomineeFacts] = []
        var seen: [String: String] = [:]
        for (i, n) in (reader.array(root, "nominees", "$") ?? []).enumerated() {
            let p = "$.nominees[\(i)]"
            guard let nominee = Self.nominee(n, p, &reader) else { continue }
            if let first = seen[nominee.id] {
                reader.add(LintFinding(kind: .duplicateID, file: file, location: .init(path: p, position: n.position),
                                       message: .init(vi: "người hoặc tập thể \"\(nominee.id)\" đã có tại \(first)",
                                                      en: "nominee \"\(nominee.id)\" is already defined at \(first)")))
            }
            seen[nominee.id] = p
            out.append(nominee)
        }
        return (reader.findings.isEmpty ? out : nil, reader.findings)
    }

    /// One nominee object at `p`.
    package static func nominee(_ n: JSONValue.Positioned, _ p: String, _ r: inout FactReader) -> NomineeFacts? {
        let before = r.findings.count
        let kind = r.string(n, "kind", p)
        let id = r.string(n, "id", p), name = r.string(n, "name", p), unit = r.string(n, "unit", p)
        let proceedings = (r.array(n, "proceedings", p, required: false) ?? []).enumerated().compactMap { i, e in
            proceeding(e, "\(p).proceedings[\(i)]", &r)
        }
        let awards = (r.array(n, "awards", p, required: false) ?? []).enumerated().compactMap { i, e in
            award(e, "\(p).awards[\(i)]", &r)
        }
        var yearObjects: [(Int, JSONValue.Positioned, String)] = []
        if let y = n["years"] {
            if let members = y.members {
                for m in members {
                    let yp = "\(p).years.\(m.key)"
                    guard let year = Int(m.key), (1900...2200).contains(year) else {
                        r.invalid(yp, m.value, vi: "khoá của \"years\" phải là năm (\"2024\"), không phải \"\(m.key)\"",
                                  en: "the keys of \"years\" must be years (\"2024\"), not \"\(m.key)\"")
                        continue
                    }
                    yearObjects.append((year, m.value, yp))
                }
            } else {
                r.invalid("\(p).years", y, vi: "\"years\" phải là đối tượng {\"2024\": {…}}", en: "\"years\" must be an object {\"2024\": {…}}")
            }
        }
        switch kind {
        case "individual":
            var years: [Int: YearRecord] = [:]
            for (year, v, yp) in yearObjects {
                let discipline = (r.array(v, "discipline", yp, required: false) ?? []).enumerated().compactMap { i, d -> Discipline? in
                    let dp = "\(yp).discipline[\(i)]"
                    guard let level = r.code(d, "level", dp, as: DisciplineLevel.self, required: true),
                          let date = r.date(d, "date", dp, required: true) else { return nil }
                    return Discipline(level: level, date: date)
                }
                years[year] = YearRecord(duty: r.code(v, "duty", yp, as: DutyRating.self),
                                         monthsWorked: r.int(v, "monthsWorked", yp, required: false, range: 0...12) ?? 12,
                                         leave: r.code(v, "leave", yp, as: LeaveReason.self), disciplines: discipline)
            }
            let initiatives = (r.array(n, "initiatives", p, required: false) ?? []).enumerated().compactMap { i, e in
                initiative(e, "\(p).initiatives[\(i)]", &r)
            }
            let hired = r.date(n, "hireDate", p), appointed = r.date(n, "appointedDate", p)
            if let hired, let appointed, appointed < hired {
                r.invalid("\(p).appointedDate", n["appointedDate"], vi: "\"appointedDate\" (\(appointed)) trước \"hireDate\" (\(hired))",
                          en: "\"appointedDate\" (\(appointed)) is before \"hireDate\" (\(hired))")
            }
            let person = Individual(id: id ?? "", name: name ?? "", unit: unit ?? "", hireDate: hired,
                                    continuousService: r.bool(n, "continuousService", p, default: true),
                                    isLeader: r.bool(n, "leader", p, default: false),
                                    education: r.code(n, "education", p, as: EducationLevel.self),
                                    unionMember: r.bool(n, "unionMember", p, default: true), years: years,
                                    proceedings: proceedings, initiatives: initiatives, awards: awards,
                                    proposer: r.string(n, "proposer", p, required: false), appointedDate: appointed)
            return r.findings.count == before ? .individual(person) : nil
        case "collective":
            var years: [Int: CollectiveYear] = [:]
            for (year, v, yp) in yearObjects {
                let duty = r.code(v, "duty", yp, as: DutyRating.self)
                guard let m = v["members"] else {
                    r.invalid("\(yp).members", v, vi: "thiếu trường bắt buộc \"members\"", en: "the required member \"members\" is missing")
                    continue
                }
                let mp = "\(yp).members"
                let total = r.int(m, "total", mp, range: 0...10_000_000) ?? 0
                let counts = MemberCounts(total: total,
                                          ldtt: r.int(m, "ldtt", mp, required: false, range: 0...total) ?? 0,
                                          cstdcs: r.int(m, "cstdcs", mp, required: false, range: 0...total) ?? 0,
                                          completedDuty: r.int(m, "completedDuty", mp, required: false, range: 0...total) ?? 0,
                                          disciplinedWarningOrAbove: r.int(m, "disciplined", mp, required: false, range: 0...total) ?? 0)
                years[year] = CollectiveYear(duty: duty, members: counts)
            }
            let collective = Collective(id: id ?? "", name: name ?? "", unit: unit ?? "",
                                        bloc: r.string(n, "bloc", p, required: false), years: years,
                                        proceedings: proceedings, awards: awards, proposer: r.string(n, "proposer", p, required: false))
            return r.findings.count == before ? .collective(collective) : nil
        case nil:
            return nil
        case let other?:
            r.invalid("\(p).kind", n["kind"], vi: "\"kind\" phải là \"individual\" hoặc \"collective\" (không phải \"\(other)\")",
                      en: "\"kind\" must be \"individual\" or \"collective\" (not \"\(other)\")")
            return nil
        }
    }

    static func proceeding(_ e: JSONValue.Positioned, _ p: String, _ r: inout FactReader) -> PendingProceeding? {
        guard let kind = r.code(e, "kind", p, as: ProceedingKind.self, required: true),
              let opened = r.date(e, "opened", p, required: true) else { return nil }
        let closed = r.date(e, "closed", p)
        if let closed, closed < opened {
            r.invalid("\(p).closed", e["closed"], vi: "\"closed\" (\(closed)) trước \"opened\" (\(opened))", en: "\"closed\" (\(closed)) is before \"opened\" (\(opened))")
            return nil
        }
        return PendingProceeding(kind: kind, opened: opened, closed: closed)
    }

    static func use(_ e: JSONValue.Positioned?, _ p: String, _ r: inout FactReader) -> AwardUse? {
        guard let e, e.value != .null else { return nil }
        guard let award = r.string(e, "award", p), let year = r.int(e, "year", p, range: 1900...2200) else { return nil }
        return AwardUse(award: award, year: year)
    }

    static func initiative(_ e: JSONValue.Positioned, _ p: String, _ r: inout FactReader) -> Initiative? {
        let id = r.string(e, "id", p), title = r.string(e, "title", p, required: false) ?? ""
        let level = r.string(e, "level", p, required: false) ?? "co_so"
        let kind = r.string(e, "kind", p, required: false) ?? "sang_kien"
        if !Initiative.kinds.contains(kind) {
            r.invalid("\(p).kind", e["kind"], vi: "\"kind\" phải là một trong \(Initiative.kinds.joined(separator: ", ")) (không phải \"\(kind)\")",
                      en: "\"kind\" must be one of \(Initiative.kinds.joined(separator: ", ")) (not \"\(kind)\")")
        }
        let scope = r.string(e, "scope", p, required: false)
        let recognised = r.date(e, "recognised", p, required: true)
        let benefit = r.int(e, "benefitVND", p, required: false, range: 0...Int(Int64.max / 4)) ?? 0
        let used = use(e["usedFor"], "\(p).usedFor", &r)
        guard let id, let recognised else { return nil }
        return Initiative(id: id, title: title, level: level, recognised: recognised, benefitVND: Int64(benefit), usedFor: used,
                          kind: kind, scope: scope)
    }

    static func award(_ e: JSONValue.Positioned, _ p: String, _ r: inout FactReader) -> ReceivedAward? {
        let award = r.string(e, "award", p), year = r.int(e, "year", p, range: 1900...2200)
        var from: CivilDate?, to: CivilDate?
        if let period = e["period"], period.value != .null {
            from = r.date(period, "from", "\(p).period", required: true)
            to = r.date(period, "to", "\(p).period", required: true)
            if let f = from, let t = to, t < f {
                r.invalid("\(p).period", period, vi: "thời kỳ thành tích kết thúc (\(t)) trước khi bắt đầu (\(f))", en: "the achievement period ends (\(t)) before it starts (\(f))")
            }
        }
        let received = ReceivedAward(award: award ?? "", year: year ?? 0, level: r.string(e, "level", p, required: false),
                                     decisionNumber: r.string(e, "decision", p, required: false),
                                     decisionDate: r.date(e, "decisionDate", p), periodFrom: from, periodTo: to,
                                     adHoc: r.bool(e, "adHoc", p, default: false), thematic: r.bool(e, "thematic", p, default: false))
        guard award != nil, year != nil else { return nil }
        return received
    }
}
