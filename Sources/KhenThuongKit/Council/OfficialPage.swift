import Foundation
import KhenThuongCore

/// The printed form shared by the minutes, the decision and the cover letter: an A4 page laid
/// out as Nghị định 30/2020/NĐ-CP, Phụ lục I says for administrative documents — margins
/// (top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 13–14 pt, the issuing body
/// top left over its số/ký hiệu, the quốc hiệu (12–13 pt, capitals, bold, on one line) and the
/// tiêu ngữ (13–14 pt, bold, underlined by a rule as long as itself) top right over the địa danh
/// and date in italics; the document's name in bold capitals; nơi nhận in 11–12 pt.
enum OfficialPage {
    static let style = """
    @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
    body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 14pt; line-height: 1.3; margin: 0; }
    section + section { break-before: page; }
    table.head { width: 100%; border-collapse: collapse; margin-bottom: 10pt; }
    table.head td { vertical-align: top; text-align: center; padding: 0; }
    table.head td.issuer { width: 45%; font-size: 12pt; }
    table.head td.nation { width: 55%; }
    .upper { text-transform: uppercase; }
    .issuer div { text-wrap: balance; }
    .issuer .body, .nation .state { font-weight: bold; }
    .nation .state { font-size: 12pt; white-space: nowrap; }
    .nation .motto { font-size: 13pt; font-weight: bold; white-space: nowrap; display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
    .issuer .rule { width: 40%; margin: 1pt auto 4pt; border-top: 0.75pt solid #000; }
    .number { font-size: 13pt; }
    .date { font-style: italic; font-size: 14pt; white-space: nowrap; display: block; margin-top: 6pt; }
    h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 8pt 0 0; }
    p.sub { font-weight: bold; text-align: center; margin: 0 0 8pt; }
    h2 { font-size: 14pt; font-weight: bold; margin: 6pt 0 2pt; }
    p { margin: 0 0 3pt; text-align: justify; }
    ul, ol { margin: 0 0 3pt; padding-left: 18pt; }
    ul.two { columns: 2; column-gap: 12pt; font-size: 13pt; }
    table.grid { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.15; margin: 4pt 0; }
    table.grid th, table.grid td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: top; }
    table.grid th { font-weight: bold; text-align: center; vertical-align: middle; hyphens: none; word-break: normal; overflow-wrap: normal; }
    table.grid td.n { text-align: center; white-space: nowrap; }
    table.grid tr { break-inside: avoid; }
    p.ground { margin: 0 0 2pt; text-indent: 12mm; }
    h1.authority { margin: 6pt 0 6pt; }
    p.legend { font-size: 11pt; font-style: italic; }
    table.sign { width: 100%; border-collapse: collapse; margin-top: 10pt; break-inside: avoid; }
    table.sign td { vertical-align: top; width: 50%; padding: 0; }
    table.sign td.title { text-align: center; font-weight: bold; }
    table.sign td.title em { font-weight: normal; }
    table.sign td.title .name { display: block; margin-top: 56pt; }
    .recipients { font-size: 11pt; line-height: 1.2; }
    .recipients strong { font-size: 12pt; font-style: italic; }
    """

    /// The heading block: issuing body (its parent organisation above it, when any) and số/ký
    /// hiệu left; quốc hiệu, tiêu ngữ, địa danh and date right.
    static func heading(parent: String, body: String, number: String, placeAndDate: String, language: Language) -> String {
        let e = HTML.escape
        let vi = language == .vi
        let state = vi ? "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" : "SOCIALIST REPUBLIC OF VIETNAM"
        let motto = vi ? "Độc lập - Tự do - Hạnh phúc" : "Independence - Freedom - Happiness"
        return """
        <table class="head"><tr>
          <td class="issuer">\(parent.isEmpty ? "" : "<div class=\"upper\">\(e(parent))</div>")<div class="body upper">\(e(body))</div><div class="rule"></div><div class="number">\(vi ? "Số" : "No."): \(e(number))</div></td>
          <td class="nation"><div class="state">\(state)</div><div class="motto">\(motto)</div><span class="date">\(e(placeAndDate))</span></td>
        </tr></table>
        """
    }

    /// Two signature columns: a title (bold capitals), the hint and, under the space for the signature, the name.
    static func signatures(left: (title: String, name: String)?, right: (title: String, name: String), language: Language,
                           leftHTML: String? = nil) -> String {
        let e = HTML.escape
        let hint = language == .vi ? "(Ký, ghi rõ họ tên)" : "(Signature, full name)"
        func cell(_ s: (title: String, name: String)) -> String {
            "<td class=\"title\">\(e(s.title))<br><em>\(hint)</em><span class=\"name\">\(e(s.name))</span></td>"
        }
        let left = leftHTML.map { "<td>\($0)</td>" } ?? left.map(cell) ?? "<td></td>"
        return "<table class=\"sign\"><tr>\(left)\(cell(right))</tr></table>"
    }

    /// The whole page: `sections` each start on a new sheet.
    static func document(title: String, language: Language, sections: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .vi ? "vi" : "en")">
        <head><meta charset="utf-8"><meta name="generator" content="khenthuong"><title>\(HTML.escape(title))</title>
        <style>
        \(style)
        </style></head>
        <body>
        \(sections.map { "<section>\n\($0)\n</section>" }.joined(separator: "\n"))
        </body>
        </html>

        """
    }
}
