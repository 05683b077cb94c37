#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DossierLocking
import Foundation

/// A failed system call, with its `errno`.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed, e.g. "write".
    public var call: String
    /// The `errno` value.
    public var errno: Int32

    /// Creates an error.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// "write: Broken pipe (errno 32)".
    public var description: String {
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Process-level helpers for running a protocol over the standard streams.
public enum StandardIO {
    /// Ignores SIGPIPE so a vanished client yields EPIPE instead of killing the process.
    public static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Moves the real stdout to a new descriptor (returned, close-on-exec) and points fd 1 at stderr,
    /// so a stray `print` cannot corrupt the protocol stream.
    public static func detachStandardOutput() throws -> Int32 {
        fflush(nil)
        let fd = dup(1)
        guard fd >= 0 else { throw SystemError(call: "dup", errno: errno) }
        setCloseOnExec(fd)
        guard dup2(2, 1) >= 0 else { throw SystemError(call: "dup2", errno: errno) }
        return fd
    }
}

/// Sets FD_CLOEXEC on a descriptor.
func setCloseOnExec(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFD)
    if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
}

/// Creates a pipe with close-on-exec ends: (read, write).
func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw SystemError(call: "pipe", errno: errno) }
    setCloseOnExec(fds[0])
    setCloseOnExec(fds[1])
    return (fds[0], fds[1])
}

/// Writes all of `bytes` to `fd`, retrying on partial writes, EINTR and EAGAIN.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
    guard var p = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
        let n = write(fd, p, remaining)
        if n > 0 {
            p += n
            remaining -= n
        } else if n < 0 && errno == EINTR {
            continue
        } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&pfd, 1, -1)
        } else {
            throw SystemError(call: "write", errno: n < 0 ? errno : EIO)
        }
    }
}

/// Starts a detached thread with a large stack (deeply nested JSON is parsed on it).
func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.stackSize = 8 << 20
    thread.start()
}

/// Closes a descriptor, ignoring EINTR (the descriptor is released either way on Linux).
func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

/// A blocking read loop on a dedicated thread that can be stopped from any thread through a wake-up pipe.
final class ReadLoop: Sendable {
    private struct State {
        var wakeRead: Int32
        var wakeWrite: Int32
        var stopped = false
        var finished = false
    }

    private let state: Locked<State>

    init() throws {
        let (r, w) = try makePipe()
        state = Locked(State(wakeRead: r, wakeWrite: w))
    }

    /// True once `stop()` was called.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Asks the loop to end; safe to call repeatedly and from any thread.
    func stop() {
        state.withLock { s in
            guard !s.stopped else { return }
            s.stopped = true
            if !s.finished {
                var byte: UInt8 = 1
                _ = write(s.wakeWrite, &byte, 1)
            }
        }
    }

    /// Reads `fd` until end of file, a read error, or `stop()`. Calls `onChunk` for every chunk.
    /// Returns true when the stream ended (EOF/error), false when stopped.
    func readUntilEnd(_ fd: Int32, onChunk: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let wakeRead = state.withLock { $0.wakeRead }
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            if isStopped { return false }
            fds[0].revents = 0
            fds[1].revents = 0
            let r = poll(&fds, 2, -1)
            if r < 0 {
                if errno == EINTR { continue }
                return true
            }
            if fds[1].revents != 0 || isStopped { return false }
            if fds[0].revents & Int16(POLLNVAL) != 0 { return true }
            guard fds[0].revents != 0 else { continue }
            let n = read(fd, buffer, capacity)
            if n > 0 {
                onChunk(UnsafeRawBufferPointer(start: buffer, count: n))
            } else if n == 0 {
                return true
            } else if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK {
                continue
            } else {
                return true
            }
        }
    }

    /// Releases the wake-up pipe; call once from the loop's thread when it is done.
    func finish() {
        state.withLock { s in
            guard !s.finished else { return }
            s.finished = true
            closeDescriptor(s.wakeRead)
            closeDescriptor(s.wakeWrite)
        }
    }
}
