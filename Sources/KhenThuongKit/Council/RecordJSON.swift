import KhenThuongCore

// The recorded payloads, as canonical JSON text for `--json` output.
extension Council { public var json: String { payload.canonicalText } }
extension CouncilSession { public var json: String { payload.canonicalText } }
extension BallotRecord { public var json: String { payload.canonicalText } }
extension Decision { public var json: String { payload.canonicalText } }
extension Revocation { public var json: String { payload.canonicalText } }
