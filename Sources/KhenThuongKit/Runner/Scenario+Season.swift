import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A scenario step for the second half of a dossier's life, run through the same library
/// entry points as the commands (`dossier facts`, `dossier comment|complain|complaint resolve`,
/// `council …`, `decision issue`, `revoke`, `package export`, `publish`).
///
/// In a scenario file each is one member of the step, named after its command:
/// `"facts": {"dossier", "nominees": FILE, "id"?}`, `"comment": {"dossier", "text", "from"?}`,
/// `"complain": {"dossier", "text", "from"}`, `"resolve": {"dossier", "outcome", "reason"}`,
/// `"council": {"file"}`, `"session": {"council", "id", "date", "present": […], "agenda": […]}`,
/// `"vote": {"session", "dossier", "yes", "no", "invalid"?, "writtenAbsent"?}`,
/// `"minutes": {"session", "file"}`, `"decision": {"number", "date", "signer", "authority"?, "dossiers": […]}`,
/// `"revoke": {"dossier", "ground", "amount", "reason", "decision"}`, `"package": {"dossiers": […], "file"}`,
/// `"publish": {}`. Input files are read relative to the scenario's folder; output files are
/// written to ``ScenarioFiles/outputDirectory`` and the site to ``ScenarioFiles/site``.
package enum SeasonAction: Sendable {
    case facts(dossier: String, nominees: String, id: String?)
    case comment(dossier: String, text: String, from: String?)
    case complain(dossier: String, text: String, from: String)
    case resolve(dossier: String, outcome: ComplaintOutcome, reason: String)
    case council(file: String)
    case session(council: String, id: String, date: CivilDate, present: [String], agenda: [String])
    case vote(session: String, dossier: String, yes: Int, no: Int, invalid: Int, writtenAbsent: Int)
    case minutes(session: String, file: String)
    case decision(number: String, date: CivilDate, signer: String, authority: String?, dossiers: [String])
    case revoke(dossier: String, ground: String, amountVND: Int, reason: String, decision: String)
    case package(dossiers: [String], file: String)
    case publish

    /// The member names a step may use for a season action.
    package static let kinds = ["facts", "comment", "complain", "resolve", "council", "session", "vote", "minutes",
                               "decision", "revoke", "package", "publish"]

    /// The season action of step `s`, or `nil` when it has none.
    package static func parse(_ s: JSONValue.Positioned,
                      fail: (JSONValue.Positioned, String, String) -> ScenarioError) throws(ScenarioError) -> SeasonAction? {
        guard let kind = kinds.first(where: { s[$0] != nil }), let v = s[kind] else { return nil }
        func str(_ key: String) throws(ScenarioError) -> String {
            guard let x = v[key]?.string, !x.isEmpty else {
                throw fail(v, "\"\(kind)\" cần chuỗi \"\(key)\"", "\"\(kind)\" needs the string \"\(key)\"")
            }
            return x.nfc
        }
        func int(_ key: String, default value: Int? = nil) throws(ScenarioError) -> Int {
            guard let x = v[key]?.int ?? value else {
                throw fail(v, "\"\(kind)\" cần số nguyên \"\(key)\"", "\"\(kind)\" needs the integer \"\(key)\"")
            }
            return x
        }
        func list(_ key: String) throws(ScenarioError) -> [String] {
            guard let x = v[key]?.array?.compactMap(\.string), !x.isEmpty else {
                throw fail(v, "\"\(kind)\" cần mảng \"\(key)\"", "\"\(kind)\" needs the array \"\(key)\"")
            }
            return x.map(\.nfc)
        }
        func date(_ key: String) throws(ScenarioError) -> CivilDate {
            let text = try str(key)
            do throws(DateError) { return try CivilDate(parsing: text) } catch { throw fail(v, error.message(.vi), error.message(.en)) }
        }
        switch kind {
        case "facts": return .facts(dossier: try str("dossier"), nominees: try str("nominees"), id: v["id"]?.string)
        case "comment": return .comment(dossier: try str("dossier"), text: try str("text"), from: v["from"]?.string?.nfc)
        case "complain": return .complain(dossier: try str("dossier"), text: try str("text"), from: try str("from"))
        case "resolve":
            guard let outcome = ComplaintOutcome(rawValue: try str("outcome")) else {
                throw fail(v, "\"outcome\" là upheld hoặc dismissed", "\"outcome\" is upheld or dismissed")
            }
            return .resolve(dossier: try str("dossier"), outcome: outcome, reason: try str("reason"))
        case "council": return .council(file: try str("file"))
        case "session":
            return .session(council: try str("council"), id: try str("id"), date: try date("date"), present: try list("present"), agenda: try list("agenda"))
        case "vote":
            return .vote(session: try str("session"), dossier: try str("dossier"), yes: try int("yes"), no: try int("no"),
                         invalid: try int("invalid", default: 0), writtenAbsent: try int("writtenAbsent", default: 0))
        case "minutes": return .minutes(session: try str("session"), file: try str("file"))
        case "decision":
            return .decision(number: try str("number"), date: try date("date"), signer: try str("signer"),
                             authority: v["authority"]?.string?.nfc, dossiers: try list("dossiers"))
        case "revoke":
            return .revoke(dossier: try str("dossier"), ground: try str("ground"), amountVND: try int("amount"),
                           reason: try str("reason"), decision: try str("decision"))
        case "package": return .package(dossiers: try list("dossiers"), file: try str("file"))
        default: return .publish
        }
    }
}

