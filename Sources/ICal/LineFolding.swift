/// RFC 5545 §3.1: lines end in CRLF and are folded so no line exceeds 75 octets.
///
/// libical folds at 75 *characters*, which overshoots for UTF-8 text, so its output is
/// unfolded and folded again here, never splitting a multi-byte character. Both passes
/// work on UTF-8 bytes: a megabyte calendar is refolded in a few milliseconds.
enum LineFolding {
    static let limit = 75

    /// The logical lines of `text`, continuation lines joined; empty lines are dropped.
    static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        forEachLogicalLine(of: text) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    static func refold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 64)
        forEachLogicalLine(of: text) { fold($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Calls `body` with each logical line's bytes (valid only during the call).
    static func forEachLogicalLine(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in
            var logical: [UInt8] = []
            var pending = false
            var index = 0
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != 0x0D, bytes[end] != 0x0A { end += 1 }
                if end > index {
                    let first = bytes[index]
                    if (first == 0x20 || first == 0x09) && pending {
                        logical.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
                    } else {
                        if pending { logical.withUnsafeBufferPointer(body) }
                        logical.removeAll(keepingCapacity: true)
                        logical.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                        pending = true
                    }
                }
                index = end
                if index < bytes.count, bytes[index] == 0x0D { index += 1 }
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            }
            if pending { logical.withUnsafeBufferPointer(body) }
        }
    }

    static func fold(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var octets = 0
        var budget = limit
        var index = 0
        while index < line.count {
            let width = min(sequenceLength(lead: line[index]), line.count - index)
            if octets + width > budget {
                out.append(contentsOf: [0x0D, 0x0A, 0x20])
                octets = 0
                budget = limit - 1  // the leading space of a continuation counts
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[index..<(index + width)]))
            octets += width
            index += width
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// How many bytes the UTF-8 sequence starting with `lead` has (1 for a stray continuation byte).
    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
