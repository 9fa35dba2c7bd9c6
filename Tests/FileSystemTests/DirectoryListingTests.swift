import Foundation
import Testing

@testable import FileSystem

@Suite struct DirectoryListingTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-ls-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }

    @Test func onlyVisibleRegularFilesWithTheSuffixAreListed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("a.ics", "one")
        try write("b.ics", "three")
        try write(".hidden.ics", "x")
        try write("notes.txt", "x")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub.ics"), withIntermediateDirectories: true)
        let entries = try #require(try DirectoryListing.files(in: folder.path, suffix: ".ics"))
        #expect(entries.map(\.name).sorted() == ["a.ics", "b.ics"])
        #expect(entries.first { $0.name == "b.ics" }?.size == 5)
    }

    @Test func theVersionChangesWhenAFileIsReplaced() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("a.ics", "one")
        let before = try #require(try DirectoryListing.files(in: folder.path, suffix: ".ics")?.first)
        try "two!".write(to: folder.appendingPathComponent("a.ics"), atomically: true, encoding: .utf8)
        let after = try #require(try DirectoryListing.files(in: folder.path, suffix: ".ics")?.first)
        #expect(before.version != after.version)
        #expect(after.version.hasPrefix("\(after.inode)-4-"))
    }

    @Test func aMissingFolderIsNilAndAFileIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try DirectoryListing.files(in: folder.appendingPathComponent("absent").path, suffix: ".ics") == nil)
        try write("plain", "x")
        #expect(throws: FileSystemError.self) {
            try DirectoryListing.files(in: folder.appendingPathComponent("plain").path, suffix: ".ics")
        }
    }
}
