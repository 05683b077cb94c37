// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    targets: [
        // Layer 1: one document's bytes -> syntax nodes with exact byte ranges. Pure, no I/O (the lock guards a shared id table).
        .target(name: "DossierSyntax", dependencies: ["DossierLocking"]),
        // Layer 2: per-document summaries, workspace snapshot, rules and feature queries.
        .target(name: "DossierAnalysis", dependencies: ["DossierSyntax", "DossierLocking"]),
        // A small lock that ThreadSanitizer understands (see Locked.swift); no dependencies, so every target can use it.
        .target(name: "DossierLocking"),
        // JSON values, parser and writer (used by the protocol, dossier.json and report output).
        .target(name: "DossierJSON"),
        // `dossier export`: a brief or article as a reader gets it (sources as footnotes), in Markdown or HTML. Pure.
        .target(name: "DossierExport", dependencies: ["DossierAnalysis", "DossierSyntax"]),
        // The rule pages of docs/rules, compiled in (for `dossier explain` and SARIF help), and the code of every rule.
        .target(name: "DossierDocs", dependencies: ["DossierSyntax"]),
        // Folder discovery, file loading and dossier.json: the I/O around the analysis.
        .target(name: "DossierWorkspace", dependencies: ["DossierAnalysis", "DossierSyntax", "DossierJSON", "DossierDocs"]),
        // Layer 3a: JSON-RPC framing, transport and message model.
        .target(name: "DossierProtocol", dependencies: ["DossierJSON", "DossierLocking"]),
        // Layer 3b: the language server: typed requests and notifications, client capabilities, the LSP mapping,
        // workspaces, indexing, watching and diagnostics delivery.
        .target(name: "DossierServer", dependencies: ["DossierProtocol", "DossierWorkspace", "DossierAnalysis", "DossierSyntax", "DossierJSON", "DossierLocking"]),
        // Layer 4: the command-line front end.
        .executableTarget(name: "dossier", dependencies: ["DossierServer", "DossierProtocol", "DossierWorkspace", "DossierAnalysis", "DossierSyntax", "DossierJSON", "DossierDocs", "DossierExport"]),
        // Deterministic benchmark corpus generator.
        .executableTarget(name: "dossier-corpus", dependencies: ["DossierLocking"], path: "Benchmarks/CorpusGenerator"),
        // Benchmark driver: measures `dossier check` and `dossier lsp` on a corpus.
        .executableTarget(name: "dossier-bench", dependencies: ["DossierProtocol", "DossierJSON", "DossierLocking"], path: "Benchmarks/Driver"),
        // In-process timings of the analysis layer (snapshot updates, rules, features) on a corpus.
        .executableTarget(name: "dossier-probe", dependencies: ["DossierAnalysis", "DossierSyntax", "DossierWorkspace"], path: "Benchmarks/Probe"),
        // Attribution inference scored against PolNeAR's gold attributions (train and dev splits).
        .executableTarget(name: "dossier-attribution-eval", dependencies: ["DossierAnalysis"], path: "Benchmarks/Attribution", exclude: ["run.sh"]),

        // Helpers shared by the test targets: marked test texts, a seeded generator, an in-process LSP client.
        .target(name: "DossierTestSupport", dependencies: ["DossierSyntax", "DossierJSON", "DossierLocking", "DossierProtocol"], path: "Tests/Support"),
        .testTarget(name: "DossierSyntaxTests", dependencies: ["DossierSyntax", "DossierTestSupport"]),
        .testTarget(name: "DossierAnalysisTests", dependencies: ["DossierAnalysis", "DossierSyntax", "DossierWorkspace", "DossierTestSupport"]),
        .testTarget(name: "DossierProtocolTests", dependencies: ["DossierProtocol", "DossierJSON", "DossierLocking", "DossierTestSupport"]),
        .testTarget(name: "DossierServerTests", dependencies: ["DossierServer", "DossierAnalysis", "DossierSyntax", "DossierProtocol", "DossierJSON", "DossierLocking", "DossierTestSupport"]),
        .testTarget(name: "DossierLockingTests", dependencies: ["DossierLocking"]),
        .testTarget(name: "DossierExportTests", dependencies: ["DossierExport", "DossierAnalysis", "DossierSyntax", "DossierWorkspace"]),
        .testTarget(name: "DossierDocsTests", dependencies: ["DossierDocs", "DossierAnalysis", "DossierSyntax", "DossierWorkspace"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DossierJSON", "DossierTestSupport"]),
    ]
)
