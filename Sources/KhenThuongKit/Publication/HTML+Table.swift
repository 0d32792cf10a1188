import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension HTML {
    /// A table with a caption, real column headers (`<th scope="col">`), and the cell in
    /// column `rowHeader` of each row as its row header (`<th scope="row">`). Cells are HTML
    /// already escaped; `rowClass` gives an optional class per row.
    static func table(caption: String, header: [String], rows: [[String]], rowClass: [String?] = [], numeric: Set<Int> = [],
                      rowHeader: Int = 0) -> String {
        var s = "<table>\n<caption>\(escape(caption))</caption>\n<thead><tr>"
        for (i, h) in header.enumerated() { s += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(escape(h))</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            let cls = r < rowClass.count ? rowClass[r].map { " class=\"\($0)\"" } ?? "" : ""
            s += "<tr\(cls)>"
            for (i, cell) in row.enumerated() {
                let num = numeric.contains(i) ? " class=\"num\"" : ""
                s += i == rowHeader ? "<th scope=\"row\"\(num)>\(cell)</th>" : "<td\(num)>\(cell)</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>"
    }
}
