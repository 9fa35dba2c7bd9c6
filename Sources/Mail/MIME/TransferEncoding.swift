import Foundation

/// How a MIME body travels (RFC 2045 §6). Every encoding here yields lines of at most
/// 76 characters plus CRLF, so no relay has a reason to rewrap or reject a message.
public enum TransferEncoding: String, Sendable {
    /// Text stays readable in a raw message; only what is not printable ASCII is escaped.
    case quotedPrintable = "quoted-printable"
    /// Exact bytes: calendar data, whose CRLFs and 75-octet folding must arrive untouched.
    case base64

    func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .quotedPrintable: Self.quotedPrintable(bytes)
        case .base64: Self.base64(bytes)
        }
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted-printable with CRLF (or lone LF) in the input kept as hard line breaks and
    /// soft breaks (`=` at the end) keeping every line within 76 characters.
    static func quotedPrintable(_ bytes: [UInt8]) -> String {
        var output = ""
        var line = ""
        func flushSoft() {
            output += line + "=\r\n"
            line = ""
        }
        func append(_ token: String) {
            if line.utf8.count + token.utf8.count > 75 { flushSoft() }
            line += token
        }
        let hex = Array("0123456789ABCDEF")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                output += line + "\r\n"
                line = ""
                index += 2
                continue
            }
            if byte == 0x0A {
                output += line + "\r\n"
                line = ""
                index += 1
                continue
            }
            let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == 0x0A || bytes[index + 1] == 0x0D
            let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !atLineEnd)
            // A "." alone at a line start is left to the SMTP client's dot-stuffing; "From "
            // is escaped because mbox readers would otherwise mangle the line.
            if byte == 0x46, line.isEmpty, bytes[index...].starts(with: Array("From ".utf8)) {
                append("=46")
            } else if literal {
                append(String(UnicodeScalar(byte)))
            } else {
                append("=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)]))
            }
            index += 1
        }
        output += line
        if !output.hasSuffix("\r\n") { output += "\r\n" }
        return output
    }

    /// Decodes a body received in this encoding; `nil` when it is not valid.
    static func decode(_ text: String, encoding: String) -> [UInt8]? {
        switch encoding.lowercased() {
        case "base64":
            let compact = text.filter { !$0.isWhitespace }
            return Data(base64Encoded: compact, options: .ignoreUnknownCharacters).map { Array($0) }
        case "quoted-printable":
            return decodeQuotedPrintable(text)
        default:
            return Array(text.utf8)
        }
    }

    private static func decodeQuotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    result.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            result.append(byte)
            index += 1
        }
        return result
    }
}
