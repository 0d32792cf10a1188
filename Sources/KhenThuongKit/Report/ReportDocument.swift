import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A report ready to print: a title, sentences, one table and the bars of its chart.
/// Rendered as CSV (`csv()`) or HTML (`html(_:)`); the CLI renders text itself.
public struct ReportDocument: Sendable, Equatable {
    public var title: String
    public var sentences: [String]
    public var header: [String]
    public var rows: [[String]]
    /// The chart: one bar per label.
    public var bars: [(label: String, value: Double)]
    public var chartTitle: String

    public init(title: String, sentences: [String], header: [String], rows: [[String]],
                bars: [(label: String, value: Double)], chartTitle: String) {
        self.title = title
        self.sentences = sentences
        self.header = header
        self.rows = rows
        self.bars = bars
        self.chartTitle = chartTitle
    }

    public static func == (a: ReportDocument, b: ReportDocument) -> Bool {
        a.title == b.title && a.sentences == b.sentences && a.header == b.header && a.rows == b.rows
            && a.bars.map(\.label) == b.bars.map(\.label) && a.bars.map(\.value) == b.bars.map(\.value)
    }

    /// Excel-ready CSV (``CSVWriter``): UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.
    /// - Parameter excel: `;` and decimal commas, for Excel in a Vietnamese locale (`--excel`).
    public func csv(excel: Bool = false) -> String {
        String(decoding: CSVWriter.table(header: header, rows: rows, dialect: excel ? .excel : .standard), as: UTF8.self)
    }

    /// A standalone printable HTML page (`lang` set, real `<th scope>`, inline SVG bars).
    public func html(_ l: Language) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="\(l.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 2rem; color: #111; max-width: 60rem; }
        h1 { font-size: 1.4rem; }
        p.summary { line-height: 1.5; }
        table { border-collapse: collapse; margin-top: 1rem; }
        th, td { border: 1px solid #888; padding: .3rem .6rem; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: #e8eef7; }
        figure { margin: 1rem 0; }
        svg text { font-size: 12px; fill: #111; }
        @media print { body { margin: 0; max-width: none; } thead { display: table-header-group; } tr, figure { page-break-inside: avoid; } }
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>

        """
        for s in sentences { out += "<p class=\"summary\">\(Self.escape(s))</p>\n" }
        out += chart()
        out += "<table>\n<caption>\(Self.escape(title))</caption>\n<thead><tr>"
        out += header.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr>" + r.enumerated().map { i, c in
                i == 0 ? "<th scope=\"row\">\(Self.escape(c))</th>"
                       : (Self.isNumber(c) ? "<td class=\"n\">\(Self.escape(c))</td>" : "<td>\(Self.escape(c))</td>")
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n</body>\n</html>\n"
        return out
    }

    /// Horizontal bars, scaled to the largest value, each with its label and number.
    func chart() -> String {
        guard !bars.isEmpty else { return "" }
        let maxValue = max(bars.map(\.value).max() ?? 1, 1)
        let longest = bars.map(\.label.count).max() ?? 0
        // About 7 px per character at 12 px: wide enough that no label is clipped on the left.
        let rowHeight = 24, labelWidth = max(120, longest * 7 + 12), barWidth = 420
        let height = bars.count * rowHeight + 10
        var svg = "<figure>\n<figcaption>\(Self.escape(chartTitle))</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Self.escape(chartTitle))\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(height)\">\n"
        for (i, b) in bars.enumerated() {
            let y = i * rowHeight + 5
            let w = Int((b.value / maxValue * Double(barWidth)).rounded())
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.escape(b.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"#3b6fb6\"><title>\(Self.escape(b.label)): \(NumberText.plain(b.value))</title></rect>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 15)\">\(Self.escape(NumberText.plain(b.value)))</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    static func isNumber(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "." || $0 == "," || $0 == "%" || $0 == "-" }
    }

    static func escape(_ s: String) -> String { HTML.escape(s) }
}
