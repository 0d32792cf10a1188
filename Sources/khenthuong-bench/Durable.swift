import Foundation
import KhenThuongKit

extension W1Bench {
    static func durable(seeds: [Seed], walk: Walk, time: Date, storePath: String, transitions n: Double) throws {
        fatalError("TODO durable")
    }
}
enum StoreBench {
    static func build(path: String, dossiers: Int, events: Int, workflows: String?) throws { fatalError("TODO") }
}
