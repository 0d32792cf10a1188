import KhenThuongCore
import KhenThuongDefinitions

extension NomineeLoader {
    /// Reads and parses a nominee file (`{"nominees": […]}`).
    public static func load(path: String) -> ([NomineeFacts]?, [LintFinding]) {
        switch DefinitionFile.text(path) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parse(text, file: path)
        }
    }
}
