import Foundation
import TestSupport
import Testing

/// Every command's --help, as a new user reads it: each leaf command has an example, and
/// no example is broken in the middle of a command by the 80-column wrapping.
@Suite struct HelpTextTests {
    /// The subcommand names a group's --help lists under SUBCOMMANDS (hidden ones are not).
    static func subcommands(in help: String) -> [String] {
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .compactMap { line in line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil }
    }

    static func help(_ path: [String]) throws -> String {
        let result = try SupportCalBinary.run(path + ["--help"], environment: ["COLUMNS": "80"])
        return result.stdout
    }

    /// Every leaf command path, found by walking `supportcal --help` down.
    static func leafCommands() throws -> [[String]] {
        var leaves: [[String]] = []
        var pending: [[String]] = [[]]
        while let path = pending.popLast() {
            let names = subcommands(in: try help(path))
            if names.isEmpty { leaves.append(path) } else { pending += names.map { path + [$0] } }
        }
        return leaves.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    /// The lines of each example: from "Example:" through the lines its trailing " \" continues.
    static func examples(in help: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String]?
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var lines = current {
                lines.append(line)
                current = line.hasSuffix(" \\") ? lines : nil
                if current == nil { result.append(lines) }
            } else if line.hasPrefix("Example:") {
                if line.hasSuffix(" \\") { current = [line] } else { result.append([line]) }
            }
        }
        if let current { result.append(current) }
        return result
    }

    @Test func theCommandTreeIsWalked() throws {
        let leaves = try Self.leafCommands().map { $0.joined(separator: " ") }
        // A sample from several levels, so a broken walk cannot pass with an empty list.
        for expected in [
            "book", "companies set-plan", "contacts remove", "callbacks list", "caldav freebusy", "bench sync", "mail preview",
        ] {
            #expect(leaves.contains(expected), "\(leaves)")
        }
    }

    @Test func everyLeafCommandHasAnExampleThatIsNotBrokenByWrapping() throws {
        for path in try Self.leafCommands() {
            let command = path.joined(separator: " ")
            let help = try Self.help(path)
            let examples = Self.examples(in: help)
            #expect(!examples.isEmpty, "supportcal \(command) --help has no Example:")
            for example in examples {
                let text = example.map { $0.hasSuffix(" \\") ? String($0.dropLast(2)) : $0 }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                // The example runs this very command: it was not cut off before its name.
                let invocation = text.dropFirst("Example:".count).trimmingCharacters(in: .whitespaces)
                #expect(invocation.contains("supportcal \(command)"), "supportcal \(command): example \(example)")
                // Each line fits, so the parser did not wrap it (a wrapped line lacks the " \").
                for line in example { #expect(line.count <= 80, "supportcal \(command): \(line)") }
                // The line after an example is not the rest of it, wrapped without a " \".
                if let last = example.last, let range = help.range(of: last + "\n") {
                    let next = help[range.upperBound...].prefix { $0 != "\n" }
                    #expect(next.isEmpty || next.hasPrefix("Example:"), "supportcal \(command): example continues on \"\(next)\"")
                }
            }
        }
    }

    @Test func proseIsWrappedWithoutStrandedWords() throws {
        // "the\nreinstatement fee": a source line longer than the screen wrapped twice.
        let help = try Self.help(["reinstate"])
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let overview = lines.prefix { !$0.hasPrefix("USAGE:") }
        for (line, next) in zip(overview, overview.dropFirst()) where !line.isEmpty && !next.isEmpty && !next.hasPrefix(" ") {
            // A wrapped paragraph fills its line: a short line followed by more prose is a strand.
            #expect(line.count + 1 + (next.split(separator: " ").first?.count ?? 0) >= 80, "stranded: \"\(line)\" / \"\(next)\"")
        }
    }

    @Test func versionIsPrinted() throws {
        let result = try SupportCalBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.2.0")
    }
}
