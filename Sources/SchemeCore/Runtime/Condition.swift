/// A CHICKEN condition: a list of kinds and, per kind, a property list.
final class Condition: SchemeObject {
    /// Kinds in order, e.g. `exn`, `type`.
    var kinds: [Symbol]
    /// `((kind . key) . value)` entries, in CHICKEN's order.
    var properties: [(kind: Symbol, key: Symbol, value: Value)]

    init(kinds: [Symbol], properties: [(kind: Symbol, key: Symbol, value: Value)]) {
        self.kinds = kinds
        self.properties = properties
    }

    override var typeName: String { "condition" }
    deinit { if !properties.isEmpty { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        while var entry = properties.popLast() { work.take(&entry.value) }
    }

    func property(_ kind: Symbol, _ key: Symbol) -> Value? {
        properties.first { $0.kind === kind && $0.key === key }?.value
    }

    func hasKind(_ kind: Symbol) -> Bool { kinds.contains { $0 === kind } }
}

/// How a Swift primitive reports a Scheme error: the VM turns it into a condition raised
/// at the call site, so Scheme handlers run before anything unwinds.
///
/// Sendable by declaration only: it is thrown and caught on the interpreter's thread, between
/// a native procedure and the VM that called it.
public enum SchemeError: Error, @unchecked Sendable {
    /// `raise` of an arbitrary object (usually a `Condition`).
    case raise(Value, continuable: Bool)
    /// A CHICKEN `exn` error: kinds after `exn`, message, irritants, location.
    case exn(kinds: [String], message: String, irritants: [Value], location: String?)
    /// An `exn` error in the arguments of the native procedure being called: the VM makes
    /// the callee's name its location (see `badArgument` and `outOfRange`).
    case argument(kinds: [String], message: String, irritants: [Value])
    /// `(exit n)`: unwinds to the driver.
    case exit(Int32)
    /// Thrown by a native procedure that must wait: the VM suspends the thread with the
    /// call still pending and, once the scheduler ends the wait, calls `then` with how it
    /// ended (see `WaitRequest`). `then` runs at the call site: what it throws is the call's
    /// error, and it either finishes the call or has it performed again.
    case wait(WaitRequest, then: (WaitOutcome) throws -> AfterWait)
    /// `wait` thrown without allocating: see `RepeatedWait`.
    case repeatedWait(RepeatedWait)
    /// The call is answered by calling `procedure` with `arguments` instead (in the same
    /// position, so a tail call stays one): how a native procedure defers to Scheme code.
    case callInstead(procedure: Value, arguments: [Value])

    /// `error` if it is a `SchemeError`. The runtime's general cast (`as? SchemeError`)
    /// costs about 300 instructions; comparing the boxed type and copying the value out costs
    /// a third of that, and a server pays it on every wait.
    @inline(__always) static func unboxed(_ error: any Error) -> SchemeError? {
        func open<E: Error>(_ e: E) -> SchemeError? {
            guard E.self == SchemeError.self else { return nil }
            return unsafeBitCast(e, to: SchemeError.self)
        }
        return _openExistential(error, do: open)
    }

    /// The wait of `error` if it is a `repeatedWait`, read in place: a server's every request
    /// waits so, and `unboxed` copies (and later destroys) the whole error to ask.
    @inline(__always) static func repeatedWait(in error: any Error) -> RepeatedWait? {
        func open<E: Error>(_ e: E) -> RepeatedWait? {
            guard E.self == SchemeError.self else { return nil }
            return withUnsafePointer(to: e) { p in
                UnsafeRawPointer(p).withMemoryRebound(to: SchemeError.self, capacity: 1) { error in
                    if case .repeatedWait(let w) = error.pointee { return w }
                    return nil
                }
            }
        }
        return _openExistential(error, do: open)
    }

    static func type(_ location: String?, _ value: Value) -> SchemeError {
        .exn(kinds: ["type"], message: "bad argument type", irritants: [value], location: location)
    }

    static func typeMsg(_ location: String?, _ message: String, _ value: Value) -> SchemeError {
        .exn(kinds: ["type"], message: message, irritants: [value], location: location)
    }

    static func bounds(_ location: String?, _ irritants: [Value]) -> SchemeError {
        .exn(kinds: ["bounds"], message: "out of range", irritants: irritants, location: location)
    }

    /// CHICKEN's `(exn arithmetic)` "division by zero".
    static func divisionByZero(_ location: String?, _ irritants: [Value]) -> SchemeError {
        .exn(kinds: ["arithmetic"], message: "division by zero", irritants: irritants, location: location)
    }

    static func domain(_ location: String?, _ message: String, _ irritants: [Value]) -> SchemeError {
        .exn(kinds: ["domain"], message: message, irritants: irritants, location: location)
    }

    static func arity(_ got: Int, _ expected: String, _ proc: Value) -> SchemeError {
        // CHICKEN words a missing argument of a procedure with a rest parameter differently.
        if expected.hasPrefix("at least ") {
            return .exn(kinds: ["arity"], message: "too few arguments - received \(got) but expected \(expected.dropFirst(9))",
                        irritants: [proc], location: nil)
        }
        return .exn(kinds: ["arity"], message: "bad argument count - received \(got) but expected \(expected)",
                    irritants: [proc], location: nil)
    }

    static func syntax(_ message: String, _ irritants: [Value] = [], location: String? = nil) -> SchemeError {
        .exn(kinds: ["syntax"], message: message, irritants: irritants, location: location)
    }

    static func simple(_ message: String, _ irritants: [Value] = [], location: String? = nil) -> SchemeError {
        .exn(kinds: [], message: message, irritants: irritants, location: location)
    }
}

/// A record instance made by a `define-record-type` constructor.
final class Record: SchemeObject {
    let type: RecordType
    var fields: [Value]
    var gcRegistered = false
    init(type: RecordType, fields: [Value]) {
        self.type = type
        self.fields = fields
    }
    override var typeName: String { type.name }
    deinit { if fields.mayOwnObjects { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) { work.takeAll(&fields) }
}

/// A Swift error inside a condition (`Interpreter.swiftErrorCondition`), printed as
/// `#<swift-error TypeName>`.
final class SwiftErrorObject: SchemeObject, CustomPrintable {
    let error: Error
    init(_ error: Error) { self.error = error }
    override var typeName: String { "swift-error" }
    var printedForm: String { "#<swift-error \(type(of: error))>" }
}

/// The type of a record (the value bound to the type name).
final class RecordType: SchemeObject {
    let name: String
    let fieldNames: [Symbol]
    /// The interpreter whose record printers apply (the printer has no other way to it).
    var link: InterpreterReference?
    init(name: String, fieldNames: [Symbol]) {
        self.name = name
        self.fieldNames = fieldNames
    }
    override var typeName: String { "record-type" }
}
