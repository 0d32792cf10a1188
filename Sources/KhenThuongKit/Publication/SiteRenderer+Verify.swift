import KhenThuongCore
import KhenThuongStore

/// The award verification files (`verify/*.json`), their QR codes (`verify/*.svg`) and the
/// section of a decision page that offers them.
extension SiteRenderer {
    /// `verify/<stem>.json` and `verify/<stem>.svg` of every award proof.
    func verifyFiles() -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for proof in model.awardProofs {
            let stem = AwardProof.fileStem(decision: proof.award.decision, dossier: proof.award.dossier)
            let json = proof.encoded()
            out["verify/\(stem).json"] = json
            if let code = try? QRCode(text: qrText(stem: stem, json: json), level: .medium) {
                out["verify/\(stem).svg"] = Array(code.svg(title: t("Mã QR của tệp kiểm chứng", "QR code of the verification file") + " " + stem).utf8)
            }
        }
        return out
    }

    /// What a verification file's QR code holds: the file's address (after `baseURL` when
    /// given, else relative to the site) and its SHA-256, so a copy fetched elsewhere can be
    /// compared.
    func qrText(stem: String, json: [UInt8]) -> String {
        var base = model.baseURL ?? ""
        if !base.isEmpty, !base.hasSuffix("/") { base += "/" }
        return "\(base)verify/\(stem).json#sha256=\(SHA256Digest.hex(json))"
    }

    /// The “verify this award” section of decision `d`'s page (empty when no line has a file).
    func verifySection(_ d: DecisionItem) -> String {
        let items = d.recipients.compactMap { line -> String? in
            guard model.awardProofs.contains(where: { $0.award.decision == d.number && $0.award.dossier == line.dossier }) else { return nil }
            let stem = AwardProof.fileStem(decision: d.number, dossier: line.dossier)
            let label = HTML.escape(line.nomineeName) + " — " + HTML.escape(line.awardName[language])
            return """
            <li><img src="verify/\(stem).svg" width="132" height="132" alt="\(HTML.escape(t("Mã QR tệp kiểm chứng của", "QR code of the verification file of"))) \(label)">
            <a href="verify/\(stem).json">\(label)</a></li>
            """
        }
        guard !items.isEmpty else { return "" }
        return """
        <section class="verify">
        <h2>\(HTML.escape(t("Kiểm chứng khen thưởng", "Check an award")))</h2>
        <p>\(HTML.escape(t("Mỗi tệp dưới đây chứa quyết định, kết quả biểu quyết, dữ kiện và bằng chứng Merkle rằng các sự kiện đó nằm trong hồ sơ đã ký. Kiểm tra không cần mạng: khenthuong check-award TỆP.",
                           "Each file below holds the decision, the vote counts, the facts and a Merkle proof that these events are in the signed record. Check it offline: khenthuong check-award FILE.")))</p>
        <ul class="verify-list">
        \(items.joined(separator: "\n"))
        </ul>
        </section>
        """
    }
}
