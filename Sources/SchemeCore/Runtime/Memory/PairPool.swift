import CSystem

/// Pairs kept for reuse instead of freed.
///
/// A list program spends more on freeing and allocating its pairs than on the rest of its
/// work: `deriv` drops a tree of ~50 pairs per iteration and builds the next one, and each
/// pair cost ~360 instructions to free (the release, `deinit`, `swift_deallocObject`,
/// glibc's `free`, which past its small per-thread cache takes the slow path for a whole
/// tree) and ~100 to allocate. `DeepRelease` and `Pair.deinit` now hand the pairs they free
/// to a per-thread pool of up to 8,192 (CSystem.h), emptied first, and the VM's `cons` and
/// `list` and the library's `Value.list` take their pairs from it.
///
/// A pooled pair is unreachable from Scheme and holds `.null` in both fields; pairs the
/// cycle collector knows of are never pooled.
enum PairPool {
    /// A pair of `car` and `cdr`: a pooled one if there is one, else a new one.
    @inline(__always) static func pair(_ car: __owned Value, _ cdr: __owned Value) -> Pair {
        guard let raw = csystem_pool_pop() else { return Pair(car, cdr) }
        let p = Unmanaged<Pair>.fromOpaque(raw).takeRetainedValue()
        // Over `.null`: nothing to release.
        withUnsafeMutablePointer(to: &p.car) { $0.initialize(to: car) }
        withUnsafeMutablePointer(to: &p.cdr) { $0.initialize(to: cdr) }
        return p
    }

    /// A pair of the values moved out of `car` and `cdr`, which are left uninitialized: a
    /// pooled pair if there is one, else a new one. Slots, not values: passed as values,
    /// the compiler copied them into the pair and destroyed the originals.
    @inline(__always) static func pair(movingCarFrom car: UnsafeMutablePointer<Value>,
                                       cdrFrom cdr: UnsafeMutablePointer<Value>) -> Pair {
        guard let raw = csystem_pool_pop() else { return Pair(car.move(), cdr.move()) }
        let p = Unmanaged<Pair>.fromOpaque(raw).takeRetainedValue()
        // Over `.null`: nothing to release.
        withUnsafeMutablePointer(to: &p.car) { $0.moveInitialize(from: car, count: 1) }
        withUnsafeMutablePointer(to: &p.cdr) { $0.moveInitialize(from: cdr, count: 1) }
        return p
    }

    /// Keeps `p`, a pair whose last reference the caller holds and whose fields hold no
    /// pair (the spine of a list that `Pair.deinit` unlinks), emptied, for reuse if the
    /// pool has room. The pool takes a reference of its own, so the caller's release
    /// leaves the pair alive.
    @inline(__always) static func offer(_ p: Pair) {
        // The pool's variables are thread-local: only C reads them.
        guard !p.gcRegistered, csystem_pool_has_room() != 0 else { return }
        withUnsafeMutablePointer(to: &p.car) { Value.store(trivial: .null, to: $0) }
        withUnsafeMutablePointer(to: &p.cdr) { Value.store(trivial: .null, to: $0) }
        _ = csystem_pool_push(Unmanaged.passRetained(p).toOpaque())
    }

    /// Takes the pair in `slot`, which holds its only reference and whose children are
    /// already gone to the work list, into the pool, leaving `.null` in the slot. False,
    /// with `slot` untouched, if the pool is full or the collector registered the pair.
    @inline(__always) static func keep(_ p: Pair, from slot: UnsafeMutablePointer<Value>) -> Bool {
        guard !p.gcRegistered, csystem_pool_has_room() != 0 else { return false }
        // What the work list left (atoms, symbols, strings) goes now, not when reused.
        withUnsafeMutablePointer(to: &p.car) { Value.store(trivial: .null, to: $0) }
        withUnsafeMutablePointer(to: &p.cdr) { Value.store(trivial: .null, to: $0) }
        _ = csystem_pool_push(UnsafeMutableRawPointer(mutating: Value.unretainedObject(at: slot)))
        slot.initialize(to: .null)  // the pool has the slot's reference now
        return true
    }
}
