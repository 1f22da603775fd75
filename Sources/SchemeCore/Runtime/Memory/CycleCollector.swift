/// Reclaims reference cycles, which ARC alone never frees.
///
/// A cycle can only form when a reference is stored into an object after it was created
/// (`set!` of a captured variable, `set-car!`, `vector-set!`, record modifiers, …): a new
/// object can only point to older ones. Those containers register here the first time such
/// a store happens. When enough have registered, the VM calls `collect` at a safe point: the
/// collector marks everything reachable from the real roots (globals, threads' stacks and
/// frames, code constants, macro transformers) and clears the registered containers it did
/// not reach, which breaks their cycles so ARC frees them.
///
/// `letrec`/named-`let`/internal-`define` procedures never form cycles (they are compiled
/// as closure groups sharing one environment), so ordinary loops never register anything.
final class CycleCollector {
    private var registered: [Value] = []
    /// Registrations since the last collection that make the next one due.
    private var threshold = 100_000
    private var sinceLast = 0
    /// Set when a collection is due; the VM checks it at its next safe point.
    @exclusivity(unchecked) var isDue = false
    private(set) var collections = 0
    /// Time spent collecting, in seconds (`current-gc-milliseconds`).
    private(set) var seconds = 0.0
    /// Whether unreachable containers are checked for references from Swift before being
    /// cleared (see ExternalReferences.swift).
    var checksHostReferences = true
    private(set) var lastReclaimed = 0
    /// How many objects the last collection's mark phase visited.
    private(set) var lastTraced = 0
    /// The length of `registered` at which `dropUnshared` runs next.
    private var sweepAt = CycleCollector.firstSweep
    private static let firstSweep = 4096
    /// How many containers are registered now.
    var registeredCount: Int { registered.count }
    /// The objects with finalizers (`set-finalizer!`); a collection finds the unreachable.
    let finalizers = Finalizers()
    /// `set-gc-report!`: whether each collection reports on the error port.
    var reports = false

    /// Records that `container` (a pair, vector, box, record, promise or parameter) now
    /// holds a reference stored after its creation. Inlined into the write barriers, and so
    /// into the VM's run loop: called out of line, it cost fib 4 % more instructions, the run
    /// loop's registers being allocated differently (measured with callgrind).
    @inline(__always) func register(_ container: Value) {
        registered.append(container)
        sinceLast += 1
        if sinceLast >= threshold { isDue = true }
        if registered.count >= sweepAt { dropUnshared() }
    }

    /// Lets go of the registered containers that only this list still holds. They are in no
    /// cycle (its other members would hold them too), so ARC frees them now rather than after
    /// the next collection: a program that rewires lists with `set-cdr!` would otherwise keep
    /// up to `threshold` dead containers alive. The next sweep waits until the list has
    /// doubled, so each registration pays for a bounded share of sweeping.
    @inline(never) private func dropUnshared() {
        var old = registered
        registered = []
        old.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            for i in 0..<slots.count where !Value.isUniquelyReferenced(at: base + i) {
                registered.append(base[i])
            }
        }
        old = []  // frees the unshared ones
        sweepAt = max(CycleCollector.firstSweep, 2 * registered.count)
    }

    /// Marks from `roots` and clears unreachable registered containers.
    func collect(roots: [Value], codes: [Code], threads: [SchemeThread], extraTracers: [(inout Tracer) -> Void]) {
        let start = monotonicSeconds()
        defer { seconds += monotonicSeconds() - start }
        var tracer = Tracer()
        for c in codes { tracer.markCode(c) }
        for t in threads { tracer.markThread(t) }
        for r in roots { tracer.push(r) }
        for f in extraTracers { f(&tracer) }
        finalizers.forEachProcedure { tracer.push($0) }
        tracer.drain()
        if checksHostReferences {
            ExternalReferences.keepHostHeld([registered, finalizers.objects], &tracer)
        } else if finalizers.count > 0 {
            // The command line turns the check off (it holds values only through handles);
            // for the finalized objects it is made anyway, at the cost of their garbage only.
            ExternalReferences.keepHostHeld([finalizers.objects], registeredListed: false, &tracer)
        }
        finalizers.takeUnreachable(&tracer)
        var survivors: [Value] = []
        var reclaimed = 0
        for v in registered {
            if tracer.isMarked(v) {
                survivors.append(v)
            } else {
                CycleCollector.clear(v)
                reclaimed += 1
            }
        }
        // Drop duplicates among survivors (each stays registered once).
        registered = survivors
        sweepAt = max(CycleCollector.firstSweep, 2 * registered.count)
        lastReclaimed = reclaimed
        lastTraced = tracer.visitedCount
        collections += 1
        sinceLast = 0
        isDue = false
        threshold = max(100_000, tracer.visitedCount / 4)
    }

    private static func clear(_ v: Value) {
        switch v {
        case .pair(let p):
            p.gcRegistered = false
            p.car = .null
            p.cdr = .null
        case .vector(let vec):
            vec.gcRegistered = false
            vec.items = []
        case .object(let o as Box):
            o.gcRegistered = false
            o.value = .null
        case .object(let o as Record):
            o.gcRegistered = false
            o.fields = o.fields.map { _ in .null }
        case .object(let o as Promise):
            o.gcRegistered = false
            o.clear()
        case .object(let o as HashTable):
            o.gcRegistered = false
            o.clear()
        case .object(let o as SpecificHolder):
            o.gcRegistered = false
            o.clearSpecific()
        case .procedure(let p) where p.kind == .parameter:
            let param = unsafeDowncast(p, to: Parameter.self)
            param.gcRegistered = false
            param.value = .null
        default:
            break
        }
    }
}

