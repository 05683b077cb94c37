import Foundation

/// The one rule for "is this path a document of this workspace" (SPEC 1 and 4): a `.md` file below the root, not
/// under a hidden folder or `node_modules`, not matched by an `exclude` glob, and not inside a nested workspace (a
/// folder below the root holding its own `dossier.json`). The initial walk, the server's watcher, watched-file
/// events, `didClose` and the command line all ask it.
public struct WorkspaceMembership: Sendable, Hashable {
    /// The workspace folder (absolute, no trailing slash).
    public let root: String
    /// The `exclude` globs of its configuration.
    public let exclude: [Glob]

    /// The rule for `root` under `exclude` patterns.
    public init(root: String, exclude: [String]) {
        self.root = root
        self.exclude = exclude.map(Glob.init)
    }

    /// `path` relative to the root, or nil when it is not below it.
    public func relativePath(_ path: String) -> String? {
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// Whether a folder or file at `relative` (below the root) is left out by name or by the globs: hidden, named
    /// `node_modules`, or excluded. Checks every folder on the way, as the walk does.
    public func excludes(relative: String) -> Bool {
        let components = relative.split(separator: "/")
        if components.contains(where: { $0.hasPrefix(".") || $0 == "node_modules" }) { return true }
        return !exclude.isEmpty && exclude.contains { $0.matches(relative) }
    }

    /// `excludes(relative:)` for an entry whose folders the walk has already admitted: only its own
    /// name and the globs are looked at (no split of the path for each of ten thousand files).
    public func excludes(entry name: String, relative: String) -> Bool {
        if name.hasPrefix(".") || name == "node_modules" { return true }
        return !exclude.isEmpty && exclude.contains { $0.matches(relative) }
    }

    /// Whether `path` is a Markdown document of this workspace by name; `nestedRoot(of:)` says whether a nested
    /// workspace claims it.
    public func admits(_ path: String) -> Bool {
        guard path.hasSuffix(".md"), let relative = relativePath(path) else { return false }
        return !excludes(relative: relative)
    }

    /// The nearest folder between the root (exclusive) and `path` that holds a `dossier.json`: the nested
    /// workspace `path` belongs to instead of this one; nil when there is none.
    public func nestedRoot(of path: String) -> String? {
        guard let relative = relativePath(path) else { return nil }
        var components = relative.split(separator: "/").map(String.init)
        components.removeLast()  // the file (or folder) itself: its own dossier.json would make it a root, not nested
        while !components.isEmpty {
            let folder = root + "/" + components.joined(separator: "/")
            if FileManager.default.fileExists(atPath: folder + "/" + WorkspaceLoader.configurationFile) { return folder }
            components.removeLast()
        }
        return nil
    }

    /// Whether `path` is a document of this workspace: admitted by name and not inside a nested workspace.
    public func contains(_ path: String) -> Bool {
        admits(path) && nestedRoot(of: path) == nil
    }
}
