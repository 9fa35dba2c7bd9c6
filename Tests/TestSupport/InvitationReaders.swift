import Foundation

/// Two more independent readings of the iTIP objects SupportCal emails: libical's own
/// RFC 5546 restriction check through GObject introspection (Debian's `/usr/bin/python3`
/// with `gir1.2-ical-3.0`, Tests/servers/itip_libical.py) and Thunderbird's calendar parser,
/// ical.js, taken out of Debian's thunderbird package by the test command
/// (scripts/fetch-icaljs.sh, Tests/servers/icaljs_check.mjs).
public enum InvitationReaders {
    /// What one reader found in one object.
    public struct Reading: Decodable, Sendable, Equatable {
        public var method: String?
        public var uid: String?
        public var sequence: Int?
        /// DTSTART as a UTC instant (`2026-10-30T15:00:00Z`), nil when floating.
        public var start: String?
        public var tzid: String?
        public var floating: Bool?
        /// libical only: whether the RFC 5546 restrictions for the method hold.
        public var restriction_ok: Bool?
        public var problems: [String]?
        /// Set when the reader refused the object.
        public var error: String?
    }

    public struct Readings: Sendable {
        public var libical: [Reading]
        public var icaljs: [Reading]
    }

    /// Both readers' view of each object, in the order given.
    public static func read(_ objects: [String]) throws -> Readings {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("itip-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try objects.enumerated().map { index, text in
            let file = folder.appendingPathComponent("\(index).ics")
            try Data(text.utf8).write(to: file)
            return file.path
        }
        let scripts = RepositoryPaths.root.appendingPathComponent("Tests/servers")
        let libical = try runProcess("/usr/bin/python3", [scripts.appendingPathComponent("itip_libical.py").path] + files)
        guard libical.status == 0 else { throw CLIWorkspace.Failure(description: "itip_libical.py failed: \(libical.stderr)") }
        let node = try TestServers.value("SUPPORTCAL_TEST_NODE")
        let icaljs = try runProcess(
            node, [scripts.appendingPathComponent("icaljs_check.mjs").path, try TestServers.value("SUPPORTCAL_TEST_ICALJS")] + files)
        guard icaljs.status == 0 else { throw CLIWorkspace.Failure(description: "icaljs_check.mjs failed: \(icaljs.stderr)") }
        return Readings(
            libical: try JSONDecoder().decode([Reading].self, from: Data(libical.stdout.utf8)),
            icaljs: try JSONDecoder().decode([Reading].self, from: Data(icaljs.stdout.utf8)))
    }
}
