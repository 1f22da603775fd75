/// Records (`define-record-type`) and promises, as primitives the prelude's macros use.
extension Interpreter {
    func recordPrimitives() -> [Primitive] {
        [
            prim("%make-record-type") { [unowned(unsafe) self] name, fields in
                let n: String
                switch name {
                case .symbol(let s): n = s.name
                case .string(let s): n = s.string
                default: n = name.displayed
                }
                let type = RecordType(name: n, fieldNames: (fields.listToArray() ?? []).compactMap { $0.asSymbol })
                type.link = self.reference
                return .object(type)
            },
            prim("%make-record", .atLeast(1)) { args in
                guard case .object(let t as RecordType) = args[0] else { throw SchemeError.type("make-record", args[0]) }
                var fields = [Value].filled(with: .false, count: t.fieldNames.count)
                for i in 1..<args.count where i - 1 < fields.count { fields[i - 1] = args[i] }
                return .object(Record(type: t, fields: fields))
            },
            prim("%record-field-index") { t, f in
                guard case .object(let rt as RecordType) = t, case .symbol(let s) = f,
                      let i = rt.fieldNames.firstIndex(where: { $0 === s }) else {
                    throw SchemeError.syntax("unknown record field", [f])
                }
                return .fixnum(i)
            },
            prim("%record?") { r, t in
                guard case .object(let rec as Record) = r, case .object(let rt as RecordType) = t else { return .false }
                return .bool(rec.type === rt)
            },
            prim("%record-ref") { [unowned(unsafe) self] r, t, k in
                guard case .object(let rec as Record) = r, case .object(let rt as RecordType) = t, rec.type === rt,
                      case .fixnum(let i) = k, i >= 0, i < rec.fields.count else {
                    throw self.notARecord(r, of: t, location: Interpreter.accessorName(t, k))
                }
                return rec.fields[i]
            },
            prim("%record-set!", .exactly(4)) { [unowned(unsafe) self] args in
                guard case .object(let rec as Record) = args[0], case .object(let rt as RecordType) = args[1], rec.type === rt,
                      case .fixnum(let i) = args[2], i >= 0, i < rec.fields.count else {
                    // CHICKEN's modifiers name no location.
                    throw self.notARecord(args[0], of: args[1], location: nil)
                }
                rec.fields[i] = args[3]
                self.collector.stored(args[3], into: rec)
                return .unspecified
            },
            prim("strip-syntax", Signature(.any)) { args in stripSyntax(args[0]) },
            prim("%identifier?", Signature(.any)) { args in .bool(isBindable(args[0])) },
            // CHICKEN's shape check, which programs' own er- and ir-macros call.
            prim("##sys#check-syntax", .range(3, 4)) { args in
                guard SyntaxCheck.isFinite(args[2]) else {
                    throw SchemeError.typeMsg("##sys#check-syntax", "bad argument type - not a finite pattern", args[2])
                }
                if let problem = SyntaxCheck.violation(args[1], args[2]) {
                    throw SchemeError.syntax("in `\(stripSyntax(args[0]).displayed)' - \(problem)", [stripSyntax(args[1])])
                }
                return .unspecified
            },
            // CHICKEN's `##sys#slot` for what its tests inspect: a condition's kinds (1) and
            // properties (2), a record's type name (0) and fields, a vector's elements.
            prim("##sys#slot", Signature(.any, .fixnum)) { [unowned(unsafe) self] args in
                let i = try args.int(1)
                switch args[0] {
                case .object(let c as Condition) where i == 1: return Value.list(c.kinds.map { .symbol($0) })
                case .object(let c as Condition) where i == 2:
                    return Value.list(c.properties.flatMap { [Value.pair(Pair(.symbol($0.kind), .symbol($0.key))), $0.value] })
                case .object(let r as Record) where i == 0: return .symbol(self.symbols.intern(r.type.name))
                case .object(let r as Record) where i >= 1 && i <= r.fields.count: return r.fields[i - 1]
                case .vector(let v) where i >= 0 && i < v.items.count: return v.items[i]
                default: throw SchemeError.outOfRange([args[0], args[1]])
                }
            },
            readSyntaxSetter("set-read-syntax!", \.plain),
            readSyntaxSetter("set-sharp-read-syntax!", \.sharp),
            readSyntaxSetter("set-parameterized-read-syntax!", \.parameterized),
            // For #!optional and #!key parameters (LambdaList.swift).
            prim("%default?", Signature(.any)) { args in if case .defaultObject = args[0] { return .true }; return .false },
            prim("%keyword-argument", Signature(.any, .keyword)) { args in
                var cur = args[0]
                while case .pair(let p) = cur, case .pair(let q) = p.cdr {
                    if case .symbol(let k) = p.car, k === (try args.symbol(1)) { return q.car }
                    cur = q.cdr
                }
                return .defaultObject
            },
            prim("record?") { v in if case .object(is Record) = v { return .true }; return .false },
            prim("record-instance?", Signature(.any)) { args in if case .object(is Record) = args[0] { return .true }; return .false },
            // Printers are keyed by type name, as CHICKEN keys them by tag: `define-record`
            // binds its name to a symbol, `define-record-type` to the type.
            prim("set-record-printer!", Signature(.any, .procedure)) { [unowned(unsafe) self] args in
                self.recordPrinters[try Interpreter.recordTypeName(args[0])] = args[1]
                return .unspecified
            },
            prim("record-printer", Signature(.any)) { [unowned(unsafe) self] args in
                self.recordPrinters[try Interpreter.recordTypeName(args[0])] ?? .false
            },
            prim("%make-promise") { done, v in .object(Promise(done: done.isTrue, value: v)) },
            prim("promise?") { v in if case .object(is Promise) = v { return .true }; return .false },
            prim("%promise-done?") { p in
                guard case .object(let pr as Promise) = p else { throw SchemeError.type("force", p) }
                return .bool(pr.resolved.done)
            },
            prim("%promise-value") { p in
                guard case .object(let pr as Promise) = p else { throw SchemeError.type("force", p) }
                return pr.resolved.value
            },
            prim("%promise-update!") { [unowned(unsafe) self] new, old in
                guard case .object(let n as Promise) = new, case .object(let o as Promise) = old else { return .unspecified }
                o.adopt(n, self.collector)
                return .unspecified
            },
        ]
    }

