import CSystem
import Glibc

/// Locks, positions, links, fifos and modes: the rest of the file system calls of
/// `(chicken file posix)`.
extension Posix {
    /// `fcntl(F_SETLK / F_GETLK)` on `start..<start+length` (length 0: to the end): with
    /// `test`, the pid of a process holding a conflicting lock (or nil); otherwise takes
    /// the lock (write if `exclusive`) and returns nil, or throws EAGAIN/EACCES when held.
    public static func lock(_ fd: Int32, exclusive: Bool, start: Int, length: Int, test: Bool = false) throws -> pid_t? {
        var l = flock()
        l.l_type = Int16(exclusive ? F_WRLCK : F_RDLCK)
        l.l_whence = Int16(SEEK_SET)
        l.l_start = off_t(start)
        l.l_len = off_t(length)
        _ = try call { fcntl(fd, test ? F_GETLK : F_SETLK, &l) }
        return test && l.l_type != Int16(F_UNLCK) ? l.l_pid : nil
    }

    /// Releases a lock taken with `lock`.
    public static func unlock(_ fd: Int32, start: Int, length: Int) throws {
        var l = flock()
        l.l_type = Int16(F_UNLCK)
        l.l_whence = Int16(SEEK_SET)
        l.l_start = off_t(start)
        l.l_len = off_t(length)
        _ = try call { fcntl(fd, F_SETLK, &l) }
    }

    /// `lseek`: the new offset.
    public static func seek(_ fd: Int32, _ offset: Int, _ whence: Int32) throws -> Int {
        Int(try call { lseek(fd, off_t(offset), whence) })
    }

    /// `truncate` or `ftruncate`.
    public static func truncate(path: String?, fd: Int32?, length: Int) throws {
        if let path { _ = try call { Glibc.truncate(path, off_t(length)) } } else { _ = try call { ftruncate(fd ?? -1, off_t(length)) } }
    }

    /// `fcntl(fd, command, argument)`.
    public static func control(_ fd: Int32, _ command: Int32, _ argument: Int) throws -> Int {
        Int(try call { fcntl(fd, command, Int32(truncatingIfNeeded: argument)) })
    }

    public static func makeFifo(_ path: String, _ mode: mode_t) throws { _ = try call { mkfifo(path, mode) } }
    public static func symbolicLink(_ target: String, _ path: String) throws { _ = try call { symlink(target, path) } }
    public static func hardLink(_ target: String, _ path: String) throws { _ = try call { link(target, path) } }

    /// `umask`: sets the mask (when `mode` is given) and returns the one before.
    public static func creationMask(_ mode: mode_t?) -> mode_t {
        let old = umask(mode ?? 0)
        if mode == nil { _ = umask(old) }
        return old
    }

    /// `mkstemp`: the open descriptor and the file's name.
    public static func makeTemporaryFile(_ template: String) throws -> (Int32, String) {
        var bytes = Array(template.utf8CString)
        let fd = try call { mkstemp(&bytes) }
        return (fd, String(cString: bytes))
    }

    public static func setPermissions(path: String?, fd: Int32?, _ mode: mode_t) throws {
        if let path { _ = try call { chmod(path, mode) } } else { _ = try call { fchmod(fd ?? -1, mode) } }
    }

    /// `chown` (-1 leaves an id as it is).
    public static func setOwner(path: String?, fd: Int32?, uid: uid_t, gid: gid_t) throws {
        if let path { _ = try call { chown(path, uid, gid) } } else { _ = try call { fchown(fd ?? -1, uid, gid) } }
    }

    /// `utimes` in whole seconds.
    public static func setTimes(_ path: String, access: Int, modification: Int) throws {
        var times = [timeval(tv_sec: access, tv_usec: 0), timeval(tv_sec: modification, tv_usec: 0)]
        _ = try call { utimes(path, &times) }
    }

    /// `poll` without waiting: which of `read` and `write` are ready.
    public static func selectNow(read: [Int32], write: [Int32]) throws -> (read: [Int32], write: [Int32]) {
        var fds = read.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) } + write.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
        _ = try call { poll(&fds, nfds_t(fds.count), 0) }
        let ready = { (p: pollfd) in p.revents != 0 }
        return (fds[..<read.count].filter(ready).map(\.fd), fds[read.count...].filter(ready).map(\.fd))
    }
}
