import Foundation

/// An IANA zone name as a person typed it: in the configuration (`time_zone`,
/// `vendor_time_zone`) and on the command line (`--tz`). A name that is not one says so
/// and suggests the nearest real one ("Copenhagen" → Europe/Copenhagen).
public enum ZoneName {
    public struct Invalid: Error, CustomStringConvertible {
        public var text: String
        public var suggestion: String?
        public var description: String {
            "\"\(text)\" is not an IANA time zone" + (suggestion.map { "; did you mean \($0)?" } ?? " (use a name such as America/Chicago)")
        }
    }

    public static func zone(_ text: String) throws(Invalid) -> TimeZone {
        // Foundation also accepts abbreviations and offsets ("CET", "GMT+1"); the policy
        // speaks in IANA names, whose rules follow daylight saving.
        guard text.contains("/") || text == "UTC", let zone = TimeZone(identifier: text) else {
            throw Invalid(text: text, suggestion: suggestion(for: text))
        }
        return zone
    }

    /// The known zone whose full name or city part is nearest to `text` (ignoring case,
    /// spaces for underscores), if one is close enough to be what was meant.
    static func suggestion(for text: String) -> String? {
        let typed = text.lowercased().replacingOccurrences(of: " ", with: "_")
        guard !typed.isEmpty else { return nil }
        let known = TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }
        func distance(_ identifier: String) -> Int {
            let name = identifier.lowercased()
            let city = name.split(separator: "/").last.map(String.init) ?? name
            return min(editDistance(name, typed), editDistance(city, typed))
        }
        guard let best = known.min(by: { (distance($0), $0) < (distance($1), $1) }) else { return nil }
        return distance(best) <= max(1, min(3, typed.count / 3)) ? best : nil
    }
}

/// Levenshtein distance: how many single-character edits turn `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
        var previous = row[0]
        row[0] = i
        for j in 1...b.count {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return row[b.count]
}
