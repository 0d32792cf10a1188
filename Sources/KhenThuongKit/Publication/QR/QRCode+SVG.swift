import KhenThuongCore

extension QRCode {
    /// The symbol as an SVG image: a white square with the four-module quiet zone the
    /// standard asks for, and the dark modules as one path (one unit per module), so it
    /// scales to any size without blurring.
    /// - Parameter title: an accessible name (escaped), e.g. what the code holds.
    package func svg(title: String? = nil) -> String {
        let quiet = 4, side = size + 2 * quiet
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var end = x
                while end < size, isDark(x: end, y: y) { end += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        let label = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\(label)\
        <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>

        """
    }

}
