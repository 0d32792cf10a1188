import KhenThuongCore
import KhenThuongStore
import KhenThuongKit
/// One person's facts for the evaluation year: a typed view over a row of ``W3Slot/count``
/// `Int64` slots, valid only during the call it is passed to.
///
/// A compiled rule evaluates over ``row`` directly; hand-written deciders read the named
/// properties. String facts are codes from the decider's own ``TitleDecider/intern(_:)``.
public struct W3Facts {
    /// The slots, in ``W3Slot`` order.
    public let row: UnsafeBufferPointer<Int64>

    public init(row: UnsafeBufferPointer<Int64>) {
        precondition(row.count >= W3Slot.count, "a W3 fact row has \(W3Slot.count) slots")
        self.row = row
    }

    @inline(__always) public subscript(_ slot: W3Slot) -> Int64 { row[slot.rawValue] }

    public var monthsWorked: Int64 { self[.monthsWorked] }
    public var leaveReason: Int64 { self[.leaveReason] }
    public var dutyRating: Int64 { self[.dutyRating] }
    public var discipline: Int64 { self[.discipline] }
    public var initiatives: Int64 { self[.initiatives] }
    public var benefitVND: Int64 { self[.benefitVND] }
    public var consecCSTDCS: Int64 { self[.consecCSTDCS] }
}
