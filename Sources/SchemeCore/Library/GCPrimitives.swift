import CSystem

/// `(chicken gc)`. ARC frees most objects as soon as they are unreachable; the cycle
/// collector (Runtime/Memory) frees the rest and decides which finalized objects are
/// unreachable. `gc`, `set-finalizer!` and the running of finalizers are in the prelude.
extension Interpreter {
    func gcPrimitives() -> [Primitive] {
        [
            // (%gc [major?]): a collection now (see MachineControl); the free malloc bytes.
            Primitive("%gc", .range(0, 1), .control(.collect)),
            prim("current-gc-milliseconds", Signature()) { [unowned(unsafe) self] _ in
                .fixnum(Int(self.collector.seconds * 1000))
            },
            // Adds a finalizer; #t when the table has grown enough for a collection.
            prim("%set-finalizer!") { [unowned(unsafe) self] object, procedure in
                .bool(self.collector.finalizers.add(object, procedure))
            },
            // The next due finalizer as (procedure . object), or #f.
            prim("%next-finalizer") { [unowned(unsafe) self] in
                guard let next = self.collector.finalizers.nextDue() else { return .false }
                return .pair(Pair(next.procedure, next.object))
            },
            // CHICKEN's report of a finalizer that raised: the program goes on.
            prim("%finalizer-warning") { [unowned(unsafe) self] condition in
                self.currentOutput.flushWaiting()
                self.currentError.write("\nWarning: in finalizer: \(self.errorText(condition))\n")
                self.currentError.flushWaiting()
                return .unspecified
            },
            // #(total used nursery): the malloc heap's size and the bytes in use; there is
            // no nursery.
            prim("memory-statistics", Signature()) { _ in
                let used = Int(clamping: csystem_heap_in_use()), free = Int(clamping: csystem_heap_free())
                return .vector(SVector([.fixnum(used &+ free), .fixnum(used), .fixnum(0)]))
            },
            // CHICKEN's #(load-factor average-bucket-length symbol-count buckets-used), which
            // its tests read slot 2 of; ours is a Swift dictionary, so only the count is real
            // (the other slots are as if each symbol had its own bucket).
            prim("##sys#symbol-table-info", Signature()) { [unowned(unsafe) self] _ in
                let n = self.symbols.count
                return .vector(SVector([.flonum(1.0), .flonum(1.0), .fixnum(n), .fixnum(n)]))
            },
            prim("set-gc-report!") { [unowned(unsafe) self] flag in
                self.collector.reports = !flag.isFalse
                return .unspecified
            },
        ]
    }
}
