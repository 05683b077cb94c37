// libFuzzer target: MessageFramer fed arbitrary chunks; each body goes through Message.decode.
// Built together with Sources/DossierJSON/*.swift + Sources/DossierProtocol/{MessageFramer,Message}.swift
// (with `import DossierJSON` stripped, as everything is one module) and targets/shared/Check.swift; see Fuzz/run.sh.

func drain(_ framer: inout MessageFramer, into bodies: inout [[UInt8]]) {
    while let event = framer.next() {
        if case .body(let body) = event {
            bodies.append(body)
            _ = Message.decode(body)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    // The first byte seeds the chunking; the rest is the stream.
    var seed = UInt32(data[0]) &* 2654435761 | 1
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    var chunked = MessageFramer(maxHeaderBytes: 1024, maxBodyBytes: 1 << 20)
    var chunkedBodies: [[UInt8]] = []
    var index = 0
    while index < stream.count {
        seed = seed &* 1103515245 &+ 12345
        let length = min(Int((seed >> 16) % 24), stream.count - index)  // 0-length feeds included
        chunked.feed(stream[index..<(index + length)])
        index += length
        drain(&chunked, into: &chunkedBodies)
    }
    _ = chunked.finish()
    drain(&chunked, into: &chunkedBodies)

    // Framing must not depend on how the stream was split.
    var whole = MessageFramer(maxHeaderBytes: 1024, maxBodyBytes: 1 << 20)
    var wholeBodies: [[UInt8]] = []
    whole.feed(stream)
    drain(&whole, into: &wholeBodies)
    _ = whole.finish()
    drain(&whole, into: &wholeBodies)
    check(chunkedBodies == wholeBodies,
                 "chunked framing gave \(chunkedBodies.count) bodies, whole-buffer framing \(wholeBodies.count)")
    return 0
}
