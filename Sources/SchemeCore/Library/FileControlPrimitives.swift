import Glibc

/// The rest of `(chicken file posix)`: record locks, file positions, truncation, `fcntl`,
/// links and fifos, the creation mask, `mkstemp`, permissions, owners, times and
/// `file-select`. Locks that must wait and `file-select` with a timeout poll every 10 ms
/// from Scheme (Prelude/file.scm), so only the calling green thread waits.
extension Interpreter {
    func fileControlPrimitives() -> [Primitive] {
        let portOrFD = ArgumentType("port or file descriptor") {
            if case .fixnum = $0 { return true }
            if case .object(is Port) = $0 { return true }
            return false
        }
        func pathOrDescriptor(_ v: Value, _ loc: String) throws -> (String?, Int32?) {
            if case .fixnum(let n) = v { return (nil, Int32(truncatingIfNeeded: n)) }
            return (try Check.cString(v, loc), nil)
        }
        func fileOp(_ loc: String, _ message: String, _ irritants: [Value], _ body: () throws -> Void) throws {
            do { try body() } catch let e as Errno {
                throw SchemeError.exn(kinds: ["i/o", "file"], message: "\(message) - \(e.text)", irritants: irritants, location: loc)
            }
        }
        return [
            // (%file-lock port start length mode): mode `test` => the holder's pid or #f;
            // `try` => the lock, #f when held elsewhere; `lock` => the lock or an error.
            prim("%file-lock", Signature(.port, .fixnum, .fixnum, .any)) { args in
                let (fd, port) = try Interpreter.portDescriptor(args[0], "file-lock")
                guard case .symbol(let mode) = args[3] else { throw SchemeError.type("file-lock", args[3]) }
                let test = mode.name == "test"
                do {
                    let holder = try Posix.lock(fd, exclusive: port.isOutput, start: try args.int(1), length: try args.int(2), test: test)
                    if test { return holder.map { .fixnum(Int($0)) } ?? .false }
                    return .object(FileLock(port: port, start: try args.int(1), length: try args.int(2)))
                } catch let e as Errno {
                    if mode.name == "try" && (e.rawValue == EAGAIN || e.rawValue == EACCES) { return .false }
                    throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot lock file - \(e.text)", irritants: [args[0]],
                                          location: test ? "file-test-lock" : "file-lock")
                }
            },
            prim("file-unlock", Signature(.any)) { args in
                guard case .object(let lock as FileLock) = args[0] else { throw SchemeError.typeMsg("file-unlock", "bad argument type - not a lock", args[0]) }
                let (fd, _) = try Interpreter.portDescriptor(.object(lock.port), "file-unlock")
                try fileOp("file-unlock", "cannot unlock file", [args[0]]) { try Posix.unlock(fd, start: lock.start, length: lock.length) }
                return .unspecified
            },
            prim("file-position", Signature(portOrFD)) { args in
                let (fd, port) = try Interpreter.descriptorOf(args[0], "file-position")
                do {
                    let offset = try Posix.seek(fd, 0, SEEK_CUR)
                    return .fixnum(offset - (port?.unreadByteCount ?? 0) + (port?.unsentByteCount ?? 0))
                } catch let e as Errno {
                    throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot retrieve file position of port - \(e.text)",
                                          irritants: [args[0]], location: "file-position")
                }
            },
            prim("set-file-position!", Signature(portOrFD, .fixnum, optional: [.fixnum])) { args in
                let (fd, port) = try Interpreter.descriptorOf(args[0], "set-file-position!")
                if let port, port.isOutput { port.flushWaiting() }
                let whence = args.count > 2 ? Int32(truncatingIfNeeded: try args.int(2)) : SEEK_SET
                try fileOp("set-file-position!", "cannot set file position", [args[0], args[1]]) {
                    _ = try Posix.seek(fd, try args.int(1), whence)
                }
                if let port, port.isInput { port.dropBufferedInput() }
                return .unspecified
            },
            prim("file-truncate", Signature(.any, .fixnum)) { args in
                let (path, fd) = try pathOrDescriptor(args[0], "file-truncate")
                try fileOp("file-truncate", "cannot truncate file", [args[0], args[1]]) {
                    try Posix.truncate(path: path, fd: fd, length: try args.int(1))
                }
                return .unspecified
            },
            prim("file-control", Signature(.fixnum, .fixnum, optional: [.fixnum])) { args in
                do {
                    return .fixnum(try Posix.control(Int32(truncatingIfNeeded: try args.int(0)), Int32(truncatingIfNeeded: try args.int(1)),
                                                     args.count > 2 ? try args.int(2) : 0))
                } catch let e as Errno {
                    throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot control file - \(e.text)", irritants: [args[0], args[1]],
                                          location: "file-control")
                }
            },
            prim("create-fifo", Signature(.string, optional: [.fixnum])) { args in
                let mode = args.count > 1 ? try args.int(1) : 0o777
                try fileOp("create-fifo", "cannot create FIFO", [args[0], .fixnum(mode)]) {
                    try Posix.makeFifo(try args.cString(0), mode_t(truncatingIfNeeded: mode))
                }
                return .unspecified
            },
            prim("create-symbolic-link", Signature(.string, .string)) { args in
                try fileOp("create-symbolic-link", "cannot create symbolic link", [args[0], args[1]]) {
                    try Posix.symbolicLink(try args.cString(0), try args.cString(1))
                }
                return .unspecified
            },
            prim("file-link", Signature(.string, .string)) { args in
                try fileOp("file-link", "could not create hard link", [args[0], args[1]]) {
                    try Posix.hardLink(try args.cString(0), try args.cString(1))
                }
                return .unspecified
            },
            prim("%read-symbolic-link", Signature(.string)) { args in
                var target = ""
                try fileOp("read-symbolic-link", "cannot read symbolic link", [args[0]]) { target = try Posix.readLink(try args.cString(0)) }
                return .string(MString(target))
            },
            prim("file-creation-mode", Signature(optional: [.fixnum])) { args in
                .fixnum(Int(Posix.creationMask(args.count > 0 ? mode_t(truncatingIfNeeded: try args.int(0)) : nil)))
            },
            prim("file-mkstemp", Signature(.string)) { args in
                var result: (Int32, String) = (-1, "")
                try fileOp("file-mkstemp", "cannot create temporary file", [args[0]]) {
                    result = try Posix.makeTemporaryFile(try args.cString(0))
                }
                return .object(MultipleValues([.fixnum(Int(result.0)), .string(MString(result.1))]))
            },
            prim("set-file-permissions!", Signature(.any, .fixnum)) { args in
                let (path, fd) = try pathOrDescriptor(args[0], "set-file-permissions!")
                try fileOp("set-file-permissions!", "cannot change file permissions", [args[0], args[1]]) {
                    try Posix.setPermissions(path: path, fd: fd, mode_t(truncatingIfNeeded: try args.int(1)))
                }
                return .unspecified
            },
            // (%set-file-owner! file uid gid): -1 keeps an id.
            prim("%set-file-owner!", Signature(.any, .fixnum, .fixnum, .symbol)) { args in
                guard case .symbol(let loc) = args[3] else { return .unspecified }
                let (path, fd) = try pathOrDescriptor(args[0], loc.name)
                try fileOp(loc.name, "cannot change file owner", [args[0], args[1], args[2]]) {
                    try Posix.setOwner(path: path, fd: fd, uid: uid_t(truncatingIfNeeded: try args.int(1)),
                                       gid: gid_t(truncatingIfNeeded: try args.int(2)))
                }
                return .unspecified
            },
            prim("set-file-times!", Signature(.string, optional: [.any, .any])) { args in
                let now = Int(time(nil))
                let access = args.count > 1 && !args[1].isFalse ? try args.int(1) : now
                let modification = args.count > 2 && !args[2].isFalse ? try args.int(2) : access
                try fileOp("set-file-times!", "cannot set file times", [args[0]]) {
                    try Posix.setTimes(try args.cString(0), access: access, modification: modification)
                }
                return .unspecified
            },
            // (%file-select-now read-fds write-fds) => the ready ones, as two lists.
            prim("%file-select-now", Signature(.list, .list)) { args in
                let fds = { (i: Int) in try args.list(i).map { v -> Int32 in
                    guard case .fixnum(let n) = v, n >= 0, n <= Int(Int32.max) else { throw SchemeError.type("file-select", v) }
                    return Int32(n)
                } }
                var ready: (read: [Int32], write: [Int32]) = ([], [])
                try fileOp("file-select", "failed", []) { ready = try Posix.selectNow(read: try fds(0), write: try fds(1)) }
                return .object(MultipleValues([Value.list(ready.read.map { .fixnum(Int($0)) }), Value.list(ready.write.map { .fixnum(Int($0)) })]))
            },
        ]
    }

    /// `(chicken file posix)`'s `fcntl/` and `seek/` constants.
    func defineFileControlConstants() {
        let values: [(String, Int32)] = [("fcntl/dupfd", F_DUPFD), ("fcntl/getfd", F_GETFD), ("fcntl/setfd", F_SETFD),
                                         ("fcntl/getfl", F_GETFL), ("fcntl/setfl", F_SETFL),
                                         ("seek/set", SEEK_SET), ("seek/cur", SEEK_CUR), ("seek/end", SEEK_END)]
        for (name, value) in values { define(name, .fixnum(Int(value))) }
    }

    /// The descriptor behind an open port that has one.
    static func portDescriptor(_ v: Value, _ loc: String) throws -> (Int32, Port) {
        guard let fd = try openPortFileDescriptor(v, loc) else {
            throw SchemeError.exn(kinds: ["type"], message: "port has no attached file", irritants: [v], location: loc)
        }
        return (fd, try Check.port(v, loc))
    }

    /// A descriptor given as a number or as a port.
    static func descriptorOf(_ v: Value, _ loc: String) throws -> (Int32, Port?) {
        if case .fixnum(let n) = v { return (Int32(truncatingIfNeeded: n), nil) }
        let (fd, port) = try portDescriptor(v, loc)
        return (fd, port)
    }
}

/// A record lock taken by `file-lock` (printed `#<lock>`, as CHICKEN prints it).
final class FileLock: SchemeObject, CustomPrintable {
    let port: Port
    let start: Int
    let length: Int

    init(port: Port, start: Int, length: Int) {
        self.port = port
        self.start = start
        self.length = length
    }

    override var typeName: String { "lock" }
    var printedForm: String { "#<lock>" }
}
