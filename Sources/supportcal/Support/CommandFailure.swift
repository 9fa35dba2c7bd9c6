import ArgumentParser
import Foundation
import Scheduling
import Store
import UseCases

/// Exit codes of every command (README "Exit status").
enum ExitStatus {
    static let failure = ExitCode(1)
    /// Usage or configuration error, including a name on the command line that matches
    /// nothing (a company, contact, booking, return call or staff member).
    static let usage = ExitCode(2)
    static let refused = ExitCode(3)
}

/// Prints `message` on standard error, one line, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("supportcal: \(message)\n".utf8))
}

/// An error as `--json` prints it, on standard output: `{"error": "...", "exitCode": 2}`.
struct ErrorJSON: Encodable {
    var error: String
    var exitCode: Int32
}

/// Reports a failure the way the command's output is: a line on standard error, or under
/// `--json` the error document on standard output (scripts read one stream).
func report(failure message: String, exitCode: ExitCode, json: Bool) {
    if json, (try? JSONOutput.print(ErrorJSON(error: message, exitCode: exitCode.rawValue))) != nil { return }
    printError(message)
}

/// A failure the user should read: printed as one line, then the command exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode = ExitStatus.failure
    var description: String { message }

    init(message: String, exitCode: ExitCode = ExitStatus.failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A store error: something named that is not there is a usage error (2), as for every
    /// unknown name on the command line; anything else failed (1).
    init(_ error: StoreError, prefix: String? = nil) {
        self.init(
            message: (prefix.map { "\($0): " } ?? "") + error.message,
            exitCode: error.code == .notFound ? ExitStatus.usage : ExitStatus.failure)
    }

    /// A name on the command line that matches nothing: `no company acme (see …)`.
    static func unknown(_ what: String, see command: String) -> CommandFailure {
        CommandFailure(message: "no \(what) (see `\(command)`)", exitCode: ExitStatus.usage)
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into its message and exit code instead of
    /// a stack of error descriptions; under `--json` (`json`) the message is a JSON
    /// document on standard output.
    func reportingFailures(json: Bool, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            report(failure: failure.message, exitCode: failure.exitCode, json: json)
            throw failure.exitCode
        } catch let exit as ExitCode {
            throw exit
        } catch let error as StoreError {
            let failure = CommandFailure(error)
            report(failure: failure.message, exitCode: failure.exitCode, json: json)
            throw failure.exitCode
        } catch let error as SetupError {
            let status = error.isConfiguration ? ExitStatus.usage : ExitStatus.failure
            report(failure: error.message, exitCode: status, json: json)
            throw status
        } catch let error as SchedulingError where error.code == .invalidInput {
            // A value given on the command line that cannot be right (a join time after
            // now, an unknown staff member): a usage error.
            report(failure: error.message, exitCode: ExitStatus.usage, json: json)
            throw ExitStatus.usage
        } catch {
            // Anything else (the store, the file system) is still one line a person can read.
            report(failure: "\(error)", exitCode: ExitStatus.failure, json: json)
            throw ExitStatus.failure
        }
    }
}
