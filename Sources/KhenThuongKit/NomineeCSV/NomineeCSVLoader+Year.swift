import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension NomineeCSVLoader {
    static func readIndividualYear(_ year: Int, _ c: inout NomineeCSVCells, _ draft: inout Draft) {
        let yearCells = ["duty_rating", "months_worked", "leave_reason", "discipline_levels", "discipline_dates"]
        if yearCells.contains(where: { !c.text($0).isEmpty }) {
            let duty = c.code("duty_rating", c.text("duty_rating"), as: DutyRating.self)
            let monthsText = c.text("months_worked")
            let months = monthsText.isEmpty ? 12 : c.int("months_worked", monthsText, 0...12)
            let leave = c.code("leave_reason", c.text("leave_reason"), as: LeaveReason.self)
            let levels = NomineeCSV.split(c.text("discipline_levels"))
            var disciplines: [Discipline] = []
            if let dates = c.parallel("discipline_dates", to: "discipline_levels", count: levels.count, required: true) {
                for (k, (l, d)) in zip(levels, dates).enumerated() {
                    let level = l.isEmpty ? nil : c.code("discipline_levels", l, as: DisciplineLevel.self, item: k)
                    if l.isEmpty {
                        c.bad("discipline_levels", vi: "mục \(k + 1) của \"discipline_levels\" rỗng", en: "item \(k + 1) of \"discipline_levels\" is empty")
                    }
                    if let level, let date = c.date("discipline_dates", d, item: k) { disciplines.append(Discipline(level: level, date: date)) }
                }
            }
            draft.years[year] = YearRecord(duty: duty, monthsWorked: months ?? 12, leave: leave, disciplines: disciplines)
        }
        let ids = NomineeCSV.split(c.text("initiative_ids")), n = ids.count
        guard n > 0 else {
            for column in ["initiative_titles", "initiative_levels", "initiative_kinds", "initiative_scopes", "initiative_recognised", "initiative_benefit_vnd", "initiative_used_for"]
            where !c.text(column).isEmpty {
                c.bad(column, vi: "\"\(column)\" có giá trị nhưng \"initiative_ids\" rỗng", en: "\"\(column)\" is filled but \"initiative_ids\" is empty")
            }
            return
        }
        guard let titles = c.parallel("initiative_titles", to: "initiative_ids", count: n),
              let levels = c.parallel("initiative_levels", to: "initiative_ids", count: n),
              let kinds = c.parallel("initiative_kinds", to: "initiative_ids", count: n),
              let scopes = c.parallel("initiative_scopes", to: "initiative_ids", count: n),
              let recognised = c.parallel("initiative_recognised", to: "initiative_ids", count: n, required: true),
              let benefits = c.parallel("initiative_benefit_vnd", to: "initiative_ids", count: n),
              let uses = c.parallel("initiative_used_for", to: "initiative_ids", count: n) else { return }
        for k in 0..<n {
            let date = c.date("initiative_recognised", recognised[k], item: k)
            let benefit = benefits[k].isEmpty ? 0 : c.int("initiative_benefit_vnd", benefits[k], 0...Int(Int64.max / 4), item: k)
            var use: AwardUse?
            if !uses[k].isEmpty {
                let parts = uses[k].split(separator: "@", omittingEmptySubsequences: false)
                if parts.count == 2, !parts[0].isEmpty, let y = Int(parts[1]), (1900...2200).contains(y) {
                    use = AwardUse(award: String(parts[0]), year: y)
                } else {
                    c.bad("initiative_used_for", vi: "\"initiative_used_for\" (mục \(k + 1)) phải có dạng award@năm, ví dụ chien_si_thi_dua_co_so@2024, không phải \"\(uses[k])\"",
                          en: "\"initiative_used_for\" (item \(k + 1)) must look like award@year, e.g. chien_si_thi_dua_co_so@2024, not \"\(uses[k])\"")
                }
            }
            let kind = kinds[k].isEmpty ? "sang_kien" : kinds[k]
            if !Initiative.kinds.contains(kind) {
                c.bad("initiative_kinds", vi: "\"initiative_kinds\" (mục \(k + 1)) phải là một trong \(Initiative.kinds.joined(separator: ", ")), không phải \"\(kind)\"",
                      en: "\"initiative_kinds\" (item \(k + 1)) must be one of \(Initiative.kinds.joined(separator: ", ")), not \"\(kind)\"")
            }
            if ids[k].isEmpty { c.bad("initiative_ids", vi: "mục \(k + 1) của \"initiative_ids\" rỗng", en: "item \(k + 1) of \"initiative_ids\" is empty") }
            guard let date, let benefit else { continue }
            draft.initiatives.append(Initiative(id: ids[k], title: titles[k], level: levels[k].isEmpty ? "co_so" : levels[k],
                                                recognised: date, benefitVND: Int64(benefit), usedFor: use,
                                                kind: kind, scope: scopes[k].isEmpty ? nil : scopes[k]))
        }
    }

    static func readCollectiveYear(_ year: Int, _ c: inout NomineeCSVCells, _ draft: inout Draft) {
        let counts = ["members_ldtt", "members_cstdcs", "members_completed_duty", "members_disciplined"]
        guard !c.text("duty_rating").isEmpty || !c.text("members_total").isEmpty || counts.contains(where: { !c.text($0).isEmpty }) else { return }
        let duty = c.code("duty_rating", c.text("duty_rating"), as: DutyRating.self)
        guard let total = c.int("members_total", c.text("members_total"), 0...10_000_000) else { return }
        var v: [Int] = []
        for column in counts {
            let t = c.text(column)
            v.append(t.isEmpty ? 0 : c.int(column, t, 0...total) ?? 0)
        }
        draft.collectiveYears[year] = CollectiveYear(duty: duty, members: MemberCounts(total: total, ldtt: v[0], cstdcs: v[1], completedDuty: v[2], disciplinedWarningOrAbove: v[3]))
    }

    static func readProceedings(_ c: inout NomineeCSVCells, _ draft: inout Draft) {
        let kinds = NomineeCSV.split(c.text("proceeding_kinds"))
        guard let opened = c.parallel("proceeding_opened", to: "proceeding_kinds", count: kinds.count, required: true),
              let closed = c.parallel("proceeding_closed", to: "proceeding_kinds", count: kinds.count) else { return }
        for k in kinds.indices {
            let kind = c.code("proceeding_kinds", kinds[k], as: ProceedingKind.self, item: k)
            if kinds[k].isEmpty { c.bad("proceeding_kinds", vi: "mục \(k + 1) của \"proceeding_kinds\" rỗng", en: "item \(k + 1) of \"proceeding_kinds\" is empty") }
            let from = c.date("proceeding_opened", opened[k], item: k)
            let to = closed[k].isEmpty ? nil : c.date("proceeding_closed", closed[k], item: k)
            if let from, let to, to < from {
                c.bad("proceeding_closed", vi: "ngày kết thúc \(to) (mục \(k + 1)) trước ngày bắt đầu \(from)", en: "the closing date \(to) (item \(k + 1)) is before the opening date \(from)")
            }
            if let kind, let from { draft.proceedings.append(PendingProceeding(kind: kind, opened: from, closed: to)) }
        }
    }

    static func readAwards(_ year: Int, _ c: inout NomineeCSVCells, _ draft: inout Draft) {
        let ids = NomineeCSV.split(c.text("award_ids")), n = ids.count
        guard let levels = c.parallel("award_levels", to: "award_ids", count: n),
              let decisions = c.parallel("award_decisions", to: "award_ids", count: n),
              let dates = c.parallel("award_decision_dates", to: "award_ids", count: n),
              let periods = c.parallel("award_periods", to: "award_ids", count: n),
              let flags = c.parallel("award_flags", to: "award_ids", count: n) else { return }
        for k in 0..<n {
            if ids[k].isEmpty { c.bad("award_ids", vi: "mục \(k + 1) của \"award_ids\" rỗng", en: "item \(k + 1) of \"award_ids\" is empty") }
            let date = dates[k].isEmpty ? nil : c.date("award_decision_dates", dates[k], item: k)
            var from: CivilDate?, to: CivilDate?
            if !periods[k].isEmpty {
                let parts = periods[k].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                if parts.count == 2 {
                    from = c.date("award_periods", parts[0], item: k)
                    to = c.date("award_periods", parts[1], item: k)
                    if let f = from, let t = to, t < f {
                        c.bad("award_periods", vi: "thời kỳ thành tích (mục \(k + 1)) kết thúc \(t) trước khi bắt đầu \(f)", en: "the achievement period (item \(k + 1)) ends \(t) before it starts \(f)")
                    }
                } else {
                    c.bad("award_periods", vi: "\"award_periods\" (mục \(k + 1)) phải có dạng từ/đến, ví dụ 2024-01-01/2024-12-31, không phải \"\(periods[k])\"",
                          en: "\"award_periods\" (item \(k + 1)) must look like from/to, e.g. 2024-01-01/2024-12-31, not \"\(periods[k])\"")
                }
            }
            let flagSet = Set(flags[k].split(separator: "+").map(String.init))
            if !flagSet.isSubset(of: ["adhoc", "thematic"]) {
                c.bad("award_flags", vi: "\"award_flags\" (mục \(k + 1)) phải là adhoc, thematic, adhoc+thematic hoặc rỗng, không phải \"\(flags[k])\"",
                      en: "\"award_flags\" (item \(k + 1)) must be adhoc, thematic, adhoc+thematic or empty, not \"\(flags[k])\"")
            }
            draft.awards.append(ReceivedAward(award: ids[k], year: year, level: levels[k].isEmpty ? nil : levels[k],
                                              decisionNumber: decisions[k].isEmpty ? nil : decisions[k], decisionDate: date,
                                              periodFrom: from, periodTo: to, adHoc: flagSet.contains("adhoc"), thematic: flagSet.contains("thematic")))
        }
    }

    /// The nominee gathered from its rows (all of them were good).
    static func build(_ id: String, _ d: Draft) -> NomineeFacts {
        func raw(_ name: String) -> String? { d.raw[name]?.text }
        func flag(_ name: String, _ empty: Bool) -> Bool { raw(name).map { $0 == "1" } ?? empty }
        if raw("kind") == "collective" {
            return .collective(Collective(id: id, name: raw("name") ?? "", unit: raw("unit") ?? "", bloc: raw("bloc"), years: d.collectiveYears,
                                          proceedings: d.proceedings, awards: d.awards, proposer: raw("proposer")))
        }
        return .individual(Individual(id: id, name: raw("name") ?? "", unit: raw("unit") ?? "",
                                      hireDate: raw("hire_date").flatMap { try? CivilDate(parsing: $0) },
                                      continuousService: flag("continuous_service", true), isLeader: flag("leader", false),
                                      education: raw("education").flatMap(EducationLevel.init(rawValue:)),
                                      unionMember: flag("union_member", true), years: d.years, proceedings: d.proceedings,
                                      initiatives: d.initiatives, awards: d.awards, proposer: raw("proposer"),
                                      appointedDate: raw("appointed_date").flatMap { try? CivilDate(parsing: $0) }))
    }
}
