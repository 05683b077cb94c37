/// A replacement of the text between two line/character positions (counted in a `PositionEncoding`), or of the
/// whole text: how an editor describes its edits (the language server's `didChange` is made of them).
public struct TextReplacement: Sendable, Equatable {
    /// The replaced range, in the position encoding the edits are counted in; nil means "the whole text".
    public var range: TextRange?
    /// The replacement text.
    public var text: String

    /// Creates a change.
    public init(range: TextRange?, text: String) {
        self.range = range
        self.text = text
    }

    /// Applies `changes` in order to `bytes`; each range refers to the text left by the change
    /// before it. Positions are clamped like `LineTable.offset(of:in:)` does, and
    /// an end before its start replaces nothing (it inserts at the start).
    public static func apply(_ changes: [TextReplacement], to bytes: inout [UInt8], encoding: PositionEncoding) {
        for change in changes {
            guard let range = change.range else {
                bytes = Array(change.text.utf8)
                continue
            }
            let (start, end) = offsets(of: range, in: bytes, encoding: encoding)
            bytes.replaceSubrange(start..<end, with: change.text.utf8)
        }
    }

    /// The byte offsets of `range`; the line table is dropped before the caller mutates `bytes`, so
    /// the replacement does not copy the whole text.
    private static func offsets(of range: TextRange, in bytes: [UInt8], encoding: PositionEncoding) -> (Int, Int) {
        let lines = LineTable(bytes)
        let start = lines.offset(of: range.start, in: encoding)
        return (start, max(start, lines.offset(of: range.end, in: encoding)))
    }
}
