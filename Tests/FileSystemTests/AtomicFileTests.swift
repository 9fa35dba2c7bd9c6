import Foundation
import Testing

@testable import FileSystem

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct AtomicFileTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-fs-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func contents(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    @Test func createWritesOnceAndLeavesNoTemporaryFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("event.ics").path
        #expect(try AtomicFile.create(Array("first".utf8), at: path))
        #expect(try AtomicFile.create(Array("second".utf8), at: path) == false, "an existing file is not replaced")
        #expect(try contents("event.ics") == "first")
        #expect(try names() == ["event.ics"], "the temporary files are gone")
    }

    @Test func replaceSwapsTheWholeFileWithItsMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("key").path
        try AtomicFile.replace(Array("old".utf8), at: path, mode: 0o600)
        try AtomicFile.replace(Array(String(repeating: "n", count: 200_000).utf8), at: path, mode: 0o600)
        #expect(try contents("key").count == 200_000)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try names() == ["key"])
    }

    @Test func aFailureCarriesTheCallThePathAndErrno() {
        let missing = folder.appendingPathComponent("no/such/folder/file").path
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try AtomicFile.create([1, 2, 3], at: missing)
        } throws: { error in
            guard let error = error as? FileSystemError else { return false }
            return error.errno == ENOENT && error.operation == "open" && error.description.contains("No such file or directory")
        }
    }

    @Test func anInterruptedCallIsRetried() throws {
        var calls = 0
        let result = try Syscall.retrying("write", path: "/x") { () -> Int in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(result == 42 && calls == 3)
        #expect(throws: FileSystemError.self) {
            try Syscall.retrying("write", path: "/x") { () -> Int in
                errno = EIO
                return -1
            }
        }
    }

    @Test func aSecondLockOnTheSameFileIsRefusedUntilReleased() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sweep.lock").path
        let first = try #require(try FileLock(path: path))
        #expect(try FileLock(path: path) == nil, "flock is per open file: a second one in this process is refused too")
        first.release()
        let again = try #require(try FileLock(path: path))
        again.release()
    }
}