/// What a season step wrote.
package enum SeasonOutcome: Sendable {
    /// Facts recorded (record number `seq`) and the trial verdict, when the award has a rule set.
    case facts(dossier: String, facts: NomineeFacts, seq: Int64, verdict: EligibilityVerdict?)
    /// A comment, complaint or resolution, with the transition it fired, if any.
    case complaint(ComplaintDesk.Outcome)
    case council(Council)
    case session(CouncilSession, Council)
    case vote(BallotRecord, Dossier)
    /// The minutes written to `file` (HTML, printable on A4).
    case minutes(Minutes, file: String)
    case decision(Decision)
    /// The revocation and its ground's text in both languages.
    case revocation(Revocation, ground: LocalizedText)
    /// The package written to `file`, verified after writing.
    case package(UpwardPackage.Verified, file: String)
    /// The public site written to `folder`.
    case site(PublicationModel, folder: String)
}

/// Where a scenario's season steps read and write files.
package struct ScenarioFiles: Sendable {
    /// The folder input files (nominees, council) are relative to: the scenario's own folder.
    package var inputDirectory: String
    /// The folder minutes and packages are written to.
    package var outputDirectory: String
    /// The public site's folder (replaced only if `publish` wrote it before, as for `khenthuong publish`).
    package var site: String
    /// The language of the site and the minutes.
    package var language: Language

    package init(inputDirectory: String = ".", outputDirectory: String = ".", site: String = "site", language: Language = .vi) {
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.site = site
        self.language = language
    }

    func input(_ name: String) -> String { name.hasPrefix("/") ? name : (inputDirectory as NSString).appendingPathComponent(name) }

    /// Where an output named `name` goes: always inside ``outputDirectory``. A name that is
    /// absolute, climbs out with `..`, or is empty is refused: a scenario never writes outside
    /// the folder it was given.
    /// - Throws: `ScenarioFileError` naming the step's file and why.
    func output(_ name: String) throws(ScenarioFileError) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        guard !name.hasPrefix("/"), !name.hasPrefix("~"), !parts.isEmpty, !parts.contains(".."), !name.contains("\\") else {
            throw ScenarioFileError(message: .init(
                vi: "tên tệp ra “\(name)” phải là một tên trong thư mục \(outputDirectory) (không đường dẫn tuyệt đối, không “..”); kịch bản không ghi ra ngoài thư mục đó",
                en: "the output file “\(name)” must be a name inside the folder \(outputDirectory) (no absolute path, no “..”); a scenario never writes outside that folder"))
        }
        return (outputDirectory as NSString).appendingPathComponent(parts.joined(separator: "/"))
    }
}

/// A season step's input file that cannot be used.
package struct ScenarioFileError: Error, Sendable {
    package var message: LocalizedText
}

