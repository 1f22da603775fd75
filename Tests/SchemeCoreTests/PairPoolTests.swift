import CSystem
import Foundation
import XCTest
@testable import SchemeCore

/// Freed pairs are reused by `cons` and `list` (Runtime/Memory/PairPool.swift): a reused
/// pair must never be reachable from anything the program still holds.
final class PairPoolTests: XCTestCase {
    /// Trees dropped and rebuilt many times read back exactly as built, while pairs that
    /// are kept (and a tail shared with a kept list) are untouched by the reuse.
    func testReusedPairsCarryOnlyTheirNewContents() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("""
            (define kept (list 'k (list 1 2) "s"))
            (define shared (cdr kept))
            (define (tree i) (list '+ (list '* i 'x (cons i "str")) (cons (list i) (list 'y i))))
            (let loop ((i 0) (bad 0))
              (if (= i 20000) (list bad kept shared)
                  (let ((t (tree i)))
                    (loop (+ i 1)
                          (if (equal? t (list '+ (list '* i 'x (cons i "str")) (cons (list i) (list 'y i))))
                              bad
                              (+ bad 1))))))
            """), #"(0 (k (1 2) "s") ((1 2) "s"))"#)
    }

    /// The last pair of a dropped list, and one ending in an atom, are reused emptied: a
    /// string its `cdr` held is let go at once, not when the pair is reused.
    func testImproperTailsAreLetGo() throws {
        let (s, _) = makeInterpreter()
        _ = try s.eval("""
            (define s (make-string 3 #\\a))
            (let loop ((i 0)) (if (< i 100) (begin (list 1 (cons 2 s)) (cons 1 (cons 2 s)) (loop (+ i 1)))))
            """)
        weak var string: MString?
        do {
            guard case .string(let m) = try s.eval("s") else { return XCTFail("not a string") }
            string = m
        }
        _ = try s.eval("(set! s #f)")
        XCTAssertNil(string, "a pooled pair still holds the string")
        XCTAssertEqual(try s.written("(list (list 'x (cons 'y 'z)) (cons 1 2))"), "((x (y . z)) (1 . 2))")
    }

    /// Dropping a tree fills this thread's pool; building one takes pairs back out.
    func testDroppedTreesFeedThePool() throws {
        let (s, _) = makeInterpreter()
        _ = try s.eval("(define t (list (list 1 2) (list 3 4) (list 5 6)))")
        let before = csystem_pool_size()
        _ = try s.eval("(set! t #f)")
        let filled = csystem_pool_size()
        XCTAssertGreaterThanOrEqual(filled - before, 6, "the tree's inner pairs went to the pool")
        _ = try s.eval("(set! t (list (list 1 2) (list 3 4)))")
        XCTAssertLessThan(csystem_pool_size(), filled, "building took pairs from the pool")
        XCTAssertEqual(try s.written("t"), "((1 2) (3 4))")
    }

    /// Pools are per OS thread: interpreters on two threads drop and build lists at the
    /// same time, and each thread's leftovers are released when it exits.
    func testInterpretersOnSeveralThreadsKeepTheirOwnPools() throws {
        let results = Results()
        let group = DispatchGroup()
        for k in 0..<2 {
            group.enter()
            let thread = Thread {
                let (s, _) = makeInterpreter()
                let answer = (try? s.written("""
                    (let loop ((i 0) (acc '()))
                      (if (= i 50000)
                          (list (length acc) (equal? (car acc) '(49000 (49000))))
                          (let ((t (list i (list i))))
                            (loop (+ i 1) (if (= 0 (remainder i 1000)) (cons t acc) acc)))))
                    """)) ?? "error"
                results.lock.withLock { results.values[k] = answer }
                group.leave()
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(results.lock.withLock { results.values }, ["(50 #t)", "(50 #t)"])
    }

    private final class Results: @unchecked Sendable {
        let lock = NSLock()
        var values = ["", ""]
    }
}
