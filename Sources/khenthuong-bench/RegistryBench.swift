import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `khenthuong-bench registry --input records.csv --store NEW.sqlite [--binary PATH] [--runs N] [--person ID]`
/// (issue 14): imports the registry from the benchmark's person-year CSV into a new store, as
/// `khenthuong person import` does (streamed, the store's batch writer, one transaction, one
/// `nominee_profile` record per person), then times `khenthuong eligibility check` reading one
/// person from the registry (no facts file), one CLI process per run.
///
/// Prints `FIG registry.import.seconds`, `…peak_rss_mb` (the whole process, read right after the
/// import), `registry.events`, and `registry.check.median_ms` / `…max_ms`.
enum RegistryBench {
    static func run(input: String, storePath: String, binary: String?, runs: Int, person: String?, workflows: String?) throws {
        guard !FileManager.default.fileExists(atPath: storePath) else {
            throw BenchFailure(description: "\(storePath) exists; give a new file (the bench never overwrites one)")
        }
        let store = try EventStore(path: storePath)
        let actor = Actor(role: "secretariat", unit: "LDLD", user: "van.thu")
        let started = monotonic()
        let outcome = try ProfileImport.importBenchmarkCSV(path: input, into: store, by: actor, at: Date())
        let seconds = monotonic() - started
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let events = try store.eventCount()
        W3Bench.say("registry import: \(outcome.nominees) persons read, \(outcome.recorded) recorded (\(outcome.yearsRecorded) years), "
                    + "\(outcome.unchanged) unchanged, \(outcome.conflictCount) conflicts; \(events) events; \(String(format: "%.3f", seconds))s")
        figure("registry.import.seconds", seconds, "s", "person-year CSV → one nominee_profile record per person, batch writer, one transaction")
        figure("registry.import.peak_rss_mb", Double(usage.ru_maxrss) / 1024, "MB", "whole process, right after the import")
        figure("registry.events", Double(events), "events")

        let folder = repoWorkflows(workflows)
        let id = person ?? "P\(String(format: "%07d", max(1, outcome.nominees / 2)))"
        let runner = DossierRunner(definitions: try Definitions.load(directory: folder), store: store)
        guard let facts = try runner.registryFacts(of: id) else { throw BenchFailure(description: "the registry has no \(id)") }
        W3Bench.say("\(id): \(facts.name), \(NomineeProfile.years(facts).count) years, \(facts.awards.count) awards read from the registry")
        let tool = binary ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("khenthuong").path
        var times: [Double] = []
        for _ in 0..<runs {
            times.append(try StoreBench.run(tool, ["--store", storePath, "--workflows", folder, "eligibility", "check", "--id", id,
                                                   "--award", "lao_dong_tien_tien", "--year", "2025"]))
        }
        times.sort()
        figure("registry.check.median_ms", times[times.count / 2] * 1000, "ms", "wall time of one `eligibility check --id \(id)` process reading the registry, \(runs) runs")
        figure("registry.check.max_ms", times.last! * 1000, "ms")
    }
}
