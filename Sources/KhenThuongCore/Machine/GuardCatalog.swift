/// The guards the engine knows by name, and how their parameters are checked.
///
/// Every transition also gets the built-in checks, which need no name: the role is allowed,
/// the actor's unit may act on the dossier, the nominee never acts on their own dossier,
/// the required documents are attached, and the deadline (when one is set) has not passed.
public enum GuardName: String, Sendable, CaseIterable {
    /// The event carries a non-empty written reason (for returns, refusals, late acceptances).
    case reasonGiven
    /// The dossier's award requires (`"required": true`) or does not require public notice.
    case awardPublicNotice
    /// The dossier has been in its current state for at least `workingDays` working days
    /// (a public notice must run its full length).
    case minWorkingDaysInState
    /// The council's tally carried by the event reaches the award's pass threshold
    /// (`percent` of `base`: `total` members or those `present`; the award's own rule wins).
    case voteThreshold

    /// Checks the parameters of a guard use.
    /// - Returns: `nil` when they are right, else what is wrong in both languages.
    public func validate(_ parameters: [String: JSONValue]) -> LocalizedText? {
        switch self {
        case .reasonGiven:
            return parameters.isEmpty ? nil : .init(vi: "bộ lọc reasonGiven không nhận tham số", en: "the guard reasonGiven takes no parameters")
        case .awardPublicNotice:
            guard case .bool = parameters["required"], parameters.count == 1 else {
                return .init(vi: "bộ lọc awardPublicNotice cần đúng một tham số \"required\": true hoặc false",
                             en: "the guard awardPublicNotice needs exactly one parameter \"required\": true or false")
            }
            return nil
        case .minWorkingDaysInState:
            guard case .number(let d) = parameters["workingDays"], d >= 1, d.rounded() == d, parameters.count == 1 else {
                return .init(vi: "bộ lọc minWorkingDaysInState cần đúng một tham số \"workingDays\": số nguyên dương",
                             en: "the guard minWorkingDaysInState needs exactly one parameter \"workingDays\": a positive integer")
            }
            return nil
        case .voteThreshold:
            guard case .number(let pct) = parameters["percent"], pct > 0, pct <= 100 else {
                return .init(vi: "bộ lọc voteThreshold cần tham số \"percent\" trong khoảng (0, 100]",
                             en: "the guard voteThreshold needs a parameter \"percent\" in (0, 100]")
            }
            if let base = parameters["base"], base != .string("total"), base != .string("present") {
                return .init(vi: "tham số \"base\" của voteThreshold phải là \"total\" hoặc \"present\"",
                             en: "the parameter \"base\" of voteThreshold must be \"total\" or \"present\"")
            }
            if parameters.keys.contains(where: { $0 != "percent" && $0 != "base" }) {
                return .init(vi: "voteThreshold chỉ nhận tham số \"percent\" và \"base\"", en: "voteThreshold takes only the parameters \"percent\" and \"base\"")
            }
            return nil
        }
    }
}
