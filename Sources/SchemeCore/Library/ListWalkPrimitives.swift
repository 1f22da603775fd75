/// The list procedures that take a procedure (`map`, `for-each`, `filter`, `fold`, `foldl`,
/// `any`, `every`, `find`), over one list with a leaf primitive, walked in Swift.
///
/// The prelude's loops call their procedure through the VM, about 1,300 instructions an
/// element; csi's are compiled C, so `(map car alist)` or `(filter string? items)` ran 3 to
/// 8 times slower than there. When the procedure is a leaf primitive (one from the tables of
/// numbers, characters, strings, lists and vectors, which never wait, never call Scheme
/// code and check their arguments before they change anything), these walks call its body
/// directly.
///
/// Whatever the primitive throws (an error, a request to call Scheme code instead), and
/// wherever the list ends in something other than `()`, the walk hands the rest of the list
/// and its state so far to the prelude's loop (`%walk-from`), which goes on from there
/// through the VM: the primitive is called on the element again, and the error is raised
/// there as it would have been.
extension Interpreter {
    func listWalkPrimitives() -> [Primitive] {
        [
            prim("%leaf-procedure?") { f in
                guard case .procedure(let p) = f, p.kind == .primitive else { return .false }
                return .bool(unsafeDowncast(p, to: Primitive.self).isLeaf)
            },
            // The two hottest walks have primitives of their own: naming the mode costs a
            // string comparison per call (about 400 instructions a `map`, callgrind).
            prim("%map-leaf") { [unowned(unsafe) self] f, l in try self.walkLeaf(.map, f, l, seed: .null) },
            prim("%for-each-leaf") { [unowned(unsafe) self] f, l in try self.walkLeaf(.forEach, f, l, seed: .null) },
            // (%walk-leaf 'mode f l seed): `seed` is fold's and foldl's initial value.
            prim("%walk-leaf", .exactly(4)) { [unowned(unsafe) self] args in
                guard case .symbol(let s) = args[0], let mode = WalkMode(rawValue: s.name) else {
                    throw SchemeError.type("%walk-leaf", args[0])
                }
                return try self.walkLeaf(mode, args[1], args[2], seed: args[3])
            },
        ]
    }

    /// Calls the leaf primitive `f` on the elements of `list` as `mode` does, until the list
    /// ends or the mode's answer is known.
    private func walkLeaf(_ mode: WalkMode, _ f: Value, _ list: Value, seed: Value) throws -> Value {
        var state = WalkState(mode: mode, seed: seed)
        guard case .procedure(let proc) = f, proc.kind == .primitive,
              let spine = withUnsafePointer(to: list, { BorrowedList.spine($0) }) else {
            // Not a primitive, or a circular list (which the prelude's loop walks, interruptibly).
            throw try handOver(state, f, from: list)
        }
        let prim = Unmanaged.passUnretained(unsafeDowncast(proc, to: Primitive.self))
        if mode == .map || mode == .filter { state.results.reserveCapacity(spine.count) }
        var cur = list
        while case .pair(let p) = cur {
            let value: Value
            do {
                value = try call(prim, on: &p.car, with: mode.accumulates ? state.accumulator : nil)
            } catch {
                throw try handOver(state, f, from: cur)
            }
            if let answer = state.take(value, element: p.car) { return answer }
            cur = p.cdr
        }
        // A dotted tail is the prelude's to judge (map stops there, filter raises).
        guard cur.isNull else { throw try handOver(state, f, from: cur) }
        return state.answer
    }

    /// `prim` applied to the element in `element` (read in place: its pair holds it while the
    /// body runs), after the accumulator for foldl, before it for fold. One value is kept of
    /// several, as the VM keeps it for `(cons (f x) acc)`.
    private func call(_ prim: Unmanaged<Primitive>, on element: UnsafeMutablePointer<Value>, with accumulator: (Value, first: Bool)?) throws -> Value {
        var value: Value
        if let (acc, first) = accumulator {
            value = try withUnsafeTemporaryAllocation(of: Value.self, capacity: 2) { args in
                guard let base = args.baseAddress else { throw WalkRefused() }
                base.initialize(to: first ? acc : element.pointee)
                (base + 1).initialize(to: first ? element.pointee : acc)
                defer { base.deinitialize(count: 2) }
                guard Primitive.admits(prim, Arguments(base: base, count: 2)) else { throw WalkRefused() }
                return try Primitive.callNative(prim, base, 2)
            }
        } else {
            guard Primitive.admits(prim, Arguments(base: element, count: 1)) else { throw WalkRefused() }
            value = try Primitive.callNative(prim, element, 1)
        }
        if case .object(let o) = value, let several = o as? MultipleValues { value = several.values.first ?? .unspecified }
        return value
    }

    /// The request that the prelude's loop go on from `rest` with the walk's state so far.
    private func handOver(_ state: WalkState, _ f: Value, from rest: Value) throws -> SchemeError {
        guard let loop = global("%walk-from") else {
            return .exn(kinds: [], message: "unbound variable", irritants: [.symbol(symbols.intern("%walk-from"))], location: nil)
        }
        let mode = Value.symbol(symbols.intern(state.mode.rawValue))
        return .callInstead(procedure: loop, arguments: [mode, f, rest, state.handedOverState])
    }
}

/// The walks, named as the prelude names them.
private enum WalkMode: String {
    case map, forEach = "for-each", filter, fold, foldl, any, every, find

    /// Whether the procedure also takes the accumulator (`fold`, `foldl`).
    var accumulates: Bool { self == .fold || self == .foldl }
}

/// What a walk has made so far.
private struct WalkState {
    let mode: WalkMode
    /// `map`'s results or `filter`'s kept elements, in order.
    var results: [Value] = []
    /// `fold`'s and `foldl`'s accumulator, `every`'s last answer.
    var carried: Value

    init(mode: WalkMode, seed: Value) {
        self.mode = mode
        carried = mode == .every ? .true : seed
    }

    /// The accumulator and whether it goes first (`foldl`), for the accumulating walks.
    var accumulator: (Value, first: Bool) { (carried, mode == .foldl) }

    /// Takes the primitive's `value` for `element`; the walk's answer if it is now known.
    mutating func take(_ value: Value, element: Value) -> Value? {
        switch mode {
        case .map: results.append(value)
        case .forEach: break
        case .filter: if value.isTrue { results.append(element) }
        case .fold, .foldl: carried = value
        case .any: if value.isTrue { return value }
        case .every:
            if value.isFalse { return .false }
            carried = value
        case .find: if value.isTrue { return element }
        }
        return nil
    }

    /// The answer once the whole list was walked.
    var answer: Value {
        switch mode {
        case .map, .filter: return Value.list(results)
        case .forEach: return .unspecified
        case .fold, .foldl, .every: return carried
        case .any, .find: return .false
        }
    }

    /// The state the prelude's loop goes on with: results or kept elements newest first, or
    /// the carried value.
    var handedOverState: Value { mode == .map || mode == .filter ? Value.list(results.reversed()) : carried }
}

/// A leaf primitive's refusal of its arguments: the VM's call reports it.
private struct WalkRefused: Error {}
