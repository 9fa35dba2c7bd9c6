import FileSystem
import Foundation

/// A key kept in a file of the data folder: made on first use with `generate` (mode 0600,
/// never replacing one another process made first), then read. `what` names it in errors
/// ("link-signing key").
enum SecretFile {
    static func readOrCreate(_ file: URL, what: String, generate: () -> String) throws -> String {
        if !FileManager.default.fileExists(atPath: file.path) { try create(file, what: what, contents: generate()) }
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SetupError("cannot read the \(what) file \(file.path): \(error.localizedDescription)", isConfiguration: false)
        }
    }

    /// Writes `contents`; `replace` swaps it in atomically (rename).
    static func create(_ file: URL, what: String, contents: String, replace: Bool = false) throws {
        let bytes = Array((contents + "\n").utf8)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            if replace {
                try AtomicFile.replace(bytes, at: file.path, mode: 0o600)
            } else {
                // Another process creating it first is fine: its key is as good as ours.
                _ = try AtomicFile.create(bytes, at: file.path, mode: 0o600)
            }
        } catch {
            throw SetupError("cannot write the \(what) file \(file.path): \(error)", isConfiguration: false)
        }
    }
}
