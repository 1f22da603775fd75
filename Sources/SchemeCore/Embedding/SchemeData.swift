/// A Scheme value as plain Swift data, safe to send between threads and tasks (`Value`
/// holds the interpreter's objects and is not). What crosses into an async procedure or
/// out of a `SchemeActor` is this.
public enum SchemeData: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case symbol(String)
    case bytes([UInt8])
    case list([SchemeData])
    case vector([SchemeData])
    /// What `void` and `set!` return.
    case unspecified

    /// Copies `v`; throws `ConversionError` for what has no plain form (procedures, ports,
    /// records, improper lists, lists nested deeper than `maxDepth`). Nesting is walked with a
    /// work list, not recursion.
    public init(_ v: Value) throws {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .fixnum(let i): self = .int(i)
        case .flonum(let d): self = .double(d)
        case .string(let s): self = .string(s.string)
        case .symbol(let s): self = .symbol(s.name)
        case .unspecified: self = .unspecified
        case .object(let b as Bytevector): self = .bytes(b.bytes)
        case .pair, .vector: self = try SchemeData.container(v)
        default: throw ConversionError(expected: "plain data (no procedures, ports or records)", value: v)
        }
    }

    /// How deep lists and vectors may nest: Swift destroys a nested `SchemeData` by
    /// recursion, which must stay well inside any thread's stack.
    public static let maxDepth = 256

    /// A list or vector: its elements converted bottom-up.
    private static func container(_ root: Value) throws -> SchemeData {
        try TreeBuilder.build(root, children: { v, depth -> (Bool, [Value])? in
            if depth >= maxDepth {
                switch v {
                case .pair, .vector: throw ConversionError(expected: "data nested at most \(maxDepth) deep", value: v)
                default: break
                }
            }
            switch v {
            case .vector(let x): return (true, x.items)
            case .pair:
                guard let items = v.listToArray() else { throw ConversionError(expected: "proper list", value: v) }
                return (false, items)
            default: return nil
            }
        }, leaf: { try SchemeData($0) }, combine: { isVector, items in isVector ? .vector(items) : .list(items) })
    }

    /// The Scheme value of this data (new strings, lists and vectors), built bottom-up, so
    /// nesting depth costs no native stack.
    public func value(in scheme: Interpreter) -> Value {
        TreeBuilder.build(self, children: { d, _ -> (Bool, [SchemeData])? in
            switch d {
            case .list(let items): return (false, items)
            case .vector(let items): return (true, items)
            default: return nil
            }
        }, leaf: { $0.scalar(in: scheme) }, combine: { isVector, items in isVector ? .vector(SVector(items)) : .list(items) })
    }

    private func scalar(in scheme: Interpreter) -> Value {
        switch self {
        case .null, .list, .vector: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .fixnum(i)
        case .double(let d): return .flonum(d)
        case .string(let s): return Value(s)
        case .symbol(let s): return scheme.symbol(s)
        case .bytes(let b): return Value(bytes: b)
        case .unspecified: return .unspecified
        }
    }
}
