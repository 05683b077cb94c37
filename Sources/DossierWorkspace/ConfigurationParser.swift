import DossierAnalysis
import DossierJSON
import DossierSyntax

/// A problem in `dossier.json` or in settings sent by an editor.
public struct ConfigurationProblem: Hashable, Sendable {
    /// The key path, like `rules.vague-attribution`.
    public var path: String
    /// The key whose text the problem should be shown on.
    public var key: String
    public var message: String
    public var severity: Severity
}

/// Reads the settings of SPEC 6 from JSON, keeping defaults wherever a value is bad.
public enum ConfigurationParser {
    /// Parses a whole `dossier.json` text.
    public static func parse(bytes: [UInt8]) -> (Configuration, [ConfigurationProblem]) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return (Configuration(), [ConfigurationProblem(
                path: "", key: "", message: "dossier.json is not valid JSON (\(error.message) at byte \(error.offset)): the defaults apply",
                severity: .error)])
        }
        return apply(value, to: Configuration())
    }

    /// Applies the settings in `value` over `base` (used for `initializationOptions` and `didChangeConfiguration` too).
    public static func apply(_ value: JSONValue, to base: Configuration) -> (Configuration, [ConfigurationProblem]) {
        var configuration = base
        var problems: [ConfigurationProblem] = []
        func problem(_ path: String, _ key: String, _ message: String, _ severity: Severity = .warning) {
            problems.append(ConfigurationProblem(path: path, key: key, message: message, severity: severity))
        }
        guard let object = value.objectValue else {
            if !value.isNull { problem("", "", "settings must be a JSON object, not \(value.typeName)", .error) }
            return (configuration, problems)
        }
        for (key, entry) in object {
            switch key {
            case "exclude":
                if let list = strings(entry) {
                    configuration.exclude = list
                } else {
                    problem(key, key, "`exclude` must be a list of glob strings, like [\"drafts/**\"]")
                }
            case "rules":
                guard let rules = entry.objectValue else {
                    problem(key, key, "`rules` must be an object mapping rule codes to error, warning, information, hint or off")
                    continue
                }
                for (code, level) in rules {
                    guard let rule = DiagnosticCode(rawValue: code) else {
                        let suggestion = EditDistance.nearest(to: code, in: DiagnosticCode.allCases.map(\.rawValue), limit: 4)
                        problem("rules.\(code)", code, "unknown rule `\(code)`" + (suggestion.map { ": did you mean `\($0)`?" } ?? ""))
                        continue
                    }
                    if level.stringValue == "off" {
                        configuration.severities[rule] = .some(nil)
                    } else if let name = level.stringValue, let severity = Severity(name: name) {
                        configuration.severities[rule] = severity
                    } else {
                        problem("rules.\(code)", code, "`\(code)` must be error, warning, information, hint or off, not \(level)")
                    }
                }
            case "cues":
                guard let cues = entry.objectValue else {
                    problem(key, key, "`cues` must be an object with lists `vague`, `unnamed` and `reporting`")
                    continue
                }
                for (kind, list) in cues {
                    guard let phrases = strings(list) else {
                        problem("cues.\(kind)", kind, "`cues.\(kind)` must be a list of phrases")
                        continue
                    }
                    switch kind {
                    case "vague": configuration.extraVagueCues = phrases
                    case "unnamed": configuration.extraUnnamedCues = phrases
                    case "reporting": configuration.extraReportingCues = phrases
                    default: problem("cues.\(kind)", kind, "unknown cue list `\(kind)`: use vague, unnamed or reporting")
                    }
                }
            case "completion":
                guard let completion = entry.objectValue else {
                    problem(key, key, "`completion` must be an object, like {\"linkNames\": true}")
                    continue
                }
                for (option, setting) in completion {
                    if option == "linkNames", let flag = setting.boolValue {
                        configuration.linkNames = flag
                    } else if option == "linkNames" {
                        problem("completion.linkNames", option, "`linkNames` must be true or false")
                    } else {
                        problem("completion.\(option)", option, "unknown completion option `\(option)`: the only one is linkNames")
                    }
                }
            case "inlayHints":
                if let flag = entry.boolValue {
                    configuration.inlayHints = flag
                } else {
                    problem(key, key, "`inlayHints` must be true or false")
                }
            case "$schema":
                break
            default:
                let known = ["exclude", "rules", "cues", "completion", "inlayHints"]
                let suggestion = EditDistance.nearest(to: key, in: known, limit: 3)
                problem(key, key, "unknown key `\(key)`" + (suggestion.map { ": did you mean `\($0)`?" } ?? ": known keys are \(known.joined(separator: ", "))"))
            }
        }
        return (configuration, problems)
    }

    private static func strings(_ value: JSONValue) -> [String]? {
        guard let array = value.arrayValue else { return nil }
        let strings = array.compactMap(\.stringValue)
        return strings.count == array.count ? strings : nil
    }

    /// The byte range to show a problem on: the first `"key"` in the text, else the start of the file.
    public static func range(of problem: ConfigurationProblem, in bytes: [UInt8]) -> ByteRange {
        guard !problem.key.isEmpty else { return ByteRange(0, min(1, bytes.count)) }
        let needle = Array("\"\(problem.key)\"".utf8)
        guard needle.count <= bytes.count else { return ByteRange(0, 0) }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<(start + needle.count)]) == needle { return ByteRange(start, start + needle.count) }
        }
        return ByteRange(0, min(1, bytes.count))
    }
}
