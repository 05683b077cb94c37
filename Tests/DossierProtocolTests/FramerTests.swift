import DossierJSON
import DossierProtocol
import DossierTestSupport
import Testing

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

private func framed(_ body: String) -> [UInt8] {
    MessageFramer.frame(bytes(body))
}

/// Bodies (as strings) and error kinds, in order.
private enum Out: Equatable, CustomStringConvertible {
    case body(String)
    case error(FramingError.Kind)

    var description: String {
        switch self {
        case .body(let b): return "body(\(b.prefix(40)))"
        case .error(let k): return "error(\(k))"
        }
    }
}

private func run(_ chunks: [[UInt8]], framer: MessageFramer = MessageFramer(), finish: Bool = true) -> [Out] {
    var framer = framer
    var out: [Out] = []
    for chunk in chunks {
        for event in framer.process(chunk) {
            switch event {
            case .body(let b): out.append(.body(String(decoding: b, as: UTF8.self)))
            case .error(let e): out.append(.error(e.kind))
            }
        }
    }
    if finish, let e = framer.finish() { out.append(.error(e.kind)) }
    return out
}

@Suite("Base protocol framing")
struct FramerTests {
    let messages = [#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#, #"{"a":"é😀"}"#, "{}"]

    var stream: [UInt8] { messages.flatMap(framed) }

    @Test func singleMessage() {
        #expect(run([framed(messages[0])]) == [.body(messages[0])])
        #expect(framed("{}") == bytes("Content-Length: 2\r\n\r\n{}"))
    }

    @Test func severalMessagesInOneChunk() {
        #expect(run([stream]) == messages.map(Out.body))
    }

    @Test func splitAtEveryByteBoundary() {
        let all = stream
        for k in 0...all.count {
            #expect(run([Array(all[..<k]), Array(all[k...])]) == messages.map(Out.body), "split at \(k)")
        }
        // Three-way splits around the header/body seams.
        for i in stride(from: 0, to: all.count, by: 7) {
            for j in stride(from: i, to: all.count, by: 5) {
                #expect(run([Array(all[..<i]), Array(all[i..<j]), Array(all[j...])]) == messages.map(Out.body))
            }
        }
    }

    @Test func byteByByte() {
        #expect(run(stream.map { [$0] }) == messages.map(Out.body))
    }

    @Test func headerVariants() {
        let body = #"{"x":1}"#
        let variants = [
            "content-length: 7\r\n\r\n",
            "CONTENT-LENGTH:7\r\n\r\n",
            "Content-Length:   7  \r\n\r\n",
            "Content-Length: 7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 7\r\n\r\n",
            "Content-Length: 7\n\n",
            "Content-Length: 7\r\n\n",
            "\r\n\r\nContent-Length: 7\r\n\r\n",
            "X-Custom: a:b:c\nContent-Length: 7\n\n",
        ]
        for header in variants {
            #expect(run([bytes(header + body + header + body)]) == [.body(body), .body(body)], "\(header.debugDescription)")
        }
    }

    @Test func newlineOnlyLineEndsByteByByte() {
        let s = bytes("Content-Length: 2\n\n{}Content-Length: 3\n\n[1]")
        #expect(run(s.map { [$0] }) == [.body("{}"), .body("[1]")])
    }

    @Test(arguments: [
        ("Content-Type: text/plain\r\n\r\n{}", FramingError.Kind.missingContentLength),
        ("Content-Length: -5\r\n\r\n", .negativeContentLength),
        ("Content-Length: abc\r\n\r\nabc", .invalidContentLength),
        ("Content-Length: 12x\r\n\r\n", .invalidContentLength),
        ("Content-Length: \r\n\r\n", .invalidContentLength),
        ("Content-Length: 99999999999999999999999999\r\n\r\n", .bodyTooLarge),
        ("garbage line\r\n", .malformedHeader),
        ("{\"jsonrpc\":\"2.0\"}\r\n\r\n", .malformedHeader),
    ])
    func badHeaderThenGoodMessageResynchronises(bad: String, kind: FramingError.Kind) {
        let good = #"{"ok":true}"#
        let input = bytes(bad) + framed(good) + framed("{}")
        #expect(run([input]) == [.error(kind), .body(good), .body("{}")])
        // Same when fed byte by byte.
        #expect(run(input.map { [$0] }) == [.error(kind), .body(good), .body("{}")])
    }

    @Test func errorCarriesOffsetAndMessage() {
        var framer = MessageFramer()
        let events = framer.process(framed("{}") + bytes("Content-Length: nope\r\n\r\n"))
        guard events.count == 2, case .error(let error) = events[1] else {
            Issue.record("unexpected events \(events)")
            return
        }
        #expect(error.streamOffset == 23)
        #expect(error.message == "invalid Content-Length 'nope'")
        #expect(error.description.contains("at stream byte 23"))
    }

    @Test func bodyOverLimitIsSkipped() {
        let framer = MessageFramer(maxBodyBytes: 10)
        let big = String(repeating: "x", count: 25)
        let input = framed(big) + framed("{}")
        #expect(run([input], framer: framer) == [.error(.bodyTooLarge), .body("{}")])
        #expect(run(input.map { [$0] }, framer: framer) == [.error(.bodyTooLarge), .body("{}")])
        // Header then the oversized body arriving later in large chunks.
        let header = Array(input[..<21])
        #expect(run([header, Array(input[21..<30]), Array(input[30...])], framer: framer) == [.error(.bodyTooLarge), .body("{}")])
        #expect(MessageFramer().maxBodyBytes == 256 * 1024 * 1024)
    }

    @Test func headerTooLarge() {
        let junk = bytes("X-Junk: " + String(repeating: "a", count: 9000))
        #expect(run([junk + bytes("\r\n\r\n") + framed("{}")]) == [.error(.headerTooLarge), .body("{}")])
        // Without any line end at all, detected before the terminator arrives.
        var framer = MessageFramer(maxHeaderBytes: 100)
        #expect(framer.process(Array(repeating: 0x61, count: 50)).isEmpty)
        let events = framer.process(Array(repeating: 0x61, count: 60))
        #expect(events.count == 1)
        #expect(framer.process(framed("{}")) == [.body(bytes("{}"))])
        // Many header lines, each fine, add up.
        let many = (0..<1000).map { "X-\($0): y\r\n" }.joined()
        // Resynchronisation then finds the block's own Content-Length and recovers that message too.
        #expect(run([bytes(many + "Content-Length: 2\r\n\r\n{}") + framed("[]")]) == [.error(.headerTooLarge), .body("{}"), .body("[]")])
    }

    @Test func endOfStreamInsideMessage() {
        #expect(run([bytes("Content-Length: 10\r\n\r\n")]) == [.error(.truncated)])
        #expect(run([bytes("Content-Length: 10\r\n\r\n{\"a\"")]) == [.error(.truncated)])
        #expect(run([bytes("Content-Length: 10\r\n")]) == [.error(.truncated)])
        #expect(run([bytes("Content-Len")]) == [.error(.truncated)])
        #expect(run([framed("{}") + bytes("\r\n")]) == [.body("{}")])
        #expect(run([]) == [])
        var framer = MessageFramer()
        _ = framer.process(bytes("Content-Length: 10\r\n\r\n{}"))
        #expect(framer.finish()?.message == "stream ended after 2 of 10 body bytes")
    }

    @Test func emptyBodyAndBinaryBody() {
        #expect(run([bytes("Content-Length: 0\r\n\r\n") + framed("{}")]) == [.body(""), .body("{}")])
        var framer = MessageFramer()
        let raw: [UInt8] = [0, 0x0A, 0x0D, 0xFF]
        #expect(framer.process(MessageFramer.frame(raw)) == [.body(raw)])
    }

    @Test func largeBodyInChunksStaysLinear() {
        let body = "[" + String(repeating: "\"abcdefghij\",", count: 100_000) + "0]"
        let input = framed(body) + framed("{}")
        var framer = MessageFramer()
        var bodies: [[UInt8]] = []
        var i = 0
        while i < input.count {
            let j = min(input.count, i + 997)
            framer.feed(input[i..<j])
            while let e = framer.next() {
                if case .body(let b) = e { bodies.append(b) }
            }
            i = j
        }
        #expect(bodies.count == 2)
        #expect(bodies.first?.count == body.utf8.count)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func manySmallMessagesByteByByteDoNotAccumulate() {
        var framer = MessageFramer()
        var count = 0
        let one = framed(#"{"jsonrpc":"2.0","method":"x"}"#)
        for _ in 0..<2000 {
            for b in one {
                framer.feed(CollectionOfOne(b))
                while let e = framer.next() { if case .body = e { count += 1 } }
            }
        }
        #expect(count == 2000)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func resyncSkipsLongGarbageWithoutBuffering() {
        var framer = MessageFramer()
        var errors = 0
        _ = framer.process(bytes("bogus\r\n"))
        for _ in 0..<200 {
            for e in framer.process(Array(repeating: 0x7A, count: 10_000)) {
                if case .error = e { errors += 1 }
            }
        }
        #expect(errors == 0)
        #expect(framer.bufferedByteCount < 64)
        #expect(framer.process(framed("{}")) == [.body(bytes("{}"))])
    }
}
