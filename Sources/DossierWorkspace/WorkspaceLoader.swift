import DossierAnalysis
import DossierSyntax
import Foundation
#if canImport(Glibc)
import Glibc

/// `read(2)`, named apart from the Swift methods called `read`.
private let readFile = Glibc.read
#elseif canImport(Darwin)
import Darwin

private let readFile = Darwin.read
#endif

/// A problem reading the workspace from disk, worded for the user.
public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}

/// A workspace read from disk: its root, configuration, documents and the problems met on the way.
public struct LoadedWorkspace: Sendable {
    public var root: String
    public var snapshot: WorkspaceSnapshot
    /// Problems in `dossier.json`, with the file's bytes to place them.
    public var configurationProblems: [ConfigurationProblem]
    public var configurationBytes: [UInt8]?
    /// Files that could not be read, with the reason.
    public var unreadable: [(path: String, reason: String)]
    /// Folders below the root holding their own `dossier.json`: workspaces of their own, not part of this one.
    public var nestedRoots: [String]
}

/// Finds and reads the Markdown files of a workspace.
public enum WorkspaceLoader {
    /// The folder of `dossier.json`.
    public static let configurationFile = "dossier.json"

    /// The nearest folder at or above `path` holding `dossier.json` or `.git`, or nil.
    public static func root(containing path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            folder = (folder as NSString).deletingLastPathComponent
        }
        while true {
            for marker in [configurationFile, ".git"] where FileManager.default.fileExists(atPath: folder + "/" + marker) {
                return folder
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    /// Reads `dossier.json` of `root`, if present; one that exists but cannot be read (or is not a
    /// regular file) is a problem on the file, and the defaults apply.
    public static func configuration(root: String) -> (Configuration, [ConfigurationProblem], [UInt8]?) {
        configuration(read: readConfigurationFile(root: root))
    }

    /// The bytes of `dossier.json` in `root`, or nil when there is none.
    private static func readConfigurationFile(root: String) -> Result<[UInt8], WorkspaceError>? {
        let path = root + "/" + configurationFile
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return FileReader.read(path)
    }

    private static func configuration(read: Result<[UInt8], WorkspaceError>?) -> (Configuration, [ConfigurationProblem], [UInt8]?) {
        switch read {
        case nil:
            return (Configuration(), [], nil)
        case .success(let bytes):
            let (configuration, problems) = ConfigurationParser.parse(bytes: bytes)
            return (configuration, problems, bytes)
        case .failure(let error):
            let problem = ConfigurationProblem(
                path: "", key: "", message: "dossier.json: \(error.description); the defaults apply", severity: .error)
            return (Configuration(), [problem], [])
        }
    }

    /// Every document of the workspace `membership` describes (absolute paths, sorted), and the nested workspaces
    /// found on the way (folders below the root holding their own `dossier.json`, which the walk does not enter).
    /// Hidden folders, `node_modules`, excluded globs and links to folders are skipped, so a symlink loop cannot
    /// trap the walk.
    public static func walk(_ membership: WorkspaceMembership) -> (files: [String], nestedRoots: [String]) {
        let root = membership.root
        let realRoot = realPath(root) ?? root
        var files: [String] = []
        var nestedRoots: [String] = []
        // A level of folders at a time, its folders read on all cores (a corpus spreads its files over
        // many folders); the results are sorted at the end, so the order they come in does not matter.
        var level = [""]
        while !level.isEmpty {
            let folders = level
            let found = ResultSlots<FolderListing>(count: folders.count)
            DispatchQueue.concurrentPerform(iterations: folders.count) { index in
                found.set(index, list(folder: folders[index], of: membership, realRoot: realRoot))
            }
            level = []
            for case let listing? in found.values {
                files += listing.files
                nestedRoots += listing.nestedRoots
                level += listing.folders
            }
        }
        return (files.sorted(), nestedRoots.sorted())
    }

    /// What one folder of the walk holds: its documents, the nested workspaces in it, the folders to walk next.
    private struct FolderListing: Sendable {
        var files: [String] = []
        var nestedRoots: [String] = []
        var folders: [String] = []
    }

    /// Lists the folder at `relative` below the root (the root itself for "").
    private static func list(folder relative: String, of membership: WorkspaceMembership, realRoot: String) -> FolderListing {
        let root = membership.root
        let folder = relative.isEmpty ? root : root + "/" + relative
        var listing = FolderListing()
        for (name, kind) in entries(of: folder) {
            let child = relative.isEmpty ? name : relative + "/" + name
            if membership.excludes(entry: name, relative: child) { continue }
            switch kind {
            case .folder:
                if FileManager.default.fileExists(atPath: root + "/" + child + "/" + configurationFile) {
                    listing.nestedRoots.append(root + "/" + child)
                } else {
                    listing.folders.append(child)
                }
            case .file where name.hasSuffix(".md"):
                listing.files.append(root + "/" + child)
            case .link where name.hasSuffix(".md") && isRegularFile(root + "/" + child) && resolves(root + "/" + child, inside: realRoot):
                listing.files.append(root + "/" + child)
            default:
                break
            }
        }
        return listing
    }

    private enum EntryKind { case folder, file, link, other }

    /// The canonical path, links resolved.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the link at `path` resolves to a file inside `root`: a link never brings outside
    /// files into the workspace.
    private static func resolves(_ path: String, inside root: String) -> Bool {
        guard let target = realPath(path) else { return false }
        return target.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Whether `path` leads (through links) to a regular file: a named pipe or device is never read
    /// (reading one could wait forever).
    public static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The entries of a folder with their types, read with `readdir` (no `stat` per file when the
    /// file system reports types).
    private static func entries(of folder: String) -> [(name: String, kind: EntryKind)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var result: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(folder + "/" + name, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFREG: type = Int32(DT_REG)
                case S_IFLNK: type = Int32(DT_LNK)
                default: break
                }
            }
            switch type {
            case Int32(DT_DIR): result.append((name, .folder))
            case Int32(DT_REG): result.append((name, .file))
            case Int32(DT_LNK): result.append((name, .link))
            default: result.append((name, .other))
            }
        }
        return result
    }

    /// Reads and scans `paths` on all cores; returns the documents and the files that failed.
    /// The documents share one string per actor id.
    public static func readDocuments(_ paths: [String]) -> ([Document], [(path: String, reason: String)]) {
        let results = ResultSlots<Result<Document, WorkspaceError>>(count: paths.count)
        let identifiers = IdentifierTable()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let path = paths[index]
            results.set(index, readDocument(path, identifiers: identifiers))
        }
        var documents: [Document] = []
        var failures: [(path: String, reason: String)] = []
        documents.reserveCapacity(paths.count)
        for (index, result) in results.values.enumerated() {
            switch result {
            case .success(let document): documents.append(document)
            case .failure(let error): failures.append((paths[index], error.description))
            case nil: failures.append((paths[index], "not read"))
            }
        }
        return (documents, failures)
    }

    /// Reads one file into a document, its actor ids shared through `identifiers` when given.
    public static func readDocument(_ path: String, identifiers: IdentifierTable? = nil) -> Result<Document, WorkspaceError> {
        switch FileReader.read(path) {
        case .success(let bytes):
            return .success(Document(id: DocumentID(FileURI.uri(forPath: path)), bytes: bytes, identifiers: identifiers))
        case .failure(let error): return .failure(error)
        }
    }

    /// Loads the workspace at `root`: its documents, not those of the nested workspaces below it.
    public static func load(root: String) -> LoadedWorkspace {
        let read = readConfigurationFile(root: root)
        let (configuration, problems, configurationBytes) = self.configuration(read: read)
        let (files, nestedRoots) = walk(WorkspaceMembership(root: root, exclude: configuration.exclude))
        let (documents, readFailures) = readDocuments(files)
        var failures = readFailures
        // An unreadable dossier.json is an I/O error too, besides the problem shown on it.
        if case .failure(let error) = read { failures.insert((root + "/" + configurationFile, error.description), at: 0) }
        return LoadedWorkspace(
            root: root, snapshot: WorkspaceSnapshot(documents: documents, configuration: configuration),
            configurationProblems: problems, configurationBytes: configurationBytes, unreadable: failures, nestedRoots: nestedRoots)
    }

    /// Loads the workspace at `root` and every workspace nested below it (SPEC 4: each folder holding a
    /// `dossier.json` is a workspace of its own, with its own cast, claims and configuration), outermost first.
    public static func loadTree(root: String) -> [LoadedWorkspace] {
        var loaded: [LoadedWorkspace] = []
        var pending = [root]
        while let next = pending.popLast() {
            let workspace = load(root: next)
            loaded.append(workspace)
            pending += workspace.nestedRoots.reversed()
        }
        return loaded
    }
}

/// Fixed slots that concurrent workers fill, each slot written once.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// Reads whole files with POSIX calls, with errors a user can act on.
public enum FileReader {
    /// The largest file read (bigger ones are reported, not loaded).
    public static let maximumSize = 64 << 20

