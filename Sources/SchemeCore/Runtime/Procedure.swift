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
            return a.code === b.code && a.env.withUnsafeBufferPointer { pa in
                b.env.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
            }
        }
        return false
    }

    var name: String { "?" }
}

/// A compiled lambda plus the values it captured.
final class Closure: Procedure {
    let code: Code
    let env: [Value]
    init(code: Code, env: [Value]) {
        self.code = code
        self.env = env
        super.init(kind: .closure)
    }
    override var name: String { code.name ?? "?" }
}

/// The arity a primitive accepts.
struct Arity: Equatable {
    let min: Int
    let max: Int?  // nil: any number
    static func exactly(_ n: Int) -> Arity { Arity(min: n, max: n) }
    static func atLeast(_ n: Int) -> Arity { Arity(min: n, max: nil) }
    static func range(_ a: Int, _ b: Int) -> Arity { Arity(min: a, max: b) }
    func accepts(_ n: Int) -> Bool { n >= min && (max == nil || n <= max!) }
}

/// Arguments of a native call: a window on the VM stack, valid only during the call.
public struct Arguments {
    let base: UnsafeMutablePointer<Value>
    public let count: Int
    @inline(__always) public subscript(i: Int) -> Value { base[i] }
    var array: [Value] { (0..<count).map { base[$0] } }
}

/// Operations that need the VM itself (they call procedures or touch control state).
enum ControlOp: UInt8 {
    case apply, applyValues, callCC, values, eval, exit, uncaught
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
    let body: Body
    init(_ name: String, _ arity: Arity, _ body: Body) {
        self.primName = name
        self.arity = arity
        self.body = body
        super.init(kind: .primitive)
    }
    override var name: String { primName }
}

/// A reified continuation (`call/cc`): a copy of the thread's stacks and dynamic state.
final class Continuation: Procedure {
    let stack: [Value]
    let frames: [Frame]
    let winders: Value
    let handlers: Value
    init(stack: [Value], frames: [Frame], winders: Value, handlers: Value) {
        self.stack = stack
        self.frames = frames
        self.winders = winders
        self.handlers = handlers
        super.init(kind: .continuation)
    }
    override var name: String { "continuation" }
}

/// A parameter object (`make-parameter`). Calling it with no argument returns its value.
final class Parameter: Procedure {
    @exclusivity(unchecked) var value: Value
    var gcRegistered = false
    let converter: Value  // a procedure or #f
    init(value: Value, converter: Value) {
        self.value = value
        self.converter = converter
        super.init(kind: .parameter)
    }
}
