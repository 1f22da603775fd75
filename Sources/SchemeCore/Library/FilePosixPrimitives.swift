import Glibc

/// `(chicken file posix)`, the part scripts use: file descriptors (`file-open`,
/// `file-read`, `file-write`, `file-close`, ports on them), `file-stat` and its accessors,
/// file types, and the `open/`, `perm/` and `fileno/` constants. A descriptor read or
/// write here is a plain system call on a regular file or a pipe: blocking, as CHICKEN's.
extension Interpreter {
    func filePosixPrimitives() -> [Primitive] {
        let pathOrFD = ArgumentType("string or file descriptor") {
            if case .string = $0 { return true }
            if case .fixnum = $0 { return true }
            return false
        }
        func status(_ args: Arguments, _ loc: String, followLinks: Bool = true) throws -> stat {
            // Raising, it never answers nil; the guard only spares a forced unwrap.
            guard let st = try status(args, loc, followLinks: followLinks, raising: true) else { throw SchemeError.type(loc, args[0]) }
            return st
        }
        /// As CHICKEN's `##sys#stat`: a file that cannot be examined (none there, no access)
        /// is an error, or nil when `raising` is false. A NUL byte in the path is always one.
        func status(_ args: Arguments, _ loc: String, followLinks: Bool, raising: Bool) throws -> stat? {
            do {
                if case .fixnum(let n) = args[0] { return try Posix.status(path: nil, fd: Int32(truncatingIfNeeded: n)) }
                return try Posix.status(path: try args.cString(0), fd: nil, followLinks: followLinks)
            } catch let e as Errno {
                if !raising { return nil }
                throw Interpreter.fileError("cannot access file", e, args[0], loc)
            }
        }
        func field(_ name: String, _ f: @escaping (stat) -> Int) -> Primitive {
            prim(name, Signature(pathOrFD)) { args in .fixnum(f(try status(args, name))) }
        }
        func kind(_ st: stat) -> String { Posix.FileKind(mode: st.st_mode).rawValue }
        func kindTest(_ name: String, _ k: String) -> Primitive {
            // CHICKEN's `(eq? k (file-type f link #f))`: #f for a file that is not there.
            prim(name, Signature(pathOrFD)) { args in
                .bool(try status(args, name, followLinks: k != "symbolic-link", raising: false).map(kind) == k)
            }
        }
        return [
            prim("file-stat", Signature(pathOrFD, optional: [.any])) { args in
                let st = try status(args, "file-stat", followLinks: args.count < 2 || args[1].isFalse)
                let fields = [Int(st.st_ino), Int(st.st_mode), Int(st.st_nlink), Int(st.st_uid), Int(st.st_gid), Int(st.st_size),
                              Int(st.st_atim.tv_sec), Int(st.st_ctim.tv_sec), Int(st.st_mtim.tv_sec), Int(st.st_dev), Int(st.st_rdev),
                              Int(st.st_blksize), Int(st.st_blocks)]
                return .vector(SVector(fields.map { .fixnum($0) }))
            },
            field("file-size") { Int($0.st_size) },
            field("file-permissions") { Int($0.st_mode & 0o7777) },
            field("file-owner") { Int($0.st_uid) },
            field("file-group") { Int($0.st_gid) },
            field("file-modification-time") { Int($0.st_mtim.tv_sec) },
            field("file-access-time") { Int($0.st_atim.tv_sec) },
            field("file-change-time") { Int($0.st_ctim.tv_sec) },
            prim("file-type", Signature(pathOrFD, optional: [.any, .any])) { [unowned(unsafe) self] args in
                // (file-type f [link? [error?]]): with error? #f, a file not there is #f.
                let raising = args.count < 3 || !args[2].isFalse
                guard let st = try status(args, "file-type", followLinks: args.count < 2 || args[1].isFalse, raising: raising) else { return .false }
                return .symbol(self.symbols.intern(kind(st)))
            },
            kindTest("regular-file?", "regular-file"), kindTest("directory?", "directory"), kindTest("fifo?", "fifo"),
            kindTest("socket?", "socket"), kindTest("character-device?", "character-device"), kindTest("block-device?", "block-device"),
            // (file-open path flags [mode]) => a descriptor.
            prim("file-open", Signature(.string, .fixnum, optional: [.fixnum])) { args in
                let mode = args.count > 2 ? mode_t(truncatingIfNeeded: try args.int(2)) : 0o666
                do { return .fixnum(Int(try Posix.openFile(try args.cString(0), Int32(truncatingIfNeeded: try args.int(1)), mode))) } catch let e as Errno {
                    throw Interpreter.fileError("cannot open file", e, args[0], "file-open")
                }
            },
            prim("file-close", Signature(.fixnum)) { [unowned(unsafe) self] args in
                let fd = Int32(truncatingIfNeeded: try args.int(0))
                self.willClose(fileDescriptor: fd)
                do { try FileDescriptor(rawValue: fd).close() } catch let e as Errno { throw Interpreter.fileError("cannot close file", e, args[0], "file-close") }
                return .unspecified
            },
            // (file-read fd size) => (string count).
            prim("file-read", Signature(.fixnum, .fixnum, optional: [.any])) { args in
                let size = try args.size(1)
                let fd = Int32(truncatingIfNeeded: try args.int(0))
                var bytes = [UInt8](repeating: 0, count: size)
                let n: Int
                do {
                    n = try bytes.withUnsafeMutableBytes { buffer in
                        try Posix.call { Glibc.read(fd, buffer.baseAddress, size) }
                    }
                } catch let e as Errno { throw Interpreter.fileError("cannot read from file", e, args[0], "file-read") }
                return Value.list([.string(MString(String(decoding: bytes[..<n], as: UTF8.self))), .fixnum(n)])
            },
            // (file-write fd string-or-blob [size]) => bytes written.
            prim("file-write", Signature(.fixnum, .any, optional: [.fixnum])) { args in
                var bytes: [UInt8]
                switch args[1] {
                case .string(let s): bytes = Array(s.string.utf8)
                case .object(let b as Bytevector): bytes = b.bytes
                default: throw SchemeError.typeMsg("file-write", "bad argument type - not a string or blob", args[1])
                }
                if args.count > 2 { bytes = Array(bytes.prefix(max(0, try args.int(2)))) }
                let fd = Int32(truncatingIfNeeded: try args.int(0))
                do {
                    let n = try bytes.withUnsafeBytes { buffer in
                        try Posix.call { Glibc.write(fd, buffer.baseAddress, buffer.count) }
                    }
                    return .fixnum(n)
                } catch let e as Errno { throw Interpreter.fileError("cannot write file", e, args[0], "file-write") }
            },
            prim("duplicate-fileno", Signature(.fixnum, optional: [.fixnum])) { args in
                let target = args.count > 1 ? Int32(truncatingIfNeeded: try args.int(1)) : nil
                do { return .fixnum(Int(try Posix.duplicate(Int32(truncatingIfNeeded: try args.int(0)), to: target))) } catch let e as Errno {
                    throw Interpreter.fileError("cannot duplicate file-descriptor", e, args[0], "duplicate-fileno")
                }
            },
            prim("open-input-file*", Signature(.fixnum, optional: [.any])) { args in
                .object(FDPort(fd: Int32(truncatingIfNeeded: try args.int(0)), input: true, name: "(fd)", ownsFD: true))
            },
            prim("open-output-file*", Signature(.fixnum, optional: [.any])) { args in
                .object(FDPort(fd: Int32(truncatingIfNeeded: try args.int(0)), input: false, name: "(fd)", ownsFD: true))
            },
        ]
    }

