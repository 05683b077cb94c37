import DossierDocs
import DossierJSON
import Foundation
import DossierSyntax

/// Writes a check report in one of the formats of `dossier check --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github

    /// The report as this format's text.
    public func render(_ report: CheckReport, version: String, rulesURL: String? = nil) -> String {
        var writer = ReportWriter(format: self, root: report.root, version: version, rulesURL: rulesURL)
        var output = writer.opening()
        output += writer.add(writer.piece(report.entries))
        output += writer.closing(files: report.files)
        return String(decoding: output, as: UTF8.self)
    }

    fileprivate func githubAnnotation(_ entry: ReportEntry) -> String {
        let level: String
        switch entry.severity {
        case .error: level = "error"
        case .warning: level = "warning"
        case .information, .hint: level = "notice"
        }
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        return "::\(level) file=\(escapeProperty(entry.path)),line=\(entry.line),col=\(entry.column),endLine=\(entry.endLine),endColumn=\(entry.endColumn),title=\(escapeProperty(entry.code.rawValue))::\(escapeData(entry.message))\n"
    }

    /// One `--format json` diagnostic.
    fileprivate static func json(_ entry: ReportEntry) -> JSONValue {
        [
            "path": .string(entry.path), "line": .int(entry.line), "column": .int(entry.column), "endLine": .int(entry.endLine),
            "endColumn": .int(entry.endColumn), "severity": .string(entry.severity.name), "code": .string(entry.code.rawValue),
            "message": .string(entry.message),
        ]
    }

    /// The `--format json` object around `diagnostics`.
    fileprivate static func json(root: String, files: Int, counts: SeverityCounts, diagnostics: [JSONValue]) -> JSONValue {
        [
            "version": 1, "root": .string(root), "diagnostics": .array(diagnostics),
            "summary": [
                "files": .int(files), "errors": .int(counts[.error]), "warnings": .int(counts[.warning]),
                "information": .int(counts[.information]), "hints": .int(counts[.hint]),
            ],
        ]
    }

    private static func sarifLevel(_ severity: Severity) -> JSONValue {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "note"
        }
    }

    /// One SARIF result; columns count Unicode scalars, as ours do.
    fileprivate static func sarif(_ entry: ReportEntry) -> JSONValue {
        [
            "ruleId": .string(entry.code.rawValue), "ruleIndex": .int(RuleCode.allCases.firstIndex(of: entry.code) ?? 0),
            "level": sarifLevel(entry.severity), "message": ["text": .string(entry.message)],
            "locations": [[
                "physicalLocation": [
                    "artifactLocation": ["uri": .string(sarifURI(entry.path)), "uriBaseId": "SRCROOT"],
                    "region": [
                        "startLine": .int(entry.line), "startColumn": .int(entry.column), "endLine": .int(entry.endLine),
                        "endColumn": .int(entry.endColumn),
                    ],
                ]
            ]],
        ]
    }

    /// SARIF 2.1.0 around `results`, with one rule per code, each with its page as help (and a link
    /// to it, `rulesURL` + `CODE.md`, when `rulesURL` is given): code scanning shows it next to each alert.
    fileprivate static func sarif(root: String, version: String, rulesURL: String?, results: [JSONValue]) -> JSONValue {
        let rules: [JSONValue] = RuleCode.allCases.map { code in
            let page = RulePage(code: code)
            var rule: JSONObject = [
                "id": .string(code.rawValue), "name": .string(code.rawValue), "shortDescription": ["text": .string(code.summary)],
                "help": ["text": .string(page.plainText), "markdown": .string(page.markdown)],
                "defaultConfiguration": ["level": sarifLevel(code.defaultSeverity)],
            ]
            if let rulesURL { rule["helpUri"] = .string(helpURI(base: rulesURL, code: code)) }
            return .object(rule)
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [[
                "tool": [
                    "driver": [
                        "name": "dossier", "version": .string(version), "semanticVersion": .string(version),
                        "rules": .array(rules),
                    ]
                ],
                "originalUriBaseIds": ["SRCROOT": ["uri": .string(FileURI.uri(forPath: root) + "/")]],
                "columnKind": "unicodeCodePoints",
                "results": .array(results),
            ]],
        ]
    }

    /// The page of `code` under `base`, which may or may not end in `/`.
    public static func helpURI(base: String, code: RuleCode) -> String {
        (base.hasSuffix("/") ? base : base + "/") + code.rawValue + ".md"
    }

    private static func sarifURI(_ path: String) -> String {
        let uri = FileURI.uri(forPath: path)
        return String(uri.dropFirst("file://".count))
    }
}