/// Objects from outside SchemeCore (ports, listeners, threads) that hold Scheme values
/// report them to the collector.
public protocol Traceable: AnyObject {
    /// Calls `visit` with every Scheme value the object holds.
    func trace(_ visit: (Value) -> Void)
}

/// The mark phase: an explicit work list (no recursion) and a visited set.
struct Tracer {
    private var seen = Set<ObjectIdentifier>()
    private var work: [Value] = []
    private var codeWork: [Code] = []

    var visitedCount: Int { seen.count }

    mutating func push(_ v: Value) {
        switch v {
        case .pair, .vector, .procedure, .object, .symbol: work.append(v)
        default: break
        }
    }

    func isMarked(_ v: Value) -> Bool {
        switch v {
        case .pair(let p): return seen.contains(ObjectIdentifier(p))
        case .vector(let x): return seen.contains(ObjectIdentifier(x))
        case .procedure(let x): return seen.contains(ObjectIdentifier(x))
        case .object(let x): return seen.contains(ObjectIdentifier(x))
        default: return true
        }
    }

    mutating func markCode(_ c: Code) {
        if seen.insert(ObjectIdentifier(c)).inserted { codeWork.append(c) }
    }

    mutating func markThread(_ t: SchemeThread) {
        for i in 0..<t.sp { push(t.stack[i]) }
        // The frames' code and captures are reached through the closures on the stack (see
        // Captures); the root is there too, in slot 0.
        push(.procedure(t.root))
        push(t.leaving)
        push(t.winders)
        push(t.handlers)
        if let overrides = t.parameterOverrides {
            for (_, entry) in overrides { push(.procedure(entry.parameter)); push(entry.value) }
        }
    }

    mutating func drain() {
        while true {
            if let c = codeWork.popLast() {
                for i in 0..<c.constantCount { push(c.constants[i]) }
                for child in c.codes { markCode(child) }
                for s in c.siblings { markCode(s) }
                continue
            }
            guard let v = work.popLast() else { return }
            switch v {
            case .pair(let p):
                if seen.insert(ObjectIdentifier(p)).inserted { push(p.car); push(p.cdr) }
            case .vector(let vec):
                if seen.insert(ObjectIdentifier(vec)).inserted { for x in vec.items { push(x) } }
            case .symbol(let s):
                if seen.insert(ObjectIdentifier(s)).inserted { push(s.value) }
            case .procedure(let p):
                guard seen.insert(ObjectIdentifier(p)).inserted else { continue }
                switch p.kind {
                case .closure:
                    let c = unsafeDowncast(p, to: Closure.self)
                    markCode(c.code)
                    c.captures.forEach { push($0) }
                case .continuation:
                    let k = unsafeDowncast(p, to: Continuation.self)
                    if let parent = k.parent { push(.procedure(parent)) }
                    for x in k.stackSegment { push(x) }
                    push(k.winders)
                    push(k.handlers)
                case .parameter:
                    let param = unsafeDowncast(p, to: Parameter.self)
                    push(param.value)
                    push(param.converter)
                case .primitive:
                    break
                }
            case .object(let o):
                guard seen.insert(ObjectIdentifier(o)).inserted else { continue }
                switch o {
                case let b as Box: push(b.value)
                case let r as Record: for x in r.fields { push(x) }
                case let pr as Promise: push(pr.value); push(pr.forward)
                case let mv as MultipleValues: for x in mv.values { push(x) }
                case let c as Condition: for p in c.properties { push(p.value) }
                case let t as Traceable: t.trace { push($0) }
                default: break
                }
            default:
                break
            }
        }
    }
}

extension CycleCollector {
    @inline(__always) func stored(_ v: Value, into p: Pair) {
        if !p.gcRegistered && v.canFormCycle { p.gcRegistered = true; register(.pair(p)) }
    }
    @inline(__always) func stored(_ v: Value, into vec: SVector) {
        if !vec.gcRegistered && v.canFormCycle { vec.gcRegistered = true; register(.vector(vec)) }
    }
    @inline(__always) func stored(_ v: Value, into b: Box) {
        if !b.gcRegistered && v.canFormCycle { b.gcRegistered = true; register(.object(b)) }
    }
    func stored(_ v: Value, into r: Record) {
        if !r.gcRegistered && v.canFormCycle { r.gcRegistered = true; register(.object(r)) }
    }
    func stored(_ v: Value, into p: Promise) {
        if !p.gcRegistered && v.canFormCycle { p.gcRegistered = true; register(.object(p)) }
    }
    func stored(_ v: Value, into t: HashTable) {
        if !t.gcRegistered && v.canFormCycle { t.gcRegistered = true; register(.object(t)) }
    }
    func stored(_ v: Value, into o: SpecificHolder) {
        if !o.gcRegistered && v.canFormCycle { o.gcRegistered = true; register(.object(o)) }
    }
    func stored(_ v: Value, into p: Parameter) {
        if !p.gcRegistered && v.canFormCycle { p.gcRegistered = true; register(.procedure(p)) }
    }
}
