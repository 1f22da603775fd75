import Foundation
import XCTest
@testable import SchemeCore

/// Swift concurrency at the boundary: async Swift procedures called from green threads, and
/// an interpreter awaited from async code, with cancellation.
final class AsyncTests: XCTestCase {
    /// Three green threads await one async procedure at once; the waits overlap, and a
    /// fourth thread keeps running meanwhile.
    func testAsyncProcedureFromThreeGreenThreads() throws {
        let (scheme, _) = makeInterpreter()
        scheme.defineAsyncProcedure("slow-double", arity: .exactly(1)) { args in
            try await Task.sleep(nanoseconds: 300_000_000)
            guard case .int(let n) = args[0] else { throw ConversionError(expected: "int", value: .false) }
            return .int(n * 2)
        }
        let start = monotonicSeconds()
        let result = try scheme.eval("""
            (define ticks 0)
            (define ticker (thread-start! (make-thread (lambda () (let loop () (set! ticks (+ ticks 1)) (thread-sleep! 0.01) (loop))))))
            (define workers (map (lambda (i) (thread-start! (make-thread (lambda () (slow-double i))))) '(1 2 3)))
            (define results (map thread-join! workers))
            (thread-terminate! ticker)
            (list results (> ticks 5))
            """)
        XCTAssertEqual(result.written, "((2 4 6) #t)")
        XCTAssertLessThan(monotonicSeconds() - start, 0.85, "the three waits overlapped")
    }

    func testAsyncErrorsAndArguments() throws {
        struct Refused: Error {}
        let (scheme, _) = makeInterpreter()
        scheme.defineAsyncProcedure("refuse", arity: .exactly(0)) { _ in throw Refused() }
        scheme.defineAsyncProcedure("echo", arity: .atLeast(0)) { args in .list(args) }
        XCTAssertEqual(try scheme.written("(handle-exceptions e ((condition-property-accessor 'swift 'type) e) (refuse))"), #""Refused""#)
        XCTAssertEqual(try scheme.written(#"(echo 1 2.5 "s" 'sym #(1 (2)) '() #u8(7))"#), #"(1 2.5 "s" sym #(1 (2)) () #u8(7))"#)
        XCTAssertEqual(try scheme.written("(handle-exceptions e ((condition-property-accessor 'exn 'message) e) (echo car))"),
                       #""bad argument type - not plain data""#)
    }

    func testSchemeActorEvaluatesAndIsCancelled() async throws {
        let actor = SchemeActor { s in
            s.defineAsyncProcedure("fetch", arity: .exactly(1)) { args in
                try await Task.sleep(nanoseconds: 50_000_000)
                return .string("got \(args[0])")
            }
        }
        let three = try await actor.evaluate("(+ 1 2)")
        XCTAssertEqual(three, .int(3))
        let fetched = try await actor.evaluate("(fetch 'x)")
        XCTAssertEqual(fetched, .string("got symbol(\"x\")"))
        let list = try await actor.evaluate("(list 1 \"a\" #t)")
        XCTAssertEqual(list, .list([.int(1), .string("a"), .bool(true)]))
        // Cancelling the task stops a computing evaluation and a waiting one.
        for program in ["(let loop () (loop))", "(thread-sleep! 60)"] {
            let start = monotonicSeconds()
            let task = Task { try await actor.evaluate(program) }
            try await Task.sleep(nanoseconds: 100_000_000)
            task.cancel()
            do {
                _ = try await task.value
                XCTFail("\(program) was not cancelled")
            } catch is CancellationError {
            }
            XCTAssertLessThan(monotonicSeconds() - start, 5)
        }
        let after = try await actor.evaluate("'after")
        XCTAssertEqual(after, .symbol("after"))
        let defined = await actor.withInterpreter { $0.global("fetch") != nil }
        XCTAssertTrue(defined)
        do {
            _ = try await actor.evaluate("(let loop () (loop))", limits: EvaluationLimits(instructions: 100_000))
            XCTFail("no stop")
        } catch let stop as EvaluationStopped {
            XCTAssertEqual(stop.reason, .instructions)
        }
    }

    /// Interpreters on two threads read files at the same time: each port's reads land in
    /// a buffer of its own thread, so neither sees the other's bytes.
    func testTwoActorsReadFilesAtOnce() async throws {
        let dir = NSTemporaryDirectory() + "actors-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, char) in [("a", "a"), ("b", "b")] {
            try String(repeating: char, count: 1_000_000).write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
        }
        let program = { (name: String, char: String) in
            "(with-input-from-file \"\(dir)/\(name)\" (lambda () (let loop ((n 0)) (let ((c (read-char))) (cond ((eof-object? c) n) ((char=? c #\\\(char)) (loop (+ n 1))) (else (list 'foreign c)))))))"
        }
        let first = SchemeActor(), second = SchemeActor()
        async let a = first.evaluate(program("a", "a"))
        async let b = second.evaluate(program("b", "b"))
        let (ra, rb) = try await (a, b)
        XCTAssertEqual(ra, .int(1_000_000))
        XCTAssertEqual(rb, .int(1_000_000))
    }
}
