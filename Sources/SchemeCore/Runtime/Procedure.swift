/// Base class of everything that can be applied. `kind` lets the VM dispatch with a switch
/// instead of dynamic casts.
public class Procedure {
    enum Kind: UInt8 { case closure, primitive, continuation, parameter }
    let kind: Kind
    init(kind: Kind) { self.kind = kind }

    /// `eq?` on procedures. Closures of one group are made on demand, so two closures
    /// are the same procedure when they share code and environment.
    func isSame(as other: Procedure) -> Bool {
        if self === other { return true }
        if kind == .closure, other.kind == .closure {
            let a = unsafeDowncast(self, to: Closure.self)
            let b = unsafeDowncast(other, to: Closure.self)
            return a.code === b.code && a.captures === b.captures
        }
        return false
    }

    var name: String { "?" }
    /// Moves the values this procedure holds onto `work` (see DeepRelease).
    func surrenderChildren(to work: inout DeepRelease.Work) {}
}

/// A compiled lambda plus the values it captured.
final class Closure: Procedure {
    let code: Code
    /// Freeing them is `Captures`' own work (its `deinit`), so a closure needs no `deinit`.
    @exclusivity(unchecked) private(set) var captures: Captures
    init(code: Code, captures: Captures) {
        self.code = code
        self.captures = captures
        super.init(kind: .closure)
    }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        var given = Captures.empty
        swap(&given, &captures)
        work.take(&given)
    }
    override var name: String { code.name ?? "?" }
}

/// The arity a primitive accepts.
/// How many arguments a native procedure accepts; a call with another count raises CHICKEN's
/// `(exn arity)` error before the procedure runs.
public struct Arity: Equatable {
    /// The fewest arguments.
    public let min: Int
    /// The most arguments; nil for any number.
    public let max: Int?
    /// Exactly `n` arguments.
    public static func exactly(_ n: Int) -> Arity { Arity(min: n, max: n) }
    /// `n` or more arguments.
    public static func atLeast(_ n: Int) -> Arity { Arity(min: n, max: nil) }
    /// From `a` to `b` arguments.
    public static func range(_ a: Int, _ b: Int) -> Arity { Arity(min: a, max: b) }
    func accepts(_ n: Int) -> Bool { n >= min && (max.map { n <= $0 } ?? true) }
    /// As CHICKEN words it in an arity error ("2", "1 to 3", "at least 1").
    var text: String {
        if let m = max { return m == min ? "\(min)" : "\(min) to \(m)" }
        return "at least \(min)"
    }
}

/// Arguments of a native call: a window on the VM stack, valid only during the call (copy
/// what you keep: `array`).
public struct Arguments {
    let base: UnsafeMutablePointer<Value>
    /// How many arguments were passed.
    public let count: Int
    /// The `i`th argument; `i` must be below `count`.
    @inline(__always) public subscript(i: Int) -> Value { base[i] }
    /// The `i`th argument, or nil if fewer were passed.
    public func optional(_ i: Int) -> Value? { i < count ? base[i] : nil }
    /// All arguments, copied.
    public var array: [Value] { (0..<count).map { base[$0] } }
}

/// Operations that need the VM itself (they call procedures or touch control state).
enum ControlOp: UInt8 {
    case apply, applyValues, callCC, values, eval, exit, uncaught, callChain, collect
}

