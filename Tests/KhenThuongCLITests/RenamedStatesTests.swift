import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// States are data: councils, decisions, reports, the public site and upward packages find
/// them by their tags, so renaming every state of the shipped workflows changes nothing the
/// demo season does but the ids it records.
@Suite struct RenamedStatesTests {
    /// `workflows/` copied to `folder`, every state of yearly.json and adhoc.json renamed
    /// (`yearly_s01`…, `adhoc_s01`…: the two workflows no longer share a single state id, and
    /// no new id contains an old one). Returns old id by new id.
    static func copyRenamed(to folder: URL) throws -> [String: String] {
        try FileManager.default.copyItem(atPath: CLIHarness.workflows, toPath: folder.path)
        var oldByNew: [String: String] = [:]
        for workflow in ["yearly", "adhoc"] {
            let file = folder.appendingPathComponent("\(workflow).json")
            var root = try JSONParser.parseVerbatim(String(contentsOf: file, encoding: .utf8))
            guard var states = root["states"]?.elements, var transitions = root["transitions"]?.elements else {
                throw CocoaError(.fileReadCorruptFile)
            }
            var newByOld: [String: String] = [:]
            for (i, state) in states.enumerated() {
                var members = state
                guard let id = members["id"]?.string else { throw CocoaError(.fileReadCorruptFile) }
                let new = "\(workflow)_s" + (i + 1 < 10 ? "0" : "") + "\(i + 1)"
                newByOld[id] = new
                oldByNew[new] = id
                members["id"] = .string(new)
                states[i] = members
            }
            func renamed(_ id: JSONValue) throws -> JSONValue {
                guard let s = id.string else { throw CocoaError(.fileReadCorruptFile) }
                if s == TransitionTarget.previousToken { return id }
                guard let new = newByOld[s] else { throw CocoaError(.fileReadCorruptFile) }
                return .string(new)
            }
            for (i, transition) in transitions.enumerated() {
                var members = transition
                guard let from = members["from"]?.elements, let to = members["to"] else {
                    throw CocoaError(.fileReadCorruptFile)
                }
                members["from"] = .list(try from.map(renamed))
                members["to"] = try renamed(to)
                transitions[i] = members
            }
            root["states"] = .list(states)
            root["transitions"] = .list(transitions)
            try CanonicalJSONWriter.text(root).write(to: file, atomically: true, encoding: .utf8)
        }
        return oldByNew
    }

    /// One demo run's printed output and the files it wrote, with `directory` and `workflows`
    /// blanked, every SHA-256 (or its first 16 digits) and every signature (base64, in the site's
    /// checkpoint: the store id it signs is random) blanked, and every renamed state id put back.
    static func normalized(_ text: String, directory: URL, workflows: String, oldByNew: [String: String]) throws -> String {
        var out = text.replacingOccurrences(of: workflows, with: "<workflows>").replacingOccurrences(of: directory.path, with: "<dir>")
        out = out.replacingOccurrences(of: "[0-9a-f]{16,}", with: "<sha256>", options: .regularExpression)
        out = out.replacingOccurrences(of: "[A-Za-z0-9+/]{86}==", with: "<signature>", options: .regularExpression)
        let ids = try NSRegularExpression(pattern: "\\b(yearly|adhoc)_s[0-9]{2}\\b")
        for match in ids.matches(in: out, range: NSRange(out.startIndex..., in: out)).reversed() {
            let range = Range(match.range, in: out)!
            out.replaceSubrange(range, with: oldByNew[String(out[range])]!)
        }
        return out
    }

