import KhenThuongCore
import KhenThuongStore

/// The words `check-award` prints for an `AwardCheck`: the verdict, the award as the file
/// shows it, then exactly what a pass proves and what it does not (or each failure).
public struct AwardCheckReport: Sendable {
    public var check: AwardCheck
    public var file: String
    /// The award's label from the definitions at hand, when they know its id.
    public var awardName: String?
    public var directoryGiven: Bool

    public init(check: AwardCheck, file: String, awardName: String?, directoryGiven: Bool) {
        self.check = check
        self.file = file
        self.awardName = awardName
        self.directoryGiven = directoryGiven
    }

    /// The lines in `language`.
    public func lines(_ language: Language) -> [String] {
        let vi = language == .vi
        func t(_ v: String, _ e: String) -> String { vi ? v : e }
        var out: [String] = []
        guard check.passed, let proof = check.proof, let cp = check.checkpoint else {
            out.append(t("Tệp kiểm chứng \(file): KHÔNG HỢP LỆ", "Verification file \(file): DOES NOT HOLD"))
            for f in check.failures { out.append("  ✗ " + f.message[language]) }
            out.append(t("Không được tin nội dung tệp này.", "Do not rely on what this file shows."))
            return out
        }
        let a = proof.award
        let award = awardName ?? a.award
        out.append(t("Tệp kiểm chứng \(file): HỢP LỆ", "Verification file \(file): HOLDS"))
        out.append(t("Khen thưởng: \(a.recipient) (\(a.unit)) — \(award) năm \(a.year), hồ sơ \(a.dossier)",
                     "Award: \(a.recipient) (\(a.unit)) — \(award) \(a.year), dossier \(a.dossier)"))
        let date = (try? CivilDate(parsing: a.decisionDate))?.formatted(language) ?? a.decisionDate
        let money = NumberText.integer(a.amountVND, language)
        out.append(t("Quyết định số \(a.decision) ngày \(date) của \(a.authority), người ký \(a.signer); tiền thưởng \(money) đồng",
                     "Decision \(a.decision) of \(date) by \(a.authority), signed by \(a.signer); reward \(money) VND"))
        if let v = a.votes {
            out.append(t("Biểu quyết: \(v.yes) đồng ý, \(v.no) không đồng ý, \(v.invalid) không hợp lệ; \(v.present)/\(v.members) thành viên có mặt; ngưỡng \(NumberText.exact(v.percent))% — \(v.passed ? "đạt" : "không đạt")",
                         "Vote: \(v.yes) yes, \(v.no) no, \(v.invalid) invalid; \(v.present)/\(v.members) members present; threshold \(NumberText.exact(v.percent))% — \(v.passed ? "passed" : "not passed")"))
        }
        if let facts = a.facts {
            out.append(t("Dữ kiện đã ghi (\(facts.count)):", "Facts recorded (\(facts.count)):"))
            for f in facts { out.append("    " + f) }
        }
        let roles = proof.events.map { AwardCheckFailure.role($0.role)[language] }.joined(separator: ", ")
        out.append(t("Điều này chứng minh:", "This proves:"))
        out.append("  ✓ " + t("mốc kiểm tra được ký bằng khóa \(cp.publicKey.id): kho \(cp.storeID) có \(cp.eventCount) sự kiện, gốc Merkle \(cp.root ?? ""), lúc \(StoreTime.iso(cp.at))",
                             "the checkpoint is signed by key \(cp.publicKey.id): store \(cp.storeID) held \(cp.eventCount) events, Merkle root \(cp.root ?? ""), at \(StoreTime.iso(cp.at))"))
        out.append("  ✓ " + t("\(proof.events.count) sự kiện (\(roles)) nằm trong hồ sơ đã ký đó: đường kiểm chứng Merkle của từng sự kiện dẫn tới gốc đã ký (RFC 9162)",
                             "\(proof.events.count) events (\(roles)) are in that signed record: each one's Merkle audit path leads to the signed root (RFC 9162)"))
        out.append("  ✓ " + t("quyết định, người được khen thưởng, số phiếu và dữ kiện hiển thị ở trên đúng như các sự kiện đó ghi",
                             "the decision, recipient, vote counts and facts shown above are exactly what those events record"))
        if check.keyTrusted {
            out.append("  ✓ " + t("khóa ký là khóa tin cậy bạn đưa (--key)", "the signing key is the trusted key you gave (--key)"))
        }
        if let holder = check.keyHolder {
            out.append("  ✓ " + t("theo danh mục đơn vị đã cho (--directory), khóa ký thuộc \(holder)", "by the directory you gave (--directory), the signing key belongs to \(holder)"))
        }
        out.append(t("Điều này không chứng minh:", "This does not prove:"))
        if !check.keyTrusted && !directoryGiven {
            out.append("  – " + t("rằng khóa \(cp.publicKey.id) thuộc về đơn vị ra quyết định: hãy so với khóa đơn vị công bố (--key) hoặc đưa danh mục đơn vị (--directory)",
                                 "that key \(cp.publicKey.id) belongs to the deciding unit: compare it with the unit's published key (--key) or give a directory (--directory)"))
        }
        out.append("  – " + t("điều gì xảy ra sau mốc kiểm tra (ví dụ thu hồi, đính chính): xem trang công khai hiện hành",
                             "anything after the checkpoint (e.g. a revocation or a correction): see the current public site"))
        out.append("  – " + t("rằng dữ kiện đúng với thực tế: chỉ rằng chúng đã được ghi như vậy trước khi khen thưởng",
                             "that the facts are true in the world: only that they were recorded so"))
        return out
    }
}
