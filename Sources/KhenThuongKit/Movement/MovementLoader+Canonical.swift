import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension MovementLoader {
    /// The definition in `text` as `movement create` records it: the movement and its JSON.
    /// - Throws: the findings when the text is not a valid definition.
    public static func record(_ text: String, file: String) throws(MovementDefinitionError) -> MovementDefinitionRecord {
        let (movement, findings) = parse(text, file: file)
        guard let movement, let root = try? JSONParser.parse(text.nfc) else {
            throw MovementDefinitionError(file: file, findings: findings)
        }
        return MovementDefinitionRecord(movement: movement, definition: root.value)
    }

    /// The definition as canonical JSON (sorted keys, no spaces), as `movement create` records it.
    /// - Throws: the findings when the text is not a valid definition.
    public static func canonical(_ text: String, file: String) throws(MovementDefinitionError) -> (Movement, String) {
        let record = try record(text, file: file)
        return (record.movement, record.canonicalPayload)
    }
}
