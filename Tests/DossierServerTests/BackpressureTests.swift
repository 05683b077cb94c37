import DossierJSON
import DossierProtocol
@testable import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// A client that stops reading the server's output must not stop the server from reading its input: only the
/// server's writer thread waits on a full pipe, never the reader (which applies edits) nor a lock it needs.
@Suite("Back-pressure")
struct BackpressureTests {
    @Test func aClientThatStopsReadingDoesNotStopTheServerReading() async throws {
        let h = try Harness(files: ["cast.md": castText])
        try await h.initialize()
        let filler = String(repeating: "Lloyd Austin said it reportedly. ", count: 40)
        func text(_ version: Int) -> String { "# Edit \(version)\n\n[Lloyd Austin](@lloyd-austin) \(filler)\n" }
        let article = MarkedText("# Edit 1\n\n[Lloyd Austin](@lloyd-‸austin)\n")
        try h.open("a.md", text(1))
        _ = try await h.diagnostics("a.md", version: 1)

        h.client.pauseReading(true)
        let clock = ContinuousClock()
        let stop = clock.now + .seconds(4)
        var slowest = Duration.zero
        var ids: [RequestID] = []
        var version = 1
        while clock.now < stop {
            version += 1
            let started = clock.now
            try h.change("a.md", to: text(version), version: version)
            ids.append(try h.client.sendRequest(method: "textDocument/hover", params: .object(h.at("a.md", article))))
            slowest = max(slowest, clock.now - started)
            try await Task.sleep(for: .milliseconds(20))
        }
        h.client.pauseReading(false)
        // The output backed up (hover answers alone are over 64 KiB), yet no write to the server waited long. The
        // input pipe holds 64 KiB, less than a second of these edits: a server that stopped reading would block
        // the client's writes until it read again, about three seconds; two leave room for a loaded machine.
        #expect(slowest < .seconds(2), "a write to the server blocked for \(slowest)")
        for id in ids {
            _ = try await h.client.nextMessage(timeout: .seconds(20), what: "answer to \(id)") { $0["id"] == id.json && $0["method"] == nil }
        }
        let last = try await h.diagnostics("a.md", version: version, timeout: .seconds(20))
        #expect(last["params"]?["diagnostics"]?.arrayValue?.count == 40)
        try await Task.sleep(for: .milliseconds(100))
        #expect(!h.client.queuedMessages.contains { message in ids.contains { $0.json == message["id"] } })
    }
}