/// A procedure written in Swift.
final class Primitive: Procedure {
    enum Body {
        case f0(() throws -> Value)
        case f1((Value) throws -> Value)
        case f2((Value, Value) throws -> Value)
        case f3((Value, Value, Value) throws -> Value)
        case fn((Arguments) throws -> Value)
        case control(ControlOp)
    }
    let primName: String
    let arity: Arity
    /// `arity` as two numbers, which the VM compares inline on every call.
    let minArgs: Int, maxArgs: Int
    /// The argument types the VM checks before `body` runs (nil: the body checks).
    let signature: Signature?
    /// `signature` as the VM runs it (nil when there is nothing to check).
    let check: SignatureCheck?
    let body: Body
    /// `body` as one closure over the stack window, in a field of its own: calling a closure
    /// read from a non-optional field of a guaranteed object needs no retain of its context,
    /// where binding it out of the `Body` enum copies it (a retain and a release per call).
    let entry: (UnsafeMutablePointer<Value>, Int) throws -> Value
    /// The body's control operation, if it is one (the VM runs those itself).
    let controlOp: ControlOp?
    /// A primitive that never waits, never calls Scheme code and checks its arguments
    /// before it changes anything, so that library loops may call its body directly (see
    /// ListWalkPrimitives). Set when its table is installed.
    var isLeaf = false
    init(_ name: String, _ arity: Arity, _ body: Body) {
        self.primName = name
        self.arity = arity
        (minArgs, maxArgs) = (arity.min, arity.max ?? Int.max)
        self.signature = nil
        self.check = nil
        self.body = body
        self.entry = Primitive.entry(of: body)
        self.controlOp = Primitive.controlOp(of: body)
        super.init(kind: .primitive)
    }

    /// A primitive whose table row declares its argument types.
    init(_ name: String, _ signature: Signature, _ body: Body) {
        self.primName = name
        self.arity = signature.arity
        (minArgs, maxArgs) = (signature.arity.min, signature.arity.max ?? Int.max)
        self.signature = signature
        self.check = signature.check
        self.body = body
        self.entry = Primitive.entry(of: body)
        self.controlOp = Primitive.controlOp(of: body)
        super.init(kind: .primitive)
    }

    private static func entry(of body: Body) -> (UnsafeMutablePointer<Value>, Int) throws -> Value {
        switch body {
        case .f0(let f): return { _, _ in try f() }
        case .f1(let f): return { args, _ in try f(args[0]) }
        case .f2(let f): return { args, _ in try f(args[0], args[1]) }
        case .f3(let f): return { args, _ in try f(args[0], args[1], args[2]) }
        case .fn(let f): return { args, argc in try f(Arguments(base: args, count: argc)) }
        case .control: return { _, _ in .unspecified }  // never: the VM runs control operations itself
        }
    }

    private static func controlOp(of body: Body) -> ControlOp? {
        if case .control(let op) = body { return op }
        return nil
    }

    /// Whether a call with `args` may reach the body: the count and each checked type fit.
    @inline(__always) func admits(_ args: Arguments) -> Bool {
        arity.accepts(args.count) && (check?.admits(args) ?? true)
    }

    /// `admits`, out of line: the VM asks on every call. It answers a Bool, where asking
    /// for the `refusal` itself returned an optional error through memory (a third of the
    /// check's cost).
    @inline(never) func admitsCall(_ args: Arguments) -> Bool { admits(args) }

    /// Why a call with `args` must not reach the body (a wrong count or a wrong type), or nil.
    /// The VM asks only when `admitsCall` said no.
    @inline(never) func refusal(_ args: Arguments) -> SchemeError? {
        if !arity.accepts(args.count) { return .arity(args.count, arity.text, .procedure(self)) }
        return check?.violation(args)
    }
    override var name: String { primName }

    // The VM calls a primitive through these, on the unretained reference it reads out of the
    // callee slot (which keeps the primitive alive): a retained `Primitive` was a retain and a
    // release per call. The body is called through `entry`, which Swift calls in place.

    /// `admitsCall` on an unretained primitive, the count compared inline: most primitives
    /// declare no types, and the call out of line cost them 47 instructions a call.
    @inline(__always) static func admits(_ p: Unmanaged<Primitive>, _ args: Arguments) -> Bool {
        p._withUnsafeGuaranteedRef {
            args.count >= $0.minArgs && args.count <= $0.maxArgs && ($0.check == nil || $0.admitsCall(args))
        }
    }

    /// The control operation of an unretained primitive, if its body is one.
    @inline(__always) static func controlOp(_ p: Unmanaged<Primitive>) -> ControlOp? {
        p._withUnsafeGuaranteedRef { $0.controlOp }
    }

