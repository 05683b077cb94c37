/// A problem in the base-protocol framing (the `Content-Length` header part).
public struct FramingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The header block has no `Content-Length`.
        case missingContentLength
        /// `Content-Length` is negative.
        case negativeContentLength
        /// `Content-Length` is not a decimal number.
        case invalidContentLength
        /// A header line is not `Name: value`.
        case malformedHeader
        /// The header block exceeded the size limit without its terminating empty line.
        case headerTooLarge
        /// `Content-Length` exceeds the body size limit; the body is skipped.
        case bodyTooLarge
        /// The stream ended inside a header or body.
        case truncated
    }

    /// The kind of error.
    public var kind: Kind
    /// Human-readable detail.
    public var message: String
    /// Offset in the stream (bytes fed so far) where the offending header started.
    public var streamOffset: Int

    /// Creates a framing error.
    public init(kind: Kind, message: String, streamOffset: Int) {
        self.kind = kind
        self.message = message
        self.streamOffset = streamOffset
    }

    /// "<message> (at stream byte N)".
    public var description: String { "\(message) (at stream byte \(streamOffset))" }
}

/// Incremental parser for the LSP base protocol: `Content-Length: N` (and optional other headers),
/// an empty line, then N bytes of body. Feed it arbitrary chunks, then pull frames.
///
/// Lenient: header names are case-insensitive, lines may end in `\r\n` or `\n`, blank lines
/// between messages are ignored. After a bad header it reports one error and resynchronises
/// at the next `Content-Length:` in the stream; a body over the size limit is reported and skipped.
/// All work is linear in the input, whatever the chunking.
public struct MessageFramer: Sendable {
    /// One result pulled from the framer.
    public enum Event: Sendable, Hashable {
        /// A complete message body.
        case body([UInt8])
        /// A framing error; the framer has already recovered.
        case error(FramingError)
    }

    /// Default maximum size of a header block.
    public static let defaultMaxHeaderBytes = 8 * 1024
    /// Default maximum body size (256 MiB).
    public static let defaultMaxBodyBytes = 256 * 1024 * 1024

    /// Maximum size of a header block.
    public let maxHeaderBytes: Int
    /// Maximum body size.
    public let maxBodyBytes: Int

    private enum State: Sendable {
        /// Reading header lines. `lineStart`: start of the current line; `scan`: where to continue looking for LF.
        case header(lineStart: Int, scan: Int, contentLength: Int?, sawHeader: Bool)
        /// Waiting for `length` body bytes.
        case body(length: Int)
        /// Discarding `remaining` bytes of an oversized body.
        case skipping(remaining: Int)
        /// Looking for the next `Content-Length:` after an error.
        case resync
    }

    private var buffer: [UInt8] = []
    /// Start of unconsumed data in `buffer`.
    private var start = 0
    /// Stream offset of `buffer[0]`.
    private var bufferBase = 0
    private var state: State = .header(lineStart: 0, scan: 0, contentLength: nil, sawHeader: false)
    /// Start (buffer index) of the header block being read.
    private var headerStart = 0

