import Config
import FileSystem
import Foundation
import Mail

/// Where the link-signing key comes from: the environment variable the configuration
/// names, else a key file in the data folder, created on first use (mode 0600) so the
/// embedded setup works without a step; deleting or replacing it revokes every link sent.
public enum LinkKeyFile {
    public static func key(_ configuration: SupportCalConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
        -> LinkSigningKey
    {
        let variable = configuration.linkSigningKeyVariable
        do {
            if let value = environment[variable], !value.isEmpty {
                return try LinkSigningKey(value, origin: "$\(variable)")
            }
            let file = configuration.linkSigningKeyFile
            if !FileManager.default.fileExists(atPath: file.path) { try create(file) }
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw SetupError(
                    "cannot read the link-signing key file \(file.path): \(error.localizedDescription)", isConfiguration: false)
            }
            return try LinkSigningKey(text, origin: file.path)
        } catch let error as LinkSigningKey.Failure {
            throw SetupError(error.description)
        }
    }

    /// Writes a new random key; `replace` swaps it in atomically (rename), revoking all links.
    public static func create(_ file: URL, replace: Bool = false) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let key = Array((LinkSigningKey.generate() + "\n").utf8)
        do {
            if replace {
                try AtomicFile.replace(key, at: file.path, mode: 0o600)
            } else {
                // Another process creating it first is fine: its key is as good as ours.
                try AtomicFile.create(key, at: file.path, mode: 0o600)
            }
        } catch {
            throw SetupError("cannot write the link-signing key file: \(error)", isConfiguration: false)
        }
    }
}
