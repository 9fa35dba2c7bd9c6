import Crypto
import Foundation

/// Signs and checks the tokens in customers' links with HMAC-SHA256.
///
/// A token is `base64url(payload) "." base64url(mac)`, the payload being
/// `1:<action>:<expires unix seconds>:<booking id>`. The MAC covers the encoded payload
/// under a domain label, so the booking, the action and the expiry cannot be changed
/// without the key, and a token made for one booking never opens another. The MAC is
/// compared in constant time, before anything in the payload is believed.
public struct LinkSigner: Sendable {
    private let key: LinkSigningKey
    private static let label = "supportcal-link.v1."
    /// Far above any real token (about 100 characters): refuse early, do no work.
    private static let maximumLength = 512

    public init(key: LinkSigningKey) {
        self.key = key
    }

    public func sign(_ token: LinkToken) -> String {
        let payload = "1:\(token.action.rawValue):\(Int64(token.expires.timeIntervalSince1970)):\(token.bookingID)"
        let encoded = Self.base64URL(Data(payload.utf8))
        return encoded + "." + Self.base64URL(mac(encoded))
    }

    /// The token's content if it is authentic, unexpired at `now`, and (when given) for
    /// `booking` and `action`.
    public func verify(_ text: String, booking: String? = nil, action: LinkToken.Action? = nil, now: Date) throws(LinkTokenError)
        -> LinkToken
    {
        guard text.utf8.count <= Self.maximumLength else { throw LinkTokenError(code: .invalid) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // The last base64 character carries spare bits; only the canonical spelling counts,
        // so no two texts are the same token.
        guard parts.count == 2, let signature = Self.data(base64URL: parts[1]), Self.base64URL(signature) == parts[1] else {
            throw LinkTokenError(code: .invalid)
        }
        let encoded = String(parts[0])
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data((Self.label + encoded).utf8), using: key.key) else {
            throw LinkTokenError(code: .invalid)
        }
        guard let payload = Self.data(base64URL: parts[0]), let token = Self.token(from: String(decoding: payload, as: UTF8.self)) else {
            throw LinkTokenError(code: .invalid)
        }
        if let booking, booking != token.bookingID { throw LinkTokenError(code: .wrongBooking, token: token) }
        if let action, action != token.action { throw LinkTokenError(code: .wrongAction, token: token) }
        guard now < token.expires else { throw LinkTokenError(code: .expired, token: token) }
        return token
    }

    private func mac(_ encoded: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data((Self.label + encoded).utf8), using: key.key))
    }

    private static func token(from payload: String) -> LinkToken? {
        let fields = payload.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "1", let action = LinkToken.Action(rawValue: String(fields[1])),
            let seconds = Int64(fields[2]), !fields[3].isEmpty
        else { return nil }
        return LinkToken(bookingID: String(fields[3]), action: action, expires: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// RFC 4648 §5, unpadded; mapped byte by byte (every booking answer signs two links).
    public static func base64URL(_ data: Data) -> String {
        let standard = data.base64EncodedData()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(standard.count)
        for byte in standard {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func data(base64URL text: Substring) -> Data? {
        guard !text.isEmpty,
            text.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            })
        else {
            return nil
        }
        var base64: [UInt8] = text.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        base64 += repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: Data(base64))
    }
}
