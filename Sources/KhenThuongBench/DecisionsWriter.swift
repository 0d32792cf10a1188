import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// Formats `decisions.csv` exactly as the Python peer's `csv.writer` does: header, then per
/// person `person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title` with
/// CRLF; a field holding `,` `"` CR or LF is quoted. Parts are formatted in parallel
/// straight into one buffer.
enum DecisionsWriter {
    static let header = Array("person_id,unit_id,ldtt,cstdcs_eligible,cstd_tinh_eligible,quota_cut,title\r\n".utf8)
    /// Writes title `t` (see ``title(_:)``) at `o`; returns the position after it.
    @inline(__always)
    static func writeTitle(_ t: Int, _ o: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let raw = UnsafeMutableRawPointer(o)
        switch t {
        case 1:
            raw.storeBytes(of: UInt32(0x5454_444C).littleEndian, as: UInt32.self)  // LDTT
            return o + 4
        case 2:
            raw.storeBytes(of: UInt32(0x4454_5343).littleEndian, as: UInt32.self)  // CSTD
            (raw + 4).storeBytes(of: UInt16(0x5343).littleEndian, as: UInt16.self)  // CS
            return o + 6
        case 3:
            raw.storeBytes(of: UInt64(0x4E49_545F_4454_5343).littleEndian, as: UInt64.self)  // CSTD_TIN
            o[8] = 0x48  // H
            return o + 9
        default:
            return o
        }
    }

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
        // Unit fields back to back (no array per unit in the row loop).
        var unitBytes: [UInt8] = [], unitEnds: [Int] = []
        for name in units.names {
            name.withUnsafeBufferPointer { unitBytes.append(contentsOf: encoded($0)) }
            unitEnds.append(unitBytes.count)
        }
        unitBytes.append(0)
        let n = parts.count
        var sizes = [Int](repeating: 0, count: n)
        var counts = [TitleCounts](repeating: TitleCounts(), count: n)
        let titleLengths = [0, 4, 6, 9]
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
                            let u = Int(remap[Int(p.units[i])])
                            size += unitEnds[u] - (u == 0 ? 0 : unitEnds[u - 1]) + 12 + titleLengths[title]
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
                let isPlain = plain[k]
                unitBytes.withUnsafeBufferPointer { unitBuffer in
                let unitBase = unitBuffer.baseAddress!
                p.idBytes.withUnsafeBufferPointer { ids in
                    var idStart = 0
                    for i in 0..<p.persons {
                        let idEnd = p.idEnds[i]
                        if isPlain {
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
                        let u = Int(remap[Int(p.units[i])])
                        let unitStart = u == 0 ? 0 : unitEnds[u - 1]
                        o.update(from: unitBase + unitStart, count: unitEnds[u] - unitStart)
                        o += unitEnds[u] - unitStart
                        o.pointee = 0x2C
                        o += 1
                        let f = p.flags[i]
                        UnsafeMutableRawPointer(o).storeBytes(of: flagWords[Int(f & 15)].littleEndian, as: UInt64.self)
                        o += 8  // "l,c,t,q,": a title and CRLF follow, so the word stays inside the buffer
                        o = writeTitle(Self.title(f), o)
                        o[0] = 0x0D
                        o[1] = 0x0A
                        o += 2
                    }
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
