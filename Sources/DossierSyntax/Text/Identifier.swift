/// The id alphabet shared by actors and claims: `[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters.
public enum Identifier {
    /// The longest id allowed.
    public static let maximumLength = 64

    /// Whether `text` is a whole, valid id.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= maximumLength && scanEnd(bytes, from: 0, limit: bytes.count) == bytes.count
    }

    /// Where an id starting at `start` ends: the first byte outside the alphabet, with a trailing or
    /// doubled hyphen left out (`@canada’s` → `canada`, `@a--b` → `a`). Returns `start` when there is no id.
    public static func scanEnd(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
        var index = start
        var end = start
        while index < limit {
            let byte = bytes[index]
            if ASCII.isLower(byte) || ASCII.isDigit(byte) {
                index += 1
                end = index
            } else if byte == ASCII.dash, index > start, index + 1 < limit,
                bytes[index - 1] != ASCII.dash,
                ASCII.isLower(bytes[index + 1]) || ASCII.isDigit(bytes[index + 1])
            {
                index += 1
            } else {
                break
            }
        }
        return end
    }

    /// A message saying why `text` is not a valid id, for diagnostics and rename errors.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "an id cannot be empty" }
        if text.utf8.count > maximumLength { return "an id has at most \(maximumLength) characters" }
        if !isValid(text) { return "ids use lowercase letters, digits and single hyphens between them (like lloyd-austin)" }
        return nil
    }

    /// A valid id made from a display name: `Lloyd Austin` → `lloyd-austin`.
    public static func slug(_ name: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return String(result.prefix(maximumLength))
    }
}
