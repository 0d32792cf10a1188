import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Comments, complaints and resolutions as a person reads them.
enum ComplaintText {
    static func describe(_ o: ComplaintDesk.Outcome, workflow wf: Workflow?, _ l: Language) -> String {
        let vi = l == .vi
        let id = o.dossier.id, seq = o.record.seq
        var line: String
        switch o.record.event {
        case Complaint.commentEvent:
            // Numbered among the dossier's comments, not by the store's event number.
            let n = o.number ?? 1
            line = vi ? "Đã ghi nhận ý kiến thứ \(n) về hồ sơ \(id)." : "Recorded comment \(n) on dossier \(id)."
        case Complaint.filedEvent:
            line = vi ? "Đã ghi nhận khiếu nại số \(seq) về hồ sơ \(id)." : "Recorded complaint \(seq) on dossier \(id)."
        default:
            line = vi ? "Đã ghi nhận kết quả giải quyết khiếu nại về hồ sơ \(id) (sự kiện \(seq))." : "Recorded the resolution of a complaint on dossier \(id) (event \(seq))."
        }
        if let t = o.transition {
            let from = wf?.stateLabel(t.from, l) ?? t.from, to = wf?.stateLabel(t.to, l) ?? t.to
            line += vi ? " Hồ sơ: \(from) → \(to) [\(wf?.eventLabel(t.event, l) ?? t.event)]." : " Dossier: \(from) → \(to) [\(wf?.eventLabel(t.event, l) ?? t.event)]."
        } else {
            let state = wf?.stateLabel(o.dossier.state, l) ?? o.dossier.state
            line += vi ? " Trạng thái hồ sơ: \(state)." : " Dossier state: \(state)."
        }
        return line
    }
}
