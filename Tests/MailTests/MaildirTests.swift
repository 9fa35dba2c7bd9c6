import Foundation
import TestSupport
import Testing

@testable import Mail

@Suite struct MaildirTests {
    let maildir = Maildir(folder: FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)"))

    @Test func theSameKeyIsDeliveredOnce() throws {
        let bytes = try Fixtures.message().rendered()
        let name = "supportcal." + Maildir.hash("mail/b-1/0/confirmation") + ".eml"
        #expect(try maildir.deliver(bytes, key: "mail/b-1/0/confirmation") == .delivered(name))
        #expect(try maildir.deliver(bytes, key: "mail/b-1/0/confirmation") == .alreadyDelivered(name))
        _ = try maildir.deliver(bytes, key: "mail/b-1/0/reminder-24h")
        let delivered = try FileManager.default.contentsOfDirectory(atPath: maildir.folder.appendingPathComponent("new").path)
        #expect(delivered.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.folder.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func aMaildirThatCannotBeCreatedIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-folder-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: Maildir.Failure.self) { try Maildir(folder: file).deliver([1, 2, 3], key: "k") }
    }
}
