import Glibc

/// `(chicken file)`'s operations on files and directories, with CHICKEN 5.3's results and
/// `(exn i/o file)` errors ("cannot delete directory - Directory not empty").
extension Interpreter {
    func fileSystemPrimitives() -> [Primitive] {
        func permission(_ name: String, _ mode: Int32) -> Primitive {
            prim(name, Signature(.string)) { args in
                do { return .bool(try Posix.access(try args.cString(0), mode)) } catch let e as Errno {
                    throw Interpreter.fileError("cannot access file", e, args[0], name)
                }
            }
        }
        return [
            // (create-directory path [parents?]): an existing directory is fine.
            prim("create-directory", Signature(.string, optional: [.any])) { args in
                let path = try args.cString(0)
                let parents = args.count > 1 && !args[1].isFalse
                var prefixes = [path]
                if parents {
                    var p = path
                    while let slash = p.lastIndex(of: "/"), slash != p.startIndex {
                        p = String(p[..<slash])
                        prefixes.insert(p, at: 0)
                    }
                }
                for p in prefixes where Posix.fileKind(p) != .directory {
                    do { try Posix.makeDirectory(p) } catch let e as Errno {
                        throw Interpreter.fileError("cannot create directory", e, args[0], "create-directory")
                    }
                }
                return args[0]
            },
            // (delete-directory path [recursive?]): with `recursive?`, its contents first
            // (symbolic links are removed, not followed).
            prim("delete-directory", Signature(.string, optional: [.any])) { args in
                let path = try args.cString(0)
                do {
                    if args.count > 1 && !args[1].isFalse { try Interpreter.removeTree(path) } else { try Posix.removeDirectory(path) }
                } catch let e as Errno {
                    throw Interpreter.fileError("cannot delete directory", e, args[0], "delete-directory")
                }
                return .unspecified
            },
            prim("delete-file*", Signature(.string)) { args in
                let path = try args.cString(0)
                guard Posix.fileKind(path, followLinks: false) != nil else { return .false }
                do { try Posix.removeFile(path) } catch let e as Errno { throw Interpreter.fileError("cannot delete file", e, args[0], "delete-file*") }
                return args[0]
            },
            // (create-temporary-file [extension]): CHICKEN's names, $TMPDIR/tempXXXX.PID.EXT,
            // the extension joined as make-pathname joins it ("" none, ".ext" one dot).
            prim("create-temporary-file", Signature(optional: [.string])) { args in
                let given = args.count > 0 ? try args.cString(0) : "tmp"
                let suffix = given.isEmpty ? "" : "." + (given.hasPrefix(".") ? String(given.dropFirst()) : given)
                return try Interpreter.temporaryName("create-temporary-file") { try Posix.createNewFile($0 + suffix) ? $0 + suffix : nil }
            },
            prim("create-temporary-directory", Signature()) { _ in
                try Interpreter.temporaryName("create-temporary-directory") { try Posix.createNewDirectory($0) ? $0 : nil }
            },
            // (rename-file old new [clobber?]) => new.
            prim("rename-file", Signature(.string, .string, optional: [.any])) { args in
                let (from, to) = (try args.cString(0), try args.cString(1))
                let clobber = args.count > 2 && !args[2].isFalse
                if !clobber && Posix.fileKind(to, followLinks: false) != nil {
                    throw SchemeError.exn(kinds: ["i/o", "file"], message: "newfile exists but clobber is false", irritants: [args[1]], location: "rename-file")
                }
                do { try Posix.rename(from, to) } catch let e as Errno { throw Interpreter.fileError("cannot rename file", e, args[0], "rename-file") }
                return args[1]
            },
            permission("file-readable?", R_OK), permission("file-writable?", W_OK), permission("file-executable?", X_OK),
            prim("symbolic-link?", Signature(.string)) { args in
                .bool(Posix.fileKind(try args.cString(0), followLinks: false) == .symbolicLink)
            },
        ]
    }

    /// CHICKEN's `(exn i/o file)` error for a failed system call: "WHAT - strerror".
    static func fileError(_ what: String, _ e: Errno, _ irritant: Value?, _ loc: String) -> SchemeError {
        .exn(kinds: ["i/o", "file"], message: "\(what) - \(e.text)", irritants: irritant.map { [$0] } ?? [], location: loc)
    }

    /// Tries names `$TMPDIR/temp` + 4 hex digits + `.` + pid until `make` creates one.
    static func temporaryName(_ loc: String, _ make: (String) throws -> String?) throws -> Value {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        for _ in 0..<1000 {
            let base = dir + "/temp" + String(UInt16.random(in: 0...UInt16.max), radix: 16) + "." + String(getpid())
            do { if let made = try make(base) { return .string(MString(made)) } } catch let e as Errno {
                throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot create temporary file - \(e.text)", irritants: [], location: loc)
            }
        }
        throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot create temporary file", irritants: [], location: loc)
    }

    /// Removes `path` and everything under it, depth first with an explicit work list.
    static func removeTree(_ root: String) throws {
        var pending: [(path: String, expanded: Bool)] = [(root, false)]
        while let (path, expanded) = pending.popLast() {
            if Posix.fileKind(path, followLinks: false) != .directory {
                try Posix.removeFile(path)
            } else if expanded {
                try Posix.removeDirectory(path)
            } else {
                pending.append((path, true))
                for name in try Posix.directoryEntries(path) { pending.append((path + "/" + name, false)) }
            }
        }
    }
}
