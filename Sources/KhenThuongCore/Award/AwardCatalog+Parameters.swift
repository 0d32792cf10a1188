import Foundation

extension AwardCatalog {
    /// The catalog with every vote regime that names a `parameter` taking that parameter's
    /// value as its percent, so an UNVERIFIED threshold in `awards.json` follows
    /// `workflows/rules/params.json` and a deployment's override file like the rules' own
    /// parameters do. A regime whose parameter the file does not define keeps its percent.
    /// - Parameter file: the file named in findings (the override file when one set the value).
    /// - Returns: the catalog, or `nil` with a finding for every value outside (0, 100].
    public func resolvingVoteParameters(_ params: Parameters, file: String) -> (AwardCatalog?, [LintFinding]) {
        var findings: [LintFinding] = []
        var resolved = awards
        for i in resolved.indices {
            for j in resolved[i].voteRegimes.indices {
                guard let id = resolved[i].voteRegimes[j].parameter, let p = params[id] else { continue }
                guard p.value > 0 && p.value <= 100 else {
                    findings.append(LintFinding(kind: .invalidDefinition, file: p.overriddenBy ?? file, location: nil,
                        message: .init(vi: "tham số \"\(id)\" là tỉ lệ phiếu đồng ý của danh hiệu \"\(resolved[i].id)\": cần từ 1 đến 100, đang là \(p.value)",
                                       en: "parameter \"\(id)\" is the yes-vote percent of award \"\(resolved[i].id)\": it must be 1 to 100, it is \(p.value)")))
                    continue
                }
                resolved[i].voteRegimes[j].percent = Double(p.value)
                if let by = p.overriddenBy {
                    resolved[i].voteRegimes[j].source += " — ghi đè / overridden: \(p.value)% (\(by))"
                }
            }
        }
        guard findings.isEmpty else { return (nil, findings) }
        var catalog = AwardCatalog(awards: resolved)
        catalog.workflowPositions = workflowPositions
        return (catalog, [])
    }
}
