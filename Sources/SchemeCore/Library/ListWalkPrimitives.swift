/// `map` and `for-each` over one list with a leaf primitive, walked in Swift.
///
/// The prelude's `map` calls its procedure through the VM, about 1,300 instructions an
/// element; csi's `map` is compiled C, so `(map car alist)` or `(map string->symbol names)`
/// ran 5 to 8 times slower than there. When the procedure is a leaf primitive (one from the
/// tables of numbers, characters, strings, lists and vectors, which never wait, never call
/// Scheme code and check their arguments before they change anything), these walks call its
/// body directly.
///
/// Whatever the primitive throws (an error, a request to call Scheme code instead), the walk
/// hands the rest of the list, from the element that failed, to the prelude's loop
/// (`%map-from`, `%for-each-from`), which calls the primitive on that element again through
/// the VM: the error is raised there as it would have been, with the results so far kept.
extension Interpreter {
    func listWalkPrimitives() -> [Primitive] {
        [
            prim("%leaf-procedure?") { f in
                guard case .procedure(let p) = f, p.kind == .primitive else { return .false }
                return .bool(unsafeDowncast(p, to: Primitive.self).isLeaf)
            },
            prim("%map-leaf") { [unowned(unsafe) self] f, l in try self.walkLeaf(f, l, collect: true) },
            prim("%for-each-leaf") { [unowned(unsafe) self] f, l in try self.walkLeaf(f, l, collect: false) },
        ]
    }

    /// Calls the leaf primitive `f` on each element of `list` (to its first non-pair tail),
    /// collecting the results in a new list if `collect`.
    private func walkLeaf(_ f: Value, _ list: Value, collect: Bool) throws -> Value {
        guard case .procedure(let proc) = f, proc.kind == .primitive,
              let spine = withUnsafePointer(to: list, { BorrowedList.spine($0) }) else {
            // Not a primitive, or a circular list (which the prelude's loop walks, interruptibly).
            throw try handOver(f, from: list, results: [], collect: collect)
        }
        let prim = Unmanaged.passUnretained(unsafeDowncast(proc, to: Primitive.self))
        var results: [Value] = []
        if collect { results.reserveCapacity(spine.count) }
        var cur = list
        while case .pair(let p) = cur {
            var value: Value
            do {
                // The element is read in place: the pair holds it while the body runs.
                value = try withUnsafeMutablePointer(to: &p.car) { slot in
                    guard Primitive.admits(prim, Arguments(base: slot, count: 1)) else { throw WalkRefused() }
                    return try Primitive.callNative(prim, slot, 1)
                }
            } catch {
                throw try handOver(f, from: cur, results: results, collect: collect)
            }
            if collect {
                // One value is kept of several, as the VM keeps it for `(cons (f x) acc)`.
                if case .object(let o) = value, let several = o as? MultipleValues { value = several.values.first ?? .unspecified }
                results.append(value)
            }
            cur = p.cdr
        }
        return collect ? Value.list(results) : .unspecified
    }

    /// The request that the prelude's loop go on from `rest`, `results` made so far.
    private func handOver(_ f: Value, from rest: Value, results: [Value], collect: Bool) throws -> SchemeError {
        let name = collect ? "%map-from" : "%for-each-from"
        guard let loop = global(name) else {
            return .exn(kinds: [], message: "unbound variable", irritants: [.symbol(symbols.intern(name))], location: nil)
        }
        let arguments = collect ? [f, rest, Value.list(results.reversed())] : [f, rest]
        return .callInstead(procedure: loop, arguments: arguments)
    }
}

/// A leaf primitive's refusal of its argument: the VM's call reports it.
private struct WalkRefused: Error {}
