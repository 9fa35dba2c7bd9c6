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
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) { return clean }
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

    /// `Name <address>` with the name encoded; the address must be a plain address.
    public static func mailbox(name: String?, address: String) -> String {
        let address = sanitized(address)
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let encoded = encodedWord(name)
        let quoted = encoded.hasPrefix("=?") ? encoded : "\"" + encoded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "\(quoted) <\(address)>"
    }
}
