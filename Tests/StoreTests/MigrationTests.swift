import Foundation
import GRDB
import Scheduling
import Testing
import TestSupport
@testable import Store

@Suite struct MigrationTests {
    @Test func openingTwiceKeepsDataAndSchema() throws {
        let (folder, path) = temporaryStorePath("nested/deeper/store.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SupportStore(path: path, logger: testLogger)
        try first.seed()
        // A second open (another process, a restart) migrates nothing and sees the data.
        let second = try SupportStore(path: path, logger: testLogger)
        let third = try SupportStore(path: path, logger: testLogger)
        #expect(try second.read { try $0.company("acme") }?.name == "Acme Crating")
        #expect(try third.read { try $0.contacts(of: "acme") }.map(\.id) == ["ann"])
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func storeUsesWALAndForeignKeys() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let (mode, foreignKeys) = try store.read { tx in
            (try String.fetchOne(tx.db, sql: "PRAGMA journal_mode"), try Int.fetchOne(tx.db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func twentyProcessesOpeningANewFileAtOnceAllSucceed() async throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let store = try SupportStore(path: path, logger: testLogger)
                    return try await store.read { try $0.companies() }.isEmpty
                }
            }
            return try await group.reduce(into: 0) { count, ok in count += ok ? 1 : 0 }
        }
        #expect(opened == 20)
    }

    @Test func inMemoryStoreWorksAndIsPrivate() throws {
        let a = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let b = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        try a.seed()
        #expect(a.path == nil)
        #expect(try a.read { try $0.companies() }.count == 1)
        #expect(try b.read { try $0.companies() }.isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SupportStore(path: path, logger: testLogger)
        } throws: { error in
            (error as? StoreError)?.code == .corrupt && "\(error)".contains(path)
        }
    }
}
