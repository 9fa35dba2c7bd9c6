#if canImport(Glibc)
    import Glibc
#endif

/// The regular files of one folder with what identifies each version of them, read with
/// `readdir` and `fstatat` on the folder's descriptor: a folder of 11,000 calendar files is
/// listed in milliseconds, without building a path or a URL per file.
public enum DirectoryListing {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var inode: UInt64
        public var size: Int64
        public var modifiedSeconds: Int
        public var modifiedNanoseconds: Int

        /// inode, size and mtime: changes whenever any program replaces or edits the file.
        public var version: String { "\(inode)-\(size)-\(modifiedSeconds).\(modifiedNanoseconds)" }
    }

    /// Regular files whose names end in `suffix` and do not start with a dot. A folder that
    /// does not exist is `nil`; a file removed while listing is skipped.
    public static func files(in path: String, suffix: String) throws(FileSystemError) -> [Entry]? {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return nil }
            throw FileSystemError("opendir", path: path, errno: errno)
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var entries: [Entry] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard !name.hasPrefix("."), name.hasSuffix(suffix) else { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            entries.append(
                Entry(
                    name: name, inode: UInt64(info.st_ino), size: Int64(info.st_size), modifiedSeconds: info.st_mtim.tv_sec,
                    modifiedNanoseconds: info.st_mtim.tv_nsec))
        }
        return entries
    }
}
