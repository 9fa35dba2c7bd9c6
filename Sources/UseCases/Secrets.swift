import Foundation

/// Secrets come from an environment variable or a file, never from the configuration
/// file or the command line, and are never printed.
public enum Secrets {
    public static func read(variable: String?, file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SetupError)
        -> String?
    {
        if let variable {
            guard let value = environment[variable], !value.isEmpty else {
                throw SetupError("the environment variable \(variable) (named in the configuration) is not set")
            }
            return value
        }
        if let file {
            do {
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw SetupError("cannot read the secret file \(file): \(error.localizedDescription)")
            }
        }
        return nil
    }
}
