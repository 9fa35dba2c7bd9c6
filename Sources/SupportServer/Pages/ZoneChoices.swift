import Foundation
import Scheduling

/// The profile's time-zone select: IANA zones grouped by region, each with its UTC offset
/// now ("Chicago (UTC-6)"), so a customer finds their city without knowing zone names.
enum ZoneChoices {
    static let regions = ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]

    /// Region → identifiers, sorted; read once per process.
    static let grouped: [(region: String, zones: [String])] = {
        let known = Set(zones.keys)
        return regions.map { region in (region, known.filter { $0.hasPrefix(region + "/") }.sorted()) }.filter { !$0.zones.isEmpty }
    }()

    /// Each offered zone, made once: a page lists about 400, each with today's offset.
    static let zones: [String: TimeZone] = Dictionary(
        (tzdataZones() ?? TimeZone.knownTimeZoneIdentifiers).compactMap { id in TimeZone(identifier: id).map { (id, $0) } }
    ) { first, _ in first }

    /// The zones the system's tz database lists per country (`zone.tab`, `zone1970.tab`):
    /// today's names (Asia/Kolkata, Europe/Kyiv), where Foundation's own list on Linux
    /// still has some older ones (Asia/Calcutta).
    static func tzdataZones(folder: String = "/usr/share/zoneinfo") -> [String]? {
        let zones = ["zone.tab", "zone1970.tab"].flatMap { name -> [String] in
            guard let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                guard !line.hasPrefix("#") else { return nil }
                let fields = line.split(separator: "\t")
                return fields.count >= 3 ? String(fields[2]) : nil
            }
        }
        return zones.isEmpty ? nil : zones
    }

    static func isOffered(_ identifier: String) -> Bool {
        identifier == "UTC" || (zones[identifier] != nil && regions.contains { identifier.hasPrefix($0 + "/") })
    }

    /// "Chicago (UTC-6)", "Argentina/Buenos Aires (UTC-3)"
    static func label(_ identifier: String, now: Date) -> String {
        let place = identifier.split(separator: "/").dropFirst().joined(separator: "/").replacingOccurrences(of: "_", with: " ")
        let offset =
            (zones[identifier] ?? TimeZone(identifier: identifier)).map { CustomerTime.utcOffset($0.secondsFromGMT(for: now)) } ?? ""
        return "\(place.isEmpty ? identifier : place) (\(offset))"
    }

    /// `<optgroup>`s of `<option>`s with `selected` chosen (kept even if not a listed zone).
    static func options(selected: String, now: Date) -> String {
        var html = ""
        if !isOffered(selected) || selected == "UTC" {
            html += "<option value=\"\(HTMLPage.escape(selected))\" selected>\(HTMLPage.escape(selected))</option>\n"
        } else {
            html += "<option value=\"UTC\">UTC</option>\n"
        }
        for (region, zones) in grouped {
            html += "<optgroup label=\"\(region)\">\n"
            for zone in zones {
                html +=
                    "<option value=\"\(zone)\"\(zone == selected ? " selected" : "")>\(HTMLPage.escape(label(zone, now: now)))</option>\n"
            }
            html += "</optgroup>\n"
        }
        return html
    }
}
