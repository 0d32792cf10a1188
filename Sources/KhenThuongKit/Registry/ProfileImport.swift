import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What `person import` did.
public struct ProfileImportOutcome: Sendable, Equatable {
    /// Nominees read from the file.
    public var nominees = 0
    /// Nominees a record was written for, and the years those records add.
    public var recorded = 0
    public var yearsRecorded = 0
    /// Nominees the registry already held whole (same values): nothing written for them.
    public var unchanged = 0
    /// Values differing from what the registry holds: reported, never overwritten (the first
    /// ``shownConflicts``; `conflictCount` counts them all).
    public var conflicts: [LocalizedText] = []
    public var conflictCount = 0
    public static let shownConflicts = 50

    mutating func conflict(_ text: LocalizedText) {
        conflictCount += 1
        if conflicts.count < Self.shownConflicts { conflicts.append(text) }
    }
}

/// Fills the registry from the full nominee profile (docs/nominee-data.md): one
/// `nominee_profile` record per nominee holding the years the registry lacks. Idempotent: a
/// nominee whose every year the registry holds with the same values is left alone; a
/// differing value is a conflict, reported and not written.
public enum ProfileImport {
    /// What the registry holds for one nominee.
    struct Held {
        var name: String?
        var unit: String?
        var profile: NomineeFacts?
    }

    static func held(_ subject: RecordSubject, in log: any EventLog) throws -> Held {
        let events = try log.events(dossierID: subject.stored)
        var held = Held()
        if case .collective = subject {
            if let c = try CollectiveRegistry.collective(from: events) { held.name = c.name; held.unit = c.unit }
        } else if let p = try PersonRegistry.person(from: events) {
            held.name = p.name
            held.unit = p.unit
        }
        held.profile = try profile(from: events)
        return held
    }

    /// The profile the `nominee_profile` records among `events` make, or `nil`.
    static func profile(from events: [StoredEvent]) throws -> NomineeFacts? {
        var out: NomineeFacts?
        for e in events where e.kind == .record && e.event == NomineeProfileRecord.kind {
            let f = try e.record(NomineeProfileRecord.self).facts
            out = out.map { NomineeProfile.merge($0, f) } ?? f
        }
        return out
    }

    /// The record to write for `given` (nil: nothing), and what conflicts.
    static func plan(_ given: NomineeFacts, held: Held?, source: String, outcome: inout ProfileImportOutcome) -> NomineeProfileRecord? {
        outcome.nominees += 1
        let who = "\(given.name) (\(given.id))"
        var differences: [(field: String, held: String, given: String)] = []
        if let name = held?.name, name != given.name { differences.append(("name", name, given.name)) }
        if let unit = held?.unit, unit != given.unit { differences.append(("unit", unit, given.unit)) }
        if let profile = held?.profile {
            differences += NomineeProfile.identityDifferences(profile, given).filter { !["name", "unit"].contains($0.field) }
        }
        if !differences.isEmpty {
            let list = differences.map { "\($0.field) “\($0.held)” ≠ “\($0.given)”" }.joined(separator: ", ")
            outcome.conflict(.init(vi: "\(who): khác với sổ đăng ký (\(list)); không ghi đè — sửa tệp, hoặc sửa sổ bằng `khenthuong person correct`",
                                   en: "\(who): differs from the registry (\(list)); not overwritten — fix the file, or correct the registry with `khenthuong person correct`"))
            return nil
        }
        var fresh: Set<Int> = []
        for year in NomineeProfile.years(given) {
            guard let profile = held?.profile, NomineeProfile.years(profile).contains(year) else {
                fresh.insert(year)
                continue
            }
            if !NomineeProfile.sameYear(year, profile, given) {
                outcome.conflict(.init(vi: "\(who) năm \(year): khác với năm đã ghi trong sổ đăng ký; không ghi đè — sửa tệp, hoặc giữ bản đã có",
                                       en: "\(who) \(year): differs from the year the registry holds; not overwritten — fix the file, or keep what is recorded"))
            }
        }
        guard !fresh.isEmpty || held?.profile == nil else {
            outcome.unchanged += 1
            return nil
        }
        outcome.recorded += 1
        outcome.yearsRecorded += fresh.count
        let all = held?.profile == nil
        return NomineeProfileRecord(facts: all ? given : NomineeProfile.only(given, years: fresh), source: source)
    }

    static func subject(_ f: NomineeFacts) -> RecordSubject { f.isCollective ? .collective(f.id) : .person(f.id) }

    /// Imports `nominees` (read whole from a JSON or full-profile CSV file) in one write.
    /// - Throws: `RegistryError` (nothing written) when a nominee's unit is not kept by the
    ///   actor's unit; `StoreError`.
    public static func importNominees(_ nominees: [NomineeFacts], source: String, in log: any EventLog, by actor: Actor, at time: Date) throws -> ProfileImportOutcome {
        try log.write { tx in
            let directory = try Directory.load(from: tx.store)
            for n in nominees {
                try PersonRegistry.checkScope(actor, units: [n.unit], directory: directory,
                                              what: .init(vi: "không nhập gì từ tệp (\(n.name), \(n.id))", en: "nothing of the file is imported (\(n.name), \(n.id))"))
            }
            var outcome = ProfileImportOutcome()
            for n in nominees {
                let held = try held(subject(n), in: tx.store)
                if let record = plan(n, held: held, source: source, outcome: &outcome) { try tx.append(record, actor: actor, at: time) }
            }
            return outcome
        }
    }

