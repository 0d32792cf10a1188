/// The implementation of a host function: it receives the evaluation context (the object the
/// caller passed to `evaluate`) and the encoded arguments, and returns the encoded result.
///
/// Arguments and result use the row encoding (bool 0/1, string codes, day numbers, list
/// handles). The arguments point into the evaluator's registers: read them, do not keep the
/// pointer. A call costs one indirect call and no allocation. Cast the context with
/// `unsafeDowncast(context, to: MyHost.self)` (checked in debug builds, free in release).
public typealias HostFunctionBody = @Sendable (_ context: AnyObject, _ arguments: UnsafeBufferPointer<Int64>) -> Int64

/// A function the host offers to expressions, such as `consecutive_years(titles, until_year)`.
///
/// Functions must be pure for a given context and arguments: the evaluator may skip calls
/// (short-circuit) and the explanation path calls them again.
public struct HostFunction: Sendable {
    /// The name expressions call it by (letters, digits, `_`).
    public var name: String
    /// The types of the parameters, in order.
    public var parameters: [ExpressionType]
    /// The type of the result.
    public var result: ExpressionType
    /// The implementation.
    public var implementation: HostFunctionBody

    public init(_ name: String, parameters: [ExpressionType], result: ExpressionType,
                implementation: @escaping HostFunctionBody) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.implementation = implementation
    }
}

/// The context passed to host functions when the caller gives none.
public final class NoExpressionContext: Sendable {
    /// The one instance.
    public static let shared = NoExpressionContext()
    private init() {}
}
