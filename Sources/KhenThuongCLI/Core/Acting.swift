import Foundation
import KhenThuongCore
import KhenThuongStore

/// Who acts in a write command: the actor recorded in the events, and the key that signs the
/// commit. (Being replaced: the actor will come from the key's grants in the store's directory.)
struct Acting {
    /// The actor written into every event of the command.
    var actor: Actor
    /// The key that signs the command's commit, when the store has keys.
    var signer: (any CommitSigner)?
    /// Every identity of the acting person (the user and person ids of all the key's grants),
    /// for the check that a nominee does not act on their own dossier.
    var identities: Set<String>
}

extension Context {
    /// The acting identity for a write to `log`. With `administrator`, the key must hold an
    /// administrator grant (directory changes: units, grants).
    func acting(in log: any EventLog, administrator: Bool = false) throws(CLIError) -> Acting {
        let actor = try claimedActor()
        return Acting(actor: actor, signer: nil, identities: [actor.user])
    }
}
