/// Plain-text renderings of the Markdown the features write (hover and completion cards), for clients that show
/// documentation as plain text: emphasis and code marks go, links keep their text, line structure stays.
public enum PlainText {
    /// `markdown` without its inline marks: `**x**`, `*x*`, `` `x` `` → x, `[text](target)` → text, `\*` → `*`.
    public static func fromMarkdown(_ markdown: String) -> String {
        var output: [Character] = []
        let characters = Array(markdown)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\" where index + 1 < characters.count && isPunctuation(characters[index + 1]):
                output.append(characters[index + 1])
                index += 2
            case "*", "`":
                index += 1
            case "[":
                // A link: keep its text, drop the target.
                if let close = characters[index...].firstIndex(of: "]"), close + 1 < characters.count, characters[close + 1] == "(",
                    let end = characters[(close + 1)...].firstIndex(of: ")")
                {
                    output += characters[(index + 1)..<close].filter { $0 != "*" && $0 != "`" }
                    index = end + 1
                } else {
                    output.append(character)
                    index += 1
                }
            default:
                output.append(character)
                index += 1
            }
        }
        return String(output)
    }

    private static func isPunctuation(_ character: Character) -> Bool {
        character.isASCII && (character.isPunctuation || character.isSymbol)
    }
}
