/// The sentences of compile-time errors, in Vietnamese and English.
enum ExpressionMessages {
    private static func didYouMean(_ suggestion: String?) -> (vi: String, en: String) {
        guard let suggestion else { return ("", "") }
        return ("; có phải ý bạn là \"\(suggestion)\"?", "; did you mean \"\(suggestion)\"?")
    }

    /// "an int", "a string", … for English sentences.
    private static func a(_ type: ExpressionType) -> String { type == .int ? "an \(type)" : "a \(type)" }

    private static func arguments(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }

    // MARK: Lexer

    static func unterminatedString(_ quote: Character) -> LocalizedText {
        .init(vi: "chuỗi chưa được đóng; hãy thêm dấu \(quote) ở cuối chuỗi",
              en: "the string is not closed; add a closing \(quote)")
    }

    static func invalidCharacter(_ c: String) -> LocalizedText {
        switch c {
        case "=": .init(vi: "\"=\" không phải là toán tử; hãy viết == để so sánh bằng",
                        en: "\"=\" is not an operator; write == to test equality")
        case "&": .init(vi: "\"&\" không phải là toán tử; hãy viết && cho phép \"và\"",
                        en: "\"&\" is not an operator; write && for \"and\"")
        case "|": .init(vi: "\"|\" không phải là toán tử; hãy viết || cho phép \"hoặc\"",
                        en: "\"|\" is not an operator; write || for \"or\"")
        default: .init(vi: "ký tự \"\(c)\" không được phép ở đây; tên chỉ gồm chữ cái không dấu, chữ số và _",
                       en: "unexpected character \"\(c)\"; names use only letters a–z, A–Z, digits and _")
        }
    }

    static func invalidNumber(_ text: String) -> LocalizedText {
        .init(vi: "\"\(text)\" không phải là số nguyên; hãy viết các chữ số, có thể nhóm bằng _ (ví dụ 100_000_000)",
              en: "\"\(text)\" is not an integer; write digits, optionally grouped with _ (for example 100_000_000)")
    }

    static func numberTooLarge(_ text: String) -> LocalizedText {
        .init(vi: "số \(text) quá lớn; số lớn nhất là 9223372036854775807",
              en: "the number \(text) is too large; the largest is 9223372036854775807")
    }

    static func invalidEscape(_ text: String) -> LocalizedText {
        .init(vi: "ký tự thoát \"\(text)\" không hợp lệ; hãy dùng \\\", \\', \\\\, \\n, \\t hoặc \\uXXXX",
              en: "invalid escape \"\(text)\" in a string; use \\\", \\', \\\\, \\n, \\t or \\uXXXX")
    }

    // MARK: Parser

    static func expected(_ what: LocalizedText, found: LocalizedText) -> LocalizedText {
        .init(vi: "cần \(what.vi) nhưng lại gặp \(found.vi)", en: "expected \(what.en) but found \(found.en)")
    }

    static func expectedValue(found: LocalizedText) -> LocalizedText {
        .init(vi: "cần một giá trị, một biến hoặc \"(\" nhưng lại gặp \(found.vi)",
              en: "expected a value, a variable or \"(\" but found \(found.en)")
    }

    static func extraAfterEnd(found: LocalizedText) -> LocalizedText {
        .init(vi: "thừa \(found.vi) sau khi biểu thức đã kết thúc (có thiếu toán tử như && hoặc || không?)",
              en: "unexpected \(found.en) after the end of the expression (is an operator such as && or || missing?)")
    }

    static func chainedComparison(_ first: String, _ second: String) -> LocalizedText {
        .init(vi: "không thể nối liền hai phép so sánh \(first) và \(second); hãy viết a < b && b < c thay cho a < b < c",
              en: "comparisons cannot be chained (\(first) then \(second)); write a < b && b < c instead of a < b < c")
    }

    static var tooDeep: LocalizedText {
        .init(vi: "biểu thức lồng nhau quá sâu (quá 100 mức, tính cả mỗi phép toán trong một chuỗi như a + b + c); tách thành nhiều điều kiện",
              en: "the expression is nested too deeply (over 100 levels, counting each operator of a chain like a + b + c); split it into several clauses")
    }

