#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A leveled logger writing one line per message to stderr (or a custom sink).
///
/// Line format: `[dossier 14:03:07.125 info] message`.
public final class Logger: Sendable {
    /// Severity, from most to least important.
    public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
        /// Failures.
        case error = 0
        /// Suspicious conditions.
        case warn = 1
        /// Normal progress.
        case info = 2
        /// Detail for debugging.
        case debug = 3

        /// Parses "error", "warn"/"warning", "info", "debug" (case-insensitive); also "trace"/"verbose" as debug.
        public init?(name: String) {
            switch name.lowercased() {
            case "error": self = .error
            case "warn", "warning": self = .warn
            case "info": self = .info
            case "debug", "trace", "verbose": self = .debug
            default: return nil
            }
        }

        /// Orders by verbosity (error < warn < info < debug).
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// "error", "warn", "info" or "debug".
        public var description: String {
            switch self {
            case .error: return "error"
            case .warn: return "warn"
            case .info: return "info"
            case .debug: return "debug"
            }
        }
    }

    private let levelValue: Atomic<Int>
    private let label: String
    private let sink: @Sendable (String) -> Void
    private let timestamps: Bool

    /// A logger at `level`. Without `sink`, lines (newline-terminated) go to fd 2 in one `write` each.
    public init(level: Level = .info, label: String = "dossier", timestamps: Bool = true,
                sink: (@Sendable (String) -> Void)? = nil) {
        self.levelValue = Atomic(level.rawValue)
        self.label = label
        self.timestamps = timestamps
        self.sink = sink ?? { line in
            var line = line
            line.withUTF8 { buffer in try? writeAll(2, UnsafeRawBufferPointer(buffer)) }
        }
    }

    /// The most verbose level written.
    public var level: Level {
        get { Level(rawValue: levelValue.load(ordering: .relaxed)) ?? .info }
        set { levelValue.store(newValue.rawValue, ordering: .relaxed) }
    }

    /// Whether messages at `level` are written.
    public func isEnabled(_ level: Level) -> Bool {
        level.rawValue <= levelValue.load(ordering: .relaxed)
    }

    /// Writes `message` if `level` is enabled (the message is only built when needed).
    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        var line = "[\(label)"
        if timestamps { line += " " + Logger.timestamp() }
        line += " \(level)] "
        line += message()
        line += "\n"
        sink(line)
    }

    /// Logs at error level.
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    /// Logs at warn level.
    public func warn(_ message: @autoclosure () -> String) { log(.warn, message()) }
    /// Logs at info level.
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    /// Logs at debug level.
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }

    /// Local wall-clock time as HH:MM:SS.mmm.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var seconds = ts.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(Int(ts.tv_nsec) / 1_000_000, 3))"
    }
}
