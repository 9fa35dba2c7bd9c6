import FileSystem
import Foundation

/// An exclusive `flock` on `<data>/sweep.lock`, released when the process ends however it
/// ends: only one sweep or sync runs at a time, whether from cron or inside `serve`.
public struct SweepLock: Sendable {
    let lock: FileLock

    /// `nil` when another process holds it.
    public init?(folder: URL) throws(SetupError) {
        let path = folder.appendingPathComponent("sweep.lock").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard let lock = try FileLock(path: path) else { return nil }
            self.lock = lock
        } catch {
            throw SetupError("cannot take the sweep lock \(path): \(error)", isConfiguration: false)
        }
    }

    public func release() { lock.release() }
}
