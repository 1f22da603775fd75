import Glibc

/// `(chicken process-context)` and its `posix` part, `(chicken platform)` and
/// `(chicken errno)`: what a script asks about the process and the machine.
extension Interpreter {
    func systemPrimitives() -> [Primitive] {
        func strings(_ list: [String]) -> Value { Value.list(list.map { .string(MString($0)) }) }
        func symbol(_ name: String) -> Primitive {
            prim(name, Signature()) { [unowned(unsafe) self] _ in .symbol(self.symbols.intern(Interpreter.platformFacts[name] ?? "unknown")) }
        }
        func idSetter(_ name: String, _ message: String, _ loc: String, _ set: @escaping (UInt32) throws -> Void) -> Primitive {
            prim(name, Signature(.fixnum)) { args in
                let id = try args.int(0)
                do { try set(UInt32(truncatingIfNeeded: id)) } catch is Errno {
                    throw SchemeError.exn(kinds: [], message: message, irritants: [args[0]], location: loc)
                }
                return .unspecified
            }
        }
        return [
            // The whole command line of this process, as C's argv.
            prim("argv", Signature()) { _ in strings(CommandLine.arguments) },
            prim("executable-pathname", Signature()) { _ in
                (try? Posix.readLink("/proc/self/exe")).map { .string(MString($0)) } ?? .false
            },
            // (current-directory [dir]): with an argument it changes directory, as CHICKEN's setter.
            prim("current-directory", Signature(optional: [.string])) { args in
                do {
                    if args.count > 0 { try Posix.changeDirectory(try args.cString(0)); return args[0] }
                    return .string(MString(try Posix.currentDirectory()))
                } catch let e as Errno {
                    throw Interpreter.fileError("cannot change current directory", e, args.count > 0 ? args[0] : nil, "current-directory")
                }
            },
            prim("change-directory", Signature(.string)) { args in
                do { try Posix.changeDirectory(try args.cString(0)) } catch let e as Errno {
                    throw Interpreter.fileError("cannot change current directory", e, args[0], "change-directory")
                }
                return args[0]
            },
            prim("change-directory*", Signature(.fixnum)) { args in
                do { try Posix.changeDirectory(descriptor: Int32(truncatingIfNeeded: try args.int(0))) } catch let e as Errno {
                    throw Interpreter.fileError("cannot change current directory", e, args[0], "change-directory*")
                }
                return args[0]
            },
            prim("create-session", Signature()) { _ in
                do { return .fixnum(Int(try Posix.createSession())) } catch let e as Errno {
                    throw Interpreter.processError("cannot create session - \(e.text)", [], "create-session")
                }
            },
            prim("set-root-directory!", Signature(.string)) { args in
                do { try Posix.changeRoot(try args.cString(0)) } catch let e as Errno {
                    throw Interpreter.fileError("unable to change root directory", e, args[0], "set-root-directory!")
                }
                return .unspecified
            },
            prim("get-environment-variables", Signature()) { _ in
                Value.list(Posix.environment.map { entry in
                    let (name, value) = entry.firstIndex(of: "=").map { (String(entry[..<$0]), String(entry[entry.index(after: $0)...])) } ?? (entry, "")
                    return .pair(Pair(.string(MString(name)), .string(MString(value))))
                })
            },
            prim("unset-environment-variable!", Signature(.string)) { args in
                unsetenv(try args.cString(0))
                return .unspecified
            },
            prim("current-user-id", Signature()) { _ in .fixnum(Int(Posix.userID)) },
            prim("current-effective-user-id", Signature()) { _ in .fixnum(Int(Posix.effectiveUserID)) },
            prim("current-group-id", Signature()) { _ in .fixnum(Int(Posix.groupID)) },
            prim("current-effective-group-id", Signature()) { _ in .fixnum(Int(Posix.effectiveGroupID)) },
            prim("current-user-name", Signature()) { _ in Posix.user(name: nil, id: Posix.userID).map { .string(MString($0.0)) } ?? .false },
            prim("current-effective-user-name", Signature()) { _ in
                Posix.user(name: nil, id: Posix.effectiveUserID).map { .string(MString($0.0)) } ?? .false
            },
            prim("process-group-id", Signature(optional: [.fixnum])) { args in
                let pid = args.count > 0 ? pid_t(truncatingIfNeeded: try args.int(0)) : 0
                do { return .fixnum(Int(try Posix.processGroup(pid))) } catch let e as Errno {
                    throw Interpreter.processError("cannot retrieve process group ID - \(e.text)", (args.count > 0 ? [args[0]] : []), "process-group-id")
                }
            },
            // The setters of the ids above, `(set! (current-user-id) id)` (see `builtinSetters`),
            // with csi's messages and locations.
            idSetter("%set-user-id!", "cannot set user ID", "current-user-id!-setter", Posix.setUserID),
            idSetter("%set-group-id!", "cannot set group ID", "current-group-id!-setter", Posix.setGroupID),
            idSetter("%set-effective-user-id!", "cannot set effective user ID", "effective-user-id!-setter", Posix.setEffectiveUserID),
            idSetter("%set-effective-group-id!", "cannot set effective group ID", "effective-group-id!-setter", Posix.setEffectiveGroupID),
            prim("%set-process-group-id!", Signature(.fixnum, .fixnum)) { args in
                do { try Posix.setProcessGroup(pid_t(truncatingIfNeeded: try args.int(0)), pid_t(truncatingIfNeeded: try args.int(1))) } catch is Errno {
                    throw SchemeError.exn(kinds: [], message: "cannot set process group ID", irritants: [args[0], args[1]], location: "process-group")
                }
                return .unspecified
            },
            // (user-information user): name, password, uid, gid, full name, home, shell; #f if none.
            prim("user-information", Signature(.any, optional: [.any])) { args in
                let entry: (String, String, uid_t, gid_t, String, String, String)?
                switch args[0] {
                case .string(let s): entry = Posix.user(name: s.string, id: nil)
                case .fixnum(let n) where n >= 0 && n <= Int(UInt32.max): entry = Posix.user(name: nil, id: uid_t(n))
                default: throw SchemeError.typeMsg("user-information", "bad argument type - not a string or user ID", args[0])
                }
                guard let e = entry else { return .false }
                let fields: [Value] = [.string(MString(e.0)), .string(MString(e.1)), .fixnum(Int(e.2)), .fixnum(Int(e.3)),
                                       .string(MString(e.4)), .string(MString(e.5)), .string(MString(e.6))]
                return args.count > 1 && !args[1].isFalse ? .vector(SVector(fields)) : Value.list(fields)
            },
            symbol("software-type"), symbol("software-version"), symbol("machine-type"), symbol("machine-byte-order"),
            symbol("build-platform"),
            prim("chicken-version", Signature(optional: [.any])) { _ in .string(MString("5.3.0")) },
            prim("register-feature!", Signature(rest: .any)) { [unowned(unsafe) self] args in
                for i in 0..<args.count { if let name = Interpreter.featureName(args[i]), !self.features.contains(name) { self.features.append(name) } }
                return .unspecified
            },
            prim("unregister-feature!", Signature(rest: .any)) { [unowned(unsafe) self] args in
                for i in 0..<args.count { if let name = Interpreter.featureName(args[i]) { self.features.removeAll { $0 == name } } }
                return .unspecified
            },
            // The errno of the last failed system call (this thread's C errno).
            prim("errno", Signature()) { _ in .fixnum(Int(Glibc.errno)) },
        ]
    }

