import KhenThuongCore
import KhenThuongStore

// The recorded payloads, as canonical JSON text for `--json` output.
extension Council { public var json: String { canonicalPayload } }
extension CouncilSession { public var json: String { canonicalPayload } }
extension BallotRecord { public var json: String { canonicalPayload } }
extension Decision { public var json: String { canonicalPayload } }
extension Revocation { public var json: String { canonicalPayload } }
