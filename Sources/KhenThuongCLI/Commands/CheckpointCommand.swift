import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongStore

/// `checkpoint [--out FILE]`: a signed statement of the store's head, kept outside the store.
enum CheckpointCommand {
    static let command = Command(
        path: ["checkpoint"], synopsis: "[--out FILE]",
        summary: .init(vi: "ký một mốc kiểm tra (số sự kiện, mã băm cuối) để giữ ngoài kho",
                       en: "sign a checkpoint (event count, head hash) to keep outside the store"),
        help: .init(vi: """
                      --out FILE   ghi mốc vào tệp (mặc định: in ra màn hình)
                    Giữ tệp mốc ở nơi khác (thư điện tử, trang công khai, đơn vị cấp trên). Về sau,
                    `khenthuong verify --checkpoint FILE` chứng minh kho vẫn nối tiếp mốc đó: một kho
                    bị cắt bớt hoặc bị sửa rồi tính lại chuỗi băm sẽ không qua.
                    """,
                    en: """
                      --out FILE   write the checkpoint to a file (default: print it)
                    Keep the file elsewhere (e-mail, the public site, the upper level). Later,
                    `khenthuong verify --checkpoint FILE` proves the store still extends it: a store
                    that was truncated, or edited and its chain recomputed, fails.
                    """)
    ) { args, ctx throws(CLIError) in
        let out = try args.value("out")
        try args.finish()
        let store = try ctx.openStore()
        let acting = try ctx.acting(in: store)
        guard let signer = acting.signer else {
            throw CLIError(.init(vi: "cần một khóa để ký mốc kiểm tra", en: "a checkpoint needs a key to sign it"),
                           fix: .init(vi: "chỉ khóa của mình bằng --key TỆP hoặc biến KHENTHUONG_KEY", en: "give your key with --key FILE or KHENTHUONG_KEY"),
                           exit: .usage)
        }
        let checkpoint = try Runner.perform(ctx) { try Checkpoint.make(store, signer: signer, at: ctx.clock()) }
        if let out {
            try ctx.write(checkpoint.text, to: out)
            ctx.console.line(ctx.vi ? "Đã ghi mốc kiểm tra vào \(out): \(checkpoint.eventCount) sự kiện, mã băm cuối \(checkpoint.headHash), ký bằng khóa \(checkpoint.publicKey.id)."
                                    : "Wrote the checkpoint to \(out): \(checkpoint.eventCount) events, head hash \(checkpoint.headHash), signed by key \(checkpoint.publicKey.id).")
        } else {
            ctx.console.line(String(checkpoint.text.dropLast()))
        }
        return .success
    }

    /// Reads and checks the checkpoint file `path` against `store`: `nil` when the store
    /// extends it, else what is wrong (vi/en).
    static func check(_ path: String, _ store: any EventLog, _ ctx: Context) throws(CLIError) -> LocalizedText? {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CLIError(.init(vi: "không đọc được tệp mốc kiểm tra \(path)", en: "cannot read the checkpoint file \(path)"),
                           at: "--checkpoint", fix: .init(vi: "kiểm tra đường dẫn tệp", en: "check the file path"), exit: .usage)
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(parsing: text) } catch {
            let (line, detail): (Int, String) = switch error { case .malformed(let l, let d): (l, d) }
            throw CLIError(.init(vi: "tệp mốc kiểm tra sai định dạng (\(detail))", en: "the checkpoint file is malformed (\(detail))"),
                           at: "\(path):\(line)", fix: .init(vi: "dùng đúng tệp do `khenthuong checkpoint` ghi, không sửa tay", en: "use the file `khenthuong checkpoint` wrote, unedited"),
                           exit: .dataError)
        }
        let result = try Runner.perform(ctx) { try CheckpointResult.check(store, against: checkpoint) }
        // A valid signature proves nothing unless the key is one this store's people hold.
        let directory = try DirectoryCommands.load(store, ctx)
        if result != .badSignature, !directory.isEmpty, !directory.knows(checkpoint.publicKey) {
            return .init(vi: "mốc kiểm tra được ký bằng khóa \(checkpoint.publicKey.id), không phải khóa của ai trong danh mục của kho này",
                         en: "the checkpoint is signed by key \(checkpoint.publicKey.id), which nobody in this store's directory holds")
        }
        switch result {
        case .extends:
            return nil
        case .badSignature:
            return .init(vi: "chữ ký của mốc kiểm tra không hợp lệ (tệp mốc đã bị sửa)", en: "the checkpoint's signature does not check out (the file was edited)")
        case .otherStore(let found):
            return .init(vi: "mốc kiểm tra thuộc kho \(checkpoint.storeID), không phải kho này (\(found))", en: "the checkpoint is of store \(checkpoint.storeID), not this one (\(found))")
        case .truncated(let events):
            return .init(vi: "kho chỉ còn \(events) sự kiện, mốc kiểm tra có \(checkpoint.eventCount): các sự kiện từ số \(events + 1) đã bị xóa",
                         en: "the store has only \(events) events, the checkpoint \(checkpoint.eventCount): events from \(events + 1) on were removed")
        case .differs(let seq, let hash):
            return .init(vi: "sự kiện số \(seq) có mã băm \(hash), mốc kiểm tra ghi \(checkpoint.headHash): chuỗi đã bị sửa rồi tính lại",
                         en: "event \(seq) has hash \(hash), the checkpoint says \(checkpoint.headHash): the chain was edited and recomputed")
        }
    }
}
