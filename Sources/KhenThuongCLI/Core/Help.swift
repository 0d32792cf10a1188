import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `--help` texts, generated from the command table so they never drift from it.
enum Help {
    static func overview(_ l: Language) -> String {
        let vi = l == .vi
        var lines = [vi ? "khenthuong — quy trình xét khen thưởng của tổ chức Công đoàn (hồ sơ, thẩm định, Hội đồng, công bố), ghi nhận không thể sửa lén."
                        : "khenthuong — award-nomination workflows for the trade union (dossiers, appraisal, council, publication), with a tamper-evident record.",
                     "",
                     vi ? "Cách dùng: khenthuong [tuỳ chọn chung] LỆNH [tham số]" : "Usage: khenthuong [global options] COMMAND [arguments]",
                     "",
                     vi ? "Lệnh:" : "Commands:"]
        let width = Commands.all.map(\.name.count).max() ?? 10
        for c in Commands.all {
            lines.append("  " + c.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + c.summary[l])
        }
        lines += ["", vi ? "Tuỳ chọn chung:" : "Global options:"] + globalOptions(l)
        lines += ["", vi ? "Mã thoát: 0 xong; 1 quy trình từ chối; 2 sai cú pháp lệnh; 3 lỗi dữ liệu hoặc kho."
                         : "Exit codes: 0 done; 1 refused by the workflow; 2 usage error; 3 data or store error.",
                  vi ? "Xem trợ giúp từng lệnh: khenthuong LỆNH --help" : "Help on a command: khenthuong COMMAND --help"]
        return lines.joined(separator: "\n")
    }

    static func globalOptions(_ l: Language) -> [String] {
        let vi = l == .vi
        return [
            "  --store PATH          " + (vi ? "tệp kho SQLite (mặc định ./khenthuong.sqlite hoặc KHENTHUONG_STORE), hoặc postgresql://người_dùng@máy/csdl" : "SQLite store file (default ./khenthuong.sqlite or KHENTHUONG_STORE), or postgresql://user@host/db"),
            "  --key FILE            " + (vi ? "khóa riêng của người thực hiện, ký mọi thay đổi (hoặc KHENTHUONG_KEY)" : "the acting person's private key, which signs every change (or KHENTHUONG_KEY)"),
            "  --as ROLE@UNIT[:USER] " + (vi ? "chọn quyền nào của khóa được dùng (hoặc KHENTHUONG_ACTOR); với KHENTHUONG_KEYRING, chọn cả khóa"
                                             : "which of the key's grants acts (or KHENTHUONG_ACTOR); with KHENTHUONG_KEYRING, also whose key"),
            "  --lang vi|en          " + (vi ? "ngôn ngữ hiển thị (mặc định vi)" : "display language (default vi)"),
            "  --json                " + (vi ? "xuất JSON cho máy đọc" : "JSON output for machines"),
            "  --workflows DIR       " + (vi ? "thư mục định nghĩa (mặc định ./workflows hoặc KHENTHUONG_WORKFLOWS)" : "definitions folder (default ./workflows or KHENTHUONG_WORKFLOWS)"),
            "  --encoding ENC        " + (vi ? "bảng mã của tệp CSV đọc vào: utf-8 (mặc định), utf-16, windows-1258" : "encoding of CSV files read: utf-8 (default), utf-16, windows-1258"),
            "  --help                " + (vi ? "trợ giúp" : "this help"),
        ]
    }

    static func group(_ word: String, _ commands: [Command], _ l: Language) -> String {
        let vi = l == .vi
        var lines = [(vi ? "Lệnh con của “\(word)”:" : "Subcommands of “\(word)”:")]
        let width = commands.map(\.name.count).max() ?? 10
        for c in commands { lines.append("  " + c.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + c.summary[l]) }
        lines.append(vi ? "Xem chi tiết: khenthuong \(word) LỆNH_CON --help" : "Details: khenthuong \(word) SUBCOMMAND --help")
        return lines.joined(separator: "\n")
    }

    static func command(_ c: Command, _ l: Language, definitions: String? = nil) -> String {
        let vi = l == .vi
        var lines = ["\(vi ? "Cách dùng" : "Usage"): khenthuong \(c.name)\(c.synopsis.isEmpty ? "" : " " + c.synopsis)", "", c.summary[l]]
        if !c.help[l].isEmpty { lines += ["", c.help[l]] }
        if let definitions, !definitions.isEmpty { lines += ["", definitions] }
        lines += ["", vi ? "Tuỳ chọn chung:" : "Global options:"] + globalOptions(l)
        return lines.joined(separator: "\n")
    }
}
