import Foundation

/// Formats `decisions.csv` exactly as the Python peer's `csv.writer` does: header, then per
/// person `person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title` with
/// CRLF; a field holding `,` `"` CR or LF is quoted. Parts are formatted in parallel
/// straight into one buffer.
enum DecisionsWriter {
    static let header = Array("person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r\n".utf8)
    static let titles: [[UInt8]] = ["", "LDTT", "CSTDCS", "CSTD_TINH"].map { Array($0.utf8) }

    /// `"l,c,t,q,"` for each combination of the four flag bits, as one little-endian word.
    static let flagWords: [UInt64] = (0..<16).map { f in
        var w: UInt64 = 0
        for k in 0..<4 {
            w |= UInt64(48 + (f >> k) & 1) << (16 * UInt64(k))
            w |= UInt64(0x2C) << (16 * UInt64(k) + 8)
        }
        return w
    }

    /// The title after the quota: 0 "", 1 LDTT, 2 CSTDCS, 3 CSTD_TINH.
    @inline(__always)
    static func title(_ f: UInt8) -> Int {
        if f & PartResult.cstdcs != 0 && f & PartResult.cut == 0 { return f & PartResult.tinh != 0 ? 3 : 2 }
        return f & PartResult.ldtt != 0 ? 1 : 0
    }

    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    }

    /// A field as `csv.writer` writes it (minimal quoting).
    static func encoded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard needsQuotes(bytes) else { return Array(bytes) }
        var out: [UInt8] = [0x22]
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
        return out
    }

    static func write(_ parts: [PartResult], units: UnitMerge) -> ([UInt8], TitleCounts) {
        let unitFields = units.names.map { n in n.withUnsafeBufferPointer { encoded($0) } }
        let n = parts.count
        var sizes = [Int](repeating: 0, count: n)
        var counts = [TitleCounts](repeating: TitleCounts(), count: n)
        var plain = [Bool](repeating: true, count: n)
        sizes.withUnsafeMutableBufferPointer { sizes in
            counts.withUnsafeMutableBufferPointer { counts in
                plain.withUnsafeMutableBufferPointer { plain in
                    Parallel.forEach(n) { k in
                        let p = parts[k]
                        let isPlain = p.idBytes.withUnsafeBufferPointer { !needsQuotes($0) }
                        plain[k] = isPlain
                        var size = 0
                        var t = (0, 0, 0, 0)
                        let remap = units.remap[k]
                        for i in 0..<p.persons {
                            let title = Self.title(p.flags[i])
                            switch title {
                            case 0: t.0 += 1
                            case 1: t.1 += 1
                            case 2: t.2 += 1
                            default: t.3 += 1
                            }
                            size += unitFields[Int(remap[Int(p.units[i])])].count + 12 + titles[title].count
                        }
                        if isPlain {
                            size += p.idBytes.count
                        } else {
                            p.idBytes.withUnsafeBufferPointer { ids in
                                for i in 0..<p.persons {
                                    size += encoded(UnsafeBufferPointer(rebasing: ids[p.idStart(i)..<p.idEnds[i]])).count
                                }
                            }
                        }
                        sizes[k] = size
                        counts[k] = TitleCounts(none: t.0, ldtt: t.1, cstdcs: t.2, cstdTinh: t.3)
                    }
                }
            }
        }
        var offsets = [header.count]
        for s in sizes { offsets.append(offsets.last! + s) }
        let total = offsets.last!
        let csv = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let out = buffer.baseAddress!
            header.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: $0.count) }
            Parallel.forEach(n) { k in
                let p = parts[k]
                let remap = units.remap[k]
                var o = out + offsets[k]
                p.idBytes.withUnsafeBufferPointer { ids in
                    var idStart = 0
                    for i in 0..<p.persons {
                        let idEnd = p.idEnds[i]
                        if plain[k] {
                            (o).update(from: ids.baseAddress! + idStart, count: idEnd - idStart)
                            o += idEnd - idStart
                        } else {
                            let e = encoded(UnsafeBufferPointer(rebasing: ids[idStart..<idEnd]))
                            e.withUnsafeBufferPointer { o.update(from: $0.baseAddress!, count: e.count) }
                            o += e.count
                        }
                        idStart = idEnd
                        o.pointee = 0x2C
                        o += 1
                        let unit = unitFields[Int(remap[Int(p.units[i])])]
                        unit.withUnsafeBufferPointer { o.update(from: $0.baseAddress!, count: $0.count) }
                        o += unit.count
                        o.pointee = 0x2C
                        o += 1
                        let f = p.flags[i]
                        UnsafeMutableRawPointer(o).storeBytes(of: flagWords[Int(f & 15)].littleEndian, as: UInt64.self)
                        o += 8  // "l,c,t,q,": a title and CRLF follow, so the word stays inside the buffer
                        let title = titles[Self.title(f)]
                        if !title.isEmpty {
                            title.withUnsafeBufferPointer { o.update(from: $0.baseAddress!, count: $0.count) }
                            o += title.count
                        }
                        o[0] = 0x0D
                        o[1] = 0x0A
                        o += 2
                    }
                }
                precondition(o == out + offsets[k + 1], "decisions part \(k) does not fill its size")
            }
            initialized = total
        }
        let sum = counts.reduce(TitleCounts()) {
            TitleCounts(none: $0.none + $1.none, ldtt: $0.ldtt + $1.ldtt, cstdcs: $0.cstdcs + $1.cstdcs,
                        cstdTinh: $0.cstdTinh + $1.cstdTinh)
        }
        return (csv, sum)
    }
}