/// How many entries there are of each severity.
public struct SeverityCounts: Sendable {
    private var counts = [0, 0, 0, 0, 0]

    /// No entries.
    public init() {}

    /// The count of `severity`.
    public subscript(severity: Severity) -> Int { counts[severity.rawValue] }

    /// Adds one entry of `severity`.
    public mutating func add(_ severity: Severity) { counts[severity.rawValue] += 1 }

    /// Adds every count of `other`.
    public mutating func add(_ other: SeverityCounts) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }
}

/// Some entries of a report as text, with their severities counted.
public struct ReportPiece: Sendable {
    fileprivate var bytes: [UInt8]
    /// The entries' severities.
    public var counts: SeverityCounts
}

/// Writes a report in pieces, so that it never has to be held whole: `opening()`, then each run
/// of entries in report order (`piece(_:)` is pure and can run on any thread; `add(_:)` joins
/// them in order), then `closing(files:)`. The bytes are those of the whole report at once.
public struct ReportWriter: Sendable {
    public let format: ReportFormat
    private let root: String
    private let version: String
    private let rulesURL: String?
    /// Put before each path in GitHub annotations and SARIF: the workspace's folder as seen from
    /// `base` (empty when it is `base` itself or outside it).
    private let pathPrefix: String
    /// For the JSON formats, the text before the first entry (the summary comes after the entries).
    private let head: [UInt8]
    /// For the JSON formats, the pretty-printed nesting depth of one entry.
    private let depth: Int
    private var written = false
    /// The entries added so far, by severity.
    public private(set) var counts = SeverityCounts()

    /// A writer of a report on the workspace at `root`; SARIF rules link their pages under `rulesURL`.
    /// GitHub annotations and SARIF locate files from `base` (the working directory, which is the
    /// repository's root in CI) when the workspace lies inside it, since GitHub reads their paths from
    /// the repository's root; text and JSON reports give paths from the workspace's root.
    public init(format: ReportFormat, root: String, version: String, rulesURL: String? = nil, base: String? = nil) {
        self.format = format
        self.version = version
        self.rulesURL = rulesURL
        if let base, format == .github || format == .sarif, root.hasPrefix(base.hasSuffix("/") ? base : base + "/") {
            pathPrefix = CheckReport.relative(root, root: base) + "/"
            // SARIF's SRCROOT is then `base`, so that its paths resolve to the same files.
            self.root = base
        } else {
            pathPrefix = ""
            self.root = root
        }
        let root = self.root
        (head, depth, _) = ReportWriter.frame(format, root: root, version: version, rulesURL: rulesURL, files: 0, counts: SeverityCounts())
    }

    /// The text before the first entry.
    public func opening() -> [UInt8] { head }

    /// The text of `entries`, which follow one another in the report.
    public func piece(_ entries: [ReportEntry]) -> ReportPiece {
        var piece = ReportPiece(bytes: [], counts: SeverityCounts())
        piece.bytes.reserveCapacity(entries.count * 128)
        for entry in entries {
            piece.counts.add(entry.severity)
            switch format {
            case .text:
                ReportWriter.appendTextLine(entry, to: &piece.bytes)
            case .github:
                var entry = entry
                entry.path = pathPrefix + entry.path
                piece.bytes += format.githubAnnotation(entry).utf8
            case .json, .sarif:
                // Every entry is preceded by a comma here; `add` drops the report's first one.
                piece.bytes.append(0x2C)
                ReportWriter.newline(depth, into: &piece.bytes)
                var entry = entry
                if format == .sarif { entry.path = pathPrefix + entry.path }
                let value = format == .json ? ReportFormat.json(entry) : ReportFormat.sarif(entry)
                JSONWriter(options: .prettyPrinted).write(value, into: &piece.bytes, indent: depth)
            }
        }
        return piece
    }

