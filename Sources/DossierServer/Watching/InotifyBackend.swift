#if canImport(Glibc)
import Glibc
import DossierLocking
import Foundation

/// inotify watches on every folder of the roots (skipped folders left out), read on a thread of its own. A folder
/// created or moved in gets watches at once and is reported whole; an overflowing event queue reports the roots,
/// which are then compared with the index from scratch.
final class InotifyBackend: WatcherBackend {
    private struct State {
        var roots: [String]
        var folders: [Int32: String] = [:]
        var watched: [String: Int32] = [:]
        var stopped = false
    }

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    private let descriptor: Int32
    private let wake: (read: Int32, write: Int32)
    private let state: Locked<State>
    private let watches: FileWatcher.FolderFilter
    private let report: @Sendable ([String]) -> Void

    /// Watches `roots`; nil when inotify is unavailable or its watch limit is too low for them.
    init?(roots: [String], watches: @escaping FileWatcher.FolderFilter, report: @escaping @Sendable ([String]) -> Void) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            return nil
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.descriptor = descriptor
        wake = (pipeEnds[0], pipeEnds[1])
        state = Locked(State(roots: roots))
        self.watches = watches
        self.report = report
        for root in roots {
            guard addTree(root) else {
                stop()
                return nil
            }
        }
        let thread = Thread { [self] in readEvents() }
        thread.name = "dossier-watcher"
        thread.start()
    }

    func update(roots: [String]) {
        let added = state.withLock { s -> [String] in
            defer { s.roots = roots }
            return roots.filter { !s.roots.contains($0) }
        }
        for root in added { _ = addTree(root) }
    }

    func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Adds watches to `folder` and every folder below it; false when the watch limit is reached.
    @discardableResult
    private func addTree(_ folder: String) -> Bool {
        var pending = [folder]
        while let next = pending.popLast() {
            let wd = inotify_add_watch(descriptor, next, Self.mask)
            if wd < 0 {
                if errno == ENOSPC { return false }
                continue  // gone or unreadable: nothing to watch
            }
            state.withLock { s in
                s.folders[wd] = next
                s.watched[next] = wd
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: next) else { continue }
            for name in names where !isSkippedFolderName(Substring(name)) {
                let path = next + "/" + name
                var status = stat()
                if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, watches(path) { pending.append(path) }
            }
        }
        return true
    }

    private func readEvents() {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer {
            buffer.deallocate()
            close(descriptor)
            close(wake.read)
            close(wake.write)
        }
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while !state.withLock({ $0.stopped }) {
            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            let count = read(descriptor, buffer, capacity)
            if count <= 0 {
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                return
            }
            report(paths(in: UnsafeRawBufferPointer(start: buffer, count: count)))
        }
    }

    /// The paths the events of one read name; new folders get their watches.
    private func paths(in events: UnsafeRawBufferPointer) -> [String] {
        var paths: [String] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= events.count {
            let event = events.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameBytes = events[(offset + header)..<min(events.count, offset + header + Int(event.len))]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + Int(event.len)
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                paths += state.withLock { $0.roots }
                continue
            }
            let folder: String? = state.withLock { s in
                if event.mask & UInt32(IN_IGNORED) != 0, let gone = s.folders.removeValue(forKey: event.wd) {
                    s.watched[gone] = nil
                    return nil
                }
                return s.folders[event.wd]
            }
            guard let folder else { continue }
            if name.isEmpty {
                // The watched folder itself was deleted or moved away.
                if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { paths.append(folder) }
                continue
            }
            if isSkippedFolderName(Substring(name)), event.mask & UInt32(IN_ISDIR) != 0 { continue }
            let path = folder + "/" + name
            if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, watches(path) {
                addTree(path)
            }
            paths.append(path)
        }
        return paths
    }
}
#endif
