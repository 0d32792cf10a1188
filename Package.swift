// swift-tools-version:6.0
import PackageDescription

// Modules, bottom up (each line: a target and what it may use):
//   KhenThuongCore         — values, calendar, awards, workflow model, machine, rule language, eligibility; no I/O, no clock
//   KhenThuongDefinitions  — Core; reads the workflows/ tree (the one loader), movements, decision tables
//   KhenThuongStore        — Core, SQLite, libcrypto, libpq; the event store protocol, its SQLite and PostgreSQL implementations, the hash chain
//   KhenThuongKit          — Core, Definitions, Store; runner, council, decision, complaint, movement, publication, report
//   KhenThuongCLI          — Kit and below; the commands
//   KhenThuongBench        — Kit and below; the benchmark's W3 pipeline (not a product)
let package = Package(
    name: "KhenThuong",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "KhenThuongCore", targets: ["KhenThuongCore"]),
        .library(name: "KhenThuongDefinitions", targets: ["KhenThuongDefinitions"]),
        .library(name: "KhenThuongStore", targets: ["KhenThuongStore"]),
        .library(name: "KhenThuongKit", targets: ["KhenThuongKit"]),
        .library(name: "KhenThuongCLI", targets: ["KhenThuongCLI"]),
        .executable(name: "khenthuong", targets: ["khenthuong"]),
        .executable(name: "khenthuong-bench", targets: ["khenthuong-bench"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .target(name: "KhenThuongCore"),
        .target(name: "KhenThuongDefinitions", dependencies: ["KhenThuongCore"]),
        .target(name: "KhenThuongStore", dependencies: ["KhenThuongCore", "CSQLite", "CCrypto", "CLibPQ"]),
        .target(name: "KhenThuongKit", dependencies: ["KhenThuongCore", "KhenThuongDefinitions", "KhenThuongStore"]),
        .target(name: "KhenThuongCLI", dependencies: ["KhenThuongKit", "KhenThuongCore", "KhenThuongDefinitions", "KhenThuongStore"]),
        .target(name: "KhenThuongBench", dependencies: ["KhenThuongCore", "KhenThuongStore", "KhenThuongKit"]),
        .executableTarget(name: "khenthuong", dependencies: ["KhenThuongCLI"]),
        .executableTarget(name: "khenthuong-bench",
                          dependencies: ["KhenThuongBench", "KhenThuongKit", "KhenThuongCore", "KhenThuongDefinitions", "KhenThuongStore", "KhenThuongCLI"],
                          exclude: ["spec-rules.json"]),
        .testTarget(name: "KhenThuongKitTests",
                    dependencies: ["KhenThuongCore", "KhenThuongDefinitions", "KhenThuongStore", "KhenThuongKit", "KhenThuongBench"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "KhenThuongCLITests",
                    dependencies: ["KhenThuongCLI", "KhenThuongKit", "KhenThuongCore", "KhenThuongDefinitions", "KhenThuongStore", "CSQLite"],
                    exclude: ["Golden"]),
    ]
)
