import ArgumentParser
import Foundation

/// Exit codes of every command (README "Exit status").
enum ExitStatus {
    static let failure = ExitCode(1)
    static let usage = ExitCode(2)
    static let refused = ExitCode(3)
}

/// Prints `message` on standard error, one line, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("supportcal: \(message)\n".utf8))
}

/// A failure the user should read: printed as one line, then the command exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode = ExitStatus.failure
    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into its message and exit code instead of
    /// a stack of error descriptions.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            printError(failure.message)
            throw failure.exitCode
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Anything else (the store, the file system) is still one line a person can read.
            printError("\(error)")
            throw ExitStatus.failure
        }
    }
}
