import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `workflow list | show | lint | diagram`.
enum WorkflowCommands {
    static let list = Command(
        path: ["workflow", "list"], synopsis: "",
        summary: .init(vi: "liệt kê các quy trình đã định nghĩa", en: "list the defined workflows"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        let defs = try ctx.definitions()
        let rows = defs.workflows.values.sorted { $0.id < $1.id }
        if ctx.json {
            ctx.printJSON(rows.map { WorkflowSummaryJSON(id: $0.id, version: $0.version, name: $0.definition.name,
                                                          states: $0.definition.states.count, transitions: $0.definition.transitions.count) })
            return .success
        }
        let header = ctx.vi ? ["Mã", "Phiên bản", "Tên", "Trạng thái", "Chuyển tiếp"] : ["Id", "Version", "Name", "States", "Transitions"]
        ctx.console.line(TextTable.render(header: header, rows: rows.map {
            [$0.id, $0.version, $0.definition.name[ctx.language], "\($0.definition.states.count)", "\($0.definition.transitions.count)"]
        }))
        return .success
    }

    static let show = Command(
        path: ["workflow", "show"], synopsis: "ID",
        summary: .init(vi: "xem trạng thái, vai trò và chuyển tiếp của một quy trình", en: "show a workflow's states, roles and transitions"),
        help: .init(vi: "Ví dụ: khenthuong workflow show yearly", en: "Example: khenthuong workflow show yearly")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã quy trình (ví dụ yearly)", en: "a workflow id (for example yearly)"))
        try args.finish()
        let wf = try workflow(id, ctx)
        if ctx.json {
            ctx.printJSON(WorkflowJSON(wf.definition))
            return .success
        }
        ctx.console.line(WorkflowText.describe(wf, ctx.language))
        return .success
    }

    static let lint = Command(
        path: ["workflow", "lint"], synopsis: "[FILE…]",
        summary: .init(vi: "kiểm tra định nghĩa quy trình (mặc định: mọi tệp trong workflows/)", en: "check workflow definitions (default: every file in workflows/)"),
        help: .init(vi: "Mỗi phát hiện ghi tệp:dòng:cột, đường dẫn JSON và lỗi. Thoát 3 nếu có lỗi.",
                    en: "Each finding gives file:line:column, the JSON path and what is wrong. Exits 3 when any error is found.")
    ) { args, ctx throws(CLIError) in
        var files = args.remainingPositionals()
        try args.finish()
        var findings: [LintFinding] = []
        if files.isEmpty {
            // The whole folder: workflows, awards.json and calendar.json, checked together.
            let directory = try ctx.workflowsDirectory
            let layout = DefinitionsLayout(directory: directory)
            files = layout.workflowFiles + [layout.awards, layout.calendar]
            findings = Definitions.lint(directory: directory,
                                        parameterOverrides: ctx.parameterFile).1
        } else {
            for file in files {
                let (definition, loadFindings) = WorkflowLoader.load(path: file)
                findings += loadFindings
                if let definition, loadFindings.isEmpty { findings += WorkflowLinter.lint(definition) }
            }
        }
        let errors = findings.filter { $0.severity == .error }.count
        if ctx.json {
            ctx.printJSON(LintJSON(files: files, findings: findings.map(LintFindingJSON.init)))
        } else {
            for f in findings { ctx.console.line(f.rendered(ctx.language)) }
            ctx.console.line(ctx.vi ? "\(files.count) tệp, \(errors) lỗi, \(findings.count - errors) cảnh báo"
                                    : "\(files.count) files, \(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")")
        }
        return errors > 0 ? .dataError : .success
    }

    static let diagram = Command(
        path: ["workflow", "diagram"], synopsis: "ID [--format mermaid|dot]",
        summary: .init(vi: "vẽ sơ đồ quy trình (Mermaid hoặc Graphviz DOT)", en: "draw a workflow (Mermaid or Graphviz DOT)"),
        help: .init(vi: "  --format mermaid|dot   định dạng (mặc định mermaid)\nVí dụ: khenthuong workflow diagram yearly --format dot | dot -Tsvg > yearly.svg",
                    en: "  --format mermaid|dot   format (default mermaid)\nExample: khenthuong workflow diagram yearly --format dot | dot -Tsvg > yearly.svg")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã quy trình", en: "a workflow id"))
        let formatText = try args.value("format") ?? "mermaid"
        try args.finish()
        guard let format = WorkflowDiagram.Format(rawValue: formatText) else {
            throw CLIError.usage(.init(vi: "--format phải là mermaid hoặc dot, không phải “\(formatText)”", en: "--format must be mermaid or dot, not “\(formatText)”"), command: "workflow diagram")
        }
        let wf = try workflow(id, ctx)
        ctx.console.line(WorkflowDiagram.render(wf.definition, format: format, language: ctx.language))
        return .success
    }

    static func workflow(_ id: String, _ ctx: Context) throws(CLIError) -> Workflow {
        let defs = try ctx.definitions()
        guard let wf = defs.workflows[id] else {
            throw CLIError(.init(vi: "không có quy trình “\(id)”", en: "there is no workflow “\(id)”"),
                           fix: .init(vi: "các quy trình: \(defs.workflows.keys.sorted().joined(separator: ", "))",
                                      en: "workflows: \(defs.workflows.keys.sorted().joined(separator: ", "))"),
                           exit: .dataError)
        }
        return wf
    }
}
