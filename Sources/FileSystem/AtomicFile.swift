import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files that appear whole or not at all: the bytes go to a temporary file in the target's
/// folder (one file system, so link and rename are atomic), are written fully and flushed,
/// then linked (create) or renamed (replace) into place, and the folder itself is flushed
/// so the new name survives a power cut. Maildir deliveries, vdir events and the
/// link-signing key file are all written this way.
public enum AtomicFile {
    /// Creates `path` with `bytes` unless it exists: `false` when it did (link(2) refuses an
    /// existing name, so of two racing writers exactly one creates it).
    @discardableResult
    public static func create(
        _ bytes: [UInt8], at path: String, mode: mode_t = 0o644,
        temporaryFolder: String? = nil
    ) throws(FileSystemError) -> Bool {
        let temporary = try writeTemporary(bytes, beside: path, in: temporaryFolder, mode: mode)
        defer { unlink(temporary) }
        do throws(FileSystemError) {
            _ = try Syscall.retrying("link", path: path) { link(temporary, path) }
        } catch  where error.exists {
            return false
        }
        try syncFolder(of: path)
        return true
    }

    /// Replaces (or creates) `path` with `bytes`: a reader sees the old file or the new
    /// one, never half of either.
    public static func replace(_ bytes: [UInt8], at path: String, mode: mode_t = 0o644) throws(FileSystemError) {
        let temporary = try writeTemporary(bytes, beside: path, in: nil, mode: mode)
        do throws(FileSystemError) {
            _ = try Syscall.retrying("rename", path: path) { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncFolder(of: path)
    }

    /// A hidden temporary file holding all of `bytes`, flushed to disk. Its name starts with
    /// a dot so folder listings (vdir readers) skip it.
    static func writeTemporary(_ bytes: [UInt8], beside path: String, in folder: String?, mode: mode_t) throws(FileSystemError) -> String {
        let target = URL(fileURLWithPath: path)
        let directory = folder ?? target.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(target.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp"
        let descriptor = try Syscall.retrying("open", path: temporary) { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        defer { close(descriptor) }
        do throws(FileSystemError) {
            var written = 0
            while written < bytes.count {
                let count = try Syscall.retrying("write", path: temporary) {
                    bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                }
                // write(2) returning 0 for a non-empty buffer: the device takes no more.
                guard count > 0 else { throw FileSystemError("write", path: temporary, errno: ENOSPC) }
                written += count
            }
            _ = try Syscall.retrying("fsync", path: temporary) { fsync(descriptor) }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// fsync of the folder: makes a link or rename in it durable.
    static func syncFolder(of path: String) throws(FileSystemError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = try Syscall.retrying("open", path: folder) { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(descriptor) }
        _ = try Syscall.retrying("fsync", path: folder) { fsync(descriptor) }
    }
}
