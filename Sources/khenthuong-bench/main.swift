import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore
import KhenThuongBench

/// `khenthuong-bench w1 --input records.csv [--store PATH]` — prints `FIG <name> <value> <unit>`.
let start = monotonic()
let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: "--\(name)"), i + 1 < args.count else { return nil }
    return args[i + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("khenthuong-bench: \(message)\n".utf8))
    exit(2)
}
guard let workload = args.first else {
    fail("usage: khenthuong-bench w1 --input records.csv [--store PATH] | w2 --input records.csv | w3 --input records.csv [--out decisions.csv] [--threads N] | elig --input records.csv [--year Y] [--award A,B] [--out FILE] [--expect FILE] | store --dossiers N --events M --out PATH [--unsigned] [--keys DIR] | act --store PATH --binary PATH [--runs N] [--keys DIR] | identity --store SIGNED --plain PLAIN --binary PATH [--keys DIR] | merkle --store PATH | witnesses --store SIGNED --binary PATH [--copy PATH] [--keys DIR] [--rounds N] | exchange --dir DIR --binary PATH [--dossiers N] | pg writers --store postgresql://…|FILE [--processes 16] [--commands 200] | probes --binary PATH [--work DIR] | registry --input records.csv --store NEW.sqlite [--binary PATH] [--runs N] [--person ID]")
}
do {
    switch workload {
    case "w1":
        guard let input = option("input") else { fail("w1 needs --input records.csv") }
        try W1Bench.run(input: input, storePath: option("store"), workflows: option("workflows"))
    case "w2":
        guard let input = option("input") else { fail("w2 needs --input records.csv") }
        try W3Bench.runW2(input: input)
    case "w3":
        guard let input = option("input") else { fail("w3 needs --input records.csv") }
        try W3Bench.runW3(input: input, out: option("out"), threads: option("threads").flatMap(Int.init), start: start)
    case "elig":
        guard let input = option("input") else { fail("elig needs --input records.csv") }
        try EligBench.run(input: input, year: option("year").flatMap(Int.init) ?? 2025,
                          awards: option("award") ?? "lao_dong_tien_tien,chien_si_thi_dua_co_so", out: option("out"),
                          expect: option("expect"), workflows: option("workflows"))
    case "store":
        guard let out = option("out"), let d = option("dossiers").flatMap(Int.init), let e = option("events").flatMap(Int.init) else {
            fail("store needs --dossiers N --events M --out PATH")
        }
        try StoreBench.build(path: out, dossiers: d, events: e, workflows: option("workflows"), unsigned: args.contains("--unsigned"),
                             keys: option("keys"))
    case "act":
        guard let store = option("store"), let binary = option("binary") else { fail("act needs --store PATH --binary PATH") }
        try StoreBench.act(storePath: store, binary: binary, runs: option("runs").flatMap(Int.init) ?? 20, workflows: option("workflows"),
                           keys: option("keys"))
    case "identity":
        guard let store = option("store"), let plain = option("plain"), let binary = option("binary") else {
            fail("identity needs --store SIGNED --plain PLAIN --binary PATH")
        }
        try IdentityBench.run(signed: store, plain: plain, binary: binary, keys: option("keys"), workflows: option("workflows"))
    case "exchange":
        guard let dir = option("dir"), let binary = option("binary") else { fail("exchange needs --dir DIR --binary PATH") }
        try ExchangeBench.run(dir: dir, binary: binary, dossiers: option("dossiers").flatMap(Int.init) ?? 1000, workflows: option("workflows"))
    case "probes":
        guard let binary = option("binary") else { fail("probes needs --binary PATH/TO/khenthuong [--work DIR]") }
        if try !ProbesBench.run(binary: binary, work: option("work"), workflows: option("workflows")) { exit(1) }
    case "merkle":
        guard let store = option("store") else { fail("merkle needs --store PATH") }
        try MerkleBench.run(store: store)
    case "witnesses":
        guard let store = option("store"), let binary = option("binary") else { fail("witnesses needs --store SIGNED --binary PATH") }
        try WitnessBench.run(store: store, copy: option("copy"), binary: binary, keys: option("keys"),
                             rounds: option("rounds").flatMap(Int.init) ?? 5, workflows: option("workflows"))
    case "pg":
        guard let store = option("store") else { fail("pg writers|writer needs --store LOCATION") }
        let processes = option("processes").flatMap(Int.init) ?? 16, commands = option("commands").flatMap(Int.init) ?? 200
        switch args.dropFirst().first {
        case "writers":
            try PostgresBench.writers(location: store, processes: processes, commands: commands, workflows: option("workflows"),
                                      binary: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                                          : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
        case "writer":
            guard let id = option("id").flatMap(Int.init), let at = option("at").flatMap(Double.init) else { fail("pg writer needs --id N --at T") }
            try PostgresBench.writer(location: store, id: id, commands: commands, at: at, workflows: option("workflows"))
        default:
            fail("use pg writers --store LOCATION [--processes 16] [--commands 200] (LOCATION: postgresql://… or an SQLite file)")
        }
    case "registry":
        guard let input = option("input"), let store = option("store") else { fail("registry needs --input records.csv --store NEW.sqlite") }
        try RegistryBench.run(input: input, storePath: store, binary: option("binary"), runs: option("runs").flatMap(Int.init) ?? 9,
                              person: option("person"), workflows: option("workflows"))
    default:
        fail("unknown workload \(workload); use w1, w2, w3, elig, store, act, identity, exchange, merkle, witnesses, probes, pg or registry")
    }
} catch {
    fail("\(error)")
}
