#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierLocking
import DossierWorkspace
import Foundation

/// Watches folder trees for changes and reports the paths that changed, gathered into batches (a `git pull` is one
/// batch, not a thousand). On Linux it uses inotify, one watch per folder; elsewhere, or when inotify cannot be
/// had (its watch limit reached), it compares the files' sizes and times once a second.
final class FileWatcher: Sendable {
    /// Whether a folder should be watched (hidden folders, `node_modules` and excluded paths are not).
    typealias FolderFilter = @Sendable (String) -> Bool

    private let backend: any WatcherBackend
    private let batches: Batcher

    /// Starts watching `roots`; `changed` receives each batch of changed paths (files or folders) on the watcher's
    /// thread.
    init(roots: [String], gathering: Duration, watches: @escaping FolderFilter, changed: @escaping @Sendable ([String]) -> Void) {
        let batches = Batcher(gathering: gathering, deliver: changed)
        self.batches = batches
        #if canImport(Glibc)
        if let inotify = InotifyBackend(roots: roots, watches: watches, report: batches.add) {
            backend = inotify
            return
        }
        #endif
        backend = PollingBackend(roots: roots, watches: watches, report: batches.add)
    }

    /// Watches these roots from now on (folders added or removed, `exclude` changed).
    func update(roots: [String]) { backend.update(roots: roots) }

    /// Stops watching.
    func stop() { backend.stop() }

    /// Whether changes were seen and not yet delivered.
    var isGathering: Bool { batches.isGathering }

    deinit { backend.stop() }
}

/// A way of noticing changes.
protocol WatcherBackend: Sendable {
    func update(roots: [String])
    func stop()
}

/// Gathers reported paths until none has come for `gathering` (at most ten times that after the first), then
/// delivers them as one batch.
final class Batcher: Sendable {
    private struct State {
        var paths: [String] = []
        var seen: Set<String> = []
        var firstAt: ContinuousClock.Instant?
        var lastAt: ContinuousClock.Instant?
        var scheduled = false
    }

    private let state = Locked(State())
    private let gathering: Duration
    private let deliver: @Sendable ([String]) -> Void

    init(gathering: Duration, deliver: @escaping @Sendable ([String]) -> Void) {
        self.gathering = gathering
        self.deliver = deliver
    }

    /// Whether a batch is being gathered or delivered.
    var isGathering: Bool { state.withLock { $0.scheduled } }

    /// Adds paths to the batch being gathered.
    func add(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        let schedule = state.withLock { s -> Bool in
            let now = ContinuousClock.now
            for path in paths where s.seen.insert(path).inserted { s.paths.append(path) }
            if s.firstAt == nil { s.firstAt = now }
            s.lastAt = now
            defer { s.scheduled = true }
            return !s.scheduled
        }
        if schedule { scheduleFlush(after: gathering) }
    }

    private func scheduleFlush(after delay: Duration) {
        let nanoseconds = max(1, delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in flush() }
    }

    private func flush() {
        let (batch, wait) = state.withLock { s -> ([String], Duration?) in
            let now = ContinuousClock.now
            if let last = s.lastAt, let first = s.firstAt, now - last < gathering, now - first < gathering * 10 {
                return ([], gathering - (now - last))
            }
            let batch = s.paths
            s.paths = []
            s.seen = []
            s.firstAt = nil
            s.lastAt = nil
            return (batch, nil)
        }
        if let wait {
            scheduleFlush(after: wait)
            return
        }
        if !batch.isEmpty { deliver(batch) }
        // Delivered: a path reported meanwhile starts a new batch.
        let again = state.withLock { s -> Bool in
            s.scheduled = !s.paths.isEmpty
            return s.scheduled
        }
        if again { scheduleFlush(after: gathering) }
    }
}

/// Whether `name` is a folder the walk never enters.
func isSkippedFolderName(_ name: Substring) -> Bool {
    name.hasPrefix(".") || name == "node_modules"
}

/// Compares the Markdown files and `dossier.json` files of the roots once a second.
final class PollingBackend: WatcherBackend {
    private struct Stamp: Equatable {
        var size: Int64
        var modified: Int
        var inode: UInt64
    }

    private struct State {
        var roots: [String]
        var stamps: [String: Stamp] = [:]
        var stopped = false
    }

    private let state: Locked<State>
    private let watches: FileWatcher.FolderFilter
    private let report: @Sendable ([String]) -> Void

    init(roots: [String], watches: @escaping FileWatcher.FolderFilter, report: @escaping @Sendable ([String]) -> Void) {
        state = Locked(State(roots: roots))
        self.watches = watches
        self.report = report
        let first = scan(roots)
        state.withLock { $0.stamps = first }
        let thread = Thread { [weak self] in
            while let self, !self.state.withLock({ $0.stopped }) {
                Thread.sleep(forTimeInterval: 1)
                self.poll()
            }
        }
        thread.name = "dossier-watcher"
        thread.start()
    }

    func update(roots: [String]) {
        state.withLock { $0.roots = roots }
    }

    func stop() { state.withLock { $0.stopped = true } }

    private func poll() {
        let roots = state.withLock { $0.roots }
        let now = scan(roots)
        let changed = state.withLock { s -> [String] in
            defer { s.stamps = now }
            let keys = Set(s.stamps.keys).union(now.keys)
            return keys.filter { s.stamps[$0] != now[$0] }.sorted()
        }
        report(changed)
    }

    private func scan(_ roots: [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var pending = roots
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names {
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    if !isSkippedFolderName(Substring(name)), watches(path) { pending.append(path) }
                } else if name.hasSuffix(".md") || name == WorkspaceLoader.configurationFile {
                    #if canImport(Darwin)
                    let modified = Int(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int(status.st_mtimespec.tv_nsec)
                    #else
                    let modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
                    #endif
                    stamps[path] = Stamp(size: Int64(status.st_size), modified: modified, inode: UInt64(status.st_ino))
                }
            }
        }
        return stamps
    }
}
