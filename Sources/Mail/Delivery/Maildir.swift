import FileSystem
import Foundation

/// A Maildir (the format mail clients and servers read): each message is written to
/// `tmp/`, flushed, then linked into `new/`, so a reader never sees half a message.
///
/// The file name comes from the message's delivery key, so delivering the same outbox
/// item twice (after a crash between writing and marking it sent) leaves one message.
public struct Maildir: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public enum Result: Sendable, Equatable {
        case delivered(String)
        case alreadyDelivered(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public func deliver(_ message: [UInt8], key: String) throws(Failure) -> Result {
        let name = "supportcal." + Self.hash(key) + ".eml"
        let new = folder.appendingPathComponent("new")
        let cur = folder.appendingPathComponent("cur")
        let tmp = folder.appendingPathComponent("tmp")
        do {
            for sub in [new, cur, tmp] { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
        } catch {
            throw Failure(message: "\(folder.path): cannot create the Maildir: \(error.localizedDescription)")
        }
        let final = new.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: final) || FileManager.default.fileExists(atPath: cur.appendingPathComponent(name).path) {
            return .alreadyDelivered(name)
        }
        do {
            // Written in tmp/, then linked into new/: of two racing deliveries, one wins.
            guard try AtomicFile.create(message, at: final, mode: 0o600, temporaryFolder: tmp.path) else { return .alreadyDelivered(name) }
        } catch {
            throw Failure(message: error.description)
        }
        return .delivered(name)
    }

    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
