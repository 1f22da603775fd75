import Foundation
import XCTest

/// End-to-end behaviour of threads and the tcp unit through the executable.
extension CLITests {
    var examplesDirectory: String {
        URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples").path
    }

    /// The manual's server.scm and client.scm, unchanged, in two processes.
    func testManualExamplePairRunsUnchanged() throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["-s", "server.scm"]
        server.currentDirectoryURL = URL(fileURLWithPath: examplesDirectory)
        let serverOut = Pipe()
        server.standardOutput = serverOut
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // The server needs a moment to listen; a refused client exits 70 and is retried.
        var client = Result(status: -1, stdout: "", stderr: "")
        for _ in 0..<50 {
            client = try run(["-s", examplesDirectory + "/client.scm"])
            if client.status == 0 { break }
            usleep(100_000)
        }
        XCTAssertEqual(client.status, 0, client.stderr)
        XCTAssertEqual(client.stdout, "Hello!\n")
        let out = serverOut.fileHandleForReading.readDataToEndOfFile()
        server.waitUntilExit()
        XCTAssertEqual(server.terminationStatus, 0)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "Good Bye!\n")
    }

    func testDeadlockStopsWithStatus70() throws {
        let path = try script("""
            (print "about to deadlock")
            (define m (make-mutex))
            (mutex-lock! m)
            (thread-join! (thread-start! (make-thread (lambda () (mutex-lock! m)))))
            (print "never")
            """)
        let r = try run(["-s", path])
        XCTAssertEqual(r.status, 70)
        XCTAssertEqual(r.stdout, "about to deadlock\n")
        XCTAssertTrue(r.stderr.contains("deadlock"), r.stderr)
    }

    func testUncaughtErrorInThreadWarnsAndOthersContinue() throws {
        let path = try script("""
            (define t (make-thread (lambda () (car '())) 'worker))
            (thread-start! t)
            (thread-sleep! 0.05)
            (print (thread-state t))
            """)
        let r = try run(["-s", path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "terminated\n")
        XCTAssertTrue(r.stderr.contains("Warning (#<thread: worker>): in thread: (car) bad argument type: ()"), r.stderr)
    }

    /// Reading standard input (a pipe that stays empty for a while) parks only the reader.
    func testReadingStdinDoesNotStopOtherThreads() throws {
        let path = try script("""
            (define t (make-thread (lambda ()
              (let loop ((i 0)) (when (< i 3) (print "tick " i) (thread-sleep! 0.05) (loop (+ i 1)))))))
            (thread-start! t)
            (print "read: " (read-line))
            (thread-join! t)
            """)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["-s", path]
        let (o, i) = (Pipe(), Pipe())
        p.standardOutput = o
        p.standardInput = i
        try p.run()
        usleep(400_000)
        i.fileHandleForWriting.write("hello\n".data(using: .utf8)!)
        try i.fileHandleForWriting.close()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(out, "tick 0\ntick 1\ntick 2\nread: hello\n")
    }
}
