import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Workspace files that misbehave — named pipes, unreadable files, files that change kind — and a
/// guard that turns a hang into a test failure instead of a stuck test run.
public enum HostileFiles {
    /// Creates a named pipe at `path`.
    public static func makeNamedPipe(at path: String) throws {
        guard mkfifo(path, 0o644) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, "errno": errno])
        }
    }

    /// Makes `path` mode 000 and tells whether that stops this process reading it: it does not
    /// for root (tests often run as root in containers), whose tests use other ways to fail a read.
    public static func lockAndCheckThatReadsFail(_ path: String) -> Bool {
        chmod(path, 0)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        if descriptor >= 0 {
            close(descriptor)
            return false
        }
        return true
    }

    /// Creates a sparse file of `bytes` bytes at `path`: big to a reader, cheap on disk. A file over
    /// the reader's size limit fails to read even for root, after the walk has listed it.
    public static func makeSparseFile(at path: String, bytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        guard truncate(path, off_t(bytes)) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, "errno": errno])
        }
    }

    /// Opens and closes each named pipe for writing, which releases a reader stuck opening it.
    public static func releaseReaders(of pipes: [String]) {
        for pipe in pipes {
            let descriptor = open(pipe, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
    }

    /// Runs `body` on its own thread and returns its result, or nil when it has not finished within
    /// `seconds`; `release` is then called so the stuck thread can end (and the test run with it).
    public static func finishing<Value: Sendable>(
        within seconds: Double, release: @escaping @Sendable () -> Void = {}, _ body: @escaping @Sendable () -> Value
    ) -> Value? {
        let slot = Slot<Value>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            slot.store(body())
            done.signal()
        }.start()
        if done.wait(timeout: .now() + seconds) == .success { return slot.load() }
        release()
        _ = done.wait(timeout: .now() + 10)
        return nil
    }
}

/// One value handed from a worker thread to the waiting test.
private final class Slot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func store(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func load() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
