/// srfi-4 (CHICKEN's `(srfi 4)`): homogeneous numeric vectors. `u8vector` is the
/// bytevector; the other kinds are `NumberVector`s. One typed row set per kind.
extension Interpreter {
    func numberVectorPrimitives() -> [Primitive] {
        var rows: [Primitive] = []
        for kind in NumberVector.Kind.allCases { rows += numberVectorRows(kind) }
        rows += u8vectorRows()
        rows += u8vectorPortRows()
        rows.append(prim("number-vector?", Signature(.any)) { args in
            switch args[0] {
            case .object(let o): return .bool(o is NumberVector || o is Bytevector)
            default: return .false
            }
        })
        return rows
    }

    /// An element for a vector of `kind`: a number in the kind's range (floats converted).
    static func element(_ v: Value, _ kind: NumberVector.Kind) throws -> Value {
        guard let n = Num(v) else { throw SchemeError.badArgument(v, .number) }
        if kind.isFloat {
            let d = n.toDouble
            return .flonum(kind == .f32 ? Double(Float(d)) : d)
        }
        guard n.isExact, case .some = n.toBig, let (lo, hi) = kind.bounds,
              (try Arith.compare(v, lo, "vector") ?? -1) >= 0, (try Arith.compare(v, hi, "vector") ?? 1) <= 0 else {
            throw SchemeError.outOfRange([v])
        }
        return v
    }

    private func numberVectorRows(_ kind: NumberVector.Kind) -> [Primitive] {
        let name = kind.rawValue + "vector"
        let type = ArgumentType(name) { if case .object(let o as NumberVector) = $0 { o.kind == kind } else { false } }
        func vec(_ args: Arguments, _ i: Int) throws -> NumberVector {
            guard case .object(let v as NumberVector) = args[i], v.kind == kind else { throw SchemeError.badArgument(args[i], type) }
            return v
        }
        let zero: Value = kind.isFloat ? .flonum(0) : .fixnum(0)
        return [
            prim("make-" + name, Signature(.fixnum, optional: [.number])) { args in
                let fill = args.count > 1 ? try Interpreter.element(args[1], kind) : zero
                return .object(NumberVector(kind: kind, items: .filled(with: fill, count: try args.size(0))))
            },
            prim(name, Signature(rest: .number)) { args in
                .object(NumberVector(kind: kind, items: try (0..<args.count).map { try Interpreter.element(args[$0], kind) }))
            },
            prim(name + "?", Signature(.any)) { args in .bool((try? vec(args, 0)) != nil) },
            prim(name + "-length", Signature(type)) { args in .fixnum(try vec(args, 0).items.count) },
            prim(name + "-ref", Signature(type, .fixnum)) { args in
                let v = try vec(args, 0)
                return v.items[try args.index(1, below: v.items.count, of: args[0])]
            },
            prim(name + "-set!", Signature(type, .fixnum, .number)) { args in
                let v = try vec(args, 0)
                v.set(try args.index(1, below: v.items.count, of: args[0]), try Interpreter.element(args[2], kind))
                return .unspecified
            },
            prim(name + "->list", Signature(type, optional: [.fixnum, .fixnum])) { args in
                let v = try vec(args, 0)
                let (a, b) = try args.range(from: 1, count: v.items.count)
                return Value.list(Array(v.items[a..<b]))
            },
            prim("list->" + name, Signature(.any)) { args in
                .object(NumberVector(kind: kind, items: try args.list(0).map { try Interpreter.element($0, kind) }))
            },
            prim("sub" + name, Signature(type, .fixnum, .fixnum)) { args in
                let v = try vec(args, 0)
                let (a, b) = try args.range(from: 1, count: v.items.count)
                return .object(NumberVector(kind: kind, items: Array(v.items[a..<b])))
            },
        ]
    }

