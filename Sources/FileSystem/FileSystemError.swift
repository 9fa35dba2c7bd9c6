#if canImport(Glibc)
    import Glibc
#endif

/// A system call on a file that failed: which call, on which path, and `errno`, so the
/// caller can tell "exists already" from "disk full" without parsing a message.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    /// "open", "write", "fsync", "link", "rename", "flock", …
    public var operation: String
    public var path: String
    public var errno: Int32

    public init(_ operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// "No space left on device"
    public var reason: String { String(cString: strerror(errno)) }
    public var exists: Bool { errno == EEXIST }
    public var description: String { "\(path): \(operation) failed: \(reason)" }
}
