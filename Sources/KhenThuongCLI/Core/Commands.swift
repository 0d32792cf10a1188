import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Every command of `khenthuong`, in the order `--help` lists them.
enum Commands {
    static let all: [Command] = [
        InitCommand.command,
        KeyCommands.new, KeyCommands.show,
        WorkflowCommands.list, WorkflowCommands.show, WorkflowCommands.lint, WorkflowCommands.diagram,
        DossierCommands.create, DossierCommands.submit, DossierCommands.act, DossierCommands.show,
        DossierCommands.history, DossierCommands.list, DossierImportCommand.command, DossierFactsCommand.command, ExchangeCommands.attach,
        ComplaintCommands.comment, ComplaintCommands.complain, ComplaintCommands.resolve,
    ] + HistoryCommands.all + PersonCommands.all + CollectiveCommands.all + InitiativeCommands.all + [
        StoreCommands.verify, StoreCommands.rebuild, StoreCopyCommand.command, CheckpointCommand.command,
    ] + DirectoryCommands.all + [
        EligibilityCommands.check, EligibilityCommands.batch, EligibilityExportCommand.command,
        RulesCommands.list, RulesCommands.show, RulesCommands.lint, RulesCommands.params, RulesCommands.audit,
        CouncilCommands.create, CouncilCommands.list, CouncilCommands.sessionOpen, CouncilCommands.vote, CouncilCommands.minutes,
        DecisionCommands.issue, DecisionCommands.show, DecisionCommands.coverLetter, DecisionCommands.list, DecisionCommands.revoke,
        ExchangeCommands.export, ExchangeCommands.import, PackageCommands.export, PackageCommands.import,
        PublishCommand.command, CheckAwardCommand.command,
        DemoCommand.command,
    ] + MovementCommands.all + BlocCommands.all + ReportCommands.all

    /// The command whose words are the longest prefix of `words`.
    static func match(_ words: [String]) -> Command? {
        all.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
    }
}
