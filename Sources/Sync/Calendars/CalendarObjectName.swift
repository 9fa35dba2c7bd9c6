/// The file or resource name SupportCal gives the object of a UID.
///
/// A UID is usually safe as a name (`b-7K3…@supportcal`); one that is not (slashes,
/// spaces, over-long) gets a stable hash instead, as vdirsyncer does.
public enum CalendarObjectName {
    public static func forUID(_ uid: String) -> String {
        let safe = uid.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "@._-".unicodeScalars.contains(scalar))
        }
        if safe, !uid.isEmpty, uid.utf8.count <= 200, !uid.hasPrefix(".") { return uid + ".ics" }
        return "uid-" + fnv1a(uid) + ".ics"
    }

    /// FNV-1a 64: stable across runs and platforms (Swift's Hasher is seeded per process).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
