/// RFC 5545 §3.1: lines end in CRLF and are folded so no line exceeds 75 octets.
///
/// libical folds at 75 *characters*, which overshoots for UTF-8 text, so its output is
/// unfolded and folded again here, never splitting a multi-byte character.
enum LineFolding {
    static let limit = 75

    static func unfold(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] = Substring(String(lines[lines.count - 1]) + raw.dropFirst())
            } else {
                lines.append(raw)
            }
        }
        return lines
    }

    static func refold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 64)
        for line in unfold(text) {
            fold(line, into: &out)
        }
        return out
    }

    static func fold(_ line: Substring, into out: inout String) {
        var octets = 0
        var budget = limit
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > budget {
                out += "\r\n "
                octets = 0
                budget = limit - 1  // the leading space of a continuation counts
            }
            out.unicodeScalars.append(scalar)
            octets += width
        }
        out += "\r\n"
    }
}
