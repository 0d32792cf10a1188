import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A decision as the signed document (NĐ 30/2020/NĐ-CP Phụ lục I, mẫu quyết định cá biệt):
/// heading, căn cứ, Điều 1 (who is awarded what, the list annexed), Điều 2 (the money and where
/// it comes from), Điều 3 (who carries it out), nơi nhận and the signer; the annex on its own sheet.
public struct DecisionDocument: Sendable {
    public var decision: Decision
    /// The issuing organisation and the one above it (from the directory), as printed.
    public var organisation: String
    public var parentOrganisation: String
    public var place: String
    /// The signer's post, when the signer sits on the level's council ("Chủ tịch LĐLĐ thành phố").
    public var signerPost: String
    /// The council sessions whose votes the decision rests on: number and date.
    public var sessions: [(id: String, date: CivilDate)]
    public var awardNames: [String: String]
    public var unitNames: [String: String]
    public var wording: DocumentText
    public var language: Language

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    func pick(_ pair: (vi: [String], en: [String])) -> [String] { language == .vi ? pair.vi : pair.en }

    func date(_ d: CivilDate) -> String {
        language == .vi ? "ngày \(String(format: "%02d", d.day)) tháng \(String(format: "%02d", d.month)) năm \(d.year)" : d.description
    }

    var placeAndDate: String { place.isEmpty ? date(decision.date) : "\(place), \(date(decision.date))" }

    func unit(_ code: String) -> String { unitNames[code].map { "\($0)" } ?? code }
    func award(_ id: String) -> String { awardNames[id] ?? id }
    func money(_ n: Int) -> String { NumberText.integer(n, language) }

