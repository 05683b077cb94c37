import DossierSyntax

/// The editor features (hover, navigation, completion, symbols, tokens…) as pure functions over a
/// `WorkspaceSnapshot`, a document and UTF-8 byte offsets. The server converts positions and ranges.
public enum Features {}

/// One replacement of a document's bytes.
public struct TextEdit: Hashable, Sendable {
    public var range: ByteRange
    public var newText: String

    /// Creates an edit replacing `range` with `newText`.
    public init(range: ByteRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

extension TextEdit {
    /// Applies `edits` (non-overlapping) to `bytes`, for tests and previews.
    public static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.range.start > $1.range.start }) {
            result.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
        }
        return result
    }
}

extension WorkspaceSnapshot {
    /// A short human name for a document: its title, else its file name.
    func displayName(of id: DocumentID) -> String {
        if let title = documents[id]?.title, !title.isEmpty { return title }
        return Features.fileName(id)
    }
}

extension Features {
    /// The last path component of a document id.
    static func fileName(_ id: DocumentID) -> String {
        let raw = id.rawValue
        if let slash = raw.lastIndex(of: "/") { return String(raw[raw.index(after: slash)...]) }
        return raw
    }

    /// Collapses runs of whitespace (newlines included) to one space and trims the ends.
    static func squeeze(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    /// The line ending a document uses (CRLF when its first line ends so).
    static func newline(of bytes: [UInt8]) -> String {
        if let lf = bytes.firstIndex(of: 0x0A), lf > 0, bytes[lf - 1] == 0x0D { return "\r\n" }
        return "\n"
    }

    /// The display name for an actor id: its definition's name, else the id.
    static func actorName(_ id: String, _ snapshot: WorkspaceSnapshot) -> String {
        snapshot.actor(id)?.definition.name.text ?? id
    }

    /// `lloyd-austin` → `Lloyd Austin`.
    static func humanize(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
