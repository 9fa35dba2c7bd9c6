import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive, non-blocking `flock` on a file (created if missing). The kernel releases
/// it when the process ends however it ends, so a killed holder never leaves it stuck.
public final class FileLock: Sendable {
    private let descriptor: Int32
    private let held = Mutex(true)
    public let path: String

    /// The lock, or `nil` when another process holds it.
    public init?(path: String) throws(FileSystemError) {
        self.path = path
        let descriptor = try Syscall.retrying("open", path: path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        do throws(FileSystemError) {
            _ = try Syscall.retrying("flock", path: path) { flock(descriptor, LOCK_EX | LOCK_NB) }
        } catch  where error.errno == EWOULDBLOCK {
            close(descriptor)
            return nil
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    public func release() {
        guard
            held.withLock({ held in
                defer { held = false }
                return held
            })
        else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }
}
