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
    /// records, improper lists, …). Nesting is walked with a work list, not recursion.
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

    /// A list or vector, built bottom-up from an explicit stack.
    private static func container(_ root: Value) throws -> SchemeData {
        final class Frame {
            let isVector: Bool
            var pending: [Value]
            var done: [SchemeData] = []
            init(_ v: Value) throws {
                if case .vector(let x) = v { isVector = true; pending = x.items }
                else {
                    isVector = false
                    guard let items = v.listToArray() else { throw ConversionError(expected: "proper list", value: v) }
                    pending = items
                }
                pending.reverse()
            }
            var result: SchemeData { isVector ? .vector(done) : .list(done) }
        }
        var stack = [try Frame(root)]
        while let top = stack.last {
            guard let next = top.pending.popLast() else {
                stack.removeLast()
                guard let parent = stack.last else { return top.result }
                parent.done.append(top.result)
                continue
            }
            switch next {
            case .pair, .vector: stack.append(try Frame(next))
            default: top.done.append(try SchemeData(next))
            }
        }
        return .null
    }

    /// The Scheme value of this data (new strings, lists and vectors), built with a work
    /// list, so nesting depth costs no native stack.
    public func value(in scheme: Interpreter) -> Value {
        final class Frame {
            let isVector: Bool
            var pending: [SchemeData]
            var done: [Value] = []
            init(isVector: Bool, _ items: [SchemeData]) { self.isVector = isVector; pending = items.reversed() }
            var result: Value { isVector ? .vector(SVector(done)) : .list(done) }
        }
        func frame(_ d: SchemeData) -> Frame? {
            switch d {
            case .list(let items): return Frame(isVector: false, items)
            case .vector(let items): return Frame(isVector: true, items)
            default: return nil
            }
        }
        guard let root = frame(self) else { return scalar(in: scheme) }
        var stack = [root]
        while let top = stack.last {
            guard let next = top.pending.popLast() else {
                stack.removeLast()
                guard let parent = stack.last else { return top.result }
                parent.done.append(top.result)
                continue
            }
            if let f = frame(next) { stack.append(f) } else { top.done.append(next.scalar(in: scheme)) }
        }
        return .null
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