    /// The bytes of `path`, which must be a regular file (after links): the file may have been
    /// replaced by a folder, a named pipe or a device since the workspace was listed.
    public static func read(_ path: String) -> Result<[UInt8], WorkspaceError> {
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever. Reads from a
        // regular file ignore the flag.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(WorkspaceError("cannot read: \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(WorkspaceError("cannot read: \(String(cString: strerror(errno)))")) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(WorkspaceError("is a folder, not a file"))
        case S_IFIFO: return .failure(WorkspaceError("is a named pipe, not a regular file"))
        default: return .failure(WorkspaceError("is not a regular file (a device or socket)"))
        }
        if Int(status.st_size) > maximumSize {
            return .failure(WorkspaceError("is larger than \(maximumSize >> 20) MB: split it or exclude it in dossier.json"))
        }
        // Sized by fstat so the common case is one allocation of exactly the file's size (every
        // file stays in memory while the workspace is open), read straight into uninitialised
        // storage: zeroing it first would touch every byte of the workspace once more.
        var firstError: Int32 = 0
        // An empty file starts from an empty array: with capacity 0 the initializer writes the count into the
        // storage every empty array shares, which ThreadSanitizer rightly reports when two threads do it.
        var bytes: [UInt8] = status.st_size == 0 ? [] : [UInt8](unsafeUninitializedCapacity: Int(status.st_size)) { buffer, initialized in
            while initialized < buffer.count {
                let count = readFile(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count > 0 {
                    initialized += count
                } else if count == 0 || errno != EINTR {
                    firstError = count < 0 ? errno : 0
                    break
                }
            }
        }
        if firstError != 0 { return .failure(WorkspaceError("cannot read: \(String(cString: strerror(firstError)))")) }
        // A file shorter than fstat said has been read to its end; one that grew is read on.
        if bytes.count < Int(status.st_size) { return .success(bytes) }
        while true {
            let count = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
                let count = readFile(descriptor, chunk.baseAddress!, chunk.count)
                if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
                return count
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(WorkspaceError("cannot read: \(String(cString: strerror(errno)))"))
            }
            if count == 0 { break }
            // A file still being written could otherwise grow the buffer without end.
            if bytes.count > maximumSize {
                return .failure(WorkspaceError("grew past \(maximumSize >> 20) MB while being read"))
            }
        }
        return .success(bytes)
    }
}