    /// u8vectors are bytevectors under srfi-4's names.
    private func u8vectorRows() -> [Primitive] {
        [
            prim("make-u8vector", Signature(.fixnum, optional: [.byte])) { args in
                .object(Bytevector(.filled(with: args.count > 1 ? try args.byte(1) : 0, count: try args.size(0))))
            },
            prim("u8vector", Signature(rest: .byte)) { args in .object(Bytevector(try (0..<args.count).map { try args.byte($0) })) },
            prim("u8vector?", Signature(.any)) { args in if case .object(let b as Bytevector) = args[0] { return .bool(!b.isBlob) }; return .false },
            prim("u8vector-length", Signature(.bytevector)) { args in .fixnum(try args.bytevector(0).bytes.count) },
            prim("u8vector-ref", Signature(.bytevector, .fixnum)) { args in
                let bv = try args.bytevector(0)
                return .fixnum(Int(bv.bytes[try args.index(1, below: bv.bytes.count, of: args[0])]))
            },
            prim("u8vector-set!", Signature(.bytevector, .fixnum, .fixnum)) { args in
                let bv = try args.bytevector(0)
                let i = try args.index(1, below: bv.bytes.count, of: args[0])
                guard let b = UInt8(exactly: try args.int(2)) else { throw SchemeError.outOfRange([args[2]]) }
                bv.bytes[i] = b
                return .unspecified
            },
            prim("u8vector->list", Signature(.bytevector, optional: [.fixnum, .fixnum])) { args in
                let bv = try args.bytevector(0)
                let (a, b) = try args.range(from: 1, count: bv.bytes.count)
                return Value.list(bv.bytes[a..<b].map { .fixnum(Int($0)) })
            },
            prim("list->u8vector", Signature(.any)) { args in
                .object(Bytevector(try args.list(0).map { v in
                    guard case .fixnum(let n) = v, let b = UInt8(exactly: n) else { throw SchemeError.badArgument(v, .byte) }
                    return b
                }))
            },
            prim("subu8vector", Signature(.bytevector, .fixnum, .fixnum)) { args in
                let bv = try args.bytevector(0)
                let (a, b) = try args.range(from: 1, count: bv.bytes.count)
                return .object(Bytevector(Array(bv.bytes[a..<b])))
            },
        ]
    }

    /// CHICKEN's srfi-4 port operations on u8vectors (bytes read in one transaction, so a
    /// wait in the middle neither loses nor repeats any).
    private func u8vectorPortRows() -> [Primitive] {
        let countOrFalse = ArgumentType("fixnum") { v in if case .fixnum(let n) = v { n >= 0 } else { v.isFalse } }
        return [
            prim("read-u8vector", Signature(optional: [countOrFalse, .port])) { [unowned(unsafe) self] args in
                let n = args.count > 0 && !args[0].isFalse ? try args.int(0) : Check.maximumSize
                let p = try self.inPort(args, 1, "read-u8vector")
                let bytes = try p.transaction { try p.readBytes(min(n, Check.maximumSize)) }
                return bytes.isEmpty && n > 0 ? .eof : .object(Bytevector(bytes))
            },
            prim("read-u8vector!", Signature(countOrFalse, .bytevector, optional: [.port, .fixnum])) { [unowned(unsafe) self] args in
                let bv = try args.bytevector(1)
                let p = try self.inPort(args, 2, "read-u8vector!")
                let start = args.count > 3 ? try args.int(3) : 0
                guard start >= 0, start <= bv.bytes.count else { throw SchemeError.outOfRange([args[3]]) }
                let n = min(args[0].isFalse ? bv.bytes.count - start : try args.int(0), bv.bytes.count - start)
                let bytes = try p.transaction { try p.readBytes(n) }
                bv.bytes.replaceSubrange(start..<(start + bytes.count), with: bytes)
                return .fixnum(bytes.count)
            },
            prim("write-u8vector", Signature(.bytevector, optional: [.port, .fixnum, .fixnum])) { [unowned(unsafe) self] args in
                let bv = try args.bytevector(0)
                let p = try self.outPort(args, 1, "write-u8vector")
                let (a, b) = try args.range(from: 2, count: bv.bytes.count)
                p.writeBytes(bv.bytes[a..<b])
                try p.commit()
                return .unspecified
            },
        ]
    }
}
