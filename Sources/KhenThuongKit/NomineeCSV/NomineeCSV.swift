import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The "full" nominee CSV profile: everything the legal rule sets read, one row per
/// nominee-year, for a union officer to fill in Excel or LibreOffice.
///
/// UTF-8 (a byte-order mark is accepted, and written), `,` separator, RFC 4180 quoting, a
/// header row of the column names below in any order; only `kind`, `id`, `name`, `unit` and
/// `year` are required, a missing optional column reads as empty. The header tells the
/// profiles apart: a header with `person_id` is the benchmark profile
/// (``BenchmarkCSVLoader``), any other is this one.
///
/// - Identity (`kind` … `union_member`) is repeated on every row of a nominee (an empty cell on
///   a later row means "the same"); two different values are an error. `year` may be empty
///   only on a row that carries identity alone.
/// - A row holds the year record of `year` when any year cell is filled (`duty_rating`,
///   `months_worked`, `leave_reason`, `discipline_*`; for a collective `duty_rating`,
///   `members_*`); `months_worked` then defaults to 12 and `members_total` is required.
/// - Lists go in one cell, items separated by `|` (`\|` and `\\` escape a literal bar or
///   backslash); parallel columns (`discipline_levels` and `discipline_dates`, the
///   `initiative_*` and the `award_*` columns) hold as many items as their first column, or
///   are left empty. A proceeding goes on the row of the year it opened, an initiative on the
///   year it was recognised, an award on its achievement year.
public enum NomineeCSV {
    /// A column: its header name, what it means in Vietnamese, and which kind may fill it.
    public struct Column: Sendable {
        public let name: String
        public let meaning: String
        /// `nil`: both kinds; otherwise `individual` or `collective`.
        public let only: String?
    }

