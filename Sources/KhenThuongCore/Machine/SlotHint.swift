/// Where a name last stood in a compiled table (a workflow's states): a hint the machine
/// checks against the name before trusting it, so a stale or foreign hint only costs a
/// hash look-up. It never takes part in equality, hashing or coding: two dossiers that
/// differ only in their hints are the same dossier.
struct SlotHint: Sendable, Hashable {
    /// The position, or -1 when unknown.
    var slot: Int32

    init(_ slot: Int = -1) { self.slot = Int32(truncatingIfNeeded: slot) }

    static func == (_: SlotHint, _: SlotHint) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
