import Config
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
            let text = try SecretFile.readOrCreate(file, what: "link-signing key") { LinkSigningKey.generate() }
            return try LinkSigningKey(text, origin: file.path)
        } catch let error as LinkSigningKey.Failure {
            throw SetupError(error.description)
        }
    }

    /// Writes a new random key; `replace` swaps it in atomically (rename), revoking all links.
    public static func create(_ file: URL, replace: Bool = false) throws {
        try SecretFile.create(file, what: "link-signing key", contents: LinkSigningKey.generate(), replace: replace)
    }
}
