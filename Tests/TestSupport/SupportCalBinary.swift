import Foundation

/// The `supportcal` executable built beside the test bundle, run as a user would.
public enum SupportCalBinary {
    public static var url: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // The test runner may sit inside an .xctest bundle folder on some layouts.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("supportcal").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("supportcal")
    }

    /// Runs `supportcal ARGS`, with extra environment variables on top of this process's.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        return try runProcess(url.path, arguments, stdin: stdin, environment: merged)
    }
}
