import Foundation
import XCTest

/// Signals to a running script: SIGINT stops it as csi does; SIGQUIT never produces a crash
/// report.
final class SignalTests: XCTestCase {
    private func runAndSignal(_ program: String, _ signal: Int32) throws -> (Process, String) {
        let path = NSTemporaryDirectory() + "csi-swift-signal-\(UUID().uuidString).scm"
        try program.write(toFile: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["-s", path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 0.7)
        kill(p.processIdentifier, signal)
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p, String(decoding: data, as: UTF8.self))
    }

    func testSigintStopsABusyScript() throws {
        let (p, stderr) = try runAndSignal("(let loop () (loop))", SIGINT)
        XCTAssertEqual(p.terminationReason, .exit)
        XCTAssertEqual(p.terminationStatus, 70)
        XCTAssertEqual(stderr, "\n*** user interrupt ***\n")
    }

    func testSigintStopsAScriptWaitingInTheScheduler() throws {
        let (p, stderr) = try runAndSignal("(thread-sleep! 100)", SIGINT)
        XCTAssertEqual(p.terminationStatus, 70)
        XCTAssertEqual(stderr, "\n*** user interrupt ***\n")
    }

    /// A macro that expands forever in a body never nests deeper (CHICKEN loops too): the
    /// expander stops at the interrupt.
    func testSigintStopsAMacroExpandingForever() throws {
        let (p, stderr) = try runAndSignal("(let () (define-syntax m (syntax-rules () ((_) (m)))) (m))", SIGINT)
        XCTAssertEqual(p.terminationStatus, 70)
        XCTAssertEqual(stderr, "\n*** user interrupt ***\n")
    }

    /// A loop made only of continuation calls (found by the fuzzer: it ran 80 minutes past
    /// its 0.2 s limit) reaches safe points like any other loop.
    func testSigintStopsALoopOfContinuationCalls() throws {
        let (p, stderr) = try runAndSignal("(let ((n 0) (k #f)) (call/cc (lambda (c) (set! k c))) (set! n (+ 1)) (if (< n 5) (k #f)) n)", SIGINT)
        XCTAssertEqual(p.terminationStatus, 70)
        XCTAssertEqual(stderr, "\n*** user interrupt ***\n")
    }

    /// A SIGINT that comes while other threads run, not while the scheduler waits in epoll,
    /// still reaches the primordial thread once everything waits again (it used to be seen
    /// only at the next event: a server that had just served its clients ignored Ctrl-C).
    func testSigintWhileAnotherThreadRunsStopsAWaitingServer() throws {
        let program = """
            (import (chicken time))
            (define l (tcp-listen 0))
            (define end (+ (current-milliseconds) 2000))
            (thread-start! (make-thread (lambda () (let loop () (if (< (current-milliseconds) end) (loop))))))
            (tcp-accept l)
            """
        let path = NSTemporaryDirectory() + "csi-swift-signal-\(UUID().uuidString).scm"
        try program.write(toFile: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["-s", path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 0.7)  // the spinning thread runs until 2 s
        kill(p.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "still waiting 10 s after SIGINT")
        XCTAssertEqual(p.terminationStatus, 70)
    }

    func testSigquitKillsWithoutACrashReport() throws {
        let (p, stderr) = try runAndSignal("(thread-sleep! 100)", SIGQUIT)
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        XCTAssertEqual(p.terminationStatus, SIGQUIT)
        XCTAssertFalse(stderr.contains("crashed"), stderr)
    }
}
