import Foundation
@testable import KhenThuongStore

/// A throw-away PostgreSQL cluster for the store tests: `initdb` in a temporary folder, the
/// server listening on a Unix socket in that folder and on a free loopback TCP port (where only
/// the password role may log in, with scram-sha-256), `fsync=off`; run as
/// the `postgres` user when the tests run as root (the server refuses root). Stopped and
/// removed when the test process ends.
///
/// `KHENTHUONG_TEST_PG` (a `postgresql://` location of a role that may create databases and
/// roles) makes the tests use that server instead. When neither works, `shared` is `nil` and
/// the PostgreSQL half of the backend tests is skipped with a notice on standard error.
final class PostgresTestServer: @unchecked Sendable {
    /// Where a superuser connects (without a database name: add `databaseURL`).
    let host: String
    let superuser: String
    /// The port (of the socket, and of the loopback listener); 0 for a server given by `KHENTHUONG_TEST_PG`.
    let port: Int
    /// The cluster's folder (`nil` for a server given by `KHENTHUONG_TEST_PG`).
    let folder: String?
    private let externalURL: String?
    private let lock = NSLock()
    private var counter = 0

    /// The server every test shares, started once.
    static let shared: PostgresTestServer? = {
        if let url = ProcessInfo.processInfo.environment["KHENTHUONG_TEST_PG"], !url.isEmpty {
            return PostgresTestServer(external: url)
        }
        do {
            return try start()
        } catch {
            FileHandle.standardError.write(Data("⚠︎ PostgreSQL tests skipped: no server could be started (\(error)); install postgresql or set KHENTHUONG_TEST_PG\n".utf8))
            return nil
        }
    }()

    private init(external url: String) {
        externalURL = url
        host = ""
        superuser = ""
        folder = nil
        port = 0
    }

    private init(folder: String, superuser: String, port: Int) {
        self.folder = folder
        self.host = folder
        self.superuser = superuser
        self.port = port
        externalURL = nil
    }

    /// A loopback TCP port nobody listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The folder holding `initdb`, `pg_ctl`, `postgres`.
    static let binaries: String? = {
        if let out = try? run("/usr/bin/env", ["pg_config", "--bindir"]), out.status == 0 {
            let dir = out.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.fileExists(atPath: dir + "/initdb") { return dir }
        }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for v in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) where FileManager.default.fileExists(atPath: "\(root)/\(v)/bin/initdb") {
            return "\(root)/\(v)/bin"
        }
        return nil
    }()

    static var isRoot: Bool { getuid() == 0 }

    /// Runs `tool` of the PostgreSQL binaries, as `postgres` when this process is root.
    static func runServerTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let binaries else { throw Failure(description: "no PostgreSQL server binaries (initdb) found") }
        if isRoot { return try run("/usr/sbin/runuser", ["-u", "postgres", "--", binaries + "/" + tool] + arguments) }
        return try run(binaries + "/" + tool, arguments)
    }

    /// Starts a new cluster in its own temporary folder.
    static func start() throws -> PostgresTestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if isRoot {
            guard (try? run("/bin/chown", ["postgres:postgres", folder]))?.status == 0 else {
                throw Failure(description: "cannot give \(folder) to the postgres user (is there one?)")
            }
        }
        let superuser = "postgres"
        let initdb = try runServerTool("initdb", ["-D", folder + "/data", "-U", superuser, "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"])
        guard initdb.status == 0 else { throw Failure(description: "initdb failed: \(initdb.output.suffix(400))") }
        // One role logs in with a password (scram-sha-256), on the socket and over loopback TCP,
        // for the password tests; nobody else may use TCP.
        let hba = "local all kt_password scram-sha-256\nlocal all all trust\nhost all kt_password 127.0.0.1/32 scram-sha-256\n"
        try hba.write(toFile: folder + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
        let server = PostgresTestServer(folder: folder, superuser: superuser, port: try freePort())
        try server.startServer()
        return server
    }

    func startServer() throws {
        guard let folder else { return }
        _ = Self.cleanup
        let options = "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder) -c fsync=off -c synchronous_commit=on -c max_connections=100"
        let out = try Self.runServerTool("pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-o", options, "-w", "-t", "60", "start"])
        guard out.status == 0 else { throw Failure(description: "pg_ctl start failed: \(out.output.suffix(400))") }
        Self.started.withLock { $0.insert(folder) }
    }

    /// Stops the server without a clean shutdown (`pg_ctl stop -m immediate`), as a crash would.
    func stopImmediately() throws {
        guard let folder else { return }
        let out = try Self.runServerTool("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        guard out.status == 0 else { throw Failure(description: "pg_ctl stop failed: \(out.output.suffix(400))") }
    }

    /// Stops and removes the cluster.
    func destroy() {
        guard let folder else { return }
        _ = try? stopImmediately()
        try? FileManager.default.removeItem(atPath: folder)
        Self.started.withLock { $0.remove(folder) }
    }

    /// Clusters started by this process: stopped when it exits.
    static let started = Locked<Set<String>>([])
    private static let cleanup: Void = {
        atexit {
            for folder in PostgresTestServer.started.withLock({ $0 }) {
                _ = try? PostgresTestServer.runServerTool("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }()

    /// The location of `database`, connecting as `user` (the superuser by default).
    func url(_ database: String, user: String? = nil) -> String {
        if let externalURL {
            var parts = URLComponents(string: externalURL)!
            parts.path = "/" + database
            if let user { parts.user = user }
            return parts.string!
        }
        return "postgresql:///\(database)?host=\(host)&port=\(port)&user=\(user ?? superuser)"
    }

    /// The maintenance database's location.
    var adminURL: String {
        externalURL ?? url("postgres")
    }

    /// A new, empty database; returns its location.
    func newDatabase() throws -> String {
        _ = Self.cleanup
        let name = lock.withLock { () -> String in
            counter += 1
            return "kt_\(getpid())_\(counter)_\(UUID().uuidString.prefix(6).lowercased())"
        }
        try admin("CREATE DATABASE \(name)")
        return url(name)
    }

    /// Runs `sql` as the superuser on `database` (the maintenance database by default).
    func admin(_ sql: String, database: String? = nil) throws {
        let c = try PGConnection(conninfo: database ?? adminURL)
        try c.exec(sql)
    }

    /// A superuser connection to the database at `location`.
    func connect(_ location: String) throws -> PGConnection {
        try PGConnection(conninfo: location)
    }

    /// Runs `executable` and waits for it (posix_spawn and waitpid: Foundation's `Process`
    /// does not always see a child end when called from a lazy static's initialiser). Output
    /// goes to a file, not a pipe: `pg_ctl start` leaves the server running with the output
    /// inherited, and a pipe would never reach its end.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-pg-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot run \(executable): error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let data = FileManager.default.contents(atPath: file) ?? Data()
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), String(decoding: data, as: UTF8.self))
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
