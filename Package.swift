// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "KhenThuong",
    platforms: [.macOS(.v13)],
    products: [
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
        .target(name: "KhenThuongKit", dependencies: ["CSQLite", "CCrypto"]),
        .target(name: "KhenThuongCLI", dependencies: ["KhenThuongKit"]),
        .executableTarget(name: "khenthuong", dependencies: ["KhenThuongCLI"]),
        .executableTarget(name: "khenthuong-bench", dependencies: ["KhenThuongKit", "KhenThuongCLI"],
                         exclude: ["spec-rules.json"]),
        .testTarget(name: "KhenThuongKitTests", dependencies: ["KhenThuongKit"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "KhenThuongCLITests", dependencies: ["KhenThuongCLI", "KhenThuongKit", "CSQLite"],
                    exclude: ["Golden"]),
    ]
)
