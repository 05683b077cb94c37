/// When the server asks the allocator to hand freed memory back to the system.
///
/// Indexing reads every file into buffers it then drops; every edit builds a new snapshot and frees the old one's
/// parts; every request builds and frees its answer. The bytes the server holds stay flat over a long session, but
/// glibc keeps the pages it freed (by itself it returns only a free block at the very top of a heap), so the
/// resident size creeps up with the churn. The front end passes the platform's release function (`malloc_trim`);
/// the server calls it when indexing ends and once each spell of messages is followed by a quiet one. While
/// messages flow it wakes once per quiet period; an idle server does not wake at all.
extension LanguageServer {
    /// Hands freed memory back now, if the front end gave a way to.
    func releaseFreedMemory() {
        releaseMemory?()
    }

    /// Counts a message, for telling a busy server from a quiet one.
    func noteActivity() {
        state.withLock { $0.activity &+= 1 }
        if releaseMemory != nil { signals.activity.notify() }
    }

    /// Starts the task that releases memory after each spell of activity, once `timing.quiet` passed without a
    /// message.
    func startMemoryRelease() {
        guard releaseMemory != nil else { return }
        let task = Task.detached(priority: .utility) { [self] in
            var released = state.withLock { $0.activity }
            while !Task.isCancelled {
                await signals.activity.wait()
                var seen = state.withLock { $0.activity }
                // A wake-up left over from the spell already released.
                if seen == released { continue }
                while !Task.isCancelled {
                    try? await Task.sleep(for: timing.quiet)
                    let now = state.withLock { $0.activity }
                    if now == seen { break }
                    seen = now
                }
                if !Task.isCancelled {
                    releaseFreedMemory()
                    released = seen
                }
            }
        }
        tasks.withLock { $0.add(task) }
    }
}