    /// The signing body without the organisation's name ("Ban Thường vụ"), for "TM." above the signature.
    var body: String {
        let a = decision.authority
        if let r = a.range(of: organisation, options: [.caseInsensitive]), r.lowerBound > a.startIndex {
            return String(a[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return a
    }

    /// Who is awarded, counted: "2 cá nhân và 1 tập thể".
    var counted: String {
        let people = decision.recipients.filter { $0.nomineeKind == .individual }.count
        let groups = decision.recipients.count - people
        let parts = [people > 0 ? t("\(people) cá nhân", "\(people) individual(s)") : nil, groups > 0 ? t("\(groups) tập thể", "\(groups) collective(s)") : nil]
        return parts.compactMap { $0 }.joined(separator: t(" và ", " and "))
    }

    public var html: String {
        let e = HTML.escape
        let awards = Array(Set(decision.recipients.map(\.award))).sorted().map(award)
        let grounds = wording.grounds(on: decision.date).map { "<p class=\"ground\"><em>\(e($0[language]))</em></p>" }.joined()
        let proposals = sessions.map { "\(t("Biên bản họp số", "minutes no.")) \(e($0.id)) \(e(date($0.date)))" }.joined(separator: "; ")
        let proposal = sessions.isEmpty ? "" : "<p class=\"ground\"><em>\(t("Xét đề nghị của Hội đồng Thi đua – Khen thưởng tại", "On the proposal of the Emulation and Commendation Council in")) \(proposals),</em></p>"
        var byAward: [String: (count: Int, each: Set<Int>, total: Int)] = [:]
        for r in decision.recipients {
            var v = byAward[r.award] ?? (0, [], 0)
            v.count += 1; v.each.insert(r.amountVND); v.total += r.amountVND
            byAward[r.award] = v
        }
        let moneyLines = byAward.keys.sorted().map { id -> String in
            let v = byAward[id]!
            let each = v.each.count == 1 ? money(v.each.first!) : v.each.sorted().map(money).joined(separator: " – ")
            return "<li>\(e(award(id))): \(v.count) × \(each) \(t("đồng", "VND")) = \(money(v.total)) \(t("đồng", "VND"))</li>"
        }.joined()
        let source = wording.moneySource[language].replacingOccurrences(of: "{organisation}", with: organisation)
        let nơiNhận = pick(wording.decisionRecipients).map { "- \(e($0))" }.joined(separator: "<br>")
        let recipientsBlock = "<div class=\"recipients\"><strong>\(t("Nơi nhận:", "Distribution:"))</strong><br>\(nơiNhận)</div>"
        let signTitle = "\(language == .vi ? "TM. " : "FOR THE ") \(body.uppercased())" + (signerPost.isEmpty ? "" : "<br>\(e(signerPost.uppercased()))")
        let signCell = "<td class=\"title\">\(signTitle)<span class=\"name\">\(e(decision.signer))</span></td>"
        let main = """
        \(OfficialPage.heading(parent: parentOrganisation.uppercased(), body: organisation.uppercased(), number: decision.number, placeAndDate: placeAndDate, language: language))
        <h1>\(t("QUYẾT ĐỊNH", "DECISION"))</h1>
        <p class="sub">\(t("Về việc khen thưởng", "On awards"))</p>
        <h1 class="authority">\(e(decision.authority.uppercased()))</h1>
        \(grounds)\(proposal)
        <h1>\(t("QUYẾT ĐỊNH:", "DECIDES:"))</h1>
        <p><strong>\(t("Điều 1.", "Article 1."))</strong> \(t("Tặng", "To confer")) \(e(awards.map { "“\($0)”" }.joined(separator: ", "))) \(t("cho", "on")) \(counted) \(t("có thành tích xuất sắc (có danh sách kèm theo).", "for outstanding achievement (list annexed)."))</p>
        <p><strong>\(t("Điều 2.", "Article 2."))</strong> \(t("Mức tiền thưởng theo quy định (hệ số × mức lương cơ sở):", "The reward money as regulated (multiplier × base salary):"))</p>
        <ul>\(moneyLines)</ul>
        <p>\(t("Tổng cộng", "Total")): <strong>\(money(decision.totalVND)) \(t("đồng", "VND"))</strong>. \(e(source))</p>
        <p><strong>\(t("Điều 3.", "Article 3."))</strong> \(e(wording.execution[language]))</p>
        <table class="sign"><tr><td>\(recipientsBlock)</td>\(signCell)</tr></table>
        """
        var rows = ""
        for (i, r) in decision.recipients.enumerated() {
            rows += "<tr><td class=\"n\">\(i + 1)</td><td>\(e(r.nomineeName))</td><td>\(e(unit(r.unit)))</td><td>\(e(award(r.award)))</td><td class=\"n\">\(r.year)</td><td class=\"n\">\(money(r.amountVND))</td></tr>\n"
        }
        let annex = """
        <h1>\(t("DANH SÁCH", "LIST"))</h1>
        <p class="sub">\(t("Các cá nhân, tập thể được khen thưởng", "Persons and collectives awarded"))<br><em style="font-weight:normal">(\(t("Kèm theo Quyết định số", "Annexed to decision no.")) \(e(decision.number)) \(e(date(decision.date))) \(t("của", "of")) \(e(decision.authority)))</em></p>
        <table class="grid">
        <colgroup><col style="width:7%"><col style="width:26%"><col style="width:27%"><col style="width:20%"><col style="width:8%"><col style="width:12%"></colgroup>
        <thead><tr><th scope="col">\(t("STT", "No."))</th><th scope="col">\(t("Họ tên / tập thể", "Name"))</th><th scope="col">\(t("Đơn vị", "Unit"))</th><th scope="col">\(t("Danh hiệu", "Award"))</th><th scope="col">\(t("Năm", "Year"))</th><th scope="col">\(t("Tiền thưởng (đồng)", "Amount (VND)"))</th></tr></thead>
        <tbody>
        \(rows)<tr><td></td><td colspan="4"><strong>\(t("Tổng cộng", "Total"))</strong></td><td class="n"><strong>\(money(decision.totalVND))</strong></td></tr>
        </tbody></table>
        """
        return OfficialPage.document(title: "\(t("Quyết định", "Decision")) \(decision.number)", language: language, sections: [main, annex])
    }
}

/// A tờ trình (cover letter) proposing dossiers to the level that decides: from the proposing
/// unit to the addressee's signing body, with the list and the documents attached.
public struct CoverLetter: Sendable {
    public struct Line: Sendable {
        public var dossier: String
        public var nominee: String
        public var kind: Nominee.Kind
        public var unit: String
        public var award: String
        public var year: Int
    }

    public var number: String
    public var date: CivilDate
    public var signer: String
    public var organisation: String
    public var parentOrganisation: String
    public var place: String
    /// To whom: the addressee's signing body.
    public var addressee: String
    public var lines: [Line]
    public var documents: [String]
    public var wording: DocumentText
    public var language: Language

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    public var html: String {
        let e = HTML.escape
        let d = language == .vi ? "ngày \(String(format: "%02d", date.day)) tháng \(String(format: "%02d", date.month)) năm \(date.year)" : date.description
        let placeAndDate = place.isEmpty ? d : "\(place), \(d)"
        let rows = lines.enumerated().map { i, l in
            "<tr><td class=\"n\">\(i + 1)</td><td>\(e(l.nominee))</td><td>\(e(l.unit))</td><td>\(e(l.award))</td><td class=\"n\">\(l.year)</td><td class=\"n\">\(e(l.dossier))</td></tr>"
        }.joined(separator: "\n")
        let people = lines.filter { $0.kind == .individual }.count, groups = lines.count - people
        let counted = [people > 0 ? t("\(people) cá nhân", "\(people) individual(s)") : nil, groups > 0 ? t("\(groups) tập thể", "\(groups) collective(s)") : nil]
            .compactMap { $0 }.joined(separator: t(" và ", " and "))
        let grounds = wording.grounds(on: date).map { "<p class=\"ground\"><em>\(e($0[language]))</em></p>" }.joined()
        let docs = documents.isEmpty ? "" : "<p>\(t("Hồ sơ kèm theo", "Attached")): \(e(documents.joined(separator: "; "))).</p>"
        let nơiNhận = (language == .vi ? wording.letterRecipients.vi : wording.letterRecipients.en).map { "- \(e($0))" }.joined(separator: "<br>")
        let page = """
        \(OfficialPage.heading(parent: parentOrganisation.uppercased(), body: organisation.uppercased(), number: number, placeAndDate: placeAndDate, language: language))
        <h1>\(t("TỜ TRÌNH", "COVER LETTER"))</h1>
        <p class="sub">\(t("Về việc đề nghị khen thưởng", "Proposing awards"))</p>
        <p style="text-align:center">\(t("Kính gửi", "To")): \(e(addressee))</p>
        \(grounds)
        <p>\(e(organisation)) \(t("kính trình", "respectfully proposes to")) \(e(addressee)) \(t("xem xét, khen thưởng cho", "to consider awarding")) \(counted) \(t("có thành tích xuất sắc, cụ thể:", "for outstanding achievement:"))</p>
        <table class="grid">
        <colgroup><col style="width:7%"><col style="width:25%"><col style="width:25%"><col style="width:23%"><col style="width:8%"><col style="width:12%"></colgroup>
        <thead><tr><th scope="col">\(t("STT", "No."))</th><th scope="col">\(t("Họ tên / tập thể", "Name"))</th><th scope="col">\(t("Đơn vị", "Unit"))</th><th scope="col">\(t("Danh hiệu đề nghị", "Award proposed"))</th><th scope="col">\(t("Năm", "Year"))</th><th scope="col">\(t("Hồ sơ", "Dossier"))</th></tr></thead>
        <tbody>
        \(rows)
        </tbody></table>
        \(docs)
        <p>\(t("Kính trình", "Respectfully submitted to")) \(e(addressee)) \(t("xem xét, quyết định./.", "for decision."))</p>
        <table class="sign"><tr><td><div class="recipients"><strong>\(t("Nơi nhận:", "Distribution:"))</strong><br>\(nơiNhận)</div></td><td class="title">\(e(t("THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF UNIT")))<br><em>\(t("(Ký, ghi rõ họ tên)", "(Signature, full name)"))</em><span class="name">\(e(signer))</span></td></tr></table>
        """
        return OfficialPage.document(title: "\(t("Tờ trình", "Cover letter")) \(number)", language: language, sections: [page])
    }
}

extension DecisionBook {
    /// Decision `number` as the signed document, in `language`.
    public func document(_ number: String, language: Language) throws -> DecisionDocument {
        let decision = try decision(number)
        let directory = try? Directory.load(from: store)
        let level = directory?.unit(decision.level)
        let parent = level?.parent.flatMap { directory?.unit($0)?.name } ?? ""
        let council = try CouncilBook(runner: runner).councils().last { $0.unit == decision.level }
        let organisation = level?.name ?? council.map { Self.organisation(of: $0) } ?? decision.level
        let sessions = try CouncilBook(runner: runner).sessions()
        var cited: [(id: String, date: CivilDate)] = []
        for r in decision.recipients {
            for b in try store.records(BallotRecord.self, subject: .dossier(r.dossier)) where b.outcome == "approve" {
                if let s = sessions.last(where: { $0.id == b.session }), !cited.contains(where: { $0.id == s.id }) { cited.append((s.id, s.date)) }
            }
        }
        var awardNames: [String: String] = [:], unitNames: [String: String] = [:]
        for r in decision.recipients {
            awardNames[r.award] = runner.definitions.awards.award(r.award)?.name[language] ?? r.award
            unitNames[r.unit] = directory?.unit(r.unit)?.name ?? r.unit
        }
        let post = council?.members.first { $0.name == decision.signer }?.title ?? ""
        return DecisionDocument(decision: decision, organisation: organisation, parentOrganisation: parent, place: council?.place ?? "",
                                signerPost: post, sessions: cited, awardNames: awardNames, unitNames: unitNames,
                                wording: try DocumentText.load(directory: runner.definitions.directory), language: language)
    }

    /// "Liên đoàn Lao động thành phố Hà Nội" from "Hội đồng Thi đua – Khen thưởng Liên đoàn Lao động thành phố Hà Nội".
    static func organisation(of council: Council) -> String {
        guard let r = council.name.vi.range(of: "Khen thưởng ") else { return council.name.vi }
        return String(council.name.vi[r.upperBound...])
    }

    /// A tờ trình for `dossiers` (one proposing unit, one addressee), in `language`.
    public func coverLetter(_ dossiers: [String], number: String, date: CivilDate, signer: String, language: Language) throws -> CoverLetter {
        guard !dossiers.isEmpty else {
            throw CouncilError.data(vi: "chưa nêu hồ sơ nào; liệt kê mã hồ sơ sau lệnh", en: "no dossier named; list the dossier ids after the command")
        }
        var list: [Dossier] = []
        for id in dossiers {
            guard let d = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            list.append(d)
        }
        let proposers = Set(list.map(\.proposerUnit)), addressees = Set(list.map(\.addresseeUnit))
        guard proposers.count == 1, addressees.count == 1, let proposer = proposers.first, let to = addressees.first else {
            throw CouncilError.data(vi: "một tờ trình đi từ một đơn vị đề nghị tới một cấp; các hồ sơ này từ \(proposers.sorted().joined(separator: ", ")) tới \(addressees.sorted().joined(separator: ", "))",
                                    en: "a cover letter goes from one proposing unit to one level; these dossiers go from \(proposers.sorted().joined(separator: ", ")) to \(addressees.sorted().joined(separator: ", "))")
        }
        let directory = try? Directory.load(from: store)
        let from = directory?.unit(proposer)
        let councils = try CouncilBook(runner: runner).councils()
        let addressee = councils.last { $0.unit == to }?.authority[language] ?? directory?.unit(to)?.name ?? to
        let place = councils.last { $0.unit == proposer }?.place ?? councils.last { $0.unit == to }?.place ?? ""
        var documents: [String] = []
        for d in list {
            let wf = try runner.workflow(of: d)
            for doc in d.documents {
                let name = wf.definition.documents.first { $0.id == doc }?.name[language] ?? doc
                if !documents.contains(name) { documents.append(name) }
            }
        }
        let lines = list.map { d in
            CoverLetter.Line(dossier: d.id, nominee: d.nominee.name, kind: d.nominee.kind, unit: directory?.unit(d.proposerUnit)?.name ?? d.proposerUnit,
                             award: runner.definitions.awards.award(d.awardID)?.name[language] ?? d.awardID, year: d.year)
        }
        return CoverLetter(number: number.nfc, date: date, signer: signer.nfc, organisation: from?.name ?? proposer,
                           parentOrganisation: from?.parent.flatMap { directory?.unit($0)?.name } ?? "", place: place, addressee: addressee,
                           lines: lines, documents: documents, wording: try DocumentText.load(directory: runner.definitions.directory), language: language)
    }
}