    /// The files a demo run wrote under `folder` (its store's folder), by relative path.
    static func files(in folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let path as String in enumerator where !path.contains(".sqlite") {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            out[path] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self)
        }
        return out
    }

    @Test("With every state of both workflows renamed, the demo season goes the same: steps, refusals, events, dossiers by state, files, reports")
    func demoWithRenamedStates() throws {
        let shipped = try CLIHarness()
        var renamed = try CLIHarness()
        let workflows = renamed.directory.appendingPathComponent("workflows")
        let oldByNew = try Self.copyRenamed(to: workflows)
        renamed.environment["KHENTHUONG_WORKFLOWS"] = workflows.path
        #expect(oldByNew.count == 14 + 12)
        defer {
            try? FileManager.default.removeItem(at: shipped.directory)
            try? FileManager.default.removeItem(at: renamed.directory)
        }

        var runs: [(out: String, files: [String: String])] = []
        for h in [shipped, renamed] {
            let out = h.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let store = out.appendingPathComponent("demo.sqlite").path
            var r = h.run(["demo", "--store", store])
            #expect(r.code == 0, "stderr: \(r.err)")
            #expect(r.err == "")
            // The reports read awarded, approved and revoked dossiers by tag.
            for report in ["awards", "exemplary"] {
                let more = h.run(["--store", store, "report", report, "--from", "2025-01-01", "--to", "2026-12-31"])
                #expect(more.code == 0 && more.err == "", "\(more.err)")
                r.out += more.out
            }
            let root = h.environment["KHENTHUONG_WORKFLOWS"]!
            runs.append((try Self.normalized(r.out, directory: h.directory, workflows: root, oldByNew: oldByNew),
                         try Self.files(in: out).mapValues { try Self.normalized($0, directory: h.directory, workflows: root, oldByNew: oldByNew) }))
        }
        for run in runs {
            #expect(run.out.contains("Tổng kết: 68 bước, 9 lần bị từ chối (không ghi gì), 74 sự kiện đã ghi (cùng 34 sự kiện danh mục đơn vị và quyền)."))
            #expect(run.out.contains("Đã thu hồi (không tính)                                       1"))
            #expect(run.out.contains("Hoàng Văn Dũng     cá nhân    CDCS-MAYHN  Bằng khen đột xuất  LĐLĐ tỉnh  2026  08/01/2026"))
            #expect(run.out.contains("Hồ sơ theo trạng thái: Đã công bố 2, Không được phê duyệt 1, Đã hủy bỏ, thu hồi 1, Đã rút hồ sơ 1, Dự thảo 1, Đã trình cấp trên 1."))
            #expect(run.out.contains("Quyết định: 2, 3 người/tập thể, tổng tiền thưởng 3.744.000 đồng."))
            #expect(run.out.contains("Kiểm tra chuỗi băm: toàn vẹn"))
        }
        // Everything else printed is the same too, line for line, but the hashes.
        let (a, b) = (runs[0].out.components(separatedBy: "\n"), runs[1].out.components(separatedBy: "\n"))
        #expect(a.count == b.count)
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            Issue.record("line \(i + 1) differs:\n  shipped: \(x)\n  renamed: \(y)")
        }
        // The minutes, the upward package and the public site: the same files, the same text.
        #expect(runs[0].files.keys.sorted() == runs[1].files.keys.sorted())
        #expect(runs[0].files.keys.contains { $0.hasSuffix(".html") } && runs[0].files.keys.contains { $0.hasSuffix("TLD.json") })
        // A verification file's QR code holds the file's SHA-256, which the renamed ids change
        // (the file itself is compared, its hashes blanked): only that the code is there counts.
        for (path, text) in runs[0].files where runs[1].files[path] != text && !(path.contains("verify/") && path.hasSuffix(".svg")) {
            Issue.record("\(path) differs after renaming the states")
        }

        // The renamed store really holds the new ids (the hash differs for that reason only).
        let store = try EventStore(path: renamed.directory.appendingPathComponent("out/demo.sqlite").path)
        let states = try store.dossiers().map { oldByNew[$0.state] ?? "not renamed: \($0.state)" }
        #expect(states.sorted() == ["draft", "not_approved", "proposed_upward", "published", "published", "revoked", "withdrawn"])
        #expect(try store.dossiers().allSatisfy { $0.state.hasPrefix("\($0.workflowID)_s") })
    }
}
