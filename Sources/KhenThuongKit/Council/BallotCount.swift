import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One dossier's secret-ballot count: who may vote (recusals), who voted, and the result
/// against the award's pass rule. Pure: built from the council, the session and the dossier.
///
/// The base: every member of the council except those recused on this dossier (the nominee
/// themself; members from the nominee's proposing unit when the council's `recuseSameUnit`
/// says so). With base `total` the threshold is taken over that whole number and absent members
/// may vote in writing (`writtenAbsent`, counted in the ballots); with base `present` it is
/// taken over the non-recused members present, and written votes are not accepted.
/// The ballots (yes + no + invalid) must equal the voters: present non-recused members plus
/// written votes. Who voted is kept; how each voted is never asked for.
public struct BallotCount: Sendable, Equatable {
    public var recused: [String]
    /// Non-recused members present (they cast a ballot each).
    public var voters: [String]
    public var writtenAbsent: Int
    public var tally: Tally
    public var percent: Double
    public var base: String
    public var source: String

    /// The number the threshold is taken over.
    public var denominator: Int { base == "present" ? tally.present : tally.members }
    /// yes / denominator ≥ percent / 100, in integers.
    public var passed: Bool { denominator > 0 && Double(tally.yes) * 100 >= percent * Double(denominator) }

    public static func count(council: Council, present: [String], dossier: Dossier, award: AwardDefinition,
                             yes: Int, no: Int, invalid: Int, writtenAbsent: Int) throws(CouncilError) -> BallotCount {
        guard min(yes, no, invalid, writtenAbsent) >= 0 else {
            throw .data(vi: "số phiếu phải là số nguyên ≥ 0", en: "vote counts must be integers ≥ 0")
        }
        // Each count is bounded by the membership before any sum is taken, so a typed-in
        // number near Int.max is an error message, not an overflow.
        let members = council.members.count
        for (name, n) in [("--yes", yes), ("--no", no), ("--invalid", invalid), ("--written-absent", writtenAbsent)] where n > members {
            throw .data(vi: "\(name) \(n) vượt quá \(members) thành viên của Hội đồng \(council.id); kiểm lại số phiếu",
                        en: "\(name) \(n) exceeds the \(members) members of council \(council.id); count the ballots again")
        }
        let recused = council.members.filter {
            $0.id == dossier.nominee.id || (council.recuseSameUnit && $0.unit == dossier.proposerUnit)
        }.map(\.id)
        let eligible = council.members.map(\.id).filter { !recused.contains($0) }
        let voters = eligible.filter { present.contains($0) }
        let absent = eligible.count - voters.count
        let rule = award.voteRule(year: dossier.year)
        if writtenAbsent > 0 && rule.base == "present" {
            throw .refused(vi: "danh hiệu “\(award.name.vi)” tính tỷ lệ trên số thành viên có mặt; không nhận phiếu bằng văn bản của thành viên vắng mặt",
                           en: "the award “\(award.name.en)” counts members present; written votes of absent members are not accepted")
        }
        if writtenAbsent > absent {
            throw .refused(vi: "--written-absent \(writtenAbsent) vượt quá \(absent) thành viên vắng mặt không bị miễn",
                           en: "--written-absent \(writtenAbsent) exceeds the \(absent) absent members not recused")
        }
        let ballots = yes + no + invalid
        if ballots != voters.count + writtenAbsent {
            throw .refused(vi: "kiểm được \(ballots) phiếu (\(yes) đồng ý, \(no) không đồng ý, \(invalid) không hợp lệ) nhưng có \(voters.count) người bỏ phiếu có mặt và \(writtenAbsent) phiếu bằng văn bản; kiểm lại phiếu",
                           en: "\(ballots) ballots counted (\(yes) yes, \(no) no, \(invalid) invalid) but \(voters.count) members present voted and \(writtenAbsent) voted in writing; count again")
        }
        return BallotCount(recused: recused, voters: voters, writtenAbsent: writtenAbsent,
                           tally: Tally(members: eligible.count, present: voters.count, yes: yes, no: no, invalid: invalid),
                           percent: rule.percent, base: rule.base, source: rule.source)
    }

    /// Why it failed, for the `reject` event's reason.
    public var shortfall: LocalizedText {
        let pct = NumberText.exact(percent)
        return LocalizedText(
            vi: "Hội đồng không thông qua: \(tally.yes)/\(denominator) phiếu đồng ý, chưa đạt \(pct)% \(base == "present" ? "số thành viên có mặt" : "tổng số thành viên")",
            en: "Not approved by the council: \(tally.yes)/\(denominator) yes votes, short of \(pct)% of \(base == "present" ? "members present" : "all members")")
    }
}
