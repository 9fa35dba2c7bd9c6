import Scheduling

/// A fast, deterministic stand-in for the PBKDF2 hasher in unit tests: FNV-1a over salt
/// and code, stretched to 32 bytes. Not secure; distinct for distinct inputs in practice.
public struct FakeHasher: CodeHasher {
    public init() {}

    public func digest(code: String, salt: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for round in 0..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(round)
            for byte in salt + Array(code.utf8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) }
        }
        return out
    }
}
