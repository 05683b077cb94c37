/// Ids for what annotation adds: actor ids from names, claim ids from a source and its words.
enum Identifiers {
    /// "Karim Khan" → "karim-khan", "Émile Zola" → "emile-zola": ASCII letters and digits, words
    /// joined by `-`, at most 64 characters; nil when nothing is left.
    static func slug(_ text: String, limit: Int = 64) -> String? {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            let folded = Identifiers.ascii[character].map { Substring($0) } ?? Substring(String(character))
            guard let scalar = folded.unicodeScalars.first else { continue }
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                current += folded
            } else if scalar == "’" || scalar == "'" {
                continue  // "O’Malley" → "omalley"
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > limit { break }
            slug = next
        }
        return slug.isEmpty ? nil : slug
    }

    /// Latin letters with diacritics, and a few ligatures, as ASCII.
    private static let ascii: [Character: String] = {
        var table: [Character: String] = [:]
        let groups: [(String, String)] = [("àáâãäåāăąǎǟǡǻȁȃȧ", "a"), ("çćĉċč", "c"), ("ď", "d"), ("èéêëēĕėęěȅȇȩ", "e"), ("ĝğġģǧǵ", "g"), ("ĥȟ", "h"), ("ìíîïĩīĭįǐȉȋ", "i"), ("ĵǰ", "j"), ("ķǩ", "k"), ("ĺļľ", "l"), ("ñńņňǹ", "n"), ("òóôõöōŏőơǒǫǭȍȏȫȭȯȱ", "o"), ("ŕŗřȑȓ", "r"), ("śŝşšș", "s"), ("ţťț", "t"), ("ùúûüũūŭůűųưǔǖǘǚǜȕȗ", "u"), ("ŵ", "w"), ("ýÿŷȳ", "y"), ("źżž", "z"), ("ß", "ss"), ("æ", "ae"), ("ø", "o"), ("œ", "oe"), ("ł", "l"), ("đ", "d"), ("ð", "d"), ("þ", "th"), ("ı", "i")]
        for (letters, plain) in groups {
            for letter in letters { table[letter] = plain }
        }
        return table
    }()

    /// Words a claim id leaves out.
    static let stopWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from", "that", "this",
        "is", "are", "was", "were", "be", "been", "it", "its", "we", "i", "you", "he", "she", "they", "our", "my", "your",
        "his", "her", "their", "not", "have", "has", "had", "will", "would", "can", "could", "do", "does", "did", "as",
        "so", "if", "there", "what", "which", "who", "all", "any", "about", "into", "than", "then", "them", "us", "me",
    ]

    /// A claim id such as `austin-prioritize-protection-personnel`: the source's last word, then up
    /// to four words of the content that say something; made unique against `taken` (which it joins).
    static func claimID(source: String?, content: String, taken: inout Set<String>) -> String {
        var parts: [String] = []
        if let source, let last = slug(source)?.split(separator: "-").last { parts.append(String(last)) }
        let words = slug(content, limit: 400)?.split(separator: "-").map(String.init) ?? []
        for word in words where !stopWords.contains(word) && word.count >= 3 && !parts.contains(word) {
            parts.append(word)
            if parts.count >= 5 { break }
        }
        var base = slug(parts.joined(separator: " "), limit: 56) ?? "claim"
        if base.isEmpty { base = "claim" }
        var id = base
        var number = 2
        while taken.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        taken.insert(id)
        return id
    }
}