    /// The columns, in the order ``NomineeCSVExporter`` writes them.
    public static let columns: [Column] = [
        .init(name: "kind", meaning: "loại: individual (cá nhân) hoặc collective (tập thể)", only: nil),
        .init(name: "id", meaning: "mã người / tập thể", only: nil),
        .init(name: "name", meaning: "họ và tên / tên tập thể", only: nil),
        .init(name: "unit", meaning: "đơn vị (CĐCS) hoặc đơn vị cấp trên của tập thể", only: nil),
        .init(name: "proposer", meaning: "đơn vị đề nghị (LĐLĐ tỉnh / CĐ ngành TW); rỗng = như unit", only: nil),
        .init(name: "bloc", meaning: "khối / cụm thi đua", only: "collective"),
        .init(name: "hire_date", meaning: "ngày tuyển dụng (YYYY-MM-DD)", only: "individual"),
        .init(name: "appointed_date", meaning: "ngày được tuyển dụng làm công chức, viên chức sau thời gian hợp đồng (YYYY-MM-DD; rỗng = không có)", only: "individual"),
        .init(name: "continuous_service", meaning: "công tác liên tục: 1/0 (rỗng = 1)", only: "individual"),
        .init(name: "leader", meaning: "giữ chức vụ lãnh đạo: 1/0 (rỗng = 0)", only: "individual"),
        .init(name: "education", meaning: "trình độ: PHO_THONG, TRUNG_CAP, CAO_DANG, DAI_HOC, THAC_SI, TIEN_SI", only: "individual"),
        .init(name: "union_member", meaning: "đoàn viên công đoàn: 1/0 (rỗng = 1)", only: "individual"),
        .init(name: "year", meaning: "năm tính thành tích", only: nil),
        .init(name: "duty_rating", meaning: "xếp loại: HTXSNV, HTTNV, HTNV, KHTNV", only: nil),
        .init(name: "months_worked", meaning: "số tháng công tác trong năm, 0–12 (rỗng = 12)", only: "individual"),
        .init(name: "leave_reason", meaning: "lý do nghỉ: THAI_SAN, OM_DAU, DAO_TAO, TAI_NAN, KHAC", only: "individual"),
        .init(name: "discipline_levels", meaning: "các hình thức kỷ luật trong năm (danh sách |)", only: "individual"),
        .init(name: "discipline_dates", meaning: "ngày quyết định kỷ luật tương ứng (danh sách |)", only: "individual"),
        .init(name: "members_total", meaning: "tổng số thành viên", only: "collective"),
        .init(name: "members_ldtt", meaning: "số thành viên đạt Lao động tiên tiến", only: "collective"),
        .init(name: "members_cstdcs", meaning: "số thành viên đạt Chiến sĩ thi đua cơ sở", only: "collective"),
        .init(name: "members_completed_duty", meaning: "số thành viên hoàn thành nhiệm vụ trở lên", only: "collective"),
        .init(name: "members_disciplined", meaning: "số thành viên bị kỷ luật cảnh cáo trở lên", only: "collective"),
        .init(name: "proceeding_kinds", meaning: "thủ tục đang xem xét mở trong năm: discipline-review, inspection, complaint (danh sách |)", only: nil),
        .init(name: "proceeding_opened", meaning: "ngày bắt đầu (danh sách |)", only: nil),
        .init(name: "proceeding_closed", meaning: "ngày kết thúc, rỗng = còn đang xem xét (danh sách |)", only: nil),
        .init(name: "initiative_ids", meaning: "mã sáng kiến được công nhận trong năm (danh sách |)", only: "individual"),
        .init(name: "initiative_titles", meaning: "tên sáng kiến (danh sách |)", only: "individual"),
        .init(name: "initiative_levels", meaning: "cấp công nhận: co_so, tinh, bo, toan_quoc… (rỗng = co_so)", only: "individual"),
        .init(name: "initiative_kinds", meaning: "loại: sang_kien (sáng kiến), de_tai (đề tài khoa học đã nghiệm thu), muu_tri (mưu trí, sáng tạo trong chiến đấu) (rỗng = sang_kien)", only: "individual"),
        .init(name: "initiative_scopes", meaning: "phạm vi ảnh hưởng: co_so, tinh, bo, toan_quoc (rỗng = như cấp công nhận)", only: "individual"),
        .init(name: "initiative_recognised", meaning: "ngày công nhận (danh sách |)", only: "individual"),
        .init(name: "initiative_benefit_vnd", meaning: "giá trị làm lợi, đồng (rỗng = 0)", only: "individual"),
        .init(name: "initiative_used_for", meaning: "đã dùng cho khen thưởng: award@năm, rỗng = chưa dùng", only: "individual"),
        .init(name: "award_ids", meaning: "danh hiệu / hình thức đã nhận cho thành tích năm này (mã trong awards.json, danh sách |)", only: nil),
        .init(name: "award_levels", meaning: "cấp khen (danh sách |)", only: nil),
        .init(name: "award_decisions", meaning: "số quyết định (danh sách |)", only: nil),
        .init(name: "award_decision_dates", meaning: "ngày quyết định (danh sách |)", only: nil),
        .init(name: "award_periods", meaning: "thời kỳ thành tích từ/đến: 2024-01-01/2024-12-31 (danh sách |)", only: nil),
        .init(name: "award_flags", meaning: "adhoc (đột xuất), thematic (chuyên đề), adhoc+thematic hoặc rỗng (danh sách |)", only: nil),
    ]

    /// The columns a header must have.
    public static let required: Set<String> = ["kind", "id", "name", "unit", "year"]

    /// Which profile a CSV header row is.
    public enum Profile: Sendable, Equatable {
        /// The benchmark dataset's person-year profile (``BenchmarkCSVLoader``).
        case benchmark
        /// This profile.
        case full
    }

    /// The profile of the CSV file at `path`, from its header row (`nil` when unreadable).
    public static func profile(path: String) -> Profile? {
        var header: [String]?
        guard let input = try? CSVInput.open(path, wholeFile: false) else { return .full } // the loader reports why
        defer { input.close() }
        try? CSVReader(path: input.path).forEach { r in
            header = (0..<r.count).map { r.string($0) }
            return false
        }
        guard let header else { return nil }
        return header.contains("person_id") ? .benchmark : .full
    }

    /// Splits a list cell on unescaped `|`; `""` is the empty list.
    static func split(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var items: [String] = [], current = "", escaped = false
        for ch in cell {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == "|" { items.append(current); current = "" }
            else { current.append(ch) }
        }
        if escaped { current.append("\\") }
        items.append(current)
        return items
    }

    /// Joins items into a list cell; all-empty items give an empty cell.
    static func join(_ items: [String]) -> String {
        if items.allSatisfy(\.isEmpty) { return "" }
        return items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }
            .joined(separator: "|")
    }
}
