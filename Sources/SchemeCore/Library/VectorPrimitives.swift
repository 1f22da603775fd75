/// Vectors and bytevectors.
extension Interpreter {
    func vectorPrimitives() -> [Primitive] {
        let sliceArgs = Signature(.vector, optional: [.fixnum, .fixnum])
        return [
            prim("vector?") { v in if case .vector = v { return .true }; return .false },
            prim("make-vector", Signature(.fixnum, optional: [.any])) { args in
                .vector(SVector([Value].filled(with: args.optional(1) ?? .unspecified, count: try args.size(0))))
            },
            prim("vector", .atLeast(0)) { args in .vector(SVector(args.array)) },
            prim("vector-length", Signature(.vector, terse: true)) { args in .fixnum(try args.vector(0).items.count) },
            prim("vector-ref", Signature(.vector, .fixnum, terse: true)) { args in
                let vec = try args.vector(0)
                return vec.items[try args.index(1, below: vec.items.count, of: args[0])]
            },
            prim("vector-set!", Signature(.vector, .fixnum, .any, terse: true)) { [unowned(unsafe) self] args in
                let vec = try args.vector(0)
                vec.items[try args.index(1, below: vec.items.count, of: args[0])] = args[2]
                self.collector.stored(args[2], into: vec)
                return .unspecified
            },
            prim("vector->list", sliceArgs) { args in
                let vec = try args.vector(0)
                let (a, b) = try args.range(from: 1, count: vec.items.count)
                return Value.list(Array(vec.items[a..<b]))
            },
            prim("list->vector", Signature(.any)) { args in .vector(SVector(try args.list(0))) },
            prim("vector-fill!", Signature(.vector, .any, optional: [.fixnum, .fixnum])) { [unowned(unsafe) self] args in
                let vec = try args.vector(0)
                let (a, b) = try args.range(from: 2, count: vec.items.count)
                for i in a..<b { vec.items[i] = args[1] }
                self.collector.stored(args[1], into: vec)
                return .unspecified
            },
            prim("vector-copy", sliceArgs) { args in
                let vec = try args.vector(0)
                let (a, b) = try args.range(from: 1, count: vec.items.count)
                return .vector(SVector(Array(vec.items[a..<b])))
            },
            prim("subvector", Signature(.vector, .fixnum, optional: [.fixnum])) { args in
                let vec = try args.vector(0)
                let (a, b) = try args.range(from: 1, count: vec.items.count)
                return .vector(SVector(Array(vec.items[a..<b])))
            },
            prim("%sort-vector-natively!") { [unowned(unsafe) self] v, less in
                // The builtin orderings sort in Swift (stable); any other predicate is
                // Scheme code and sorts in the prelude.
                let vec = try Check.vector(v, "sort")
                guard case .procedure(let p) = less, p.kind == .primitive,
                      case .procedure(let builtin) = self.builtinOrderings[p.name] ?? .false, builtin === p else { return .false }
                try Interpreter.sortNatively(vec, p.name)
                return .true
            },
            // Two orders, told apart by the second argument: CHICKEN's (vector-copy! from to
            // [count]) and R7RS's (vector-copy! to at from [start [end]]).
            prim("vector-copy!", Signature(.vector, .any, optional: [.any, .fixnum, .fixnum])) { [unowned(unsafe) self] args in
                if case .vector(let to) = args[1] { return try self.chickenVectorCopy(args, to) }
                // With two arguments it can only be CHICKEN's order, whose second is a vector.
                guard args.count >= 3 else { throw SchemeError.typeMsg("vector-copy!", "bad argument type - not a vector", args[1]) }
                let to = try args.vector(0), at = try args.int(1), from = try args.vector(2)
                let (a, b) = try args.range(from: 3, count: from.items.count)
                guard at >= 0, at <= to.items.count - (b - a) else { throw SchemeError.outOfRange([args[1]]) }
                let slice = Array(from.items[a..<b])
                to.items.replaceSubrange(at..<(at + slice.count), with: slice)
                if slice.contains(where: { $0.canFormCycle }) { self.collector.stored(.vector(to), into: to) }
                return .unspecified
            },
            prim("vector-append", Signature(rest: .vector)) { args in
                .vector(SVector(try (0..<args.count).flatMap { try args.vector($0).items }))
            },
            prim("vector-resize", Signature(.vector, .fixnum, optional: [.any])) { args in
                let vec = try args.vector(0), n = try args.size(1)
                var items = Array(vec.items.prefix(n))
                while items.count < n { items.append(args.optional(2) ?? .unspecified) }
                return .vector(SVector(items))
            },
            prim("vector->string", sliceArgs) { args in
                let vec = try args.vector(0)
                let (a, b) = try args.range(from: 1, count: vec.items.count)
                return .string(MString(try vec.items[a..<b].map { item in
                    guard case .char(let c) = item else { throw SchemeError.badArgument(item, .char) }
                    return c
                }))
            },
            prim("string->vector", Signature(.string, optional: [.fixnum, .fixnum])) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 1, count: s.count)
                return .vector(SVector(s.scalars(a, b).map { .char($0) }))
            },
            prim("bytevector?") { v in if case .object(let b as Bytevector) = v { return .bool(!b.isBlob) }; return .false },
            prim("make-bytevector", Signature(.fixnum, optional: [.byte])) { args in
                let fill = args.count > 1 ? try args.byte(1) : 0
                return .object(Bytevector(.filled(with: fill, count: try args.size(0))))
            },
            prim("bytevector", Signature(rest: .byte)) { args in
                .object(Bytevector(try (0..<args.count).map { try args.byte($0) }))
            },
            prim("bytevector-length", Signature(.bytevector)) { args in .fixnum(try args.bytevector(0).bytes.count) },
            prim("bytevector-u8-ref", Signature(.bytevector, .fixnum)) { args in
                let bv = try args.bytevector(0)
                return .fixnum(Int(bv.bytes[try args.index(1, below: bv.bytes.count, of: args[0])]))
            },
            prim("bytevector-u8-set!", Signature(.bytevector, .fixnum, .byte)) { args in
                let bv = try args.bytevector(0)
                bv.bytes[try args.index(1, below: bv.bytes.count, of: args[0])] = try args.byte(2)
                return .unspecified
            },
            prim("bytevector-copy", Signature(.bytevector, optional: [.fixnum, .fixnum])) { args in
                let bv = try args.bytevector(0)
                let (a, b) = try args.range(from: 1, count: bv.bytes.count)
                return .object(Bytevector(Array(bv.bytes[a..<b])))
            },
            prim("bytevector-append", Signature(rest: .bytevector)) { args in
                .object(Bytevector(try (0..<args.count).flatMap { try args.bytevector($0).bytes }))
            },
        ]
    }
}

