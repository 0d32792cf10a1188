import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// One person's facts for the evaluation year: a typed view over a row of ``W3Slot/count``
/// `Int64` slots, valid only during the call it is passed to.
///
/// A compiled rule evaluates over ``row`` directly; hand-written deciders read the named
/// properties. String facts are codes from the decider's own ``TitleDecider/intern(_:)``.
package struct W3Facts {
    /// The slots, in ``W3Slot`` order.
    package let row: UnsafeBufferPointer<Int64>

    package init(row: UnsafeBufferPointer<Int64>) {
        precondition(row.count >= W3Slot.count, "a W3 fact row has \(W3Slot.count) slots")
        self.row = row
    }

    @inline(__always) package subscript(_ slot: W3Slot) -> Int64 { row[slot.rawValue] }

    package var monthsWorked: Int64 { self[.monthsWorked] }
    package var leaveReason: Int64 { self[.leaveReason] }
    package var dutyRating: Int64 { self[.dutyRating] }
    package var discipline: Int64 { self[.discipline] }
    package var initiatives: Int64 { self[.initiatives] }
    package var benefitVND: Int64 { self[.benefitVND] }
    package var consecCSTDCS: Int64 { self[.consecCSTDCS] }
}
