import Foundation
import KhenThuongCore

/// Runs `body(k)` for `k` in `0 ..< n`, one thread each (Dispatch), and waits for all.
///
/// The body is not `@Sendable`: callers hand each iteration its own part of shared buffers
/// (that discipline, not the compiler, keeps the iterations from racing).
package enum Parallel {
    package static func forEach(_ n: Int, _ body: (Int) -> Void) {
        if n <= 0 { return }
        if n == 1 { body(0); return }
        withoutActuallyEscaping(body) { body in
            let box = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: n) { k in box.value(k) }
        }
    }

    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
