/// What expressions may name: the host's variables (each with a type and a slot in the fact
/// row) and functions, plus the tables that intern strings and lists.
///
/// A schema is a value, but its ``strings`` and ``lists`` tables are shared objects: every
/// copy of a schema, every expression compiled against it and the host filling rows use the
/// same codes.
public struct ExpressionSchema: Sendable {
    /// A variable: its name, type and slot (its index in the fact row).
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var type: ExpressionType
        public var slot: Int
    }

    /// The variables, in slot order.
    public private(set) var variables: [Variable]
    /// The host functions, in registration order.
    public private(set) var functions: [HostFunction]
    /// The string interning table shared by compiled expressions and the host.
    package let strings: StringTable
    /// The list interning table shared by compiled expressions and the host.
    package let lists: ListTable

    private var variableIndex: [String: Int] = [:]
    private var functionIndex: [String: Int] = [:]

    /// Declares variables (slot = position in `variables`) and functions.
    ///
    /// Names must be identifiers (`[A-Za-z_][A-Za-z0-9_]*`), unique across variables and
    /// functions, and not a keyword (`true`, `false`, `in`, `date`); breaking this is a
    /// programming error and stops the program.
    package init(variables: [(String, ExpressionType)], functions: [HostFunction] = [],
                strings: StringTable = StringTable(), lists: ListTable = ListTable()) {
        self.variables = []
        self.functions = []
        self.strings = strings
        self.lists = lists
        for (name, type) in variables { declare(name, type) }
        for function in functions { register(function) }
    }

    /// Adds a variable in the next slot and returns the slot.
    @discardableResult
    public mutating func declare(_ name: String, _ type: ExpressionType) -> Int {
        checkNew(name)
        let slot = variables.count
        variables.append(Variable(name: name, type: type, slot: slot))
        variableIndex[name] = slot
        return slot
    }

    /// Adds a host function.
    public mutating func register(_ function: HostFunction) {
        checkNew(function.name)
        functionIndex[function.name] = functions.count
        functions.append(function)
    }

    private func checkNew(_ name: String) {
        precondition(ExpressionLexer.isIdentifier(name), "\"\(name)\" is not an identifier")
        precondition(!ExpressionLexer.reservedWords.contains(name), "\"\(name)\" is a reserved word")
        precondition(variableIndex[name] == nil && functionIndex[name] == nil, "\"\(name)\" is declared twice")
    }

    /// How many slots a fact row needs.
    public var slotCount: Int { variables.count }

    /// The variable called `name`.
    public func variable(named name: String) -> Variable? {
        variableIndex[name].map { variables[$0] }
    }

    /// The index and definition of the function called `name`.
    public func function(named name: String) -> (index: Int, function: HostFunction)? {
        functionIndex[name].map { ($0, functions[$0]) }
    }

    /// The row encoding of `value` (interning strings and lists).
    public func encode(_ value: ExpressionValue) -> Int64 {
        switch value {
        case .bool(let b): b ? 1 : 0
        case .int(let i): i
        case .string(let s): strings.intern(s)
        case .date(let d): Int64(d.dayNumber)
        case .list(let items): lists.intern(items.map(encode))
        }
    }

    /// The readable value of an encoded `raw` of `type`.
    public func decode(_ raw: Int64, as type: ExpressionType) -> ExpressionValue {
        switch type {
        case .bool: .bool(raw != 0)
        case .int: .int(raw)
        case .string: .string(strings.text(for: raw) ?? "#\(raw)")
        case .date: .date(CivilDate(dayNumber: Int(raw)))
        case .list(let element): .list(lists.elements(of: raw).map { decode($0, as: element) })
        }
    }

    /// A row with every slot 0 (false, 0, `""`, 1970-01-01, `[]`) except the named `values`.
    ///
    /// Convenient for tests and tools; fast paths fill `[Int64]` rows directly.
    public func row(_ values: [String: ExpressionValue]) -> [Int64] {
        var row = [Int64](repeating: 0, count: slotCount)
        for (name, value) in values {
            guard let variable = variable(named: name) else { preconditionFailure("unknown variable \"\(name)\"") }
            row[variable.slot] = encode(value)
        }
        return row
    }
}
