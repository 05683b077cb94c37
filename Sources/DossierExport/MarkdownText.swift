/// Plain text made safe to insert into Markdown and YAML.
enum MarkdownText {
    /// `text` with the characters Markdown would read as markup backslash-escaped.
    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if "\\`*_[]<>".contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// A link destination: in angle brackets when it holds spaces or parentheses.
    static func linkDestination(_ url: String) -> String {
        url.contains { $0 == " " || $0 == "(" || $0 == ")" } ? "<\(url)>" : url
    }

    /// A double-quoted YAML scalar.
    static func yamlString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
