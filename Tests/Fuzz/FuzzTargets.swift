// Coverage-guided fuzz targets for libFuzzer (`.ci/fuzz` builds and runs them; see
// docs/fuzzing.md). Not part of the SwiftPM package: the script compiles the library modules
// with `-sanitize=fuzzer` into `.build-fuzz` and links this file against them.
//
// Each target feeds one input to a reader and accepts any typed error; a trap (overflow,
// force unwrap, index out of range), a stack overflow or a leak past the RSS limit is a crash
// that libFuzzer saves under .build-fuzz/crashes/.
//
// The target is chosen with KHENTHUONG_FUZZ_TARGET: json, csv, expression or package.
import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore
import KhenThuongKit

enum FuzzTarget: String, CaseIterable {
    case json, csv, expression, package

    static let selected: FuzzTarget = {
        guard let name = ProcessInfo.processInfo.environment["KHENTHUONG_FUZZ_TARGET"], let t = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("KHENTHUONG_FUZZ_TARGET must be one of \(allCases.map(\.rawValue))\n".utf8))
            exit(2)
        }
        return t
    }()

    /// The shipped definitions (for the package reader), read once.
    static let definitions: Definitions = {
        let dir = ProcessInfo.processInfo.environment["KHENTHUONG_WORKFLOWS"] ?? "workflows"
        do { return try Definitions.load(directory: dir) } catch {
            FileHandle.standardError.write(Data("cannot load \(dir): \(error)\n".utf8))
            exit(2)
        }
    }()

    /// Variables of every type, for the expression target.
    static let schema = ExpressionSchema(variables: [("n", .int), ("m", .int), ("s", .string), ("b", .bool), ("d", .date),
                                                     ("l", .list(.string)), ("k", .list(.int))])

    /// A scratch file for the readers that take a path.
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-fuzz-\(getpid()).csv").path

    func run(_ bytes: [UInt8]) {
        switch self {
        case .json:
            _ = try? JSONParser.parse(bytes: bytes)
            if let text = String(validating: bytes, as: UTF8.self) { _ = try? JSONParser.parseVerbatim(text) }
        case .csv:
            _ = FileManager.default.createFile(atPath: Self.scratch, contents: Data(bytes))
            _ = NomineeCSVLoader.load(path: Self.scratch)
            _ = BenchmarkCSVLoader.load(path: Self.scratch)
            _ = try? DossierImport.read(path: Self.scratch, proposerUnit: "U")
        case .expression:
            let text = String(decoding: bytes, as: UTF8.self)
            guard let compiled = try? ExpressionCompiler.compile(text, schema: Self.schema, file: "fuzz", at: SourcePosition(line: 1, column: 1)) else { return }
            let row = Self.schema.row(["n": .int(Int64(bytes.count)), "m": .int(Int64.max), "s": .string(text), "b": .bool(true)])
            _ = try? compiled.evaluate(row)
            _ = compiled.explain(row)
        case .package:
            _ = try? UpwardPackage.verify(bytes, file: "fuzz.json", definitions: Self.definitions)
        }
    }
}

/// libFuzzer's entry: one input to the selected target (libFuzzer provides `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTarget.selected.run(bytes)
    return 0
}
