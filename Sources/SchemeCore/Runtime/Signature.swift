/// What one argument of a native procedure must be.
///
/// A primitive's table row lists one per parameter, as chibi-scheme's primitive tables do.
/// The VM checks them before the body runs and raises CHICKEN's `(exn type)` error located
/// at the callee's name, so the checks and their messages live here, once, instead of in
/// each body.
///
/// ```swift
/// let listener = ArgumentType("tcp-listener") { if case .object(_ as TCPListener) = $0 { true } else { false } }
/// ```
public struct ArgumentType {
    /// The built-in checks, tested with one `switch` (the VM runs them on every call).
    enum Kind { case any, fixnum, exactInteger, number, byte, string, symbol, keyword, char, pair, list, vector, procedure, port, bytevector, custom }

    /// The noun in CHICKEN's "bad argument type - not a NOUN" ("string", "fixnum").
    public let noun: String
    let kind: Kind
    /// A host type's test (`kind == .custom`).
    let test: ((Value) -> Bool)?

    /// A type named `noun` whose values are those `accepts` returns true for.
    public init(_ noun: String, accepts: @escaping (Value) -> Bool) {
        self.noun = noun
        kind = .custom
        test = accepts
    }

    private init(_ noun: String, _ kind: Kind) {
        self.noun = noun
        self.kind = kind
        test = nil
    }

    /// Whether `value` is of this type.
    @inline(__always) public func accepts(_ value: Value) -> Bool {
        switch (kind, value) {
        case (.any, _), (.fixnum, .fixnum), (.string, .string), (.char, .char), (.pair, .pair),
             (.vector, .vector), (.procedure, .procedure):
            return true
        case (.exactInteger, .object(let o)): return o is Bignum
        case (.exactInteger, .fixnum): return true
        case (.number, _): return value.isNumber
        case (.byte, .fixnum(let n)): return n >= 0 && n <= 255
        case (.keyword, .symbol(let s)): return s.isKeyword
        case (.symbol, .symbol(let s)): return !s.isKeyword
        case (.list, _): return value.properListLength != nil
        case (.port, .object(let o)): return o is Port
        case (.bytevector, .object(let o)): return o is Bytevector
        case (.custom, _): return test?(value) ?? true
        default: return false
        }
    }

    /// Whether the value in `slot` is of kind `kind`, where its case byte alone decides (see
    /// ValueLayout); nil for the kinds that look further. Read in place: copying the
    /// argument was a retain and a release per checked argument.
    @inline(__always) static func decides(_ kind: Kind, at slot: UnsafePointer<Value>) -> Bool? {
        switch kind {
        case .any: return true
        case .fixnum: return Value.tag(at: slot) == 1
        case .char: return Value.tag(at: slot) == 3
        case .pair: return Value.tag(at: slot) == 4
        case .string: return Value.tag(at: slot) == 6
        case .vector: return Value.tag(at: slot) == 7
        case .procedure: return Value.tag(at: slot) == 8
        default: return nil
        }
    }

    /// CHICKEN's message for a value not of this type.
    public var message: String {
        let vowel = noun.first.map { "aeiou".contains($0) } ?? false
        return "bad argument type - not \(vowel ? "an" : "a") \(noun)"
    }

    /// Anything at all.
    nonisolated(unsafe) public static let any = ArgumentType("object", .any)
    /// A fixnum (an exact integer in the machine range).
    nonisolated(unsafe) public static let fixnum = ArgumentType("fixnum", .fixnum)
    /// An exact integer of any size.
    nonisolated(unsafe) public static let exactInteger = ArgumentType("exact integer", .exactInteger)
    /// A byte: a fixnum from 0 to 255.
    nonisolated(unsafe) public static let byte = ArgumentType("byte", .byte)
    /// Any number.
    nonisolated(unsafe) public static let number = ArgumentType("number", .number)
    /// A string.
    nonisolated(unsafe) public static let string = ArgumentType("string", .string)
    /// A symbol (keywords included, as in CHICKEN).
    nonisolated(unsafe) public static let symbol = ArgumentType("symbol", .symbol)
    /// A keyword (`#:name`).
    nonisolated(unsafe) public static let keyword = ArgumentType("keyword", .keyword)
    /// A character.
    nonisolated(unsafe) public static let char = ArgumentType("character", .char)
    /// A pair.
    nonisolated(unsafe) public static let pair = ArgumentType("pair", .pair)
    /// A proper list.
    nonisolated(unsafe) public static let list = ArgumentType("proper list", .list)
    /// A vector.
    nonisolated(unsafe) public static let vector = ArgumentType("vector", .vector)
    /// A procedure.
    nonisolated(unsafe) public static let procedure = ArgumentType("procedure", .procedure)
    /// A port of either direction.
    nonisolated(unsafe) public static let port = ArgumentType("port", .port)
    /// A bytevector (blob).
    nonisolated(unsafe) public static let bytevector = ArgumentType("bytevector", .bytevector)
}

