import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A decision (quyết định khen thưởng) as recorded: event `decision_issued`, subject
/// `decision:<number>`. The payload's keys are a contract other parts of the product read.
public struct Decision: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        public var dossier: String
        public var nomineeID: String
        public var nomineeName: String
        public var nomineeKind: Nominee.Kind
        public var unit: String
        public var award: String
        public var year: Int
        public var amountVND: Int
        public var multiplier: Double
        public var baseSalaryVND: Int
    }

    public var number: String
    public var date: CivilDate
    public var signer: String
    /// The deciding level: the unit that issued it.
    public var level: String
    public var authority: String
    public var recipients: [Recipient]

    public var totalVND: Int { recipients.reduce(0) { $0 + $1.amountVND } }

    var payload: PayloadJSON {
        .object([
            "number": .string(number), "date": .string(date.description), "signer": .string(signer),
            "level": .string(level), "authority": .string(authority),
            "recipients": .array(recipients.map {
                .object(["dossier": .string($0.dossier), "nomineeID": .string($0.nomineeID), "nomineeName": .string($0.nomineeName),
                         "nomineeKind": .string($0.nomineeKind.rawValue), "unit": .string($0.unit), "award": .string($0.award),
                         "year": .int($0.year), "amountVND": .int($0.amountVND), "multiplier": .number($0.multiplier),
                         "baseSalaryVND": .int($0.baseSalaryVND)])
            }),
        ])
    }

    init(number: String, date: CivilDate, signer: String, level: String, authority: String, recipients: [Recipient]) {
        self.number = number
        self.date = date
        self.signer = signer
        self.level = level
        self.authority = authority
        self.recipients = recipients
    }

    init?(_ event: StoredEvent) {
        guard let p = try? PayloadJSON.parse(event.payload), let number = p["number"]?.string,
              let dateText = p["date"]?.string, let date = try? CivilDate(parsing: dateText), let signer = p["signer"]?.string,
              let level = p["level"]?.string, let authority = p["authority"]?.string, let items = p["recipients"]?.array else { return nil }
        var recipients: [Recipient] = []
        for r in items {
            guard let d = r["dossier"]?.string, let id = r["nomineeID"]?.string, let name = r["nomineeName"]?.string,
                  let kind = r["nomineeKind"]?.string.flatMap(Nominee.Kind.init(rawValue:)), let unit = r["unit"]?.string,
                  let award = r["award"]?.string, let year = r["year"]?.int, let amount = r["amountVND"]?.int,
                  let m = r["multiplier"]?.double, let base = r["baseSalaryVND"]?.int else { return nil }
            recipients.append(Recipient(dossier: d, nomineeID: id, nomineeName: name, nomineeKind: kind, unit: unit, award: award,
                                        year: year, amountVND: amount, multiplier: m, baseSalaryVND: base))
        }
        self.init(number: number, date: date, signer: signer, level: level, authority: authority, recipients: recipients)
    }
}

/// A revocation as recorded: event `revocation`, subject the dossier (contract payload keys).
public struct Revocation: Sendable, Equatable {
    public var dossier: String
    public var ground: String
    public var groundText: String
    public var amountVND: Int
    public var decision: String
    public var revokedBy: String

    var payload: PayloadJSON {
        .object(["ground": .string(ground), "groundText": .string(groundText), "amountVND": .int(amountVND),
                 "decision": .string(decision), "revokedBy": .string(revokedBy)])
    }
}
