import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore
import KhenThuongBench

/// One machine-readable line per figure, as the Python peers print them.
func figure(_ key: String, _ value: Double, _ unit: String, _ note: String = "") {
    let v = value < 1000 ? String(format: "%.6g", value) : String(format: "%.0f", value)
    FileHandle.standardOutput.write(Data(("FIG \(key) \(v) \(unit)" + (note.isEmpty ? "" : "  # \(note)") + "\n").utf8))
}

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func repoWorkflows(_ override: String?) -> String {
    if let override { return override }
    if FileManager.default.fileExists(atPath: "workflows/yearly.json") { return "workflows" }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("workflows").path
}
