import Config
import Foundation
import Mail
#if canImport(Glibc)
import Glibc
#endif

/// Where the link-signing key comes from: the environment variable the configuration
/// names, else a key file in the data folder, created on first use (mode 0600) so the
/// embedded setup works without a step; deleting or replacing it revokes every link sent.
enum LinkKeyFile {
    static func key(_ configuration: SupportCalConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LinkSigningKey {
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
                throw CommandFailure(message: "cannot read the link-signing key file \(file.path): \(error.localizedDescription)")
            }
            return try LinkSigningKey(text, origin: file.path)
        } catch let error as LinkSigningKey.Failure {
            throw CommandFailure(message: error.description, exitCode: ExitStatus.usage)
        }
    }

    /// Writes a new random key; `replace` swaps it in atomically (rename), revoking all links.
    static func create(_ file: URL, replace: Bool = false) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let target = replace ? file.appendingPathExtension("new-\(getpid())") : file
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, !replace { return }
            throw CommandFailure(message: "cannot create the link-signing key file \(target.path): \(String(cString: strerror(errno)))")
        }
        let key = Array((LinkSigningKey.generate() + "\n").utf8)
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let flushed = fsync(descriptor) == 0
        close(descriptor)
        guard written == key.count, flushed else {
            unlink(target.path)
            throw CommandFailure(message: "cannot write the link-signing key file \(target.path)")
        }
        if replace, rename(target.path, file.path) != 0 {
            unlink(target.path)
            throw CommandFailure(message: "cannot replace \(file.path): \(String(cString: strerror(errno)))")
        }
    }
}
