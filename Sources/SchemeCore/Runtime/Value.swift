/// A Scheme value.
///
/// Every payload is one machine word (an immediate or a class reference) so the enum stays
/// small; see `docs/architecture.md`. Types that are rare on hot paths (bignums, records,
/// ports, conditions, hash tables, …) share the `.object` case.
public enum Value {
    case null
    case bool(Bool)
    case fixnum(Int)
    case flonum(Double)
    case char(Unicode.Scalar)
    /// The value of `(void)` and of expressions with no useful result.
    case unspecified
    case eof
    /// `#!default`, the value of an `#!optional` parameter that was not passed.
    case defaultObject
    /// The contents of a variable that has not been assigned yet (never visible to programs).
    case undefined
    case pair(Pair)
    case symbol(Symbol)
    case string(MString)
    case vector(SVector)
    case procedure(Procedure)
    case object(SchemeObject)
}

/// Base class of the heap objects that share `Value.object`.
open class SchemeObject {
    public init() {}
    /// The name shown by the printer as `#<NAME>`; subclasses override.
    open var typeName: String { "object" }
    /// Moves the values this object holds onto `work` (see DeepRelease); containers
    /// override it and call `DeepRelease.drain` from their `deinit`.
    func surrenderChildren(to work: inout DeepRelease.Work) {}
    /// The object as a port, not retained, or nil: one virtual call instead of a cast (`as?
    /// Port` walks the class chain), and every port primitive asks.
    var unretainedPort: Unmanaged<Port>? { nil }
}

/// A mutable cell, used for variables that are both captured by a closure and assigned.
final class Box: SchemeObject {
    @exclusivity(unchecked) var value: Value
    @exclusivity(unchecked) var gcRegistered = false
    init(_ value: Value) { self.value = value }
    deinit { if value.mayOwnObjects { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) { work.take(&value) }
}

/// The result of `(values a b …)` with a count other than one.
final class MultipleValues: SchemeObject {
    private(set) var values: [Value]
    init(_ values: [Value]) { self.values = values }
    deinit { if values.mayOwnObjects { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) { work.takeAll(&values) }
}

/// An immutable byte vector (`#u8(...)`, R7RS bytevectors).
///
/// CHICKEN's blobs are the same bytes under another type: `blob?` and `u8vector?` tell them
/// apart and a blob prints as `#${0a0b}`, but the byte procedures of either accept both.
final class Bytevector: SchemeObject {
    var bytes: [UInt8]
    /// Made as a blob (`make-blob`, `string->blob`, `#${…}`) rather than a u8vector.
    let isBlob: Bool
    init(_ bytes: [UInt8], blob: Bool = false) {
        self.bytes = bytes
        isBlob = blob
    }
    override var typeName: String { "bytevector" }
}

/// A promise made by `delay`, `delay-force` or `make-promise`.
final class Promise: SchemeObject {
    var gcRegistered = false
    private(set) var done: Bool
    /// The value when done, else a thunk.
    private(set) var value: Value
    /// Once `forward` adopted this promise's state (R7RS `promise-update!` shares the
    /// promises' box), the promise whose state this one has: `.object(Promise)`, or `.null`.
    private(set) var forward: Value = .null
    init(done: Bool, value: Value) { self.done = done; self.value = value }
    deinit { if value.mayOwnObjects || forward.mayOwnObjects { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        work.take(&value)
        work.take(&forward)
    }
    override var typeName: String { "promise" }

    /// The promise holding this one's state (following forwards, and shortening them).
    var resolved: Promise {
        var p = self
        while case .object(let f as Promise) = p.forward { p = f }
        var q = self
        while case .object(let f as Promise) = q.forward, f !== p { q.forward = .object(p); q = f }
        return p
    }

    /// R7RS `promise-update!`: `self` (the promise being forced) takes `other`'s state, and
    /// `other` shares it from then on, so a chain of `delay-force`s is one promise.
    func adopt(_ other: Promise, _ collector: CycleCollector) {
        let to = resolved, from = other.resolved
        guard to !== from else { return }
        to.done = from.done
        to.value = from.value
        collector.stored(to.value, into: to)
        from.value = .null
        from.forward = .object(to)
        collector.stored(from.forward, into: from)
    }

    /// Drops what the promise holds (the cycle collector breaking a dead cycle).
    func clear() {
        value = .null
        forward = .null
    }
}

/// The object `interaction-environment` and friends return; `module-environment`'s holds
/// the module's exports, in which `eval` then expands.
final class EnvironmentObject: SchemeObject {
    let syntax: SyntacticEnvironment?
    init(syntax: SyntacticEnvironment? = nil) { self.syntax = syntax }
    override var typeName: String { "environment" }
}

extension Value {
    @inline(__always) public static var `true`: Value { .bool(true) }
    @inline(__always) public static var `false`: Value { .bool(false) }

    /// Everything but `#f` counts as true.
    @inline(__always) public var isTrue: Bool {
        if case .bool(false) = self { return false }
        return true
    }

    /// Whether this is `#f`.
    @inline(__always) public var isFalse: Bool {
        if case .bool(false) = self { return true }
        return false
    }

    var isNull: Bool { if case .null = self { return true }; return false }

    /// Whether storing this value into a container could close a reference cycle.
    @inline(__always) var canFormCycle: Bool {
        switch self {
        case .pair, .vector, .procedure, .object: return true
        default: return false
        }
    }
    var isPair: Bool { if case .pair = self { return true }; return false }
    var isSymbol: Bool { if case .symbol = self { return true }; return false }

    var asSymbol: Symbol? { if case .symbol(let s) = self { return s }; return nil }
    var asPair: Pair? { if case .pair(let p) = self { return p }; return nil }

    /// Identity comparison (`eq?`).
    static func eq(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null), (.unspecified, .unspecified), (.eof, .eof),
             (.defaultObject, .defaultObject), (.undefined, .undefined):
            return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.fixnum(x), .fixnum(y)): return x == y
        case let (.char(x), .char(y)): return x == y
        case let (.flonum(x), .flonum(y)): return x.bitPattern == y.bitPattern
        case let (.pair(x), .pair(y)): return x === y
        case let (.symbol(x), .symbol(y)): return x === y
        case let (.string(x), .string(y)): return x === y
        case let (.vector(x), .vector(y)): return x === y
        case let (.procedure(x), .procedure(y)): return x.isSame(as: y)
        case let (.object(x), .object(y)): return x === y
        default: return false
        }
    }
}