    /// The `open/`, `perm/` and `fileno/` constants, Linux's values.
    func defineFilePosixConstants() {
        let values: [(String, Int32)] = [
            ("open/rdonly", O_RDONLY), ("open/wronly", O_WRONLY), ("open/rdwr", O_RDWR), ("open/read", O_RDONLY),
            ("open/write", O_WRONLY), ("open/creat", O_CREAT), ("open/excl", O_EXCL), ("open/trunc", O_TRUNC),
            ("open/append", O_APPEND), ("open/noctty", O_NOCTTY), ("open/nonblock", O_NONBLOCK), ("open/sync", O_SYNC),
            ("open/fsync", O_SYNC), ("open/binary", 0), ("open/text", 0), ("open/noinherit", O_CLOEXEC),
            ("perm/irusr", Int32(S_IRUSR)), ("perm/iwusr", Int32(S_IWUSR)), ("perm/ixusr", Int32(S_IXUSR)), ("perm/irwxu", Int32(S_IRWXU)),
            ("perm/irgrp", Int32(S_IRGRP)), ("perm/iwgrp", Int32(S_IWGRP)), ("perm/ixgrp", Int32(S_IXGRP)), ("perm/irwxg", Int32(S_IRWXG)),
            ("perm/iroth", Int32(S_IROTH)), ("perm/iwoth", Int32(S_IWOTH)), ("perm/ixoth", Int32(S_IXOTH)), ("perm/irwxo", Int32(S_IRWXO)),
            ("perm/isuid", Int32(S_ISUID)), ("perm/isgid", Int32(S_ISGID)), ("perm/isvtx", Int32(S_ISVTX)),
            ("fileno/stdin", 0), ("fileno/stdout", 1), ("fileno/stderr", 2),
        ]
        for (name, value) in values { define(name, .fixnum(Int(value))) }
    }
}
