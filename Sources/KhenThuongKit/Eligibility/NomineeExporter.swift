import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Writes nominees in the format ``NomineeLoader`` reads, deterministically: members in the
/// documented order, years ascending, optional members left out when they hold the default.
public enum NomineeExporter {
    /// The JSON text of `{"nominees": […]}`, two-space indented, ending with a newline.
    public static func export(_ nominees: [NomineeFacts]) -> String {
        var out = ""
        JSONTree.object([("nominees", .array(nominees.map(tree)))]).write(into: &out, indent: 0)
        return out + "\n"
    }

    /// The JSON tree of one nominee (also used for rule-set cases).
    static func tree(_ nominee: NomineeFacts) -> JSONTree {
        switch nominee {
        case .individual(let p):
            var m: [(String, JSONTree)] = [("kind", .string("individual")), ("id", .string(p.id)), ("name", .string(p.name)), ("unit", .string(p.unit))]
            if let x = p.proposer { m.append(("proposer", .string(x))) }
            if let d = p.hireDate { m.append(("hireDate", .string(d.description))) }
            if let d = p.appointedDate { m.append(("appointedDate", .string(d.description))) }
            if !p.continuousService { m.append(("continuousService", .bool(false))) }
            if p.isLeader { m.append(("leader", .bool(true))) }
            if let e = p.education { m.append(("education", .string(e.rawValue))) }
            if !p.unionMember { m.append(("unionMember", .bool(false))) }
            m.append(("years", .object(p.years.keys.sorted().map { y in
                let r = p.years[y]!
                var ym: [(String, JSONTree)] = []
                if let d = r.duty { ym.append(("duty", .string(d.rawValue))) }
                ym.append(("monthsWorked", .int(Int64(r.monthsWorked))))
                if let l = r.leave { ym.append(("leave", .string(l.rawValue))) }
                if !r.disciplines.isEmpty {
                    ym.append(("discipline", .array(r.disciplines.map { .object([("level", .string($0.level.rawValue)), ("date", .string($0.date.description))]) })))
                }
                return (String(y), .object(ym))
            })))
            m.append(("proceedings", .array(p.proceedings.map(proceeding))))
            m.append(("initiatives", .array(p.initiatives.map { i in
                // An initiative with no title (the benchmark profile has none) leaves "title" out,
                // as the loader reads it: an empty string there is refused.
                var im: [(String, JSONTree)] = [("id", .string(i.id))]
                if !i.title.isEmpty { im.append(("title", .string(i.title))) }
                if i.kind != "sang_kien" { im.append(("kind", .string(i.kind))) }
                im.append(("level", .string(i.level)))
                if let s = i.scope { im.append(("scope", .string(s))) }
                im += [("recognised", .string(i.recognised.description)), ("benefitVND", .int(i.benefitVND))]
                if let u = i.usedFor { im.append(("usedFor", .object([("award", .string(u.award)), ("year", .int(Int64(u.year)))]))) }
                return .object(im)
            })))
            m.append(("awards", .array(p.awards.map(award))))
            return .object(m)
        case .collective(let c):
            var m: [(String, JSONTree)] = [("kind", .string("collective")), ("id", .string(c.id)), ("name", .string(c.name)), ("unit", .string(c.unit))]
            if let x = c.proposer { m.append(("proposer", .string(x))) }
            if let b = c.bloc { m.append(("bloc", .string(b))) }
            m.append(("years", .object(c.years.keys.sorted().map { y in
                let r = c.years[y]!
                var ym: [(String, JSONTree)] = []
                if let d = r.duty { ym.append(("duty", .string(d.rawValue))) }
                let n = r.members
                ym.append(("members", .object([("total", .int(Int64(n.total))), ("ldtt", .int(Int64(n.ldtt))), ("cstdcs", .int(Int64(n.cstdcs))),
                                               ("completedDuty", .int(Int64(n.completedDuty))), ("disciplined", .int(Int64(n.disciplinedWarningOrAbove)))])))
                return (String(y), .object(ym))
            })))
            m.append(("proceedings", .array(c.proceedings.map(proceeding))))
            m.append(("awards", .array(c.awards.map(award))))
            return .object(m)
        }
    }

    static func proceeding(_ p: PendingProceeding) -> JSONTree {
        .object([("kind", .string(p.kind.rawValue)), ("opened", .string(p.opened.description)),
                 ("closed", p.closed.map { .string($0.description) } ?? .null)])
    }

    static func award(_ a: ReceivedAward) -> JSONTree {
        var m: [(String, JSONTree)] = [("award", .string(a.award)), ("year", .int(Int64(a.year)))]
        if let l = a.level { m.append(("level", .string(l))) }
        if let d = a.decisionNumber { m.append(("decision", .string(d))) }
        if let d = a.decisionDate { m.append(("decisionDate", .string(d.description))) }
        if let f = a.periodFrom, let t = a.periodTo { m.append(("period", .object([("from", .string(f.description)), ("to", .string(t.description))]))) }
        if a.adHoc { m.append(("adHoc", .bool(true))) }
        if a.thematic { m.append(("thematic", .bool(true))) }
        return .object(m)
    }
}

/// A JSON value to write, with members in the order given.
indirect enum JSONTree {
    case null, bool(Bool), int(Int64), string(String)
    case array([JSONTree])
    case object([(String, JSONTree)])

    func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): out += JSONTree.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += end + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += pad + JSONTree.quoted(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += end + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