    /// `(chicken platform)`'s answers on this build.
    static let platformFacts: [String: String] = {
        #if arch(x86_64)
        let machine = "x86-64"
        #elseif arch(arm64)
        let machine = "arm64"
        #else
        let machine = "unknown"
        #endif
        return ["software-type": "unix", "software-version": "linux", "machine-type": machine,
                "machine-byte-order": 1.littleEndian == 1 ? "little-endian" : "big-endian", "build-platform": "clang"]
    }()

    static func featureName(_ v: Value) -> String? {
        switch v {
        case .symbol(let s): return s.name
        case .string(let s): return s.string
        default: return nil
        }
    }

    /// `(chicken errno)`'s `errno/` names, Linux's numbers.
    func defineErrnoConstants() {
        let names: [(String, Int32)] = [
            ("perm", EPERM), ("noent", ENOENT), ("srch", ESRCH), ("intr", EINTR), ("io", EIO), ("nxio", ENXIO),
            ("2big", E2BIG), ("noexec", ENOEXEC), ("badf", EBADF), ("child", ECHILD), ("again", EAGAIN),
            ("wouldblock", EWOULDBLOCK), ("nomem", ENOMEM), ("acces", EACCES), ("fault", EFAULT), ("busy", EBUSY),
            ("exist", EEXIST), ("xdev", EXDEV), ("nodev", ENODEV), ("notdir", ENOTDIR), ("isdir", EISDIR),
            ("inval", EINVAL), ("nfile", ENFILE), ("mfile", EMFILE), ("notty", ENOTTY), ("fbig", EFBIG),
            ("nospc", ENOSPC), ("spipe", ESPIPE), ("rofs", EROFS), ("mlink", EMLINK), ("pipe", EPIPE), ("dom", EDOM),
            ("range", ERANGE), ("deadlk", EDEADLK), ("nametoolong", ENAMETOOLONG), ("nolck", ENOLCK),
            ("nosys", ENOSYS), ("notempty", ENOTEMPTY), ("ilseq", EILSEQ),
        ]
        for (name, number) in names { define("errno/" + name, .fixnum(Int(number))) }
    }
}
