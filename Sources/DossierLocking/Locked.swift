#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`, used instead of Synchronization's `Mutex` so ThreadSanitizer can see the locking.
///
/// On Linux, `Mutex` locks with raw futex system calls that ThreadSanitizer does not intercept, so it sees no
/// happens-before edge between two critical sections and reports every pair of accesses to the guarded value as a
/// race. `pthread_mutex_lock`/`unlock` are intercepted, so with this lock a TSan report is a real race again.
/// The API mirrors `Mutex.withLock` (typed throws, `sending`), so call sites read the same.
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched between `pthread_mutex_lock` and `pthread_mutex_unlock`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// A lock guarding `initialValue`.
    public init(_ initialValue: consuming sending Value) {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        // The mutex lives at a fixed heap address: a pthread mutex must not move once initialised.
        mutex.initialize(to: pthread_mutex_t())
        // Error-checking, so re-entering withLock on the same thread stops with a message (as Mutex does) instead of hanging.
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        defer { pthread_mutexattr_destroy(&attributes) }
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ERRORCHECK))
        let result = pthread_mutex_init(mutex, &attributes)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
        value = initialValue
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value and returns its result; not reentrant.
    public func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        let locked = pthread_mutex_lock(mutex)
        precondition(locked == 0, locked == EDEADLK ? "Locked.withLock re-entered on the same thread" : "pthread_mutex_lock failed: \(locked)")
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
