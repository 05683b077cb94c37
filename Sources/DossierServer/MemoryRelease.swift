/// When the server asks the allocator to hand freed memory back to the system.
///
/// Indexing reads every file into buffers it then drops; every edit builds a new snapshot and frees
/// the old one's parts; every request builds and frees its answer. The bytes the server holds stay
/// flat over a long session, but glibc keeps the pages it freed (by itself it returns only a free
/// block at the very top of a heap), so the resident size creeps up with the churn. The front end
/// passes the platform's release function (`malloc_trim`); the server calls it when indexing ends
/// and once each spell of messages is followed by a quiet one, never while nothing happens.
struct MemoryReleasePolicy: Sendable {
    /// How long without any message counts as quiet: half a second unless a test says otherwise.
    var quiet: Duration = .milliseconds(500)
}

extension LanguageServer {
    /// Hands freed memory back now, if the front end gave a way to, and notes the activity it covers.
    func releaseFreedMemory() {
        guard let releaseMemory else { return }
        state.withLock { $0.releasedActivity = $0.activity }
        releaseMemory()
    }

    /// Releases freed memory once `policy.quiet` has passed without a message since the last one,
    /// unless nothing arrived since the last release.
    func releaseMemoryWhenQuiet(policy: MemoryReleasePolicy) async {
        let clock = ContinuousClock()
        var seen = state.withLock { $0.activity }
        var changedAt = clock.now
        while !Task.isCancelled {
            // A quarter of the quiet time: the release comes at most that late, and an idle server
            // only wakes to compare two numbers.
            try? await Task.sleep(for: policy.quiet / 4)
            let (activity, released) = state.withLock { ($0.activity, $0.releasedActivity) }
            if activity != seen {
                seen = activity
                changedAt = clock.now
            } else if activity != released, clock.now - changedAt >= policy.quiet {
                releaseFreedMemory()
            }
        }
    }
}
