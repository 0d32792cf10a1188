import KhenThuongCore

/// Why an envelope cannot be written or imported: what is wrong, where (the file, and the
/// dossier, event or attachment at fault) and how to fix it. Nothing is written then.
public struct ExchangeError: Error, Sendable, Equatable {
    public var message: LocalizedText
    /// The file and the part of it at fault (`envelope.ktx: dossier CDCS-DHBK-2025-000001, event #7`).
    public var location: String
    public var fix: LocalizedText
    /// Data at fault (a broken hash, a refused signature) rather than a refusal of the request.
    public var isDataError: Bool

    public init(_ message: LocalizedText, at location: String, fix: LocalizedText, isDataError: Bool = true) {
        self.message = message
        self.location = location
        self.fix = fix
        self.isDataError = isDataError
    }

    static func tampered(_ what: LocalizedText, at location: String) -> ExchangeError {
        ExchangeError(what, at: location, fix: .init(vi: "tệp đã bị sửa hoặc hỏng khi gửi: xin đơn vị gửi xuất lại phong bì (exchange export) và so mã phong bì",
                                                     en: "the file was altered or damaged in transit: ask the sender to export the envelope again (exchange export) and compare its id"))
    }
}