    // MARK: Names

    static func unknownVariable(_ name: String, suggestion: String?) -> LocalizedText {
        let hint = didYouMean(suggestion)
        return .init(vi: "biến \"\(name)\" không tồn tại\(hint.vi)", en: "unknown variable \"\(name)\"\(hint.en)")
    }

    static func unknownFunction(_ name: String, suggestion: String?) -> LocalizedText {
        let hint = didYouMean(suggestion)
        return .init(vi: "hàm \"\(name)\" không tồn tại\(hint.vi)", en: "unknown function \"\(name)\"\(hint.en)")
    }

    static func notAFunction(_ name: String) -> LocalizedText {
        .init(vi: "\"\(name)\" là biến, không phải hàm; hãy bỏ cặp ngoặc sau tên",
              en: "\"\(name)\" is a variable, not a function; remove the parentheses after it")
    }

    static func notAVariable(_ name: String) -> LocalizedText {
        .init(vi: "\"\(name)\" là hàm; hãy gọi hàm kèm đối số: \(name)(…)",
              en: "\"\(name)\" is a function; call it with its arguments: \(name)(…)")
    }

    static func argumentCount(_ name: String, expected: Int, given: Int) -> LocalizedText {
        .init(vi: "hàm \"\(name)\" cần \(expected) đối số nhưng lại được truyền \(given)",
              en: "function \"\(name)\" takes \(arguments(expected)) but \(given == 1 ? "1 was" : "\(given) were") given")
    }

    static func argumentType(_ name: String, index: Int, expected: ExpressionType, actual: ExpressionType) -> LocalizedText {
        .init(vi: "đối số thứ \(index) của hàm \"\(name)\" phải có kiểu \(expected) nhưng lại có kiểu \(actual)",
              en: "argument \(index) of function \"\(name)\" must be \(expected) but is \(actual)")
    }

    // MARK: Types

    static func binaryOperands(_ op: String, _ left: ExpressionType, _ right: ExpressionType) -> LocalizedText {
        .init(vi: "không thể dùng toán tử \(op) cho \(left) và \(right)",
              en: "operator \(op) cannot be applied to \(left) and \(right)")
    }

    static func comparison(_ op: String, _ left: ExpressionType, _ right: ExpressionType) -> LocalizedText {
        if left == right {
            return .init(vi: "không thể so sánh hai giá trị \(left) bằng \(op); chỉ so sánh được \(op == "==" || op == "!=" ? "bool, int, string hoặc date" : "int hoặc date") theo cách này",
                         en: "values of type \(left) cannot be compared with \(op); \(op) compares \(op == "==" || op == "!=" ? "bool, int, string or date" : "int or date") values")
        }
        return .init(vi: "không thể so sánh \(left) với \(right) bằng \(op); hai vế phải cùng kiểu",
                     en: "cannot compare \(left) with \(right) using \(op); both sides must have the same type")
    }

    static func unaryOperand(_ op: String, expected: ExpressionType, actual: ExpressionType) -> LocalizedText {
        .init(vi: "toán tử \(op) cần giá trị kiểu \(expected) nhưng lại gặp \(actual)",
              en: "operator \(op) needs \(a(expected)) value but this is \(actual)")
    }

    static func logicalOperand(_ op: String, _ actual: ExpressionType) -> LocalizedText {
        .init(vi: "hai vế của \(op) phải có kiểu bool nhưng vế này có kiểu \(actual)",
              en: "both sides of \(op) must be bool but this side is \(actual)")
    }

    static func notAList(_ actual: ExpressionType) -> LocalizedText {
        .init(vi: "vế phải của \"in\" phải là danh sách nhưng lại có kiểu \(actual)",
              en: "the right side of \"in\" must be a list but is \(actual)")
    }