    /// Runs the native body of an unretained primitive on the `argc` arguments at `args`.
    @inline(never) static func callNative(_ p: Unmanaged<Primitive>, _ args: UnsafeMutablePointer<Value>,
                                          _ argc: Int) throws -> Value {
        try p._withUnsafeGuaranteedRef { try $0.entry(args, argc) }
    }
}

/// A reified continuation (`call/cc`): the thread's frames and stack values up to the
/// capture point, plus its dynamic state.
///
/// Continuations are segmented: one captured while an earlier one is still valid (none of
/// the earlier one's frames has resumed since, so they are unchanged) shares the earlier
/// one's segments and stores only what lies beyond them.
final class Continuation: Procedure {
    @exclusivity(unchecked) private(set) var parent: Continuation?
    /// Frames beyond the parent's; the last frame overall is the one to resume.
    @exclusivity(unchecked) private(set) var frameSegment: [Frame]
    /// Stack values beyond the parent's.
    @exclusivity(unchecked) private(set) var stackSegment: [Value]
    /// Frames and stack values in all, parents included.
    let frameCount: Int
    let height: Int
    @exclusivity(unchecked) private(set) var winders: Value
    @exclusivity(unchecked) private(set) var handlers: Value
    /// Whether the return point it resumes takes several values (`Code.keepsValues`).
    @exclusivity(unchecked) var acceptsValues = true
    /// The frame record to resume: the last of its own frames, or its parent's. Stored, not
    /// looked up along the parents: a loop that captures in tail position makes a chain
    /// as long as the loop, and each capture asks.
    let resumeFrame: Frame?
    /// Its place in its thread's `validContinuations` while it is there (see `isValid`).
    @exclusivity(unchecked) var validIndex = -1

    init(parent: Continuation?, frames: [Frame], stack: [Value], frameCount: Int, height: Int,
         winders: Value, handlers: Value) {
        self.parent = parent
        resumeFrame = frames.last ?? parent?.resumeFrame
        frameSegment = frames
        stackSegment = stack
        self.frameCount = frameCount
        self.height = height
        self.winders = winders
        self.handlers = handlers
        super.init(kind: .continuation)
    }

    override var name: String { "continuation" }

    // Chains of parents can be as long as the program made them: unlink them in place. (The
    // segments' values free themselves; each container among them drains its own children.)
    deinit {
        guard var next = parent else { return }
        parent = nil
        while isKnownUniquelyReferenced(&next) {
            guard let after = next.parent else { return }
            next.parent = nil
            next = after
        }
    }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        if let p = parent { var v = Value.procedure(p); parent = nil; work.take(&v) }
        work.takeAll(&stackSegment)
        frameSegment = []  // frames own nothing (see Captures)
        work.take(&winders)
        work.take(&handlers)
    }

    var allFrames: [Frame] {
        var segments: [[Frame]] = []
        var k: Continuation? = self
        while let c = k { segments.append(c.frameSegment); k = c.parent }
        return Array(segments.reversed().joined())
    }

    /// Copies every stack value into `base[0..<height]`.
    func copyStack(into base: UnsafeMutablePointer<Value>) {
        var k: Continuation? = self
        var end = height
        while let c = k {
            let start = end - c.stackSegment.count
            for (i, v) in c.stackSegment.enumerated() { base[start + i] = v }
            end = start
            k = c.parent
        }
    }
}

/// A parameter object (`make-parameter`). Calling it with no argument returns its value.
final class Parameter: Procedure {
    @exclusivity(unchecked) var value: Value
    var gcRegistered = false
    private(set) var converter: Value  // a procedure or #f
    init(value: Value, converter: Value) {
        self.value = value
        self.converter = converter
        super.init(kind: .parameter)
    }
    deinit { if value.mayOwnObjects || converter.mayOwnObjects { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        work.take(&value)
        work.take(&converter)
    }
}
