import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// One compile error: the source, the expected type, and the full rendered error in both languages.
struct CompileErrorCase: CustomTestStringConvertible, Sendable {
    var source: String
    var expecting: ExpressionType? = .bool
    var kind: ExpressionError.Kind
    var en: String
    var vi: String
    var testDescription: String { source }
}

@Suite struct ExpressionTypeCheckerTests {
    static let schema = ExpressionSchema(variables: [
        ("months_worked", .int), ("leave_reason", .string), ("duty_rating", .string), ("year", .int),
        ("benefit_vnd", .int), ("decision_date", .date), ("titles", .list(.string)), ("is_member", .bool),
    ], functions: [
        HostFunction("consecutive_years", parameters: [.list(.string), .int], result: .int) { _, _ in 0 },
        HostFunction("held", parameters: [.string, .int], result: .bool) { _, _ in 0 },
        HostFunction("share_with_title", parameters: [.string], result: .int) { _, _ in 0 },
    ])

    static func compile(_ source: String, expecting: ExpressionType? = .bool) throws(ExpressionError) -> CompiledExpression {
        try ExpressionCompiler.compile(source, schema: schema, file: "rules/t.json", at: SourcePosition(line: 1, column: 1), expecting: expecting)
    }

    @Test("well-typed expressions get their type", arguments: [
        ("months_worked >= 10 || leave_reason == \"THAI_SAN\"", ExpressionType.bool),
        ("months_worked * 100 / 12", .int),
        ("benefit_vnd % 1_000_000", .int),
        ("leave_reason + \"_X\"", .string),
        ("decision_date + 30", .date),
        ("30 + decision_date", .date),
        ("decision_date - 30", .date),
        ("decision_date - date(\"2024-01-01\")", .int),
        ("decision_date <= date(\"31/12/2024\")", .bool),
        ("titles", .list(.string)),
        ("[\"A\", \"B\"]", .list(.string)),
        ("[date(\"2024-01-01\")]", .list(.date)),
        ("duty_rating in titles", .bool),
        ("year in [2023, 2024]", .bool),
        ("is_member ? \"yes\" : \"no\"", .string),
        ("consecutive_years([\"CSTDCS\", \"CSTD_TINH\"], year - 1)", .int),
        ("held(\"CSTDCS\", year) == is_member", .bool),
        ("-months_worked", .int),
        ("!is_member", .bool),
    ])
    func types(source: String, type: ExpressionType) throws {
        #expect(try Self.compile(source, expecting: nil).type == type)
    }

