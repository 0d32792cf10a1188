// TEMPORARY stub until the store branch is merged. Do not commit.
import Foundation
public enum StoreError: Error, Sendable { case busy(String)
  public func message(_ language: Language) -> String { "busy" } }
public struct StoredEvent: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable { case created, transition }
  public var seq: Int64; public var dossierID: String; public var kind: Kind; public var event: String
  public var fromState: String?; public var toState: String; public var actor: Actor; public var at: Date
  public var reason: String?; public var payload: String; public var prevHash: String; public var hash: String
}
public struct VerifyReport: Sendable { public var eventCount: Int64; public var headHash: String?; public var firstBroken: BrokenEvent? }
public struct BrokenEvent: Sendable { public var seq: Int64; public var dossierID: String; public var problem: String }
public struct RebuildReport: Sendable { public var dossierCount: Int; public var eventCount: Int64; public var differences: [String] }
public struct StoreTransaction {
  public func dossier(_ id: String) throws -> Dossier? { nil }
  public mutating func append(created: Dossier, actor: Actor, at: Date, reason: String?) throws -> StoredEvent { fatalError() }
  public mutating func append(transition: Transition, to dossierAfter: Dossier, actor: Actor, at: Date, reason: String?) throws -> StoredEvent { fatalError() }
  public func dossierCount() throws -> Int { 0 }
  @discardableResult public mutating func appendEvent(created: Dossier, actor: Actor, at: Date, reason: String? = nil) throws -> StoredEvent { fatalError() }
  @discardableResult public mutating func appendEvent(transition: Transition, dossierID: String, actor: Actor, at: Date, reason: String? = nil) throws -> StoredEvent { fatalError() }
  public func saveProjection(_ d: Dossier) throws {}
}
public final class EventStore {
  public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws(StoreError) {}
  public func write<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T { var t = StoreTransaction(); return try body(&t) }
  public func dossier(_ id: String) throws -> Dossier? { nil }
  public func dossiers(state: String?, award: String?, unit: String?, year: Int?) throws -> [Dossier] { [] }
  public func events(dossierID: String) throws -> [StoredEvent] { [] }
  public func eventCount() throws -> Int64 { 0 }
  public func dossierCount() throws -> Int { 0 }
  public func verify(progress: ((Int64, Int64) -> Void)? = nil) throws -> VerifyReport { fatalError() }
  public func rebuild(dryRun: Bool = false) throws -> RebuildReport { fatalError() }
}
