import Crypto
import Foundation
import Scheduling

/// Maintenance codes are stored as PBKDF2-HMAC-SHA256 digests (RFC 8018), so a copy of
/// the database does not give away the codes: short codes are cheap to guess unless each
/// guess costs thousands of hash rounds.
public struct PBKDF2CodeHasher: CodeHasher {
    public var rounds = 60_000

    public init(rounds: Int = 60_000) { self.rounds = rounds }

    public func digest(code: String, salt: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: Data(code.utf8))
        // One 32-byte block: U1 = HMAC(code, salt || INT(1)); Ui = HMAC(code, Ui-1); T = U1 ^ ... ^ Uc.
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<max(rounds, 1) {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }

    public static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A new code a person can read out on the phone: four groups of four, no 0/O or 1/I.
    public static func newCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