extension Interpreter {
    /// Sorts `vec` stably by the builtin ordering `name`. One three-way comparison answers
    /// both (less? a b) and (less? b a); elements that neither precedes keep their order.
    static func sortNatively(_ vec: SVector, _ name: String) throws {
        let items = vec.items
        guard items.count > 1 else { return }
        // All fixnums under < or >: equal elements are indistinguishable, so any sort is stable.
        if name == "<" || name == ">" {
            var ints: [Int] = []
            ints.reserveCapacity(items.count)
            for item in items { guard case .fixnum(let i) = item else { break }; ints.append(i) }
            if ints.count == items.count {
                if name == "<" { ints.sort(by: <) } else { ints.sort(by: >) }
                vec.items = ints.map { .fixnum($0) }
                return
            }
        }
        let order = nativeOrder(name)
        var index = Array(0..<items.count)
        if name.hasPrefix("string") {
            // The strings are checked once, not at each comparison.
            let folded = name.hasPrefix("string-ci")
            let keys = try items.map { try Check.string($0, name) }
            index.sort { i, j in
                let c = keys[i].compare(to: keys[j], folded: folded)
                return order.holds(c) || (!order.holds(-c) && i < j)
            }
        } else {
            try index.sort { i, j in
                guard let c = try order.compare(items[i], items[j]) else { return i < j }
                return order.holds(c) || (!order.holds(-c) && i < j)
            }
        }
        vec.items = index.map { items[$0] }
    }

    /// The orderings `sort` applies natively, as a three-way comparison (nil where two
    /// numbers are not comparable, a NaN) and the test `(name a b)` makes of its result.
    static func nativeOrder(_ name: String) -> (compare: (Value, Value) throws -> Int?, holds: (Int) -> Bool) {
        let holds: (Int) -> Bool
        switch name {
        case "<", "string<?", "string-ci<?", "char<?": holds = { $0 < 0 }
        case "<=": holds = { $0 <= 0 }
        case ">=": holds = { $0 >= 0 }
        default: holds = { $0 > 0 }
        }
        switch name {
        case "<", ">", "<=", ">=":
            return ({ a, b in try Arith.compare(a, b, name) }, holds)
        case "string<?", "string>?", "string-ci<?", "string-ci>?":
            let folded = name.hasPrefix("string-ci")
            return ({ a, b in try Check.string(a, name).compare(to: try Check.string(b, name), folded: folded) }, holds)
        default:
            return ({ a, b in
                let x = try Check.char(a, name), y = try Check.char(b, name)
                return x == y ? 0 : (x < y ? -1 : 1)
            }, holds)
        }
    }

    /// CHICKEN's `(vector-copy! from to [count])`: the first `count` elements (all that fit,
    /// by default) of `from` into the front of `to`; a negative count copies none, as there.
    private func chickenVectorCopy(_ args: Arguments, _ to: SVector) throws -> Value {
        let from = try args.vector(0)
        guard args.count <= 3 else {
            throw SchemeError.arity(args.count, "2 to 3", symbols.intern("vector-copy!").value)
        }
        let n = args.count > 2 ? try args.int(2) : min(from.items.count, to.items.count)
        guard n <= from.items.count, n <= to.items.count else {
            throw SchemeError.exn(kinds: ["bounds"], message: "cannot copy vector - count exceeds length",
                                  irritants: [args[0], args[1], .fixnum(n)], location: "vector-copy!")
        }
        guard n > 0 else { return .unspecified }
        let slice = Array(from.items[0..<n])
        to.items.replaceSubrange(0..<n, with: slice)
        if slice.contains(where: { $0.canFormCycle }) { collector.stored(.vector(to), into: to) }
        return .unspecified
    }
}
