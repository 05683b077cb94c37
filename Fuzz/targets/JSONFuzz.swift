// libFuzzer target: JSONParser.parse never crashes; parse -> serialise -> parse is the identity.
// Built together with Sources/DossierJSON/*.swift and targets/shared/Check.swift (see Fuzz/run.sh).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    for options in [JSONWriter.Options(), .prettyPrinted, .sortedKeys] {
        let written = JSONWriter(options: options).bytes(value)
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(written)
        } catch {
            fatalError("re-parse of serialised value failed: \(error); written: \(String(decoding: written, as: UTF8.self))")
        }
        check(reparsed == value,
                     "round trip changed the value: \(value) -> \(String(decoding: written, as: UTF8.self)) -> \(reparsed)")
    }
    return 0
}
