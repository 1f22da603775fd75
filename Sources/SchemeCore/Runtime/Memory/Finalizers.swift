/// `set-finalizer!`: procedures to call with an object once the program can no longer reach
/// it, as CHICKEN's `(chicken gc)` has them.
///
/// The table holds each object strongly, once, so ARC never frees one behind its back; a
/// cycle collection decides which are unreachable. Their finalizers become due, and Scheme
/// code runs them (`%run-finalizers` in the prelude) after `(gc)`, after a `set-finalizer!`
/// that asked for a collection, and when the program exits. They are not run inside the
/// collection itself: that happens at a safe point of some thread's run loop, where Scheme
/// code cannot be called.
final class Finalizers {
    /// The objects with finalizers, each once, in the order of their latest registration.
    /// Kept apart from the procedures so that `ExternalReferences` can count this array's
    /// one reference to each.
    private(set) var objects: [Value] = []
    /// Each object's finalizers, in the order they were set.
    private(set) var procedures: [[Value]] = []
    private var index: [ObjectIdentifier: Int] = [:]
    /// Finalizers found due, to run by popping from the end: an older batch before a newer,
    /// within a batch the most recently set first (the order CHICKEN runs them in).
    private var due: [(procedure: Value, object: Value)] = []
    /// The table size at which `add` asks for a collection: twice what the last collection
    /// left, so that each registration pays for a bounded share of collecting.
    private var collectAt = Finalizers.firstCollection
    private static let firstCollection = 1024

    /// How many objects have finalizers.
    var count: Int { objects.count }

    /// Adds `procedure` to the finalizers of `object` (a value with an object: a pair,
    /// string, vector, procedure or other object; symbols stay reachable). Answers whether a
    /// collection is due, as the table has grown.
    func add(_ object: Value, _ procedure: Value) -> Bool {
        guard let id = Finalizers.identity(object) else { return false }
        if let i = index[id] {
            // It moves to the end: its finalizers run before those of objects set earlier.
            var list = procedures[i]
            list.append(procedure)
            remove(at: i)
            append(object, list, id)
        } else {
            append(object, [procedure], id)
        }
        return objects.count >= collectAt
    }

    /// After a collection's mark phase: the entries whose objects the tracer did not reach
    /// become due, and their objects are marked (with everything they reach) so that the
    /// collection clears none of it; the finalizers see them whole. A string holds no
    /// references, so no cycle keeps it: it is unreachable when this table alone holds it.
    func takeUnreachable(_ tracer: inout Tracer) {
        var found: [(procedure: Value, object: Value)] = []
        var keptObjects: [Value] = []
        var keptProcedures: [[Value]] = []
        objects.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            for i in 0..<slots.count {
                let unreachable: Bool
                if case .string = base[i] {
                    unreachable = Value.isUniquelyReferenced(at: base + i)
                } else {
                    unreachable = !tracer.isMarked(base[i])
                }
                if unreachable {
                    tracer.push(base[i])
                    for p in procedures[i] { found.append((p, base[i])) }
                } else {
                    keptObjects.append(base[i])
                    keptProcedures.append(procedures[i])
                }
            }
        }
        guard !found.isEmpty else {
            collectAt = max(Finalizers.firstCollection, 2 * objects.count)
            return
        }
        tracer.drain()
        objects = keptObjects
        procedures = keptProcedures
        reindex()
        due.insert(contentsOf: found, at: 0)
        collectAt = max(Finalizers.firstCollection, 2 * objects.count)
    }

    /// Whether finalizers are waiting to run.
    var hasDue: Bool { !due.isEmpty }

    /// The next due finalizer and its object, if any.
    func nextDue() -> (procedure: Value, object: Value)? { due.popLast() }

    /// The finalizer procedures, roots of a collection: they may hold what they need.
    func forEachProcedure(_ body: (Value) -> Void) {
        for list in procedures { for p in list { body(p) } }
        for entry in due { body(entry.procedure); body(entry.object) }
    }

    private func append(_ object: Value, _ list: [Value], _ id: ObjectIdentifier) {
        index[id] = objects.count
        objects.append(object)
        procedures.append(list)
    }

    private func remove(at i: Int) {
        objects.remove(at: i)
        procedures.remove(at: i)
        reindex()
    }

    private func reindex() {
        index = [:]
        for (i, v) in objects.enumerated() {
            if let id = Finalizers.identity(v) { index[id] = i }
        }
    }

    /// The identity of a value that can have a finalizer; nil for the values without an
    /// object (numbers, characters, booleans, constants) and for symbols.
    private static func identity(_ v: Value) -> ObjectIdentifier? {
        switch v {
        case .pair(let p): return ObjectIdentifier(p)
        case .string(let s): return ObjectIdentifier(s)
        case .vector(let x): return ObjectIdentifier(x)
        case .procedure(let p): return ObjectIdentifier(p)
        case .object(let o): return ObjectIdentifier(o)
        default: return nil
        }
    }
}
