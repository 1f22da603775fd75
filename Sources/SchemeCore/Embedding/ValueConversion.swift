/// A Scheme value did not have the type a Swift conversion asked for.
///
/// Sendable by declaration only: `value` belongs to the interpreter, so read it on the
/// interpreter's thread (a `SchemeActor` converts what it throws; see `SchemeFailure`).
public struct ConversionError: Error, CustomStringConvertible, @unchecked Sendable {
    /// What was expected, e.g. `"fixnum"`.
    public let expected: String
    /// The value that did not fit.
    public let value: Value
    public var description: String { "expected \(expected), got \(value.written)" }
}

/// Swift types that convert to and from Scheme values.
///
/// ```swift
/// let n = try Int(scheme: .fixnum(3))          // 3
/// let v = ["a", "b"].schemeValue               // ("a" "b")
/// let xs = try [Double](scheme: v)             // throws ConversionError
/// ```
public protocol SchemeConvertible {
    /// Converts a Scheme value, throwing `ConversionError` when it has another type.
    init(scheme: Value) throws
    /// The value as a Scheme value.
    var schemeValue: Value { get }
}

extension Int: SchemeConvertible {
    public init(scheme v: Value) throws {
        guard case .fixnum(let i) = v else { throw ConversionError(expected: "fixnum", value: v) }
        self = i
    }
    public var schemeValue: Value { .fixnum(self) }
}

extension Double: SchemeConvertible {
    /// Accepts flonums and fixnums.
    public init(scheme v: Value) throws {
        switch v {
        case .flonum(let d): self = d
        case .fixnum(let i): self = Double(i)
        default: throw ConversionError(expected: "number", value: v)
        }
    }
    public var schemeValue: Value { .flonum(self) }
}

extension String: SchemeConvertible {
    public init(scheme v: Value) throws {
        guard case .string(let s) = v else { throw ConversionError(expected: "string", value: v) }
        self = s.string
    }
    public var schemeValue: Value { .string(MString(self)) }
}

extension Bool: SchemeConvertible {
    /// Scheme's truth: only `#f` is false.
    public init(scheme v: Value) throws { self = v.isTrue }
    public var schemeValue: Value { .bool(self) }
}

extension Array: SchemeConvertible where Element: SchemeConvertible {
    /// From a proper list (or a vector).
    public init(scheme v: Value) throws {
        if case .vector(let vec) = v {
            self = try vec.items.map { try Element(scheme: $0) }
            return
        }
        guard let items = v.listToArray() else { throw ConversionError(expected: "list", value: v) }
        self = try items.map { try Element(scheme: $0) }
    }
    /// A proper list.
    public var schemeValue: Value { .list(map { $0.schemeValue }) }
}

extension Optional: SchemeConvertible where Wrapped: SchemeConvertible {
    /// `#f` is nil.
    public init(scheme v: Value) throws {
        self = v.isFalse ? nil : try Wrapped(scheme: v)
    }
    /// nil is `#f`.
    public var schemeValue: Value { map { $0.schemeValue } ?? .false }
}

extension Value {
    /// The Scheme value of a Swift one: `Value(42)`, `Value("text")`, `Value([1, 2])`.
    public init<T: SchemeConvertible>(_ x: T) { self = x.schemeValue }
}
