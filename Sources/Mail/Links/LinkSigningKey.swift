import Crypto
import Foundation

/// The secret that signs customers' links. Changing it revokes every link already sent.
public struct LinkSigningKey: Sendable {
    /// Bytes, not a `SymmetricKey`: swift-crypto 3 does not mark that type Sendable.
    private let bytes: Data
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// At least 32 bytes (HMAC-SHA256's block of security); the text is used as UTF-8,
    /// so a 64-character hex string from `generate()` or `openssl rand -hex 32` works.
    public init(_ text: String, origin: String) throws(Failure) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= 32 else {
            throw Failure(
                description:
                    "\(origin): the link-signing key is \(trimmed.utf8.count) bytes; it must be at least 32 (e.g. `openssl rand -hex 32`)")
        }
        bytes = Data(trimmed.utf8)
    }

    /// A separate key for another purpose (the pages' form tokens), derived so one secret
    /// serves both without one use's MACs being valid for the other.
    public func derivedKey(for purpose: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: key))
    }

    /// A fresh key as 64 hex characters, from the system's secure random source.
    public static func generate() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }
}
