import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension DossierRunner {
    /// `facts` as the eligibility guard will read them on submission: with the awards the store
    /// records for the nominee (decided, imported; revoked ones left out) added. `dossier facts`
    /// prints its trial verdict on these, so the trial and the submission agree.
    public func factsWithHistory(_ facts: NomineeFacts) throws -> NomineeFacts {
        try withRecordedAwards(facts, in: store)
    }
}