/// A native procedure's parameters: the types of its required and optional arguments and
/// of each rest argument. Its arity follows from them.
public struct Signature {
    /// One type per required argument.
    public let required: [ArgumentType]
    /// One type per optional argument, after the required ones.
    public let optional: [ArgumentType]
    /// The type of every further argument; nil if the procedure takes no more.
    public let rest: ArgumentType?
    /// Whether a mismatch reads plain "bad argument type", as CHICKEN's inlined accessors
    /// (`string-ref`, `vector-ref`, `car`) say, rather than "... - not a string".
    public let terse: Bool

    /// A signature with these required argument types.
    public init(_ required: ArgumentType..., optional: [ArgumentType] = [], rest: ArgumentType? = nil, terse: Bool = false) {
        self.required = required
        self.optional = optional
        self.rest = rest
        self.terse = terse
    }

    /// How many arguments a call may pass.
    public var arity: Arity {
        rest == nil ? .range(required.count, required.count + optional.count) : .atLeast(required.count)
    }

    /// What the VM checks: nil when every argument may be anything.
    var check: SignatureCheck? {
        let positional = required + optional
        if positional.allSatisfy({ $0.kind == .any }) && (rest?.kind ?? .any) == .any { return nil }
        return SignatureCheck(ContiguousArray(positional), rest: rest, terse: terse)
    }
}

/// A signature as the VM checks it on each call: one object (one retain), the positional
/// types in one buffer.
final class SignatureCheck {
    let positional: ContiguousArray<ArgumentType>
    let rest: ArgumentType?
    let terse: Bool

    /// The kinds of `positional` and `rest`, which the check reads first: a kind is a byte,
    /// where an `ArgumentType` is copied with its noun and test (reference counting).
    private let positionalKinds: ContiguousArray<ArgumentType.Kind>
    private let restKind: ArgumentType.Kind?

    init(_ positional: ContiguousArray<ArgumentType>, rest: ArgumentType?, terse: Bool) {
        self.positional = positional
        self.rest = rest
        self.terse = terse
        positionalKinds = ContiguousArray(positional.map(\.kind))
        restKind = rest?.kind
    }

    /// Whether every argument of `args` is of its declared type (the count was checked
    /// against the arity already). A yes or no, so the VM's check of a well-typed call does
    /// not build and return an optional error.
    @inline(__always) func admits(_ args: Arguments) -> Bool { firstMismatch(args) == nil }

    /// The error for the first argument of `args` not of its declared type, if any (the
    /// count was checked against the arity already).
    func violation(_ args: Arguments) -> SchemeError? {
        guard let i = firstMismatch(args) else { return nil }
        // Past the positional types, only the rest type can have refused it.
        return .badArgument(args[i], i < positional.count ? positional[i] : rest ?? .any, terse: terse)
    }

    /// The index of the first argument not of its declared type.
    @inline(__always) private func firstMismatch(_ args: Arguments) -> Int? {
        let n = min(args.count, positionalKinds.count)
        for i in 0..<n where !(ArgumentType.decides(positionalKinds[i], at: args.base + i) ?? positional[i].accepts(args[i])) {
            return i
        }
        if args.count > n, let kind = restKind {
            for i in n..<args.count where !(ArgumentType.decides(kind, at: args.base + i) ?? rest?.accepts(args[i]) ?? true) {
                return i
            }
        }
        return nil
    }
}

extension SchemeError {
    /// CHICKEN's `(exn type)` error for `value`, which is not of `type`, located at the
    /// procedure being called.
    public static func badArgument(_ value: Value, _ type: ArgumentType, terse: Bool = false) -> SchemeError {
        .argument(kinds: ["type"], message: terse ? "bad argument type" : type.message, irritants: [value])
    }

    /// This error as raised by a procedure that names its own `location` (an `argument`
    /// error becomes an `exn` located there; any other is unchanged).
    func located(_ location: String?) -> SchemeError {
        guard case .argument(let kinds, let message, let irritants) = self else { return self }
        return .exn(kinds: kinds, message: message, irritants: irritants, location: location)
    }

