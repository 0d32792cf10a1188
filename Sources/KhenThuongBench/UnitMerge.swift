import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The units of all parts under one numbering, with their LDTT counts; applies the quota.
struct UnitMerge {
    /// Unit ids in order of first appearance (part by part).
    private(set) var names: [[UInt8]] = []
    private(set) var ldtt: [Int] = []
    /// Per part: local unit index → merged index.
    private(set) var remap: [[Int32]] = []

    init(_ parts: [PartResult]) {
        var index: [[UInt8]: Int32] = [:]
        for p in parts {
            var map = [Int32](repeating: 0, count: p.unitNames.count)
            for (local, name) in p.unitNames.enumerated() {
                let g: Int32
                if let known = index[name] {
                    g = known
                } else {
                    g = Int32(names.count)
                    index[name] = g
                    names.append(name)
                    ldtt.append(0)
                }
                map[local] = g
                ldtt[Int(g)] += p.unitLDTT[local]
            }
            remap.append(map)
        }
    }

    struct QuotaOutcome {
        var boundUnits = 0
        var cut = 0
    }

    /// Per unit, `rule.allowed(base: LDTT count)` of the CSTDCS-eligible keep it, ranked by
    /// benefit (descending), then person id (ascending, bytewise), then input order; the
    /// others get the cut flag.
    func applyQuota(_ rule: QuotaRule, to parts: inout [PartResult]) -> QuotaOutcome {
        // Group the candidates by unit (counting sort keeps input order within a unit).
        var offsets = [Int](repeating: 0, count: names.count + 1)
        for (k, p) in parts.enumerated() {
            for c in p.candidates { offsets[Int(remap[k][Int(p.units[Int(c)])]) + 1] += 1 }
        }
        for u in 0..<names.count { offsets[u + 1] += offsets[u] }
        let total = offsets[names.count]
        var part = [Int32](repeating: 0, count: total)
        var person = [Int32](repeating: 0, count: total)
        var benefit = [Int64](repeating: 0, count: total)
        var fill = offsets
        for (k, p) in parts.enumerated() {
            for (j, c) in p.candidates.enumerated() {
                let u = Int(remap[k][Int(p.units[Int(c)])])
                let at = fill[u]
                fill[u] += 1
                part[at] = Int32(k)
                person[at] = c
                benefit[at] = p.benefits[j]
            }
        }
        var outcome = QuotaOutcome()
        for u in 0..<names.count {
            let lo = offsets[u], hi = offsets[u + 1]
            let allowed = rule.allowed(base: ldtt[u])
            guard hi - lo > allowed else { continue }
            outcome.boundUnits += 1
            var order = Array(lo..<hi)
            order.sort { a, b in
                if benefit[a] != benefit[b] { return benefit[a] > benefit[b] }
                let c = Self.compareIDs(parts[Int(part[a])], Int(person[a]), parts[Int(part[b])], Int(person[b]))
                if c != 0 { return c < 0 }
                return a < b
            }
            for x in order[allowed...] {
                parts[Int(part[x])].flags[Int(person[x])] |= PartResult.cut
                outcome.cut += 1
            }
        }
        return outcome
    }

    /// Bytewise comparison of two person ids (= code point order, as Python compares them).
    static func compareIDs(_ p: PartResult, _ i: Int, _ q: PartResult, _ j: Int) -> Int {
        let a = p.idStart(i)..<p.idEnds[i], b = q.idStart(j)..<q.idEnds[j]
        let n = min(a.count, b.count)
        let c = p.idBytes.withUnsafeBufferPointer { x in
            q.idBytes.withUnsafeBufferPointer { y in memcmp(x.baseAddress! + a.lowerBound, y.baseAddress! + b.lowerBound, n) }
        }
        if c != 0 { return Int(c) }
        return a.count - b.count
    }
}
