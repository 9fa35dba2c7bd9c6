#if canImport(Glibc)
    import Glibc
#endif

/// Retries a system call that a signal interrupted (EINTR), as swift-nio's `System.swift`
/// does: SIGTERM reaching `serve` mid-write must not turn into a failed delivery.
enum Syscall {
    static func retrying<Result: BinaryInteger>(_ operation: String, path: String, _ call: () -> Result) throws(FileSystemError) -> Result {
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw FileSystemError(operation, path: path, errno: code)
        }
    }
}
