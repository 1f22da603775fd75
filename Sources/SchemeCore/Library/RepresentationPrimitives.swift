/// `(chicken memory representation)`, the part this data model can answer: the slots of
/// vectors, pairs, records and symbols (`block-ref` and friends), copies, and records made
/// by name. A symbol's slots are its global value (`#<unbound value>` when unbound), its
/// name; a record's slot 0 is its type name, then its fields.
extension Interpreter {
    func representationPrimitives() -> [Primitive] {
        func outOfRange(_ args: Arguments, _ loc: String) -> SchemeError {
            .exn(kinds: ["bounds"], message: "out of range", irritants: [args[0], args[1]], location: loc)
        }
        return [
            // The weak references of weak locatives (Prelude/locative.scm).
            prim("%make-weak-reference", Signature(.any)) { args in
                guard let w = WeakReference(args[0]) else { throw SchemeError.type("make-weak-locative", args[0]) }
                return .object(w)
            },
            prim("%weak-reference?", Signature(.any)) { args in
                if case .object(let o) = args[0], o is WeakReference { return .true }
                return .false
            },
            prim("%weak-reference-value", Signature(.any)) { args in
                guard case .object(let o) = args[0], let w = o as? WeakReference else { throw SchemeError.type("locative->object", args[0]) }
                return w.value ?? .false
            },
            prim("block-ref", Signature(.any, .fixnum)) { [unowned(unsafe) self] args in
                let i = try args.int(1)
                guard let slots = self.slots(of: args[0]) else { throw SchemeError.typeMsg("block-ref", "bad argument type - not a block", args[0]) }
                guard i >= 0 && i < slots.count else { throw outOfRange(args, "block-ref") }
                return slots[i]
            },
            prim("block-set!", Signature(.any, .fixnum, .any)) { [unowned(unsafe) self] args in
                let i = try args.int(1)
                guard let count = self.slots(of: args[0])?.count else {
                    throw SchemeError.typeMsg("block-set!", "bad argument type - not a block", args[0])
                }
                guard i >= 0 && i < count else { throw outOfRange(args, "block-set!") }
                switch args[0] {
                case .vector(let v): v.items[i] = args[2]; self.collector.stored(args[2], into: v)
                case .pair(let p):
                    if i == 0 { p.car = args[2] } else { p.cdr = args[2] }
                    self.collector.stored(args[2], into: p)
                case .object(let r as Record) where i > 0: r.fields[i - 1] = args[2]; self.collector.stored(args[2], into: r)
                default: throw SchemeError.typeMsg("block-set!", "bad argument type - slot cannot be set", args[0])
                }
                return .unspecified
            },
            prim("number-of-slots", Signature(.any)) { [unowned(unsafe) self] args in
                guard let slots = self.slots(of: args[0]) else { throw SchemeError.typeMsg("number-of-slots", "bad argument type - not a block", args[0]) }
                return .fixnum(slots.count)
            },
            prim("number-of-bytes", Signature(.any)) { [unowned(unsafe) self] args in
                switch args[0] {
                case .string(let s): return .fixnum(s.string.utf8.count)
                case .object(let b as Bytevector): return .fixnum(b.bytes.count)
                default:
                    guard let slots = self.slots(of: args[0]) else { throw SchemeError.typeMsg("number-of-bytes", "bad argument type - not a block", args[0]) }
                    return .fixnum(slots.count * MemoryLayout<Int>.size)
                }
            },
            prim("vector-like?", Signature(.any)) { [unowned(unsafe) self] args in
                if case .string = args[0] { return .false }
                return .bool(self.slots(of: args[0]) != nil)
            },
            prim("object-copy", Signature(.any)) { args in
                switch args[0] {
                case .vector(let v): return .vector(SVector(v.items))
                case .pair(let p): return .pair(Pair(p.car, p.cdr))
                case .string(let s): return .string(MString(s.string))
                case .object(let r as Record): return .object(Record(type: r.type, fields: r.fields))
                case .object(let b as Bytevector): return .object(Bytevector(b.bytes, blob: b.isBlob))
                default: return args[0]
                }
            },
            prim("record->vector", Signature(.any)) { [unowned(unsafe) self] args in
                guard case .object(is Record) = args[0], let slots = self.slots(of: args[0]) else {
                    throw SchemeError.typeMsg("record->vector", "bad argument type - not a record", args[0])
                }
                return .vector(SVector(slots))
            },
            prim("make-record-instance", Signature(.symbol, rest: .any)) { args in
                guard case .symbol(let name) = args[0] else { return .false }
                let fields = (1..<args.count).map { args[$0] }
                let type = RecordType(name: name.name, fieldNames: [])
                return .object(Record(type: type, fields: fields))
            },
            prim("record-instance-type", Signature(.any)) { [unowned(unsafe) self] args in
                guard case .object(let r as Record) = args[0] else { throw SchemeError.typeMsg("record-instance-type", "bad argument type - not a record", args[0]) }
                return .symbol(self.symbols.intern(r.type.name))
            },
            prim("record-instance-length", Signature(.any)) { args in
                guard case .object(let r as Record) = args[0] else { throw SchemeError.typeMsg("record-instance-length", "bad argument type - not a record", args[0]) }
                return .fixnum(r.fields.count)
            },
            prim("record-instance-slot", Signature(.any, .fixnum)) { args in
                guard case .object(let r as Record) = args[0] else { throw SchemeError.typeMsg("record-instance-slot", "bad argument type - not a record", args[0]) }
                let i = try args.int(1)
                guard i >= 0 && i < r.fields.count else { throw outOfRange(args, "record-instance-slot") }
                return r.fields[i]
            },
            prim("record-instance-slot-set!", Signature(.any, .fixnum, .any)) { [unowned(unsafe) self] args in
                guard case .object(let r as Record) = args[0] else { throw SchemeError.typeMsg("record-instance-slot-set!", "bad argument type - not a record", args[0]) }
                let i = try args.int(1)
                guard i >= 0 && i < r.fields.count else { throw outOfRange(args, "record-instance-slot-set!") }
                r.fields[i] = args[2]
                self.collector.stored(args[2], into: r)
                return .unspecified
            },
        ]
    }

    /// The slots `block-ref` sees, or nil for an immediate or opaque object.
    private func slots(of v: Value) -> [Value]? {
        switch v {
        case .vector(let vec): return vec.items
        case .pair(let p): return [p.car, p.cdr]
        case .object(let r as Record): return [.symbol(symbols.intern(r.type.name))] + r.fields
        case .symbol(let s): return [s.value, .string(MString(s.name))]
        case .string(let s): return s.string.unicodeScalars.map { .char($0) }
        default: return nil
        }
    }
}
