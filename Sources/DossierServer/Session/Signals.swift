import DossierLocking

/// A wake-up call between tasks, without polling: `wait()` suspends until the next `notify()`. A notify with nobody
/// waiting is kept, so a waiter that checked its condition just before it changed is woken at once; waiters
/// re-check their condition in a loop.
final class AsyncSignal: Sendable {
    private struct State {
        var pending = false
        var stopped = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Locked(State())

    /// Wakes every waiter, or the next one to wait.
    func notify() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            let waiting = Array(s.waiters.values)
            s.waiters.removeAll()
            s.pending = waiting.isEmpty
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Suspends until notified, cancelled, or stopped.
    func wait() async {
        let id = state.withLock { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.pending || s.stopped || Task.isCancelled {
                        s.pending = false
                        return true
                    }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Wakes everyone for good: later waits return at once.
    func stop() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.stopped = true
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The signals the server's tasks wait on.
struct ServerSignals: Sendable {
    /// A workspace finished indexing.
    let indexed = AsyncSignal()
    /// No request is in flight any more.
    let requestsIdle = AsyncSignal()
    /// There is something to publish (diagnostics or a refresh).
    let publish = AsyncSignal()
    /// A message arrived (memory release measures quiet from it).
    let activity = AsyncSignal()

    func stop() {
        for signal in [indexed, requestsIdle, publish, activity] { signal.stop() }
    }
}
