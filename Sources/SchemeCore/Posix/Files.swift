import Glibc

extension Posix {
    /// What a file is, named as CHICKEN's `file-type` names it.
    public enum FileKind: String {
        case regular = "regular-file", directory, symbolicLink = "symbolic-link", fifo, socket
        case characterDevice = "character-device", blockDevice = "block-device", unknown

        /// The kind an `st_mode` says.
        public init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFLNK: self = .symbolicLink
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            default: self = .unknown
            }
        }
    }

    /// What a path names, from `lstat` (`followLinks` false) or `stat`; nil if nothing.
    public static func fileKind(_ path: String, followLinks: Bool = true) -> FileKind? {
        (try? status(path: path, fd: nil, followLinks: followLinks)).map { FileKind(mode: $0.st_mode) }
    }

    /// `mkdir(path, 0777)`.
    public static func makeDirectory(_ path: String) throws { _ = try call { mkdir(path, 0o777) } }
    /// `rmdir(path)`.
    public static func removeDirectory(_ path: String) throws { _ = try call { rmdir(path) } }
    /// `unlink(path)`.
    public static func removeFile(_ path: String) throws { _ = try call { unlink(path) } }
    /// `rename(from, to)`.
    public static func rename(_ from: String, _ to: String) throws { _ = try call { Glibc.rename(from, to) } }
    /// `access(path, mode)`: true if allowed, false if refused (EACCES/EROFS); throws other errors.
    public static func access(_ path: String, _ mode: Int32) throws -> Bool {
        if Glibc.access(path, mode) == 0 { return true }
        let e = Errno.current
        if e.rawValue == EACCES || e.rawValue == EROFS { return false }
        throw e
    }

    /// Creates a new file (`O_CREAT | O_EXCL`, mode 0600) and closes it; false if it exists.
    public static func createNewFile(_ path: String) throws -> Bool {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw Errno.current
        }
        Glibc.close(fd)
        return true
    }

    /// Creates a new directory (mode 0700); false if it exists.
    public static func createNewDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        if errno == EEXIST { return false }
        throw Errno.current
    }
}

extension Posix {
    /// `stat`, `lstat` (`followLinks` false) or, for a descriptor, `fstat`.
    public static func status(path: String?, fd: Int32?, followLinks: Bool = true) throws -> stat {
        var st = stat()
        if let path {
            _ = try call { followLinks ? stat(path, &st) : lstat(path, &st) }
        } else {
            _ = try call { fstat(fd ?? -1, &st) }
        }
        return st
    }

    /// `open(path, flags, mode)` (close-on-exec added).
    public static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) throws -> Int32 {
        try call { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    /// `dup(fd)`, or `dup2(fd, target)`.
    public static func duplicate(_ fd: Int32, to target: Int32?) throws -> Int32 {
        if let target { return try call { dup2(fd, target) } }
        return try call { dup(fd) }
    }
}