    /// Why a streamed import wrote nothing: the findings of the file (file:line:column).
    public struct FileErrors: Error, Sendable {
        public var findings: [LintFinding]
    }

    /// Imports the benchmark's person-year CSV (`person_id` header), streamed a person at a time
    /// through the store's batch writer: one transaction, one `nominee_profile` record per
    /// person. The registry subjects the store already holds are read once; only those persons
    /// are looked up (on a second connection, which sees the store as it was before the batch).
    /// - Throws: `FileErrors` (nothing written) when a row is bad; `RegistryError` when a unit
    ///   is out of the actor's scope; `StoreError`.
    package static func importBenchmarkCSV(path: String, into store: any BulkRecordLog, by actor: Actor, at time: Date) throws -> ProfileImportOutcome {
        let directory = try Directory.load(from: store)
        var known = try store.subjects(ofRecordsNamed: NomineeProfileRecord.kind)
        known.formUnion(try store.subjects(ofRecordsNamed: PersonAdded.kind))
        let reader = known.isEmpty ? nil : try store.secondConnection()
        let source = (path as NSString).lastPathComponent
        var outcome = ProfileImportOutcome()
        var findings: [LintFinding] = []
        try store.writeRecordBatch(pageCacheMebibytes: 64) { batch in
            var failure: (any Error)?
            findings = BenchmarkCSVLoader.stream(path: path) { chunk in
                guard failure == nil else { return }
                do {
                    for var n in chunk {
                        // The benchmark file gives initiatives no title (the profile requires one): the id stands for it.
                        if case .individual(var p) = n, p.initiatives.contains(where: { $0.title.isEmpty }) {
                            for k in p.initiatives.indices where p.initiatives[k].title.isEmpty { p.initiatives[k].title = p.initiatives[k].id }
                            n = .individual(p)
                        }
                        try PersonRegistry.checkScope(actor, units: [n.unit], directory: directory,
                                                      what: .init(vi: "không nhập gì từ tệp (\(n.name), \(n.id))", en: "nothing of the file is imported (\(n.name), \(n.id))"))
                        let s = subject(n)
                        let held = try reader.flatMap { r in known.contains(s.stored) ? try Self.held(s, in: r) : nil }
                        if let record = plan(n, held: held, source: source, outcome: &outcome) { try batch.append(record, actor: actor, at: time) }
                    }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            if !findings.isEmpty { throw FileErrors(findings: findings) }
        }
        return outcome
    }
}

extension DossierRunner {
    /// The facts the submission checks read: the newest recorded on the dossier (`dossier
    /// facts`), else the nominee's profile in the registry (`person import`) with the event of
    /// its newest profile record. `nil` when there is neither (a person only added with
    /// `person add` has no facts to read).
    func guardFacts(_ dossier: Dossier, in log: any EventLog) throws -> (NomineeFacts, Int64)? {
        if let recorded = try Self.latestFacts(in: log.events(dossierID: dossier.id), dossier: dossier.id) { return recorded }
        let id = dossier.nominee.id
        let subject: RecordSubject = dossier.nominee.kind == .collective ? .collective(id) : .person(id)
        guard let last = try log.events(dossierID: subject.stored).last(where: { $0.kind == .record && $0.event == NomineeProfileRecord.kind }),
              let facts = try registryFacts(of: id, in: log), facts.isCollective == (dossier.nominee.kind == .collective) else { return nil }
        return (facts, last.seq)
    }

    /// What eligibility reads for `id` from the registry alone (no facts file): the imported
    /// profile (the years and lists it holds, with the current name and unit of the person or
    /// collective), the awards the store records (decided, imported; revoked ones left out),
    /// and the initiatives the registry marks as used. `nil` when the registry knows nothing of
    /// `id`. Two indexed reads of the subject's events (person, then collective) and the
    /// history's.
    public func registryFacts(of id: String, in log: (any EventLog)? = nil) throws -> NomineeFacts? {
        let log = log ?? store
        let id = id.nfc
        var facts: NomineeFacts?
        let personEvents = try log.events(dossierID: RecordSubject.person(id).stored)
        if let p = try PersonRegistry.person(from: personEvents) {
            var f = try ProfileImport.profile(from: personEvents) ?? .individual(Individual(id: p.id, name: p.name, unit: p.unit ?? ""))
            if case .individual(var i) = f { i.name = p.name; i.unit = p.unit ?? i.unit; f = .individual(i) }
            facts = f
        } else {
            let events = try log.events(dossierID: RecordSubject.collective(id).stored)
            if let c = try CollectiveRegistry.collective(from: events) {
                var f = try ProfileImport.profile(from: events) ?? .collective(Collective(id: c.id, name: c.name, unit: c.unit ?? ""))
                if case .collective(var x) = f { x.name = c.name; x.unit = c.unit ?? x.unit; f = .collective(x) }
                facts = f
            }
        }
        guard var f = facts else { return nil }
        if case .individual(var p) = f, !p.initiatives.isEmpty {
            for k in p.initiatives.indices where p.initiatives[k].usedFor == nil {
                if let use = try InitiativeRegistry.initiative(p.initiatives[k].id, in: log)?.use {
                    p.initiatives[k].usedFor = AwardUse(award: use.award, year: use.year)
                }
            }
            f = .individual(p)
        }
        return try withRecordedAwards(f, in: log)
    }
}