    /// `(set-...-read-syntax! char proc)`; `#f` removes the syntax.
    private func readSyntaxSetter(_ name: String, _ table: ReferenceWritableKeyPath<ReadTable, [UInt32: Value]>) -> Primitive {
        let procOrFalse = ArgumentType("procedure") { v in if case .procedure = v { true } else { v.isFalse } }
        return prim(name, Signature(.char, procOrFalse)) { [unowned(unsafe) self] args in
            self.readTable[keyPath: table][try args.char(0).value] = args[1].isFalse ? nil : args[1]
            return .unspecified
        }
    }

    /// The name a record type is known by, from the type or its name.
    static func recordTypeName(_ v: Value) throws -> String {
        switch v {
        case .object(let t as RecordType): return t.name
        case .symbol(let s): return s.name
        default: throw SchemeError.badArgument(v, .symbol)
        }
    }

    /// What a record's printer writes, if its type has one (the printer runs in a nested
    /// evaluation with a string port); nil if none, or if it failed.
    func customPrinted(_ record: Record) -> String? {
        guard let printer = recordPrinters[record.type.name] else { return nil }
        let port = StringOutputPort()
        guard (try? callProcedure(printer, [.object(record), .object(port)])) != nil else { return nil }
        return port.contents()
    }

    /// CHICKEN's error for a record procedure given something not of its type: the value
    /// and the type's name are the irritants.
    func notARecord(_ v: Value, of t: Value, location: String?) -> SchemeError {
        let name: Value = if case .object(let rt as RecordType) = t { .symbol(symbols.intern(rt.name)) } else { t }
        return .exn(kinds: ["type"], message: "bad argument type - not a structure of the required type",
                    irritants: [v, name], location: location)
    }

    static func accessorName(_ t: Value, _ k: Value) -> String {
        guard case .object(let rt as RecordType) = t, case .fixnum(let i) = k, i >= 0, i < rt.fieldNames.count else {
            return "record-accessor"
        }
        return "\(rt.name)-\(rt.fieldNames[i].name)"
    }
}
