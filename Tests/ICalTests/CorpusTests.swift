import Foundation
import TestSupport
import Testing

@testable import ICal

/// The real-world files in ../shared/corpus/ics: each parses or is refused with an
/// error; none may crash, hang or lose the round trip.
@Suite struct CorpusTests {
    static let files: [URL] = {
        let root = RepositoryPaths.corpus
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "ics" }.sorted { $0.path < $1.path }
    }()

    /// The unfolded lines as a multiset. libical may reorder VTIMEZONEs and splits
    /// `CATEGORIES:a, b` into one property per value; neither loses anything.
    static func contentLines(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in LineFolding.unfold(text) {
            if line.hasPrefix("CATEGORIES:") {
                for value in line.dropFirst("CATEGORIES:".count).split(separator: ",") {
                    counts["CATEGORIES:" + value.trimmingCharacters(in: .whitespaces), default: 0] += 1
                }
            } else {
                counts[String(line), default: 0] += 1
            }
        }
        return counts
    }

    @Test func corpusIsThere() {
        #expect(Self.files.count >= 300, "expected the shared corpus beside the repository at \(RepositoryPaths.corpus.path)")
    }

    @Test func everyFileParsesOrIsRefusedWithAnError() throws {
        var parsed = 0
        var refused = 0
        for file in Self.files {
            let data = try Data(contentsOf: file)
            let text = String(decoding: data, as: UTF8.self)
            do {
                let document = try ICalDocument(parsing: text)
                parsed += 1
                // What we accepted must survive our own serialization unchanged.
                let again = try ICalDocument(parsing: document.text)
                #expect(Self.contentLines(again.text) == Self.contentLines(document.text), "round trip changed \(file.lastPathComponent)")
                _ = document.events
                let from = Date(timeIntervalSince1970: 1_700_000_000)
                _ = try? document.busyIntervals(from: from, to: from.addingTimeInterval(366 * 86_400), floatingTimeZone: "Europe/Berlin")
            } catch {
                refused += 1
                if ProcessInfo.processInfo.environment["CORPUS_VERBOSE"] != nil { print("REFUSED \(file.lastPathComponent): \(error)") }
                #expect(!error.message.isEmpty, "\(file.lastPathComponent) refused without a message")
            }
        }
        print("corpus: \(Self.files.count) files, \(parsed) parsed, \(refused) refused")
        #expect(parsed + refused == Self.files.count)
        #expect(parsed > Self.files.count / 2)
    }
}
