import Foundation

/// Secrets come from an environment variable or a file, never from the configuration
/// file or the command line, and are never printed.
enum Secrets {
    static func read(variable: String?, file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> String?
    {
        if let variable {
            guard let value = environment[variable], !value.isEmpty else {
                throw CommandFailure(
                    message: "the environment variable \(variable) (named in the configuration) is not set", exitCode: ExitStatus.usage)
            }
            return value
        }
        if let file {
            do {
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CommandFailure(
                    message: "cannot read the secret file \(file): \(error.localizedDescription)", exitCode: ExitStatus.usage)
            }
        }
        return nil
    }
}
