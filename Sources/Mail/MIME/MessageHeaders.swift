import Foundation

/// Header values built from user-supplied text (names, subjects) can never add a header:
/// CR and LF are removed and non-ASCII text is RFC 2047-encoded.
public enum MessageHeaders {
    public static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0.value >= 0x20 || $0 == "\t" }.map(Character.init))
    }

    /// `=?UTF-8?B?...?=` words when needed, each within RFC 2047's 75-character limit.
    public static func encodedWord(_ text: String) -> String {
        let clean = sanitized(text)
        if !needsEncoding(clean) { return clean }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Non-ASCII text, and ASCII that a reader would take for an encoded word, is encoded.
    static func needsEncoding(_ text: String) -> Bool {
        !text.unicodeScalars.allSatisfy({ $0.isASCII }) || text.contains("=?")
    }

    /// `Name <address>` with the name encoded; the address must be a plain address.
    public static func mailbox(name: String?, address: String) -> String {
        let address = sanitized(address)
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let clean = sanitized(name)
        let quoted =
            needsEncoding(clean)
            ? encodedWord(clean)
            : "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "\(quoted) <\(address)>"
    }

    /// `Name: value` folded (RFC 5322 §2.2.3) before whitespace, so lines stay within 78
    /// characters wherever the value has spaces. Encoded words may come pre-split by
    /// "CRLF SP"; the space between them is not part of the decoded text (RFC 2047 §6.2).
    public static func line(_ name: String, _ value: String) -> String {
        let words = value.replacingOccurrences(of: "\r\n ", with: " ").split(separator: " ", omittingEmptySubsequences: false)
        var lines: [String] = []
        var current = name + ":"
        var currentHasWord = false
        for word in words {
            if currentHasWord, current.count + 1 + word.count > 78 {
                lines.append(current)
                current = ""
            }
            current += " " + word
            currentHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }
}
