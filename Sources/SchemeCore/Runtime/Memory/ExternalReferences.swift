/// Finds the containers a collection must not clear although Scheme's roots do not reach
/// them: those the host (Swift code) still holds.
///
/// Among the unreachable objects (those reachable from the unmarked registered containers),
/// every reference one of them holds to another is counted. An object whose retain count is
/// higher than those internal references plus the collector's own is referenced from outside
/// the garbage: by a Swift variable of the host, or by a live object the tracer did not see.
/// Such an object, and everything it reaches, is kept. Miscounting can only err towards
/// keeping: a missed internal edge makes an object look externally held (a leak until the
/// next collection), never the reverse, because only real strong references are counted.
enum ExternalReferences {
    /// Marks in `tracer` the unreachable objects that something outside them still holds.
    /// `registered` is the collector's list (each entry one strong reference).
    static func keepHostHeld(_ registered: [Value], _ tracer: inout Tracer) {
        // The garbage graph: objects (one strong reference each, in `objects`), with the
        // number of references among them.
        var internalCount: [ObjectIdentifier: Int] = [:]
        var objects: [ObjectIdentifier: AnyObject] = [:]
        var registeredHere = Set<ObjectIdentifier>()
        var work: [Value] = []
        for v in registered where !tracer.isMarked(v) {
            guard let o = object(v) else { continue }
            let id = ObjectIdentifier(o)
            registeredHere.insert(id)
            if objects[id] == nil { objects[id] = o; work.append(v) }
        }
        guard !objects.isEmpty else { return }
        while let v = work.popLast() {
            forEachChild(v) { child in
                guard let c = object(child), !tracer.isMarked(child) else { return }
                let id = ObjectIdentifier(c)
                internalCount[id, default: 0] += 1
                if objects[id] == nil { objects[id] = c; work.append(child) }
            }
        }
        // Holders we know of: the `objects` entry, the `registered` entry (for registered
        // containers), the references among the garbage, and what reading the count adds.
        let overhead = measureOverhead()
        var keep: [Value] = []
        for id in Array(objects.keys) {
            let known = 1 + (registeredHere.contains(id) ? 1 : 0) + (internalCount[id] ?? 0) + overhead
            if retainCount(objects, id) > known, let o = objects[id], let v = value(o) { keep.append(v) }
        }
        withExtendedLifetime(registered) {}
        guard !keep.isEmpty else { return }
        for v in keep { tracer.push(v) }
        tracer.drain()
    }

    /// The strong retain count of `table[id]`, read the same way for the probe and for the
    /// garbage so that what the reading adds is the same.
    @inline(never)
    private static func retainCount(_ table: [ObjectIdentifier: AnyObject], _ id: ObjectIdentifier) -> Int {
        guard let o = table[id] else { return Int.max }
        return Int(_getRetainCount(o))
    }

    /// What `retainCount` adds beyond the table entry, measured on an object held by exactly
    /// one local and one table entry. If the local's reference were optimized away the result
    /// would be one too low, which only makes objects look more referenced: kept, never
    /// cleared wrongly.
    private static func measureOverhead() -> Int {
        let probe = Box(.null)
        let table: [ObjectIdentifier: AnyObject] = [ObjectIdentifier(probe): probe]
        let count = retainCount(table, ObjectIdentifier(probe))
        withExtendedLifetime(probe) {}
        return max(0, count - 2)
    }

    private static func object(_ v: Value) -> AnyObject? {
        switch v {
        case .pair(let p): return p
        case .vector(let x): return x
        case .procedure(let p): return p
        case .object(let o): return o
        default: return nil
        }
    }

    private static func value(_ o: AnyObject) -> Value? {
        switch o {
        case let p as Pair: return .pair(p)
        case let x as SVector: return .vector(x)
        case let p as Procedure: return .procedure(p)
        case let s as SchemeObject: return .object(s)
        default: return nil
        }
    }

    /// The values an object holds strongly (a subset of what the tracer follows is safe).
    private static func forEachChild(_ v: Value, _ body: (Value) -> Void) {
        switch v {
        case .pair(let p): body(p.car); body(p.cdr)
        case .vector(let x): for item in x.items { body(item) }
        case .procedure(let p):
            switch p.kind {
            case .closure: for x in unsafeDowncast(p, to: Closure.self).env { body(x) }
            case .parameter:
                let param = unsafeDowncast(p, to: Parameter.self)
                body(param.value)
                body(param.converter)
            default: break
            }
        case .object(let o):
            switch o {
            case let b as Box: body(b.value)
            case let r as Record: for x in r.fields { body(x) }
            case let pr as Promise: body(pr.value)
            case let mv as MultipleValues: for x in mv.values { body(x) }
            default: break
            }
        default: break
        }
    }
}
