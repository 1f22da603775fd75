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
    /// `holders` are the collector's lists (the registered containers, the objects with
    /// finalizers): each entry one strong reference. Without the registered list among
    /// them (`registeredListed` false), a registered container's entry is counted from its
    /// flag.
    static func keepHostHeld(_ holders: [[Value]], registeredListed: Bool = true, _ tracer: inout Tracer) {
        // The garbage graph: each object once in `objects` (one strong reference each),
        // with the number of references the garbage holds to it.
        let total = holders.reduce(0) { $0 + $1.count }
        var index: [ObjectIdentifier: Int] = [:]
        index.reserveCapacity(total)
        var objects: [AnyObject] = []
        var values: [Value] = []
        var counts: [Int] = []
        // How many entries of the collector's lists hold each object.
        var held: [Int] = []
        objects.reserveCapacity(total)
        values.reserveCapacity(total)
        counts.reserveCapacity(total)
        held.reserveCapacity(total)
        for list in holders {
            for v in list where !tracer.isMarked(v) {
                guard let o = object(v) else { continue }
                if let i = index[ObjectIdentifier(o)] { held[i] += 1; continue }
                index[ObjectIdentifier(o)] = objects.count
                objects.append(o)
                values.append(v)
                counts.append(0)
                held.append(registeredListed || !isRegistered(o) ? 1 : 2)
            }
        }
        guard !objects.isEmpty else { return }
        var next = 0
        var sharedCaptures = Set<ObjectIdentifier>()
        while next < values.count {
            let v = values[next]
            next += 1
            forEachChild(v, &sharedCaptures) { child in
                guard let c = object(child) else { return }
                if let i = index[ObjectIdentifier(c)] {
                    counts[i] += 1
                } else if !tracer.isMarked(child) {
                    index[ObjectIdentifier(c)] = objects.count
                    objects.append(c)
                    values.append(child)
                    counts.append(1)
                    held.append(registeredListed || !isRegistered(c) ? 0 : 1)
                }
            }
        }
        // Holders we know of: the `objects` and `values` entries, the collector's lists, the
        // references among the garbage, and what reading adds.
        let overhead = measureOverhead()
        var keep: [Value] = []
        for i in 0..<objects.count {
            let known = 2 + held[i] + counts[i] + overhead
            if retainCount(objects, i) > known { keep.append(values[i]) }
        }
        withExtendedLifetime(holders) {}
        withExtendedLifetime(values) {}
        guard !keep.isEmpty else { return }
        for v in keep { tracer.push(v) }
        tracer.drain()
    }

    /// The strong retain count of `objects[i]`, read the same way for the probe and for the
    /// garbage so that what the reading adds is the same.
    @inline(never)
    private static func retainCount(_ objects: [AnyObject], _ i: Int) -> Int {
        Int(_getRetainCount(objects[i]))
    }

    /// What `retainCount` adds, measured on an object held by exactly one local and one
    /// array entry (`retainCount` - 2). If the local's reference were optimized away the
    /// result would be one too low, which only makes objects look more referenced: kept,
    /// never cleared wrongly.
    private static func measureOverhead() -> Int {
        let probe = Box(.null)
        let objects: [AnyObject] = [probe]
        let count = retainCount(objects, 0)
        withExtendedLifetime(probe) {}
        return max(0, count - 2)
    }

    /// Whether `o` is a container on the collector's registered list (once, by its flag).
    private static func isRegistered(_ o: AnyObject) -> Bool {
        switch o {
        case let p as Pair: return p.gcRegistered
        case let x as SVector: return x.gcRegistered
        case let b as Box: return b.gcRegistered
        case let r as Record: return r.gcRegistered
        case let pr as Promise: return pr.gcRegistered
        case let h as HashTable: return h.gcRegistered
        case let sh as SpecificHolder: return sh.gcRegistered
        case let p as Parameter: return p.gcRegistered
        default: return false
        }
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
    private static func forEachChild(_ v: Value, _ sharedCaptures: inout Set<ObjectIdentifier>,
                                     _ body: (Value) -> Void) {
        switch v {
        case .pair(let p): body(p.car); body(p.cdr)
        case .vector(let x): for item in x.items { body(item) }
        case .procedure(let p):
            switch p.kind {
            case .closure:
                // Closures of one group share their captures: count its references once.
                let captures = unsafeDowncast(p, to: Closure.self).captures
                if sharedCaptures.insert(ObjectIdentifier(captures)).inserted { captures.forEach(body) }
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
            case let pr as Promise: body(pr.value); body(pr.forward)
            case let mv as MultipleValues: for x in mv.values { body(x) }
            case let h as HashTable:
                // Each key is held twice: by the index's key and by its entry.
                h.forEachEntry { key, value in body(key); body(key); body(value) }
                body(h.testProcedure)
                body(h.hashProcedure)
            case let t as GreenThread: body(t.specific); body(t.name); body(t.thunk)
            case let m as SchemeMutex: body(m.specific); body(m.name)
            case let c as ConditionVariable: body(c.specific); body(c.name)
            case let t as TransformerValue: t.trace(body)  // its procedure, held once
            default: break
            }
        default: break
        }
    }
}