extension DossierRunner {
    /// Performs one season action as its command would, in one transaction.
    func perform(_ action: SeasonAction, by actor: Actor, at time: Date, files: ScenarioFiles) throws -> SeasonOutcome {
        let councils = CouncilBook(runner: self), decisions = DecisionBook(runner: self), desk = ComplaintDesk(runner: self)
        switch action {
        case .facts(let id, let nominees, let nomineeID):
            guard let dossier = try store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            let path = files.input(nominees)
            let (list, findings) = NomineeLoader.load(path: path)
            let wanted = nomineeID ?? dossier.nominee.id
            guard let facts = list?.first(where: { $0.id == wanted }) else {
                let detail = findings.first.map { " (\($0.message.vi))" } ?? ""
                throw ScenarioFileError(message: .init(vi: "không có người được đề nghị “\(wanted)” trong \(path)\(detail)",
                                                       en: "there is no nominee “\(wanted)” in \(path)\(findings.first.map { " (\($0.message.en))" } ?? "")"))
            }
            let event = try recordFacts(facts, on: id, source: (path as NSString).lastPathComponent, by: actor, at: time)
            let verdict = eligibility?.rules.evaluate(facts, award: dossier.awardID, period: dossier.achievementPeriod, asOf: CivilDate(time))
            return .facts(dossier: id, facts: facts, seq: event.seq, verdict: verdict)
        case .comment(let id, let text, let from):
            return .complaint(try desk.comment(on: id, text: text, from: from, by: actor, at: time))
        case .complain(let id, let text, let from):
            return .complaint(try desk.complain(on: id, text: text, from: from, by: actor, at: time))
        case .resolve(let id, let outcome, let reason):
            return .complaint(try desk.resolve(on: id, complaint: nil, outcome: outcome, reason: reason, by: actor, at: time))
        case .council(let file):
            let path = files.input(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ScenarioFileError(message: .init(vi: "không đọc được \(path)", en: "cannot read \(path)"))
            }
            let council = try Council.parse(text, file: path)
            _ = try councils.define(council, by: actor, at: time)
            return .council(council)
        case .session(let council, let id, let date, let present, let agenda):
            let session = try councils.openSession(id: id, council: council, date: date, present: present, agenda: agenda, by: actor, at: time)
            return .session(session, try councils.council(council))
        case .vote(let session, let dossier, let yes, let no, let invalid, let written):
            let (record, after) = try councils.vote(session: session, dossier: dossier, yes: yes, no: no, invalid: invalid,
                                                    writtenAbsent: written, by: actor, at: time)
            return .vote(record, after)
        case .minutes(let id, let file):
            let minutes = try councils.minutes(id, language: files.language)
            let path = try files.output(file)
            try Self.write(minutes.html, to: path, ours: { $0.contains(#"<meta name="generator" content="khenthuong">"#) })
            return .minutes(minutes, file: path)
        case .decision(let number, let date, let signer, let authority, let dossiers):
            let money = try definitions.rewardMoney()
            return .decision(try decisions.issue(number: number, date: date, signer: signer, authority: authority, dossiers: dossiers,
                                                 money: money, by: actor, at: time))
        case .revoke(let dossier, let ground, let amount, let reason, let number):
            let grounds = try definitions.revocationGrounds()
            let revocation = try decisions.revoke(dossier: dossier, ground: ground, amountVND: amount, reason: reason, decision: number,
                                                  grounds: grounds, by: actor, at: time)
            return .revocation(revocation, ground: try grounds.text(ground))
        case .package(let dossiers, let file):
            let text = try UpwardPackage.export(dossiers, from: store, definitions: definitions, at: time)
            let path = try files.output(file)
            try Self.write(text, to: path, ours: { $0.contains("\"\(UpwardPackage.format)\"") })
            return .package(try UpwardPackage.verify(Array(text.utf8), file: path, definitions: definitions), file: path)
        case .publish:
            let model = try PublicationModel.build(store: store, definitions: definitions, at: time, signer: store.signer)
            try SiteWriter.write(SiteRenderer(model: model, language: files.language).files(), to: files.site)
            return .site(model, folder: files.site)
        }
    }

    /// Writes `text` to `path`, replacing a file there only when `ours` recognises it as one the
    /// tool wrote (minutes carry `<meta name="generator" content="khenthuong">`, a package its
    /// format name); any other file is left alone and the step fails, saying so.
    static func write(_ text: String, to path: String, ours: (String) -> Bool) throws {
        if FileManager.default.fileExists(atPath: path) {
            let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            guard ours(existing) else {
                throw ScenarioFileError(message: .init(
                    vi: "không ghi đè \(path): tệp đó không do khenthuong ghi; đổi tên tệp ra trong kịch bản hoặc chuyển tệp đó đi",
                    en: "\(path) is not overwritten: that file was not written by khenthuong; rename the output in the scenario or move that file away"))
            }
        }
        do { try AtomicFile.write(text, to: path) } catch {
            throw ScenarioFileError(message: .init(vi: "không ghi được \(path): \(error.detail)", en: "cannot write \(path): \(error.detail)"))
        }
    }
}
