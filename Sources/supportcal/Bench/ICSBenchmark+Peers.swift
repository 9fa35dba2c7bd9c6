import Foundation

/// The peers `bench ics` is read beside, timed on the same bytes in the same run: libical
/// called directly from C (the floor: what any binding of it can at best reach) and Python's
/// icalendar. Both are found from the repository folder; a peer that cannot run is named.
enum ICSPeers {
    struct Figure {
        var name: String
        var milliseconds: Double
    }

    /// Compiles Benchmarks/libical-floor.c with `cc` and times libical on `file`.
    static func libicalFloor(file: String, runs: Int, repository: URL) -> Result<Figure, PeerFailure> {
        let source = repository.appendingPathComponent("Benchmarks/libical-floor.c")
        guard FileManager.default.fileExists(atPath: source.path) else { return .failure(PeerFailure("\(source.path) not found")) }
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "supportcal-libical-floor-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: binary) }
        let build = run(
            "/bin/sh", ["-c", "cc -O2 -o '\(binary.path)' '\(source.path)' $(pkg-config --cflags --libs libical)"])
        guard build.status == 0 else { return .failure(PeerFailure("cc failed: \(build.output.prefix(300))")) }
        let timed = run(binary.path, [file, "\(runs)"])
        guard timed.status == 0, let milliseconds = Double(timed.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .failure(PeerFailure("libical-floor failed: \(timed.output.prefix(300))"))
        }
        return .success(Figure(name: "libical from C", milliseconds: milliseconds))
    }

    /// Python's icalendar through Tests/servers/bench_icalendar.py in the repository's .venv.
    static func pythonICalendar(file: String, runs: Int, repository: URL) -> Result<Figure, PeerFailure> {
        let python = repository.appendingPathComponent(".venv/bin/python")
        let script = repository.appendingPathComponent("Tests/servers/bench_icalendar.py")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            return .failure(PeerFailure("no \(python.path) (scripts/python-env.sh makes it)"))
        }
        let timed = run(python.path, [script.path, file, "\(runs)"])
        // "icalendar 7.3.2: 5000 events; parse 2900.1 ms; parse + serialize 3100.2 ms (1612 events/s)"
        guard timed.status == 0, let range = timed.output.range(of: "parse + serialize ") else {
            return .failure(PeerFailure("bench_icalendar.py failed: \(timed.output.prefix(300))"))
        }
        let rest = timed.output[range.upperBound...]
        guard let milliseconds = Double(rest.prefix { $0.isNumber || $0 == "." }) else {
            return .failure(PeerFailure("unexpected output: \(timed.output.prefix(200))"))
        }
        let version = timed.output.split(separator: ":").first.map(String.init) ?? "icalendar"
        return .success(Figure(name: "python \(version)", milliseconds: milliseconds))
    }

    struct PeerFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
