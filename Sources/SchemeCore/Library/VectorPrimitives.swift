/// Vectors and bytevectors.
extension Interpreter {
    func vectorPrimitives() -> [Primitive] {
        [
            prim("vector?") { v in if case .vector = v { return .true }; return .false },
            prim("make-vector", .range(1, 2)) { args in
                let n = try Check.size(args[0], "make-vector")
                return .vector(SVector(Array(repeating: args.count > 1 ? args[1] : .unspecified, count: n)))
            },
            prim("vector", .atLeast(0)) { args in .vector(SVector(args.array)) },
            prim("vector-length") { v in .fixnum(try Check.vector(v, "vector-length").items.count) },
            prim("vector-ref") { v, k in
                let vec = try Check.vector(v, "vector-ref")
                return vec.items[try Check.index(k, vec.items.count, "vector-ref", v)]
            },
            prim("vector-set!") { [unowned(unsafe) self] v, k, x in
                let vec = try Check.vector(v, "vector-set!")
                vec.items[try Check.index(k, vec.items.count, "vector-set!", v)] = x
                self.collector.stored(x, into: vec)
                return .unspecified
            },
            prim("vector->list", .range(1, 3)) { args in
                let vec = try Check.vector(args[0], "vector->list")
                let (a, b) = try Check.range(args, from: 1, count: vec.items.count, "vector->list")
                return Value.list(Array(vec.items[a..<b]))
            },
            prim("list->vector") { v in .vector(SVector(try Check.list(v, "list->vector"))) },
            prim("vector-fill!", .range(2, 4)) { [unowned(unsafe) self] args in
                let vec = try Check.vector(args[0], "vector-fill!")
                let (a, b) = try Check.range(args, from: 2, count: vec.items.count, "vector-fill!")
                for i in a..<b { vec.items[i] = args[1] }
                self.collector.stored(args[1], into: vec)
                return .unspecified
            },
            prim("vector-copy", .range(1, 3)) { args in
                let vec = try Check.vector(args[0], "vector-copy")
                let (a, b) = try Check.range(args, from: 1, count: vec.items.count, "vector-copy")
                return .vector(SVector(Array(vec.items[a..<b])))
            },
            prim("subvector", .range(2, 3)) { args in
                let vec = try Check.vector(args[0], "subvector")
                let (a, b) = try Check.range(args, from: 1, count: vec.items.count, "subvector")
                return .vector(SVector(Array(vec.items[a..<b])))
            },
            prim("%sort-vector-natively!") { [unowned(unsafe) self] v, less in
                // The builtin orderings sort in Swift (stable); any other predicate is
                // Scheme code and sorts in the prelude.
                let vec = try Check.vector(v, "sort")
                guard case .procedure(let p) = less, p.kind == .primitive,
                      case .procedure(let builtin) = self.builtinOrderings[p.name] ?? .false, builtin === p else { return .false }
                // All fixnums under < or >: equal elements are indistinguishable, so any sort is stable.
                if p.name == "<" || p.name == ">" {
                    var ints: [Int] = []
                    ints.reserveCapacity(vec.items.count)
                    for item in vec.items { guard case .fixnum(let i) = item else { break }; ints.append(i) }
                    if ints.count == vec.items.count {
                        if p.name == "<" { ints.sort(by: <) } else { ints.sort(by: >) }
                        vec.items = ints.map { .fixnum($0) }
                        return .true
                    }
                }
                var failure: Error?
                let items = vec.items.enumerated().sorted { a, b in
                    if failure != nil { return false }
                    do {
                        if try self.nativeLess(p.name, a.element, b.element) { return true }
                        if try self.nativeLess(p.name, b.element, a.element) { return false }
                    } catch { failure = error }
                    return a.offset < b.offset
                }
                if let failure { throw failure }
                vec.items = items.map { $0.element }
                return .true
            },
            prim("vector-copy!", .range(3, 5)) { [unowned(unsafe) self] args in
                let to = try Check.vector(args[0], "vector-copy!")
                let at = try Check.int(args[1], "vector-copy!")
                let from = try Check.vector(args[2], "vector-copy!")
                let (a, b) = try Check.range(args, from: 3, count: from.items.count, "vector-copy!")
                guard at >= 0, at + (b - a) <= to.items.count else { throw SchemeError.bounds("vector-copy!", [args[1]]) }
                let slice = Array(from.items[a..<b])
                to.items.replaceSubrange(at..<(at + slice.count), with: slice)
                if slice.contains(where: { $0.canFormCycle }) { self.collector.stored(.vector(to), into: to) }
                return .unspecified
            },
            prim("vector-append", .atLeast(0)) { args in
                var items: [Value] = []
                for i in 0..<args.count { items.append(contentsOf: try Check.vector(args[i], "vector-append").items) }
                return .vector(SVector(items))
            },
            prim("vector-resize", .range(2, 3)) { args in
                let vec = try Check.vector(args[0], "vector-resize")
                let n = try Check.size(args[1], "vector-resize")
                var items = Array(vec.items.prefix(n))
                while items.count < n { items.append(args.count > 2 ? args[2] : .unspecified) }
                return .vector(SVector(items))
            },
            prim("vector->string", .range(1, 3)) { args in
                let vec = try Check.vector(args[0], "vector->string")
                let (a, b) = try Check.range(args, from: 1, count: vec.items.count, "vector->string")
                return .string(MString(try vec.items[a..<b].map { try Check.char($0, "vector->string") }))
            },
            prim("string->vector", .range(1, 3)) { args in
                let s = try Check.string(args[0], "string->vector")
                let (a, b) = try Check.range(args, from: 1, count: s.count, "string->vector")
                return .vector(SVector(s.scalars(a, b).map { .char($0) }))
            },
            prim("bytevector?") { v in if case .object(is Bytevector) = v { return .true }; return .false },
            prim("make-bytevector", .range(1, 2)) { args in
                let n = try Check.size(args[0], "make-bytevector")
                let fill = args.count > 1 ? try Interpreter.byte(args[1], "make-bytevector") : 0
                return .object(Bytevector(Array(repeating: fill, count: n)))
            },
            prim("bytevector", .atLeast(0)) { args in
                .object(Bytevector(try (0..<args.count).map { try Interpreter.byte(args[$0], "bytevector") }))
            },
            prim("bytevector-length") { v in .fixnum(try Check.bytevector(v, "bytevector-length").bytes.count) },
            prim("bytevector-u8-ref") { v, k in
                let bv = try Check.bytevector(v, "bytevector-u8-ref")
                return .fixnum(Int(bv.bytes[try Check.index(k, bv.bytes.count, "bytevector-u8-ref", v)]))
            },
            prim("bytevector-u8-set!") { v, k, b in
                let bv = try Check.bytevector(v, "bytevector-u8-set!")
                bv.bytes[try Check.index(k, bv.bytes.count, "bytevector-u8-set!", v)] = try Interpreter.byte(b, "bytevector-u8-set!")
                return .unspecified
            },
            prim("bytevector-copy", .range(1, 3)) { args in
                let bv = try Check.bytevector(args[0], "bytevector-copy")
                let (a, b) = try Check.range(args, from: 1, count: bv.bytes.count, "bytevector-copy")
                return .object(Bytevector(Array(bv.bytes[a..<b])))
            },
            prim("bytevector-append", .atLeast(0)) { args in
                var bytes: [UInt8] = []
                for i in 0..<args.count { bytes += try Check.bytevector(args[i], "bytevector-append").bytes }
                return .object(Bytevector(bytes))
            },
        ]
    }

