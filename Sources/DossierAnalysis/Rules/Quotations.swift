import DossierSyntax

/// Finds quotations in prose: “curly” pairs and "straight" pairs; an opening quote left unclosed
/// runs to the end of the paragraph (the convention for a quote continued in the next paragraph).
enum Quotations {
    static func find(_ bytes: [UInt8], segments: ArraySlice<ByteRange>) -> [ByteRange] {
        // Read through a pointer: this runs over every byte of prose.
        bytes.withUnsafeBufferPointer { find($0, segments: segments) }
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, segments: ArraySlice<ByteRange>) -> [ByteRange] {
        var quotes: [ByteRange] = []
        var curlyOpen: Int?
        var straightOpen: Int?
        var end = 0
        for segment in segments {
            var index = segment.start
            end = segment.end
            while index < segment.end {
                index = ByteSearch.firstIndex(of: 0xE2, 0x22, 0x22, in: bytes, from: index, to: segment.end)
                guard index < segment.end else { break }
                let byte = bytes[index]
                if byte == 0xE2, index + 2 < segment.end, bytes[index + 1] == 0x80 {
                    if bytes[index + 2] == 0x9C {
                        if curlyOpen == nil { curlyOpen = index }
                    } else if bytes[index + 2] == 0x9D, let open = curlyOpen {
                        quotes.append(ByteRange(open, index + 3))
                        curlyOpen = nil
                    }
                    index += 3
                    continue
                }
                if byte == 0x22 {
                    if let open = straightOpen {
                        quotes.append(ByteRange(open, index + 1))
                        straightOpen = nil
                    } else if curlyOpen == nil {
                        straightOpen = index
                    }
                }
                index += 1
            }
        }
        if let open = curlyOpen ?? straightOpen { quotes.append(ByteRange(open, end)) }
        return quotes.sorted()
    }

    /// Words in a quotation (runs separated by white space).
    static func wordCount(_ bytes: [UInt8], _ range: ByteRange) -> Int {
        var count = 0
        var inWord = false
        for index in range.start..<range.end {
            let byte = bytes[index]
            let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
