import Glibc

/// Argument checks shared by the primitive tables. Each throws CHICKEN's `(exn type)`
/// "bad argument type" error naming the procedure.
enum Check {
    static func int(_ v: Value, _ loc: String) throws -> Int {
        if case .fixnum(let i) = v { return i }
        throw SchemeError.type(loc, v)
    }

    static func index(_ v: Value, _ count: Int, _ loc: String, _ obj: Value) throws -> Int {
        let i = try int(v, loc)
        guard i >= 0 && i < count else { throw SchemeError.bounds(loc, [obj, v]) }
        return i
    }

    /// The largest object a program may ask for in one go (elements). Beyond it the request
    /// is an error rather than an allocation failure that would kill the process.
    static let maximumSize = 1 << 28

    /// A size for `make-vector`, `make-string` …: a fixnum, not negative, and at most
    /// `maximumSize`; the error is located at the callee (see `SchemeError.argument`).
    static func size(_ v: Value) throws -> Int {
        guard case .fixnum(let i) = v else { throw SchemeError.badArgument(v, .fixnum) }
        guard i >= 0 else { throw SchemeError.argument(kinds: ["bounds"], message: "size is negative", irritants: [v]) }
        guard i <= maximumSize else {
            throw SchemeError.argument(kinds: ["runtime", "limit"], message: "out of memory - cannot allocate object of this size",
                                       irritants: [v])
        }
        return i
    }

    /// `size(_:)` for a procedure that names its own location.
    static func size(_ v: Value, _ loc: String) throws -> Int {
        do { return try size(v) } catch let e as SchemeError { throw e.located(loc) }
    }

    static func natural(_ v: Value, _ loc: String) throws -> Int {
        let i = try int(v, loc)
        guard i >= 0 else { throw SchemeError.bounds(loc, [v]) }
        return i
    }

    static func string(_ v: Value, _ loc: String) throws -> MString {
        if case .string(let s) = v { return s }
        throw SchemeError.badArgument(v, .string).located(loc)
    }

    /// A string for a system call; one holding a NUL byte is CHICKEN's error (see
    /// `Arguments.cString`).
    static func cString(_ v: Value, _ loc: String) throws -> String {
        let s = try string(v, loc).string
        if s.hasNulByte {
            throw SchemeError.exn(kinds: ["type"], message: "cannot represent string with NUL bytes as C string", irritants: [v], location: loc)
        }
        return s
    }

    static func symbol(_ v: Value, _ loc: String) throws -> Symbol {
        if case .symbol(let s) = v { return s }
        throw SchemeError.badArgument(v, .symbol).located(loc)
    }

    static func char(_ v: Value, _ loc: String) throws -> Unicode.Scalar {
        if case .char(let c) = v { return c }
        throw SchemeError.badArgument(v, .char).located(loc)
    }

    static func pair(_ v: Value, _ loc: String) throws -> Pair {
        if case .pair(let p) = v { return p }
        throw SchemeError.type(loc, v)
    }

    static func vector(_ v: Value, _ loc: String) throws -> SVector {
        if case .vector(let vec) = v { return vec }
        throw SchemeError.type(loc, v)
    }

    static func list(_ v: Value, _ loc: String) throws -> [Value] {
        if let a = v.listToArray() { return a }
        throw SchemeError.type(loc, v)
    }

    static func procedure(_ v: Value, _ loc: String) throws -> Procedure {
        if case .procedure(let p) = v { return p }
        throw SchemeError.type(loc, v)
    }

    static func port(_ v: Value, _ loc: String) throws -> Port {
        if case .object(let o) = v, let p = o.unretainedPort { return p.takeUnretainedValue() }
        throw SchemeError.typeMsg(loc, "bad argument type - not a port", v)
    }

    /// `port` of the argument in `slot`, read in place: every port primitive asks, and a
    /// copy of the argument was a retain and a release per call.
    @inline(__always) static func port(at slot: UnsafePointer<Value>, _ loc: String) throws -> Port {
        try unretainedPort(at: slot, loc).takeUnretainedValue()
    }

    /// The port in `slot`, not retained: the slot keeps it alive while it is used.
    @inline(__always) static func unretainedPort(at slot: UnsafePointer<Value>, _ loc: String) throws -> Unmanaged<Port> {
        if case .object = slot.pointee {  // a pattern with no binding reads the case only
            let object = Unmanaged<SchemeObject>.fromOpaque(Value.unretainedObject(at: slot))
            if let p = object._withUnsafeGuaranteedRef({ $0.unretainedPort }) { return p }
        }
        throw SchemeError.typeMsg(loc, "bad argument type - not a port", slot.pointee)
    }

    static func bytevector(_ v: Value, _ loc: String) throws -> Bytevector {
        if case .object(let o as Bytevector) = v { return o }
        throw SchemeError.type(loc, v)
    }

    /// Optional `[start [end]]` arguments of a sequence of length `count`.
    static func range(_ args: Arguments, from k: Int, count: Int, _ loc: String) throws -> (Int, Int) {
        let start = args.count > k ? try int(args[k], loc) : 0
        let end = args.count > k + 1 ? try int(args[k + 1], loc) : count
        guard start >= 0, end <= count, start <= end else {
            throw SchemeError.bounds(loc, [.fixnum(start), .fixnum(end)])
        }
        return (start, end)
    }
}

/// Shorthands for building primitive tables.
func prim(_ name: String, _ f: @escaping () throws -> Value) -> Primitive { Primitive(name, .exactly(0), .f0(f)) }
func prim(_ name: String, _ f: @escaping (Value) throws -> Value) -> Primitive { Primitive(name, .exactly(1), .f1(f)) }
func prim(_ name: String, _ f: @escaping (Value, Value) throws -> Value) -> Primitive { Primitive(name, .exactly(2), .f2(f)) }
func prim(_ name: String, _ f: @escaping (Value, Value, Value) throws -> Value) -> Primitive { Primitive(name, .exactly(3), .f3(f)) }
func prim(_ name: String, _ arity: Arity, _ f: @escaping (Arguments) throws -> Value) -> Primitive { Primitive(name, arity, .fn(f)) }
/// A row whose signature declares its argument types: the VM checks them (and the count)
/// before `f` runs, and `f` reads its arguments with `Arguments`' typed accessors.
func prim(_ name: String, _ signature: Signature, _ f: @escaping (Arguments) throws -> Value) -> Primitive {
    Primitive(name, signature, .fn(f))
}

extension String {
    /// Whether a NUL byte is in the string (which C would read as its end). Scans the
    /// contiguous UTF-8 with memchr: the generic `utf8.contains` cost hundreds of
    /// instructions per file name.
    var hasNulByte: Bool {
        let scanned = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
        return scanned ?? utf8.contains(0)
    }
}