    static func byte(_ v: Value, _ loc: String) throws -> UInt8 {
        guard case .fixnum(let i) = v, let b = UInt8(exactly: i) else { throw SchemeError.type(loc, v) }
        return b
    }
}

extension Interpreter {
    /// `(name a b)` for the orderings `sort` applies natively.
    func nativeLess(_ name: String, _ a: Value, _ b: Value) throws -> Bool {
        switch name {
        case "<", ">", "<=", ">=":
            guard let c = try Arith.compare(a, b, name) else { return false }
            switch name {
            case "<": return c < 0
            case ">": return c > 0
            case "<=": return c <= 0
            default: return c >= 0
            }
        case "string<?", "string>?", "string-ci<?", "string-ci>?":
            var x = try Check.string(a, name).string, y = try Check.string(b, name).string
            if name.contains("-ci") { x = x.lowercased(); y = y.lowercased() }
            let xs = Array(x.unicodeScalars), ys = Array(y.unicodeScalars)
            let lt = xs.lexicographicallyPrecedes(ys), gt = ys.lexicographicallyPrecedes(xs)
            return name.hasPrefix("string<") || name.hasPrefix("string-ci<") ? lt : gt
        default:
            let x = try Check.char(a, name), y = try Check.char(b, name)
            return name == "char<?" ? x < y : x > y
        }
    }
}
