import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Maildir (the format mail clients and servers read): each message is written to
/// `tmp/`, flushed, then renamed into `new/`, so a reader never sees half a message.
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
        let temporary = tmp.appendingPathComponent("\(name).\(getpid()).\(UUID().uuidString)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Failure(message: "\(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < message.count {
            let result = message[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result <= 0 { break }
            written += result
        }
        let flushed = fsync(descriptor) == 0
        close(descriptor)
        guard written == message.count, flushed else {
            unlink(temporary)
            throw Failure(message: "\(temporary): cannot write the message")
        }
        // link(2) refuses an existing name: of two racing deliveries, one wins.
        defer { unlink(temporary) }
        guard link(temporary, final) == 0 else {
            if errno == EEXIST { return .alreadyDelivered(name) }
            throw Failure(message: "\(final): \(String(cString: strerror(errno)))")
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
