import Glibc

extension Posix {
    /// `getcwd`.
    public static func currentDirectory() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { throw Errno.current }
        return String(cString: buffer)
    }

    /// `chdir(path)`.
    public static func changeDirectory(_ path: String) throws { _ = try call { chdir(path) } }
    /// `fchdir`.
    public static func changeDirectory(descriptor fd: Int32) throws { _ = try call { fchdir(fd) } }
    /// `setsid`: the new session's id.
    public static func createSession() throws -> pid_t { try call { setsid() } }
    /// `chroot`.
    public static func changeRoot(_ path: String) throws { _ = try call { chroot(path) } }

    /// The target of the symbolic link at `path` (`readlink`).
    public static func readLink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = try call { readlink(path, &buffer, buffer.count - 1) }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The environment as `NAME=VALUE` strings.
    public static var environment: [String] {
        var out: [String] = []
        var p = environ
        while let entry = p.pointee {
            out.append(String(cString: entry))
            p += 1
        }
        return out
    }

    /// The user and group ids of this process.
    public static var userID: uid_t { getuid() }
    public static var effectiveUserID: uid_t { geteuid() }
    public static var groupID: gid_t { getgid() }
    public static var effectiveGroupID: gid_t { getegid() }
    /// `getpgid(pid)`.
    public static func processGroup(_ pid: pid_t) throws -> pid_t { try call { getpgid(pid) } }
    /// `setpgid(pid, group)`.
    public static func setProcessGroup(_ pid: pid_t, _ group: pid_t) throws { _ = try call { setpgid(pid, group) } }
    /// `setuid`, `setgid`, `seteuid`, `setegid`.
    public static func setUserID(_ id: uid_t) throws { _ = try call { setuid(id) } }
    public static func setGroupID(_ id: gid_t) throws { _ = try call { setgid(id) } }
    public static func setEffectiveUserID(_ id: uid_t) throws { _ = try call { seteuid(id) } }
    public static func setEffectiveGroupID(_ id: gid_t) throws { _ = try call { setegid(id) } }

    /// A user's entry in the password database, by name or id: name, password, uid, gid,
    /// full name, home directory, shell; nil if there is none.
    public static func user(name: String?, id: uid_t?) -> (String, String, uid_t, gid_t, String, String, String)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>? = nil
        var buffer = [CChar](repeating: 0, count: 16384)
        let rc: Int32
        if let name { rc = getpwnam_r(name, &entry, &buffer, buffer.count, &result) } else { rc = getpwuid_r(id ?? 0, &entry, &buffer, buffer.count, &result) }
        guard rc == 0, let p = result?.pointee else { return nil }
        func s(_ c: UnsafeMutablePointer<CChar>?) -> String { c.map { String(cString: $0) } ?? "" }
        return (s(p.pw_name), s(p.pw_passwd), p.pw_uid, p.pw_gid, s(p.pw_gecos), s(p.pw_dir), s(p.pw_shell))
    }
}
