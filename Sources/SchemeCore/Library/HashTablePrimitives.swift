/// srfi-69 hash tables as CHICKEN provides them. The procedures that call Scheme code
/// (`hash-table-update!`, `hash-table-walk`, `hash-table-fold`, a failure thunk) are in the
/// prelude on top of these.
extension Interpreter {
    func hashTablePrimitives() -> [Primitive] {
        func table(_ v: Value, _ loc: String) throws -> HashTable {
            if case .object(let t as HashTable) = v { return t }
            throw SchemeError.typeMsg(loc, "bad argument type - not a structure of the required type", v)
        }
        let missing = Value.object(MissingMarker())
        return [
            prim("make-hash-table", .atLeast(0)) { [unowned(unsafe) self] args in
                var testProc: Value = .procedure(self.builtin("equal?"))
                var test = HashTable.Test.equal
                var hashProc: Value = .false
                if args.count > 0, case .procedure(let p) = args[0] {
                    testProc = args[0]
                    switch p.name {
                    case "eq?": test = .eq
                    case "eqv?", "=": test = .eqv
                    case "string=?": test = .string
                    default: test = .equal
                    }
                    if args.count > 1, case .procedure = args[1] { hashProc = args[1] }
                }
                return .object(HashTable(test: test, testProcedure: testProc, hashProcedure: hashProc))
            },
            prim("hash-table?") { v in if case .object(is HashTable) = v { return .true }; return .false },
            prim("hash-table-set!") { [unowned(unsafe) self] t, k, v in
                let ht = try table(t, "hash-table-set!")
                ht.set(k, v, self.collector)
                return .unspecified
            },
            prim("%hash-table-ref") { t, k in
                let ht = try table(t, "hash-table-ref")
                return ht.lookup(k) ?? missing
            },
            prim("%missing") { missing },
            prim("hash-table-ref/default") { t, k, d in
                let ht = try table(t, "hash-table-ref/default")
                return ht.lookup(k) ?? d
            },
            prim("hash-table-exists?") { t, k in
                let ht = try table(t, "hash-table-exists?")
                return .bool(ht.lookup(k) != nil)
            },
            prim("hash-table-contains?") { t, k in
                let ht = try table(t, "hash-table-contains?")
                return .bool(ht.lookup(k) != nil)
            },
            prim("hash-table-delete!") { t, k in
                let ht = try table(t, "hash-table-delete!")
                ht.remove(k)
                return .unspecified
            },
            prim("hash-table-size") { t in .fixnum(try table(t, "hash-table-size").count) },
            prim("hash-table-count") { t in .fixnum(try table(t, "hash-table-count").count) },
            prim("hash-table-keys") { t in .list(try table(t, "hash-table-keys").entryList.map { $0.key }) },
            prim("hash-table-values") { t in .list(try table(t, "hash-table-values").entryList.map { $0.value }) },
            prim("hash-table->alist") { t in
                .list(try table(t, "hash-table->alist").entryList.map { .pair(Pair($0.key, $0.value)) })
            },
            prim("hash-table-copy", .range(1, 2)) { args in
                let ht = try table(args[0], "hash-table-copy")
                return .object(HashTable(copying: ht))
            },
            prim("hash-table-clear!") { t in try table(t, "hash-table-clear!").clear(); return .unspecified },
            prim("hash-table-equivalence-function") { [unowned(unsafe) self] t in
                let h = try table(t, "hash-table-equivalence-function")
                // A table the host made from a dictionary compares with equal?.
                return h.testProcedure.isFalse ? .procedure(self.builtin("equal?")) : h.testProcedure
            },
            prim("hash-table-hash-function") { t in try table(t, "hash-table-hash-function").hashProcedure },
            prim("hash", .range(1, 2)) { args in .fixnum(try Interpreter.boundedHash(args, .equal, "hash")) },
            prim("equal-hash", .range(1, 2)) { args in .fixnum(try Interpreter.boundedHash(args, .equal, "equal-hash")) },
            prim("eqv-hash", .range(1, 2)) { args in .fixnum(try Interpreter.boundedHash(args, .eqv, "eqv-hash")) },
            prim("eq-hash", .range(1, 2)) { args in .fixnum(try Interpreter.boundedHash(args, .eq, "eq-hash")) },
            prim("string-hash", .range(1, 2)) { args in
                _ = try Check.string(args[0], "string-hash")
                return .fixnum(try Interpreter.boundedHash(args, .string, "string-hash"))
            },
        ]
    }

    /// srfi-69's `(hash obj [bound])`: a non-negative fixnum below `bound`. Swift's hashing is
    /// seeded per process, so hash values differ between runs (as srfi-69 allows).
    static func boundedHash(_ args: Arguments, _ test: HashTable.Test, _ loc: String) throws -> Int {
        var h = Hasher()
        HashTable.Key(value: args[0], test: test).hash(into: &h)
        let bound = args.count > 1 ? try Check.int(args[1], loc) : Int(Int32.max)
        guard bound > 0 else { throw SchemeError.bounds(loc, [args[1]]) }
        return Int(UInt(bitPattern: h.finalize()) % UInt(bound))
    }

    /// The primitive currently bound to `name` at start-up (for default arguments).
    func builtin(_ name: String) -> Procedure {
        if case .procedure(let p) = symbols.intern(name).value { return p }
        return Primitive(name, .exactly(0), .f0 { .unspecified })
    }
}

/// What `%hash-table-ref` returns for a missing key (never visible to programs otherwise).
final class MissingMarker: SchemeObject {}