    /// A framer with the given limits.
    public init(maxHeaderBytes: Int = MessageFramer.defaultMaxHeaderBytes, maxBodyBytes: Int = MessageFramer.defaultMaxBodyBytes) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Number of bytes fed but not yet consumed.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Appends bytes read from the stream.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if case .skipping(let remaining) = state, start == buffer.count {
            // Discard without buffering.
            compactIfUseful()
            let n = min(remaining, bytes.count)
            bufferBase += n
            let rest = remaining - n
            if rest == 0 { beginHeader() } else { state = .skipping(remaining: rest) }
            if n < bytes.count {
                feed(UnsafeRawBufferPointer(rebasing: bytes[n...]))
            }
            return
        }
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes read from the stream.
    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Appends bytes read from the stream.
    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) == nil {
            feed(Array(bytes))
        }
    }

    /// The next complete body or error, or nil when more input is needed.
    public mutating func next() -> Event? {
        while true {
            switch state {
            case .header(let lineStart, var scan, var contentLength, var sawHeader):
                // Find the end of the current line.
                var lf = -1
                while scan < buffer.count {
                    if buffer[scan] == 0x0A { lf = scan; break }
                    scan += 1
                }
                if lf < 0 {
                    if scan - headerStart > maxHeaderBytes {
                        return fail(.headerTooLarge, "header exceeds \(maxHeaderBytes) bytes without an empty line")
                    }
                    state = .header(lineStart: lineStart, scan: scan, contentLength: contentLength, sawHeader: sawHeader)
                    return nil
                }
                var lineEnd = lf
                if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let nextLine = lf + 1
                if lineEnd == lineStart {
                    // Empty line.
                    if !sawHeader {
                        // Blank line between messages: ignore.
                        start = nextLine
                        beginHeader()
                        continue
                    }
                    guard let length = contentLength else {
                        return fail(.missingContentLength, "missing Content-Length header")
                    }
                    start = nextLine
                    if length > maxBodyBytes {
                        let error = FramingError(kind: .bodyTooLarge,
                                                 message: "Content-Length \(length) exceeds the limit of \(maxBodyBytes) bytes; message skipped",
                                                 streamOffset: bufferBase + headerStart)
                        beginSkipping(length)
                        return .error(error)
                    }
                    state = .body(length: length)
                    continue
                }
                if nextLine - headerStart > maxHeaderBytes {
                    return fail(.headerTooLarge, "header exceeds \(maxHeaderBytes) bytes without an empty line")
                }
                // Parse "Name: value".
                guard let colon = buffer[lineStart..<lineEnd].firstIndex(of: 0x3A) else {
                    return fail(.malformedHeader, "malformed header line '\(printable(lineStart..<lineEnd))'")
                }
                let name = buffer[lineStart..<colon]
                guard isHeaderName(name) else {
                    return fail(.malformedHeader, "malformed header line '\(printable(lineStart..<lineEnd))'")
                }
                sawHeader = true
                if asciiCaseInsensitiveEquals(name, "content-length") {
                    switch parseLength(colon + 1..<lineEnd) {
                    case .length(let n): contentLength = n
                    case .failed(let event): return event
                    }
                }
                // Other headers (Content-Type, …) are accepted and ignored.
                state = .header(lineStart: nextLine, scan: nextLine, contentLength: contentLength, sawHeader: sawHeader)

            case .body(let length):
                guard buffer.count - start >= length else { return nil }
                let body = Array(buffer[start..<start + length])
                start += length
                beginHeader()
                return .body(body)

            case .skipping(let remaining):
                let n = min(remaining, buffer.count - start)
                start += n
                if n < remaining {
                    state = .skipping(remaining: remaining - n)
                    compactIfUseful()
                    return nil
                }
                beginHeader()

            case .resync:
                // Look for "content-length:" (any case) at or after `start`.
                let needle = Self.contentLengthNeedle
                var i = start
                let last = buffer.count - needle.count
                var found = false
                while i <= last {
                    if buffer[i] | 0x20 == 0x63 && matchesNeedle(at: i) {
                        found = true
                        break
                    }
                    i += 1
                }
                if found {
                    start = i
                    beginHeader()
                    continue
                }
                // Keep the tail that might be the beginning of the needle.
                start = max(start, buffer.count - (needle.count - 1))
                compactIfUseful()
                return nil
            }
        }
    }

    /// Call at end of stream: an error if the stream stopped inside a message (the framer is then reset).
    public mutating func finish() -> FramingError? {
        defer {
            bufferBase += buffer.count
            buffer = []
            start = 0
            beginHeader()
        }
        switch state {
        case .header:
            let pending = buffer[start...].contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }
            guard pending else { return nil }
            return FramingError(kind: .truncated, message: "stream ended inside a message header", streamOffset: bufferBase + headerStart)
        case .body(let length):
            return FramingError(kind: .truncated,
                                message: "stream ended after \(buffer.count - start) of \(length) body bytes",
                                streamOffset: bufferBase + start)
        case .skipping, .resync:
            return nil
        }
    }

    /// Adds the `Content-Length` header to a body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.reserveCapacity(out.count + body.count)
        out.append(contentsOf: body)
        return out
    }

    // MARK: Helpers

    private static let contentLengthNeedle: [UInt8] = Array("content-length:".utf8)

    private func matchesNeedle(at i: Int) -> Bool {
        let needle = Self.contentLengthNeedle
        for k in 0..<needle.count {
            var b = buffer[i + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != needle[k] { return false }
        }
        return true
    }

    /// Starts reading a new header block at `start`.
    private mutating func beginHeader() {
        headerStart = start
        state = .header(lineStart: start, scan: start, contentLength: nil, sawHeader: false)
    }

    /// Reports an error for the header block at `headerStart` and starts resynchronising after it.
    private mutating func fail(_ kind: FramingError.Kind, _ message: String) -> Event {
        let error = FramingError(kind: kind, message: message, streamOffset: bufferBase + headerStart)
        start = min(headerStart + 1, buffer.count)
        state = .resync
        return .error(error)
    }

    private mutating func beginSkipping(_ length: Int) {
        let n = min(length, buffer.count - start)
        start += n
        if n == length { beginHeader() } else { state = .skipping(remaining: length - n) }
    }

    /// Drops consumed bytes when that is cheap relative to the work already done (amortised linear).
    private mutating func compactIfUseful() {
        guard start > 0 else { return }
        if start == buffer.count {
            bufferBase += start
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            shift(by: start)
        } else if start >= 4096 && start * 2 >= buffer.count {
            bufferBase += start
            buffer.removeSubrange(0..<start)
            shift(by: start)
        }
    }

    /// Adjusts buffer indices after removing `n` bytes from the front.
    private mutating func shift(by n: Int) {
        start -= n
        headerStart = max(0, headerStart - n)
        if case .header(let lineStart, let scan, let contentLength, let sawHeader) = state {
            state = .header(lineStart: lineStart - n, scan: scan - n, contentLength: contentLength, sawHeader: sawHeader)
        }
    }

    /// Whether `bytes` (trimmed of spaces/tabs) is a non-empty HTTP token (RFC 9110 `tchar`s).
    private func isHeaderName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
        guard lo < hi else { return false }
        for k in lo..<hi {
            let b = bytes[k]
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: continue
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                 UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                continue
            default:
                return false
            }
        }
        return true
    }

    private func asciiCaseInsensitiveEquals(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        // Trim surrounding spaces/tabs from the header name.
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
        while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
        guard hi - lo == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for k in 0..<(hi - lo) {
            var b = bytes[lo + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != p[k] { return false }
        }
        return true
    }

    private enum LengthParse {
        case length(Int)
        case failed(Event)
    }

    private mutating func parseLength(_ range: Range<Int>) -> LengthParse {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && (buffer[lo] == 0x20 || buffer[lo] == 0x09) { lo += 1 }
        while hi > lo && (buffer[hi - 1] == 0x20 || buffer[hi - 1] == 0x09) { hi -= 1 }
        let text = printable(lo..<hi)
        if lo < hi && buffer[lo] == 0x2D, lo + 1 < hi, buffer[(lo + 1)..<hi].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .failed(fail(.negativeContentLength, "negative Content-Length '\(text)'"))
        }
        guard lo < hi, buffer[lo..<hi].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failed(fail(.invalidContentLength, "invalid Content-Length '\(text)'"))
        }
        var value = 0
        for k in lo..<hi {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(buffer[k] - 0x30))
            if o1 || o2 {
                return .failed(fail(.bodyTooLarge, "Content-Length '\(text)' exceeds the limit of \(maxBodyBytes) bytes"))
            }
            value = s
        }
        return .length(value)
    }

    /// A short, single-line rendering of some buffered bytes for error messages.
    private func printable(_ range: Range<Int>) -> String {
        let limit = 60
        let slice = buffer[range.lowerBound..<min(range.upperBound, range.lowerBound + limit)]
        var s = String(decoding: slice, as: UTF8.self)
        s = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return range.count > limit ? s + "…" : s
    }
}
