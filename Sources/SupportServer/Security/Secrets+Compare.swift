import Crypto
import Foundation

/// Compares two secrets in time independent of where they differ: both are hashed first,
/// so even their lengths do not leak, and the digests are compared byte by byte in full.
func secretsMatch(_ given: String, _ expected: String) -> Bool {
    let a = Array(SHA256.hash(data: Data(given.utf8)))
    let b = Array(SHA256.hash(data: Data(expected.utf8)))
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}
