import Foundation

/// Computes a one-way digest of a maintenance code. Scheduling imports only
/// Foundation, so the real implementation (HMAC-SHA256 or a KDF from swift-crypto)
/// lives in an outer layer and is passed in.
public protocol CodeHasher: Sendable {
    func digest(code: String, salt: [UInt8]) -> [UInt8]
}

/// §2: a company's maintenance code, checked against a salted digest. The policy also
/// promises that a contact who forgot it can read it on their profile, so the code is kept
/// `sealed` beside the digest (encrypted by an outer layer with a key the store never
/// holds). Its description never contains the code, digest or sealed bytes, so it is safe
/// in logs and error messages.
public struct MaintenanceCode: Hashable, Codable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let salt: [UInt8]
    public let digest: [UInt8]
    /// When this code was issued; rotation replaces the whole value.
    public let issuedAt: Date
    /// The code encrypted for showing it to the company's contacts; nil for codes issued
    /// before codes were kept (rotating gives one).
    public let sealed: [UInt8]?

    /// Restores a stored code (from the Store). Use `issue` for a new one.
    public init(salt: [UInt8], digest: [UInt8], issuedAt: Date, sealed: [UInt8]? = nil) {
        self.salt = salt
        self.digest = digest
        self.issuedAt = issuedAt
        self.sealed = sealed
    }

    /// The same code with its sealed copy.
    public func keeping(sealed: [UInt8]) -> MaintenanceCode {
        MaintenanceCode(salt: salt, digest: digest, issuedAt: issuedAt, sealed: sealed)
    }

    /// A new code. The salt comes from the caller (a CSPRNG in production, fixed bytes
    /// in tests) because choosing randomness is not policy.
    public static func issue(code: String, salt: [UInt8], hasher: some CodeHasher, at instant: Date) throws(SchedulingError)
        -> MaintenanceCode
    {
        guard salt.count >= 16 else {
            throw SchedulingError(.invalidConfiguration, "a maintenance code salt needs at least 16 bytes")
        }
        guard code.count >= 6 else {
            throw SchedulingError(.invalidConfiguration, "a maintenance code needs at least 6 characters")
        }
        return MaintenanceCode(salt: salt, digest: hasher.digest(code: normalized(code), salt: salt), issuedAt: instant)
    }

    /// Rotation: the vendor issues a new code; the old one stops working at once.
    public func rotated(to newCode: String, salt newSalt: [UInt8], hasher: some CodeHasher, at instant: Date) throws(SchedulingError)
        -> MaintenanceCode
    {
        guard newSalt != salt else {
            throw SchedulingError(.invalidConfiguration, "rotation needs a fresh salt")
        }
        return try MaintenanceCode.issue(code: newCode, salt: newSalt, hasher: hasher, at: instant)
    }

    /// Whether `candidate` is this code. Compares every byte whatever the first
    /// mismatch, so the time taken does not reveal how much of a guess was right.
    public func matches(_ candidate: String, hasher: some CodeHasher) -> Bool {
        let computed = hasher.digest(code: MaintenanceCode.normalized(candidate), salt: salt)
        return MaintenanceCode.constantTimeEqual(computed, digest)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let count = max(a.count, b.count)
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    /// Codes are read out over the phone and typed from emails: ignore surrounding
    /// spaces, inner spaces and dashes, and letter case.
    static func normalized(_ code: String) -> String {
        String(code.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    public var description: String { "MaintenanceCode(hidden, issued \(issuedAt))" }
    public var debugDescription: String { description }
}
