import DossierJSON
import Foundation
import DossierSyntax

/// Writes a check report in one of the formats of `dossier check --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github

    /// The report as this format's text.
    public func render(_ report: CheckReport, version: String) -> String {
        switch self {
        case .text:
            return ReportFormat.lines(report) { "\($0.path):\($0.line):\($0.column): \($0.severity.name): \($0.message) [\($0.code.rawValue)]\n" }
        case .github:
            return ReportFormat.lines(report, ReportFormat.githubAnnotation)
        case .json:
            return ReportFormat.json(report).serialized(options: .prettyPrinted) + "\n"
        case .sarif:
            return ReportFormat.sarif(report, version: version).serialized(options: .prettyPrinted) + "\n"
        }
    }

    /// One line per entry, appended to one string: a workspace can have tens of thousands of
    /// entries, and an array of their lines would double the output's memory.
    private static func lines(_ report: CheckReport, _ line: (ReportEntry) -> String) -> String {
        var text = ""
        text.reserveCapacity(report.entries.count * 128)
        for entry in report.entries { text += line(entry) }
        return text
    }

    private static func githubAnnotation(_ entry: ReportEntry) -> String {
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

    /// The `--format json` object.
    public static func json(_ report: CheckReport) -> JSONValue {
        let diagnostics: [JSONValue] = report.entries.map { entry in
            [
                "path": .string(entry.path), "line": .int(entry.line), "column": .int(entry.column), "endLine": .int(entry.endLine),
                "endColumn": .int(entry.endColumn), "severity": .string(entry.severity.name), "code": .string(entry.code.rawValue),
                "message": .string(entry.message),
            ]
        }
        return [
            "version": 1, "root": .string(report.root), "diagnostics": .array(diagnostics),
            "summary": [
                "files": .int(report.files), "errors": .int(report.count(.error)), "warnings": .int(report.count(.warning)),
                "information": .int(report.count(.information)), "hints": .int(report.count(.hint)),
            ],
        ]
    }

    /// SARIF 2.1.0 with one rule per diagnostic code; columns count Unicode scalars, as ours do.
    public static func sarif(_ report: CheckReport, version: String) -> JSONValue {
        let codes = DiagnosticCode.allCases
        func level(_ severity: Severity) -> JSONValue {
            switch severity {
            case .error: "error"
            case .warning: "warning"
            case .information, .hint: "note"
            }
        }
        let rules: [JSONValue] = codes.map { code in
            [
                "id": .string(code.rawValue), "name": .string(code.rawValue), "shortDescription": ["text": .string(code.summary)],
                "defaultConfiguration": ["level": level(code.defaultSeverity)],
            ]
        }
        let results: [JSONValue] = report.entries.map { entry in
            [
                "ruleId": .string(entry.code.rawValue), "ruleIndex": .int(codes.firstIndex(of: entry.code) ?? 0),
                "level": level(entry.severity), "message": ["text": .string(entry.message)],
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
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [[
                "tool": [
                    "driver": [
                        "name": "dossier", "version": .string(version), "semanticVersion": .string(version),
                        "rules": .array(rules),
                    ]
                ],
                "originalUriBaseIds": ["SRCROOT": ["uri": .string(FileURI.uri(forPath: report.root) + "/")]],
                "columnKind": "unicodeCodePoints",
                "results": .array(results),
            ]],
        ]
    }

    private static func sarifURI(_ path: String) -> String {
        let uri = FileURI.uri(forPath: path)
        return String(uri.dropFirst("file://".count))
    }
}