    static func membership(_ value: ExpressionType, _ list: ExpressionType) -> LocalizedText {
        .init(vi: "\"in\" không thể tìm giá trị \(value) trong \(list)",
              en: "\"in\" cannot look for \(a(value)) value in \(a(list))")
    }

    static func resultType(expected: ExpressionType, actual: ExpressionType) -> LocalizedText {
        if expected == .bool {
            return .init(vi: "tiêu chí phải có kiểu bool (đúng hoặc sai) nhưng biểu thức này có kiểu \(actual); có thiếu phép so sánh không?",
                         en: "a criterion must be bool (true or false) but this expression is \(actual); is a comparison missing?")
        }
        return .init(vi: "biểu thức phải có kiểu \(expected) nhưng lại có kiểu \(actual)",
                     en: "the expression must be \(expected) but is \(actual)")
    }

    static func condition(_ actual: ExpressionType) -> LocalizedText {
        .init(vi: "điều kiện trước \"?\" phải có kiểu bool nhưng lại có kiểu \(actual)",
              en: "the condition before \"?\" must be bool but is \(actual)")
    }

    static func branches(_ a: ExpressionType, _ b: ExpressionType) -> LocalizedText {
        .init(vi: "hai nhánh của \"? :\" phải cùng kiểu nhưng lại là \(a) và \(b)",
              en: "both branches of \"? :\" must have the same type but they are \(a) and \(b)")
    }

    static var emptyList: LocalizedText {
        .init(vi: "danh sách rỗng [] không cho biết kiểu phần tử; hãy ghi ít nhất một phần tử",
              en: "an empty list [] has no element type; write at least one element")
    }

    static func listElement(_ actual: ExpressionType) -> LocalizedText {
        .init(vi: "phần tử danh sách phải có kiểu int, string hoặc date, không được có kiểu \(actual)",
              en: "list elements must be int, string or date, not \(actual)")
    }

    static func mixedList(first: ExpressionType, this: ExpressionType) -> LocalizedText {
        .init(vi: "mọi phần tử của danh sách phải cùng kiểu: phần tử đầu có kiểu \(first) nhưng phần tử này có kiểu \(this)",
              en: "all elements of a list must have the same type: the first is \(first) but this one is \(this)")
    }

    static var nonConstantList: LocalizedText {
        .init(vi: "danh sách dùng làm giá trị chỉ được chứa hằng; để so với biến hãy viết x in [a, b]",
              en: "a list used as a value may hold only constants; to test against variables write x in [a, b]")
    }

    static var dateArgument: LocalizedText {
        .init(vi: "date(…) nhận đúng một chuỗi hằng, ví dụ date(\"2024-01-01\")",
              en: "date(…) takes exactly one quoted text, for example date(\"2024-01-01\")")
    }

    // MARK: Rule sets

    static func selfReference(_ name: String) -> LocalizedText {
        .init(vi: "tiêu chí \"\(name)\" tham chiếu đến chính nó", en: "criterion \"\(name)\" refers to itself")
    }

    static func forwardReference(_ name: String, from current: String) -> LocalizedText {
        .init(vi: "tiêu chí \"\(name)\" được định nghĩa sau \"\(current)\"; một tiêu chí chỉ được dùng các tiêu chí đứng trước nó",
              en: "criterion \"\(name)\" is defined after \"\(current)\"; a criterion may only use criteria defined before it")
    }

    static func duplicateCriterion(_ name: String) -> LocalizedText {
        .init(vi: "tiêu chí \"\(name)\" được định nghĩa hai lần", en: "criterion \"\(name)\" is defined twice")
    }

    static func criterionShadows(_ name: String) -> LocalizedText {
        .init(vi: "tiêu chí \"\(name)\" trùng tên với một biến hoặc hàm", en: "criterion \"\(name)\" has the same name as a variable or function")
    }

    static func invalidCriterionName(_ name: String) -> LocalizedText {
        .init(vi: "\"\(name)\" không dùng được làm tên tiêu chí; hãy dùng chữ cái không dấu, chữ số và _",
              en: "\"\(name)\" cannot name a criterion; use letters a–z, A–Z, digits and _")
    }
}
