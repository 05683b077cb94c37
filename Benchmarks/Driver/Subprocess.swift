#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call, with the C library's reason.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    /// An error with this message.
    init(_ description: String) { self.description = description }

    /// An error for `call` from the current `errno`.
    static func system(_ call: String) -> BenchError {
        BenchError("\(call): \(String(cString: strerror(errno)))")
    }
}

/// Nanoseconds on the monotonic clock.
func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// How a child ended and what it cost, from `wait4` (per child, unlike `getrusage(RUSAGE_CHILDREN)`,
/// which would mix every child the driver ever reaped).
struct ChildUsage {
    /// Exit code, or nil when killed by a signal.
    var exitCode: Int32?
    var signal: Int32?
    /// User + system CPU seconds.
    var cpuSeconds: Double
    /// Peak resident set in bytes (`ru_maxrss`, KiB on Linux).
    var maxRSSBytes: Int

    /// Decodes a `wait4` status and resource usage.
    init(status: Int32, usage: rusage) {
        if status & 0x7F == 0 {
            exitCode = (status >> 8) & 0xFF
        } else {
            signal = status & 0x7F
        }
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        cpuSeconds = user + system
        #if canImport(Darwin)
        maxRSSBytes = Int(usage.ru_maxrss)
        #else
        maxRSSBytes = Int(usage.ru_maxrss) * 1024
        #endif
    }

    /// "exit 1" or "signal 9".
    var statusText: String {
        if let exitCode { return "exit \(exitCode)" }
        return "signal \(signal ?? 0)"
    }
}

/// A spawned child process.
struct Child {
    var pid: pid_t
    /// The parent's end of the child's stdin, when it is a pipe.
    var stdinFD: Int32 = -1
    /// The parent's end of the child's stdout, when it is a pipe.
    var stdoutFD: Int32 = -1

    /// Blocks until the child ends.
    func wait() throws -> ChildUsage {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw BenchError.system("wait4") }
        }
        return ChildUsage(status: status, usage: usage)
    }

    /// Waits up to `seconds`, then kills the child; returns its usage and whether it had to be killed.
    func wait(seconds: Double) throws -> (ChildUsage, killed: Bool) {
        let deadline = now() + UInt64(seconds * 1e9)
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { return (ChildUsage(status: status, usage: usage), false) }
            if r < 0 && errno != EINTR { throw BenchError.system("wait4") }
            if now() > deadline { break }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        return (try wait(), true)
    }
}

/// Where a child's standard stream goes.
enum Redirect {
    /// A new pipe; the parent keeps the other end.
    case pipe
    /// A file, created or truncated.
    case file(String)
    /// `/dev/null`.
    case null
}

/// Spawns `arguments` (the first is looked up in PATH when it has no slash) with the given streams.
func spawn(_ arguments: [String], stdin: Redirect = .null, stdout: Redirect = .null, stderr: Redirect = .null) throws -> Child {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var parentEnds: [Int32] = [-1, -1]
    var childEnds: [Int32] = []
    defer { for fd in childEnds { close(fd) } }

    for (target, redirect) in [(Int32(0), stdin), (Int32(1), stdout), (Int32(2), stderr)] {
        switch redirect {
        case .pipe:
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw BenchError.system("pipe") }
            // The parent's ends must not leak into later children, or EOF would never arrive.
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            let (childEnd, parentEnd) = target == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
            posix_spawn_file_actions_adddup2(&actions, childEnd, target)
            childEnds.append(childEnd)
            if target < 2 { parentEnds[Int(target)] = parentEnd } else { close(parentEnd) }
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, target, path, target == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .null:
            posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
        }
    }

    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    guard rc == 0 else {
        for fd in parentEnds where fd >= 0 { close(fd) }
        throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(rc)))")
    }
    return Child(pid: pid, stdinFD: parentEnds[0], stdoutFD: parentEnds[1])
}

/// Runs a command to completion with stdout sent to `stdoutPath`; returns wall seconds and usage.
func runTimed(_ arguments: [String], stdoutPath: String, stderrPath: String) throws -> (wall: Double, usage: ChildUsage) {
    let start = now()
    let child = try spawn(arguments, stdout: .file(stdoutPath), stderr: .file(stderrPath))
    let usage = try child.wait()
    return (Double(now() - start) / 1e9, usage)
}

/// Writes all of `bytes` to `fd`.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw BenchError.system("write")
            }
            offset += n
        }
    }
}

/// The whole contents of a file, or nil.
func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { return result }
        result.append(contentsOf: chunk[0..<n])
    }
}

/// The resident set of a running process from `/proc` (Linux), in bytes, or nil elsewhere.
func currentRSS(of pid: pid_t) -> Int? {
    guard let bytes = readFile("/proc/\(pid)/status") else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let digits = line.filter(\.isNumber)
        return Int(digits).map { $0 * 1024 }
    }
    return nil
}

/// User + system CPU seconds a running process has used so far, from `/proc/PID/stat` (Linux), or nil.
func currentCPUSeconds(of pid: pid_t) -> Double? {
    guard let bytes = readFile("/proc/\(pid)/stat") else { return nil }
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
    let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name.
    guard fields.count > 12,
          let user = Double(String(decoding: fields[11], as: UTF8.self)),
          let system = Double(String(decoding: fields[12], as: UTF8.self))
    else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
