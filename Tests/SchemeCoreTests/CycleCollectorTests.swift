import XCTest
@testable import SchemeCore

final class CycleCollectorTests: XCTestCase {
    func closure(_ v: Value) throws -> Closure {
        guard case .procedure(let p) = v, let c = p as? Closure else { throw XCTSkip("not a closure") }
        return c
    }

    func testUnreachableClosureCycleIsFreed() throws {
        let (s, _) = makeInterpreter()
        try s.eval("(define (make-cycle) (let ((self #f)) (set! self (lambda () self)) self))")
        weak var weakClosure: Closure?
        do {
            let c = try closure(try s.eval("(make-cycle)"))
            weakClosure = c
        }
        XCTAssertNotNil(weakClosure, "ARC alone cannot free the cycle")
        s.collectNow()
        XCTAssertNil(weakClosure, "the collector breaks the cycle")
    }

    /// Every container kind that can hold a program value: a cycle through it, once garbage,
    /// is broken by the collector (its object is freed), while a reachable one survives.
    func testCyclesThroughEveryContainerKindAreFreed() throws {
        let kinds: [(String, String)] = [
            ("hash table", "(let ((h (make-hash-table))) (hash-table-set! h 1 h) h)"),
            ("thread specific", "(let ((t (make-thread (lambda () 1)))) (thread-specific-set! t t) t)"),
            ("mutex specific", "(let ((m (make-mutex))) (mutex-specific-set! m m) m)"),
            ("condition variable specific",
             "(let ((c (make-condition-variable))) (condition-variable-specific-set! c c) c)"),
            ("record", "(let ((n (make-node #f))) (set-node-next! n n) n)"),
            ("promise", "(letrec ((p (delay (list 1 p)))) (force p) p)"),
        ]
        for (name, expr) in kinds {
            let (s, _) = makeInterpreter()
            try s.eval("(define-record-type node (make-node next) node? (next node-next set-node-next!))")
            weak var weakObject: SchemeObject?
            do {
                guard case .object(let o) = try s.eval(expr) else { return XCTFail("\(name): not an object") }
                weakObject = o
            }
            XCTAssertNotNil(weakObject, "\(name): ARC alone cannot free the cycle")
            s.collectNow()
            XCTAssertNil(weakObject, "\(name): the collector breaks the cycle")
            try s.eval("(define kept \(expr))")
            s.collectNow()
            XCTAssertEqual(try s.written("(let ((x kept)) (or (hash-table? x) (thread? x) (mutex? x) (condition-variable? x) (node? x) (promise? x)))"), "#t", name)
        }
    }

    func testReachableCyclesSurvive() throws {
        let (s, _) = makeInterpreter()
        try s.eval("""
            (define (make-cycle) (let ((self #f)) (set! self (lambda () self)) self))
            (define keep (make-cycle))
            (define ring (let ((l (list 1 2 3))) (set-cdr! (cddr l) l) l))
            (define-record-type node (make-node next) node? (next node-next set-node-next!))
            (define n (make-node #f))
            (set-node-next! n n)
            (define v (make-vector 1 #f))
            (vector-set! v 0 v)
            """)
        s.collectNow()
        XCTAssertEqual(try s.written("(eq? (keep) keep)"), "#t")
        XCTAssertEqual(try s.written("(list (car ring) (cadddr ring))"), "(1 1)")
        XCTAssertEqual(try s.written("(eq? (node-next n) n)"), "#t")
        XCTAssertEqual(try s.written("(eq? (vector-ref v 0) v)"), "#t")
    }

    func testRecordSelfCycleFreed() throws {
        let (s, _) = makeInterpreter()
        try s.eval("(define-record-type node (make-node next) node? (next node-next set-node-next!))")
        weak var weakRecord: SchemeObject?
        do {
            guard case .object(let r) = try s.eval("(let ((n (make-node #f))) (set-node-next! n n) n)") else {
                return XCTFail("not a record")
            }
            weakRecord = r
        }
        XCTAssertNotNil(weakRecord)
        s.collectNow()
        XCTAssertNil(weakRecord)
    }

    /// Collections happen by themselves while a program runs, and values in use survive them.
    func testCollectionsDuringExecutionKeepLiveData() throws {
        let (s, _) = makeInterpreter()
        let result = try s.written("""
            (define (make-cycle i) (let ((self #f)) (set! self (lambda () (cons i self))) self))
            (define kept (make-cycle -1))
            (let loop ((i 0) (live '()))
              (if (< i 400000)
                  (let ((c (make-cycle i)))
                    (loop (+ i 1) (if (= 0 (modulo i 1000)) (cons c live) live)))
                  (list (%cycle-collections)
                        (length live)
                        (car ((car live)))
                        (car (kept)))))
            """)
        let parts = result.dropFirst().dropLast().split(separator: " ")
        XCTAssertGreaterThan(Int(parts[0]) ?? 0, 0, "no collection ran: \(result)")
        XCTAssertEqual(Array(parts.dropFirst()), ["400", "399000", "-1"])
    }

    /// Containers that were registered but became garbage without forming a cycle are freed
    /// long before a collection is due, and registered cycles, live or dead, are not.
    func testRegisteredGarbageIsFreedBeforeACollection() throws {
        let (s, _) = makeInterpreter()
        try s.eval("(define ring (let ((l (list 1 2 3))) (set-cdr! (cddr l) l) l))")
        weak var weakCycle: Pair?
        do {
            guard case .pair(let p) = try s.eval("(let ((l (list 'dead))) (set-cdr! l l) l)") else { return XCTFail("not a pair") }
            weakCycle = p
        }
        let before = s.collector.collections
        try s.eval("""
            (let loop ((i 0))
              (when (< i 50000)
                (let ((l (list i))) (set-cdr! l (list i)))
                (loop (+ i 1))))
            """)
        XCTAssertEqual(s.collector.collections, before, "the loop should stay below the collection threshold")
        XCTAssertLessThan(s.collector.registeredCount, 10_000, "dead registered pairs are still held")
        XCTAssertNotNil(weakCycle, "a dead cycle waits for the collector")
        XCTAssertEqual(try s.written("(list (eq? ring (cdddr ring)) (car ring) (cadr ring))"), "(#t 1 2)")
        s.collectNow()
        XCTAssertNil(weakCycle, "the collector breaks the dead cycle")
    }
}

final class FinalizerTests: XCTestCase {
    /// A finalized object that Swift code still holds as a plain `Value` is not finalized;
    /// once the host lets go, the next collection finalizes it, whole, even in a cycle.
    func testHostHeldObjectIsNotFinalized() throws {
        let (s, _) = makeInterpreter()
        try s.eval("(define finalized #f)")
        var held: Value? = try s.eval("""
            (let ((x (list 'host)))
              (set-cdr! x x)
              (set-finalizer! x (lambda (o) (set! finalized (car o))))
              x)
            """)
        XCTAssertNotNil(held)
        XCTAssertEqual(try s.eval("(gc #t) finalized").written, "#f")
        held = nil
        XCTAssertEqual(try s.eval("(gc #t) finalized").written, "host")
    }
}
