/// The values a closure captured, in one block. The closures of one `letrec` group share
/// one `Captures`, so `eq?` on them compares it.
///
/// The VM's registers and frames refer to the running closure's `Code` and `Captures` without
/// retaining them: reference counting there cost more than half of every call. The closure
/// being run keeps both alive, because it stays in the callee slot below its frame
/// (`fp - 1`) until the frame returns; see "Frames own nothing" in docs/architecture.md.
final class Captures: ManagedBuffer<Int, Value> {
    /// The captures of closures that capture nothing.
    nonisolated(unsafe) static let empty = Captures.make(count: 0, from: nil)

    /// A block holding a copy of `count` values from `source`.
    static func make(count: Int, from source: UnsafePointer<Value>?) -> Captures {
        let block = unsafeDowncast(Captures.create(minimumCapacity: count) { _ in count }, to: Captures.self)
        if let source, count > 0 {
            block.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: count) }
        }
        return block
    }

    deinit {
        withUnsafeMutablePointers { count, values in
            if mayOwnObjects {
                // Drop the values through a work list: a chain of closures must not free
                // itself by recursion (see DeepRelease).
                DeepRelease.drain { work in for i in 0..<count.pointee { work.take(&values[i]) } }
            }
            values.deinitialize(count: count.pointee)
        }
    }

    /// The values of a block the caller keeps alive, reached without retaining it.
    @inline(__always) static func values(of block: Unmanaged<Captures>) -> UnsafeMutablePointer<Value> {
        block._withUnsafeGuaranteedRef { $0.withUnsafeMutablePointerToElements { $0 } }
    }

    /// Calls `body` with each value.
    func forEach(_ body: (Value) -> Void) {
        withUnsafeMutablePointers { count, values in
            for i in 0..<count.pointee { body(values[i]) }
        }
    }

    /// Whether releasing the values might free further objects.
    private var mayOwnObjects: Bool {
        withUnsafeMutablePointers { count, values in
            for i in 0..<count.pointee where values[i].mayOwnObjects { return true }
            return false
        }
    }

    /// Moves the values onto `work`, leaving empty ones behind (see DeepRelease).
    func surrenderChildren(to work: inout DeepRelease.Work) {
        withUnsafeMutablePointers { count, values in
            for i in 0..<count.pointee { work.take(&values[i]) }
        }
    }
}
