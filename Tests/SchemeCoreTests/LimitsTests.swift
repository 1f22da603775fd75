import Foundation
import XCTest
@testable import SchemeCore

/// Evaluation limits and interrupts (Embedding/Limits.swift): each stops a runaway script
/// that Scheme code cannot rescue, and leaves the interpreter usable.
final class LimitsTests: XCTestCase {
    private let spin = "(let loop ((i 0)) (loop (+ i 1)))"

    private func assertStops(_ reason: EvaluationStopped.Reason, _ body: () throws -> Void,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { e in
            XCTAssertEqual(e as? EvaluationStopped, EvaluationStopped(reason), "\(e)", file: file, line: line)
        }
    }

    func testInstructionBudgetStopsALoopAndTheInterpreterGoesOn() throws {
        let (scheme, _) = makeInterpreter()
        assertStops(.instructions) { try scheme.eval(spin, limits: EvaluationLimits(instructions: 200_000)) }
        XCTAssertEqual(try scheme.written("(+ 1 2)"), "3")
        // A budget that suffices is no obstacle, and a small one is exact to a check.
        XCTAssertEqual(try scheme.eval("(let loop ((i 0)) (if (< i 1000) (loop (+ i 1)) i))",
                                       limits: EvaluationLimits(instructions: 5_000)).written, "1000")
        assertStops(.instructions) {
            try scheme.eval("(let loop ((i 0)) (if (< i 100000) (loop (+ i 1)) i))",
                            limits: EvaluationLimits(instructions: 5_000))
        }
    }

    func testDefaultLimitsApplyToEveryEntryPoint() throws {
        let (scheme, _) = makeInterpreter()
        try scheme.eval("(define (forever) \(spin))")
        scheme.limits = EvaluationLimits(instructions: 100_000)
        assertStops(.instructions) { try scheme.eval("(forever)") }
        assertStops(.instructions) { try scheme.call("forever", []) }
        assertStops(.instructions) { try scheme.evaluate(scheme.readData("(forever)")?.first ?? .false) }
        let path = NSTemporaryDirectory() + "/limits-\(getpid()).scm"
        try "(forever)".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        assertStops(.instructions) { try scheme.load(path: path) }
        scheme.limits = .none
        XCTAssertEqual(try scheme.written("(length (iota 100000))"), "100000")
    }

    func testDeadline() throws {
        let (scheme, _) = makeInterpreter()
        let start = monotonicSeconds()
        assertStops(.timeout) { try scheme.eval(spin, limits: EvaluationLimits(timeout: 0.2)) }
        XCTAssertLessThan(monotonicSeconds() - start, 2)
        // A deadline also ends an evaluation whose threads all wait.
        let waitStart = monotonicSeconds()
        assertStops(.timeout) { try scheme.eval("(thread-sleep! 60)", limits: EvaluationLimits(timeout: 0.2)) }
        XCTAssertLessThan(monotonicSeconds() - waitStart, 2)
        XCTAssertEqual(try scheme.written("'still-here"), "still-here")
    }

    func testInterruptFromAnotherThread() throws {
        let (scheme, _) = makeInterpreter()
        let handle = scheme.interruptHandle
        for program in [spin, "(thread-sleep! 60)", "(begin (thread-start! (make-thread (lambda () \(spin)))) (thread-sleep! 60))"] {
            let start = monotonicSeconds()
            let t = Thread { usleep(100_000); handle.interrupt() }
            t.start()
            assertStops(.interrupted) { try scheme.eval(program) }
            XCTAssertLessThan(monotonicSeconds() - start, 5, program)
        }
        // An interrupt that came while nothing ran does not stop the next evaluation.
        handle.interrupt()
        XCTAssertEqual(try scheme.written("(+ 2 2)"), "4")
    }

    func testSchemeHandlersCannotCatchTheStop() throws {
        let (scheme, out) = makeInterpreter()
        let programs = [
            "(handle-exceptions e 'caught \(spin))",
            "(with-exception-handler (lambda (e) 0) (lambda () \(spin)))",
            "(call/cc (lambda (k) (with-exception-handler k (lambda () \(spin)))))",
            "(dynamic-wind void (lambda () \(spin)) (lambda () (display \"after\") \(spin)))",
            "(let retry () (handle-exceptions e (retry) \(spin)))",
        ]
        for p in programs {
            assertStops(.instructions) { try scheme.eval(p, limits: EvaluationLimits(instructions: 100_000)) }
        }
        XCTAssertEqual(out.contents(), "", "no after thunk or handler ran")
    }

    func testHeapCap() throws {
        let (scheme, _) = makeInterpreter()
        let cap = 64 << 20
        let before = RunGuard.heapInUse
        assertStops(.heap) {
            try scheme.eval("(let loop ((l '())) (loop (cons (make-vector 1000 0) l)))",
                            limits: EvaluationLimits(heapBytes: cap))
        }
        // What the evaluation allocated is gone again.
        XCTAssertLessThan(RunGuard.heapInUse - before, cap / 4)
        XCTAssertEqual(try scheme.written("(vector-length (make-vector 10 0))"), "10")
    }

    func testThreadsAfterAStop() throws {
        let (scheme, _) = makeInterpreter()
        let start = """
            (define done #f)
            (define worker (thread-start! (make-thread (lambda () (thread-sleep! 0.3) (set! done #t) 'finished))))
            \(spin)
            """
        assertStops(.timeout) { try scheme.eval(start, limits: EvaluationLimits(timeout: 0.05)) }
        XCTAssertEqual(try scheme.written("(thread-state worker)"), "terminated")
        XCTAssertEqual(try scheme.written("done"), "#f")
        assertStops(.timeout) {
            try scheme.eval(start, limits: EvaluationLimits(timeout: 0.05, threadsAfterStop: .keep))
        }
        XCTAssertEqual(try scheme.written("(list (thread-join! worker) done)"), "(finished #t)")
    }

    func testStopInsideANestedEvaluation() throws {
        let (scheme, _) = makeInterpreter()
        scheme.defineProcedure("call-back", arity: .exactly(1)) { args in try scheme.call(args[0], []) }
        assertStops(.instructions) {
            try scheme.eval("(handle-exceptions e 'caught (call-back (lambda () \(spin))))",
                            limits: EvaluationLimits(instructions: 100_000))
        }
        XCTAssertEqual(try scheme.written("(call-back (lambda () 'fine))"), "fine")
    }
}