    /// CHICKEN's `(exn bounds)` "out of range" error, located at the procedure being called.
    public static func outOfRange(_ irritants: [Value]) -> SchemeError {
        .argument(kinds: ["bounds"], message: "out of range", irritants: irritants)
    }
}

extension Arguments {
    /// The `i`th argument as `type` says, or CHICKEN's error for it (see `ArgumentType`).
    @inline(__always) func check(_ i: Int, _ type: ArgumentType, terse: Bool = false) throws -> Value {
        let v = self[i]
        guard type.accepts(v) else { throw SchemeError.badArgument(v, type, terse: terse) }
        return v
    }

    /// The `i`th argument, a fixnum.
    public func int(_ i: Int, terse: Bool = false) throws -> Int {
        if case .fixnum(let n) = self[i] { return n }
        throw SchemeError.badArgument(self[i], .fixnum, terse: terse)
    }

    /// The `i`th argument, a string, as Swift text.
    public func text(_ i: Int) throws -> String {
        if case .string(let s) = self[i] { return s.string }
        throw SchemeError.badArgument(self[i], .string)
    }

    /// The `i`th argument, a string.
    func string(_ i: Int, terse: Bool = false) throws -> MString {
        if case .string(let s) = self[i] { return s }
        throw SchemeError.badArgument(self[i], .string, terse: terse)
    }

    /// The `i`th argument, a character.
    func char(_ i: Int) throws -> Unicode.Scalar {
        if case .char(let c) = self[i] { return c }
        throw SchemeError.badArgument(self[i], .char)
    }

    /// The `i`th argument, a proper list, as an array (one walk: a `.list` row type would
    /// walk it once more).
    func list(_ i: Int) throws -> [Value] {
        guard let items = self[i].listToArray() else { throw SchemeError.badArgument(self[i], .list) }
        return items
    }

    /// The `i`th argument, a string for a system call (a path, a command): one holding a
    /// NUL byte would be cut short there, so it is CHICKEN's error instead.
    func cString(_ i: Int) throws -> String {
        let s = try string(i).string
        if s.hasNulByte {
            throw SchemeError.argument(kinds: ["type"], message: "cannot represent string with NUL bytes as C string", irritants: [self[i]])
        }
        return s
    }

    /// The `i`th argument, a symbol.
    func symbol(_ i: Int) throws -> Symbol {
        if case .symbol(let s) = self[i] { return s }
        throw SchemeError.badArgument(self[i], .symbol)
    }

    /// The `i`th argument, a byte (0-255).
    func byte(_ i: Int) throws -> UInt8 {
        if case .fixnum(let n) = self[i], let b = UInt8(exactly: n) { return b }
        throw SchemeError.badArgument(self[i], .byte)
    }

    /// The `i`th argument, a bytevector.
    func bytevector(_ i: Int) throws -> Bytevector {
        if case .object(let b as Bytevector) = self[i] { return b }
        throw SchemeError.badArgument(self[i], .bytevector)
    }

    /// The `i`th argument as the size of a new object (see `Check.size`).
    func size(_ i: Int) throws -> Int { try Check.size(self[i]) }

    /// The `i`th argument, a vector.
    func vector(_ i: Int, terse: Bool = false) throws -> SVector {
        if case .vector(let v) = self[i] { return v }
        throw SchemeError.badArgument(self[i], .vector, terse: terse)
    }

    /// The `i`th argument as an index into a sequence of `count` elements: a fixnum
    /// (else a type error) in 0..<count (else "out of range" naming `sequence` and it).
    func index(_ i: Int, below count: Int, of sequence: Value) throws -> Int {
        let n = try int(i, terse: true)
        guard n >= 0 && n < count else { throw SchemeError.outOfRange([sequence, self[i]]) }
        return n
    }

    /// Optional `[start [end]]` arguments at `k` and `k + 1` of a sequence of `count`
    /// elements, defaulting to the whole sequence.
    func range(from k: Int, count: Int) throws -> (start: Int, end: Int) {
        let start = k < self.count ? try int(k) : 0
        let end = k + 1 < self.count ? try int(k + 1) : count
        guard start >= 0, end <= count, start <= end else {
            throw SchemeError.outOfRange([.fixnum(start), .fixnum(end)])
        }
        return (start, end)
    }
}
