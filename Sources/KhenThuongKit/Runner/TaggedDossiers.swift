import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension EventLog {
    /// The dossiers whose current state carries `tag` in their own workflow, sorted by id:
    /// what councils, decisions, reports and the public site ask for instead of a state id.
    package func dossiers(tagged tag: StateTag, in definitions: Definitions) throws(StoreError) -> [Dossier] {
        let ids = definitions.stateIDs(tagged: tag)
        var out: [Dossier] = []
        for id in ids {
            out += try dossiers(state: id).filter { definitions.state(of: $0, isTagged: tag) }
        }
        // One state id: already in the store's id order. Several (workflows naming the state
        // differently): merge into that order.
        return ids.count > 1 ? out.sorted { $0.id < $1.id } : out
    }
}