    /// The text of `piece` where it stands in the report, after every piece added before it.
    public mutating func add(_ piece: ReportPiece) -> [UInt8] {
        counts.add(piece.counts)
        guard format == .json || format == .sarif, !written, !piece.bytes.isEmpty else { return piece.bytes }
        written = true
        return Array(piece.bytes.dropFirst())
    }

    /// The text after the last entry: closes the JSON formats, with the summary of `files` files.
    public func closing(files: Int) -> [UInt8] {
        var output: [UInt8] = []
        if written { ReportWriter.newline(depth - 1, into: &output) }
        output += ReportWriter.frame(format, root: root, version: version, rulesURL: rulesURL, files: files, counts: counts).tail
        return output
    }

    /// `path:line:column: severity: message [code]` and a newline, written as bytes: string
    /// interpolation cost more than the rest of the report for a large workspace.
    private static func appendTextLine(_ entry: ReportEntry, to output: inout [UInt8]) {
        output += entry.path.utf8
        output.append(0x3A)
        appendDecimal(entry.line, to: &output)
        output.append(0x3A)
        appendDecimal(entry.column, to: &output)
        output += ": ".utf8
        output += entry.severity.name.utf8
        output += ": ".utf8
        output += entry.message.utf8
        output += " [".utf8
        output += entry.code.rawValue.utf8
        output += "]\n".utf8
    }

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(0x2D) }
        var magnitude = value.magnitude
        let first = output.count
        repeat {
            output.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[first...].reverse()
    }

    private static func newline(_ depth: Int, into output: inout [UInt8]) {
        output.append(0x0A)
        output += repeatElement(0x20, count: 2 * depth)
    }

    /// Stands for the entries in a document being split around them; a path cannot hold NUL.
    private static let marker = "\u{0}dossier-entries"

    /// A JSON format's document pretty-printed around one marker entry and split there: the text
    /// up to the entries' `[`, the depth of an entry, and the text from the entries' `]`. Empty for
    /// the line formats.
    private static func frame(
        _ format: ReportFormat, root: String, version: String, rulesURL: String?, files: Int, counts: SeverityCounts
    ) -> (head: [UInt8], depth: Int, tail: [UInt8]) {
        guard let document = format.document(
            root: root, version: version, rulesURL: rulesURL, files: files, counts: counts, entries: [.string(marker)])
        else { return ([], 0, []) }
        let text = document.serializedBytes(options: .prettyPrinted) + [0x0A]
        let marker = JSONWriter().bytes(.string(ReportWriter.marker))
        guard let start = text.firstRange(of: marker)?.lowerBound else { preconditionFailure("the marker is in the document") }
        var headEnd = start
        while text[headEnd - 1] == 0x20 { headEnd -= 1 }
        var tailStart = start + marker.count
        while text[tailStart] == 0x0A || text[tailStart] == 0x20 { tailStart += 1 }
        // `headEnd - 1` is the newline after `[`.
        return (Array(text[..<(headEnd - 1)]), (start - headEnd) / 2, Array(text[tailStart...]))
    }
}

extension ReportFormat {
    /// The document of a JSON format, with `entries` in place (nil for the line formats).
    fileprivate func document(
        root: String, version: String, rulesURL: String?, files: Int, counts: SeverityCounts, entries: [JSONValue]
    ) -> JSONValue? {
        switch self {
        case .text, .github: nil
        case .json: ReportFormat.json(root: root, files: files, counts: counts, diagnostics: entries)
        case .sarif: ReportFormat.sarif(root: root, version: version, rulesURL: rulesURL, results: entries)
        }
    }
}