    static let errors: [CompileErrorCase] = [
        .init(source: "month_worked >= 10", kind: .unknownVariable,
              en: #"rules/t.json:1:1: error: unknown variable "month_worked"; did you mean "months_worked"?"#,
              vi: #"rules/t.json:1:1: lỗi: biến "month_worked" không tồn tại; có phải ý bạn là "months_worked"?"#),
        .init(source: "Months_Worked >= 10", kind: .unknownVariable,
              en: #"rules/t.json:1:1: error: unknown variable "Months_Worked"; did you mean "months_worked"?"#,
              vi: #"rules/t.json:1:1: lỗi: biến "Months_Worked" không tồn tại; có phải ý bạn là "months_worked"?"#),
        .init(source: "zzz > 1", kind: .unknownVariable,
              en: #"rules/t.json:1:1: error: unknown variable "zzz""#,
              vi: #"rules/t.json:1:1: lỗi: biến "zzz" không tồn tại"#),
        .init(source: "helds(\"CSTDCS\", 2024)", kind: .unknownFunction,
              en: #"rules/t.json:1:1: error: unknown function "helds"; did you mean "held"?"#,
              vi: #"rules/t.json:1:1: lỗi: hàm "helds" không tồn tại; có phải ý bạn là "held"?"#),
        .init(source: "frobnicate(1)", kind: .unknownFunction,
              en: #"rules/t.json:1:1: error: unknown function "frobnicate""#,
              vi: #"rules/t.json:1:1: lỗi: hàm "frobnicate" không tồn tại"#),
        .init(source: "months_worked(1) > 0", kind: .notAFunction,
              en: #"rules/t.json:1:1: error: "months_worked" is a variable, not a function; remove the parentheses after it"#,
              vi: #"rules/t.json:1:1: lỗi: "months_worked" là biến, không phải hàm; hãy bỏ cặp ngoặc sau tên"#),
        .init(source: "is_member && held", kind: .notAVariable,
              en: #"rules/t.json:1:14: error: "held" is a function; call it with its arguments: held(…)"#,
              vi: #"rules/t.json:1:14: lỗi: "held" là hàm; hãy gọi hàm kèm đối số: held(…)"#),
        .init(source: "held(\"CSTDCS\")", kind: .argumentCount,
              en: #"rules/t.json:1:1: error: function "held" takes 2 arguments but 1 was given"#,
              vi: #"rules/t.json:1:1: lỗi: hàm "held" cần 2 đối số nhưng lại được truyền 1"#),
        .init(source: "held(\"A\", 1, 2)", kind: .argumentCount,
              en: #"rules/t.json:1:1: error: function "held" takes 2 arguments but 3 were given"#,
              vi: #"rules/t.json:1:1: lỗi: hàm "held" cần 2 đối số nhưng lại được truyền 3"#),
        .init(source: "share_with_title() > 0", kind: .argumentCount,
              en: #"rules/t.json:1:1: error: function "share_with_title" takes 1 argument but 0 were given"#,
              vi: #"rules/t.json:1:1: lỗi: hàm "share_with_title" cần 1 đối số nhưng lại được truyền 0"#),
        .init(source: "held(2024, \"CSTDCS\")", kind: .argumentType,
              en: #"rules/t.json:1:6: error: argument 1 of function "held" must be string but is int"#,
              vi: #"rules/t.json:1:6: lỗi: đối số thứ 1 của hàm "held" phải có kiểu string nhưng lại có kiểu int"#),
        .init(source: "consecutive_years([1, 2], year) > 1", kind: .argumentType,
              en: #"rules/t.json:1:19: error: argument 1 of function "consecutive_years" must be list<string> but is list<int>"#,
              vi: #"rules/t.json:1:19: lỗi: đối số thứ 1 của hàm "consecutive_years" phải có kiểu list<string> nhưng lại có kiểu list<int>"#),
        .init(source: "\"a\" + 1 == \"a1\"", kind: .operandType,
              en: #"rules/t.json:1:5: error: operator + cannot be applied to string and int"#,
              vi: #"rules/t.json:1:5: lỗi: không thể dùng toán tử + cho string và int"#),
        .init(source: "decision_date * 2 > decision_date", kind: .operandType,
              en: #"rules/t.json:1:15: error: operator * cannot be applied to date and int"#,
              vi: #"rules/t.json:1:15: lỗi: không thể dùng toán tử * cho date và int"#),
        .init(source: "months_worked == \"x\"", kind: .operandType,
              en: #"rules/t.json:1:15: error: cannot compare int with string using ==; both sides must have the same type"#,
              vi: #"rules/t.json:1:15: lỗi: không thể so sánh int với string bằng ==; hai vế phải cùng kiểu"#),
        .init(source: "leave_reason < \"B\"", kind: .operandType,
              en: #"rules/t.json:1:14: error: values of type string cannot be compared with <; < compares int or date values"#,
              vi: #"rules/t.json:1:14: lỗi: không thể so sánh hai giá trị string bằng <; chỉ so sánh được int hoặc date theo cách này"#),
        .init(source: "titles == titles", kind: .operandType,
              en: #"rules/t.json:1:8: error: values of type list<string> cannot be compared with ==; == compares bool, int, string or date values"#,
              vi: #"rules/t.json:1:8: lỗi: không thể so sánh hai giá trị list<string> bằng ==; chỉ so sánh được bool, int, string hoặc date theo cách này"#),
        .init(source: "!months_worked", kind: .operandType,
              en: #"rules/t.json:1:1: error: operator ! needs a bool value but this is int"#,
              vi: #"rules/t.json:1:1: lỗi: toán tử ! cần giá trị kiểu bool nhưng lại gặp int"#),
        .init(source: "-leave_reason == 1", kind: .operandType,
              en: #"rules/t.json:1:1: error: operator - needs an int value but this is string"#,
              vi: #"rules/t.json:1:1: lỗi: toán tử - cần giá trị kiểu int nhưng lại gặp string"#),
        .init(source: "months_worked && true", kind: .operandType,
              en: #"rules/t.json:1:1: error: both sides of && must be bool but this side is int"#,
              vi: #"rules/t.json:1:1: lỗi: hai vế của && phải có kiểu bool nhưng vế này có kiểu int"#),
        .init(source: "is_member || 1", kind: .operandType,
              en: #"rules/t.json:1:14: error: both sides of || must be bool but this side is int"#,
              vi: #"rules/t.json:1:14: lỗi: hai vế của || phải có kiểu bool nhưng vế này có kiểu int"#),
        .init(source: "duty_rating in months_worked", kind: .operandType,
              en: #"rules/t.json:1:16: error: the right side of "in" must be a list but is int"#,
              vi: #"rules/t.json:1:16: lỗi: vế phải của "in" phải là danh sách nhưng lại có kiểu int"#),
        .init(source: "months_worked in [\"A\"]", kind: .operandType,
              en: #"rules/t.json:1:15: error: "in" cannot look for an int value in a list<string>"#,
              vi: #"rules/t.json:1:15: lỗi: "in" không thể tìm giá trị int trong list<string>"#),
        .init(source: "months_worked in titles", kind: .operandType,
              en: #"rules/t.json:1:15: error: "in" cannot look for an int value in a list<string>"#,
              vi: #"rules/t.json:1:15: lỗi: "in" không thể tìm giá trị int trong list<string>"#),
        .init(source: "months_worked + 1", kind: .resultType,
              en: #"rules/t.json:1:1: error: a criterion must be bool (true or false) but this expression is int; is a comparison missing?"#,
              vi: #"rules/t.json:1:1: lỗi: tiêu chí phải có kiểu bool (đúng hoặc sai) nhưng biểu thức này có kiểu int; có thiếu phép so sánh không?"#),
        .init(source: "months_worked > 1", expecting: .int, kind: .resultType,
              en: #"rules/t.json:1:1: error: the expression must be int but is bool"#,
              vi: #"rules/t.json:1:1: lỗi: biểu thức phải có kiểu int nhưng lại có kiểu bool"#),
        .init(source: "(months_worked ? 1 : 2) > 0", kind: .operandType,
              en: #"rules/t.json:1:2: error: the condition before "?" must be bool but is int"#,
              vi: #"rules/t.json:1:2: lỗi: điều kiện trước "?" phải có kiểu bool nhưng lại có kiểu int"#),
        .init(source: "is_member ? 1 : \"x\"", expecting: nil, kind: .operandType,
              en: #"rules/t.json:1:11: error: both branches of "? :" must have the same type but they are int and string"#,
              vi: #"rules/t.json:1:11: lỗi: hai nhánh của "? :" phải cùng kiểu nhưng lại là int và string"#),
        .init(source: "duty_rating in []", kind: .listType,
              en: #"rules/t.json:1:16: error: an empty list [] has no element type; write at least one element"#,
              vi: #"rules/t.json:1:16: lỗi: danh sách rỗng [] không cho biết kiểu phần tử; hãy ghi ít nhất một phần tử"#),
        .init(source: "duty_rating in [true]", kind: .listType,
              en: #"rules/t.json:1:17: error: list elements must be int, string or date, not bool"#,
              vi: #"rules/t.json:1:17: lỗi: phần tử danh sách phải có kiểu int, string hoặc date, không được có kiểu bool"#),
        .init(source: "duty_rating in [\"A\", 1]", kind: .listType,
              en: #"rules/t.json:1:22: error: all elements of a list must have the same type: the first is string but this one is int"#,
              vi: #"rules/t.json:1:22: lỗi: mọi phần tử của danh sách phải cùng kiểu: phần tử đầu có kiểu string nhưng phần tử này có kiểu int"#),
        .init(source: "consecutive_years([duty_rating], 2024) >= 2", kind: .listType,
              en: #"rules/t.json:1:19: error: a list used as a value may hold only constants; to test against variables write x in [a, b]"#,
              vi: #"rules/t.json:1:19: lỗi: danh sách dùng làm giá trị chỉ được chứa hằng; để so với biến hãy viết x in [a, b]"#),
        .init(source: "decision_date > date(2024)", kind: .invalidDate,
              en: #"rules/t.json:1:22: error: date(…) takes exactly one quoted text, for example date("2024-01-01")"#,
              vi: #"rules/t.json:1:22: lỗi: date(…) nhận đúng một chuỗi hằng, ví dụ date("2024-01-01")"#),
        .init(source: "decision_date > date(leave_reason)", kind: .invalidDate,
              en: #"rules/t.json:1:22: error: date(…) takes exactly one quoted text, for example date("2024-01-01")"#,
              vi: #"rules/t.json:1:22: lỗi: date(…) nhận đúng một chuỗi hằng, ví dụ date("2024-01-01")"#),
        .init(source: "decision_date > date(\"2025-02-29\")", kind: .invalidDate,
              en: #"rules/t.json:1:22: error: the date 2025-02-29 does not exist in the calendar; check the day and the month"#,
              vi: #"rules/t.json:1:22: lỗi: ngày 2025-02-29 không tồn tại trong lịch; hãy kiểm tra ngày và tháng"#),
        .init(source: "decision_date > date(\"tomorrow\")", kind: .invalidDate,
              en: #"rules/t.json:1:22: error: “tomorrow” is not a date; write YYYY-MM-DD (for example 2025-12-31) or DD/MM/YYYY"#,
              vi: #"rules/t.json:1:22: lỗi: “tomorrow” không phải là ngày hợp lệ; hãy viết YYYY-MM-DD (ví dụ 2025-12-31) hoặc DD/MM/YYYY"#),
        .init(source: "leave_reason == \"THAI_SAN", kind: .unterminatedString,
              en: #"rules/t.json:1:17: error: the string is not closed; add a closing ""#,
              vi: #"rules/t.json:1:17: lỗi: chuỗi chưa được đóng; hãy thêm dấu " ở cuối chuỗi"#),
        .init(source: "leave_reason == 'x", kind: .unterminatedString,
              en: #"rules/t.json:1:17: error: the string is not closed; add a closing '"#,
              vi: #"rules/t.json:1:17: lỗi: chuỗi chưa được đóng; hãy thêm dấu ' ở cuối chuỗi"#),
        .init(source: "months_worked # 1", kind: .invalidCharacter,
              en: ##"rules/t.json:1:15: error: unexpected character "#"; names use only letters a–z, A–Z, digits and _"##,
              vi: ##"rules/t.json:1:15: lỗi: ký tự "#" không được phép ở đây; tên chỉ gồm chữ cái không dấu, chữ số và _"##),
        .init(source: "số_tháng >= 10", kind: .invalidCharacter,
              en: #"rules/t.json:1:2: error: unexpected character "ố"; names use only letters a–z, A–Z, digits and _"#,
              vi: #"rules/t.json:1:2: lỗi: ký tự "ố" không được phép ở đây; tên chỉ gồm chữ cái không dấu, chữ số và _"#),
        .init(source: "months_worked = 10", kind: .invalidCharacter,
              en: #"rules/t.json:1:15: error: "=" is not an operator; write == to test equality"#,
              vi: #"rules/t.json:1:15: lỗi: "=" không phải là toán tử; hãy viết == để so sánh bằng"#),
        .init(source: "is_member & is_member", kind: .invalidCharacter,
              en: #"rules/t.json:1:11: error: "&" is not an operator; write && for "and""#,
              vi: #"rules/t.json:1:11: lỗi: "&" không phải là toán tử; hãy viết && cho phép "và""#),
        .init(source: "is_member | is_member", kind: .invalidCharacter,
              en: #"rules/t.json:1:11: error: "|" is not an operator; write || for "or""#,
              vi: #"rules/t.json:1:11: lỗi: "|" không phải là toán tử; hãy viết || cho phép "hoặc""#),
        .init(source: "months_worked >= 1O", kind: .invalidNumber,
              en: #"rules/t.json:1:18: error: "1O" is not an integer; write digits, optionally grouped with _ (for example 100_000_000)"#,
              vi: #"rules/t.json:1:18: lỗi: "1O" không phải là số nguyên; hãy viết các chữ số, có thể nhóm bằng _ (ví dụ 100_000_000)"#),
        .init(source: "months_worked >= 10_", kind: .invalidNumber,
              en: #"rules/t.json:1:18: error: "10_" is not an integer; write digits, optionally grouped with _ (for example 100_000_000)"#,
              vi: #"rules/t.json:1:18: lỗi: "10_" không phải là số nguyên; hãy viết các chữ số, có thể nhóm bằng _ (ví dụ 100_000_000)"#),
        .init(source: "months_worked >= 1__0", kind: .invalidNumber,
              en: #"rules/t.json:1:18: error: "1__0" is not an integer; write digits, optionally grouped with _ (for example 100_000_000)"#,
              vi: #"rules/t.json:1:18: lỗi: "1__0" không phải là số nguyên; hãy viết các chữ số, có thể nhóm bằng _ (ví dụ 100_000_000)"#),
        .init(source: "months_worked >= 99999999999999999999", kind: .invalidNumber,
              en: #"rules/t.json:1:18: error: the number 99999999999999999999 is too large; the largest is 9223372036854775807"#,
              vi: #"rules/t.json:1:18: lỗi: số 99999999999999999999 quá lớn; số lớn nhất là 9223372036854775807"#),
        .init(source: #"leave_reason == "\q""#, kind: .invalidEscape,
              en: #"rules/t.json:1:18: error: invalid escape "\q" in a string; use \", \', \\, \n, \t or \uXXXX"#,
              vi: #"rules/t.json:1:18: lỗi: ký tự thoát "\q" không hợp lệ; hãy dùng \", \', \\, \n, \t hoặc \uXXXX"#),
        .init(source: #"leave_reason == "\u12""#, kind: .invalidEscape,
              en: #"rules/t.json:1:18: error: invalid escape "\u12" in a string; use \", \', \\, \n, \t or \uXXXX"#,
              vi: #"rules/t.json:1:18: lỗi: ký tự thoát "\u12" không hợp lệ; hãy dùng \", \', \\, \n, \t hoặc \uXXXX"#),
        .init(source: "(months_worked >= 10", kind: .syntax,
              en: #"rules/t.json:1:21: error: expected ")" but found the end of the expression"#,
              vi: #"rules/t.json:1:21: lỗi: cần ")" nhưng lại gặp cuối biểu thức"#),
        .init(source: "months_worked >=", kind: .syntax,
              en: #"rules/t.json:1:17: error: expected a value, a variable or "(" but found the end of the expression"#,
              vi: #"rules/t.json:1:17: lỗi: cần một giá trị, một biến hoặc "(" nhưng lại gặp cuối biểu thức"#),
        .init(source: "months_worked >= 10 leave_reason == \"\"", kind: .syntax,
              en: #"rules/t.json:1:21: error: unexpected "leave_reason" after the end of the expression (is an operator such as && or || missing?)"#,
              vi: #"rules/t.json:1:21: lỗi: thừa "leave_reason" sau khi biểu thức đã kết thúc (có thiếu toán tử như && hoặc || không?)"#),
        .init(source: "1 < months_worked < 12", kind: .syntax,
              en: #"rules/t.json:1:19: error: comparisons cannot be chained (< then <); write a < b && b < c instead of a < b < c"#,
              vi: #"rules/t.json:1:19: lỗi: không thể nối liền hai phép so sánh < và <; hãy viết a < b && b < c thay cho a < b < c"#),
        .init(source: "held(\"A\" 2024)", kind: .syntax,
              en: #"rules/t.json:1:10: error: expected "," or ")" but found "2024""#,
              vi: #"rules/t.json:1:10: lỗi: cần "," hoặc ")" nhưng lại gặp "2024""#),
        .init(source: String(repeating: "(", count: 101) + "1" + String(repeating: ")", count: 101) + " == 1", kind: .tooDeep,
              en: #"rules/t.json:1:101: error: the expression is nested too deeply (over 100 levels, counting each operator of a chain like a + b + c); split it into several clauses"#,
              vi: #"rules/t.json:1:101: lỗi: biểu thức lồng nhau quá sâu (quá 100 mức, tính cả mỗi phép toán trong một chuỗi như a + b + c); tách thành nhiều điều kiện"#),
        .init(source: "\n  months_worked >= 10 &&\n  month_worked < 12", kind: .unknownVariable,
              en: #"rules/t.json:3:3: error: unknown variable "month_worked"; did you mean "months_worked"?"#,
              vi: #"rules/t.json:3:3: lỗi: biến "month_worked" không tồn tại; có phải ý bạn là "months_worked"?"#),
    ]

    @Test("every compile error names file, line, column and the problem in both languages", arguments: errors)
    func compileErrors(_ c: CompileErrorCase) throws {
        let error = try #require(throws: ExpressionError.self) { try Self.compile(c.source, expecting: c.expecting) }
        #expect(error.kind == c.kind)
        #expect(error.rendered(.en) == c.en)
        #expect(error.rendered(.vi) == c.vi)
        #expect(error.description == c.en)
    }

    @Test("every error kind is covered by the table or the rule-set tests")
    func coverage() {
        let covered = Set(Self.errors.map(\.kind)).union([.forwardReference, .selfReference, .duplicateName, .invalidName])
        #expect(covered == Set(ExpressionError.Kind.allCases))
    }

    static func ruleSet(_ criteria: [(String, String)]) throws(ExpressionErrorList) -> CompiledRuleSet {
        try CompiledRuleSet(criteria.enumerated().map { i, c in
            RuleSetCriterion(name: c.0, source: ExpressionSource(c.1, file: "rules/r.json", at: SourcePosition(line: i + 1, column: 10)),
                             namePosition: SourcePosition(line: i + 1, column: 2))
        }, schema: schema)
    }

    @Test("rule-set errors: self and forward references, duplicate and invalid names", arguments: [
        ([("A", "A && is_member")],
         #"rules/r.json:1:10: error: criterion "A" refers to itself"#,
         #"rules/r.json:1:10: lỗi: tiêu chí "A" tham chiếu đến chính nó"#),
        ([("A", "is_member && B"), ("B", "is_member")],
         #"rules/r.json:1:23: error: criterion "B" is defined after "A"; a criterion may only use criteria defined before it"#,
         #"rules/r.json:1:23: lỗi: tiêu chí "B" được định nghĩa sau "A"; một tiêu chí chỉ được dùng các tiêu chí đứng trước nó"#),
        ([("A", "is_member"), ("A", "true")],
         #"rules/r.json:2:2: error: criterion "A" is defined twice"#,
         #"rules/r.json:2:2: lỗi: tiêu chí "A" được định nghĩa hai lần"#),
        ([("year", "is_member")],
         #"rules/r.json:1:2: error: criterion "year" has the same name as a variable or function"#,
         #"rules/r.json:1:2: lỗi: tiêu chí "year" trùng tên với một biến hoặc hàm"#),
        ([("held", "is_member")],
         #"rules/r.json:1:2: error: criterion "held" has the same name as a variable or function"#,
         #"rules/r.json:1:2: lỗi: tiêu chí "held" trùng tên với một biến hoặc hàm"#),
        ([("LĐTT", "is_member")],
         #"rules/r.json:1:2: error: "LĐTT" cannot name a criterion; use letters a–z, A–Z, digits and _"#,
         #"rules/r.json:1:2: lỗi: "LĐTT" không dùng được làm tên tiêu chí; hãy dùng chữ cái không dấu, chữ số và _"#),
        ([("in", "true")],
         #"rules/r.json:1:2: error: "in" cannot name a criterion; use letters a–z, A–Z, digits and _"#,
         #"rules/r.json:1:2: lỗi: "in" không dùng được làm tên tiêu chí; hãy dùng chữ cái không dấu, chữ số và _"#),
        ([("LDTT", "is_member"), ("CSTDCS", "LDT && months_worked > 0")],
         #"rules/r.json:2:10: error: unknown variable "LDT"; did you mean "LDTT"?"#,
         #"rules/r.json:2:10: lỗi: biến "LDT" không tồn tại; có phải ý bạn là "LDTT"?"#),
        ([("A", "months_worked")],
         #"rules/r.json:1:10: error: a criterion must be bool (true or false) but this expression is int; is a comparison missing?"#,
         #"rules/r.json:1:10: lỗi: tiêu chí phải có kiểu bool (đúng hoặc sai) nhưng biểu thức này có kiểu int; có thiếu phép so sánh không?"#),
    ] as [([(String, String)], String, String)])
    func ruleSetErrors(criteria: [(String, String)], en: String, vi: String) throws {
        let list = try #require(throws: ExpressionErrorList.self) { try Self.ruleSet(criteria) }
        #expect(list.rendered(.en) == en)
        #expect(list.rendered(.vi) == vi)
    }

    @Test("a rule set reports one error per faulty criterion, in order, and keeps checking later ones")
    func allErrors() throws {
        let list = try #require(throws: ExpressionErrorList.self) {
            try Self.ruleSet([("A", "month_worked > 1"), ("B", "A || is_member"), ("C", "B && zzz"), ("D", "B && C")])
        }
        #expect(list.errors.map(\.kind) == [.unknownVariable, .unknownVariable])
        #expect(list.errors.map(\.position) == [SourcePosition(line: 1, column: 10), SourcePosition(line: 3, column: 15)])
        #expect(list.description == list.rendered(.en))
    }

    @Test("a later criterion may use earlier ones as bool variables")
    func references() throws {
        let rules = try Self.ruleSet([("A", "is_member"), ("B", "!A"), ("C", "A == B || year > 2000")])
        #expect(rules.names == ["A", "B", "C"])
        #expect(rules.index(of: "C") == 2)
        #expect(rules.index(of: "D") == nil)
        let empty = try Self.ruleSet([])
        #expect(empty.count == 0 && empty.evaluate(Self.schema.row([:])).isEmpty)
    }

    @Test("did-you-mean ignores names too far from the typo", arguments: [
        ("months_workd", "months_worked"), ("leave_reasn", "leave_reason"), ("yaer", "year"), ("titels", "titles"),
    ])
    func suggestions(typo: String, suggestion: String) {
        let names = Self.schema.variables.map(\.name)
        #expect(NameSuggestion.nearest(to: typo, among: names) == suggestion)
        #expect(NameSuggestion.nearest(to: "completely_different", among: names) == nil)
    }
}
