import DossierProtocol
import DossierServer
import Foundation

/// `dossier lsp`: the language server on stdin/stdout.
struct LSPCommand {
    var arguments: [String]

    func run() -> Int32 {
        var level = Logger.Level.warn
        var index = 0
        while index < arguments.count {
            let (name, inline) = splitOption(arguments[index])
            switch name {
            case "--stdio": break
            case "--log-level":
                var value = inline
                if value == nil, index + 1 < arguments.count {
                    index += 1
                    value = arguments[index]
                }
                guard let value, let parsed = Logger.Level(name: value) else {
                    printError("dossier: --log-level needs one of error, warn, info, debug")
                    return 2
                }
                level = parsed
            default:
                printError("dossier: unknown option `\(arguments[index])` for lsp")
                return 2
            }
            index += 1
        }
        let logger = Logger(level: level)
        let exitCode = ExitBox()
        do {
            let transport = try FileDescriptorTransport.standardIO()
            let server = LanguageServer(transport: transport, logger: logger) { code in exitCode.set(code) }
            try server.start()
            return exitCode.wait()
        } catch {
            printError("dossier: cannot start the language server: \(error)")
            return 2
        }
    }
}

/// The exit code, handed from the server's thread to the main thread.
private final class ExitBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var code: Int32 = 1

    func set(_ value: Int32) {
        lock.lock()
        code = value
        lock.unlock()
        semaphore.signal()
    }

    func wait() -> Int32 {
        semaphore.wait()
        lock.lock()
        defer { lock.unlock() }
        return code
    }
}
