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
        let (client, server) = try runAgainstExample("server.scm", [], clientArgs: ["-s", examplesDirectory + "/client.scm"])
        XCTAssertEqual(client.status, 0, client.stderr)
        XCTAssertEqual(client.stdout, "Hello!\n")
        XCTAssertEqual(server.status, 0)
        XCTAssertEqual(server.stdout, "Good Bye!\n")
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

    /// A port for a test server: varies per process, so parallel runs do not collide, and
    /// stays below Linux's ephemeral range (32768 up), where an outgoing connection of any
    /// program may hold the same number and make the server's bind fail.
    func testPort(_ offset: Int) -> Int { 20000 + Int(getpid() % 12000) + offset }

    /// Starts `examples/NAME` with arguments, then runs `client` (Scheme, with `-e`) against it.
    func runAgainstExample(_ name: String, _ args: [String], client: String) throws -> (Result, Result) {
        try runAgainstExample(name, args, clientArgs: ["-e", client])
    }

    /// Starts `examples/NAME` with arguments, then csi-swift with `clientArgs`, retried until
    /// the server listens; returns the client's and the server's results.
    func runAgainstExample(_ name: String, _ args: [String], clientArgs: [String]) throws -> (Result, Result) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["-s", examplesDirectory + "/" + name] + args
        let out = Pipe(), err = Pipe()
        server.standardOutput = out
        server.standardError = err
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var r = Result(status: -1, stdout: "", stderr: "")
        for _ in 0..<50 {   // until the server listens (a refused client exits 70)
            r = try run(clientArgs)
            if r.status == 0 || !server.isRunning { break }
            usleep(100_000)
        }
        let serverOutput = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let serverErrors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        server.waitUntilExit()
        if r.status != 0 {
            // Say why: a server that could not start tells it on its error port.
            r = Result(status: r.status, stdout: r.stdout,
                       stderr: r.stderr + "\n[server exited \(server.terminationStatus)] " + serverErrors)
        }
        return (r, Result(status: server.terminationStatus, stdout: serverOutput, stderr: serverErrors))
    }

    func testEchoServerExample() throws {
        let port = testPort(1)
        let (r, server) = try runAgainstExample("echo-server.scm", [String(port), "2"], client: """
            (define-values (i o) (tcp-connect "localhost" \(port)))
            (define-values (i2 o2) (tcp-connect "localhost" \(port)))
            (write-line "one" o) (write-line "two" o2)
            (print (read-line i) " " (read-line i2))
            (for-each close-port (list i o i2 o2))
            """)
        XCTAssertEqual(r.stdout, "one two\n", r.stderr)
        XCTAssertEqual(server.stdout, "echo server on 127.0.0.1:\(port)\nserved 2 clients\n")
    }

    func testChatExample() throws {
        let port = testPort(2)
        let (r, _) = try runAgainstExample("chat.scm", [String(port), "2"], client: """
            (define-values (ai ao) (tcp-connect "localhost" \(port)))
            (read-line ai) (write-line "ann" ao) (print (read-line ai))
            (define-values (bi bo) (tcp-connect "localhost" \(port)))
            (read-line bi) (write-line "bob" bo) (read-line bi) (print (read-line ai))
            (write-line "hi all" bo) (print (read-line ai)) (print (read-line bi))
            (close-output-port bo) (close-input-port bi) (print (read-line ai))
            (close-output-port ao) (close-input-port ai)
            """)
        XCTAssertEqual(r.stdout, "* ann joined\n* bob joined\nbob: hi all\nbob: hi all\n* bob left\n", r.stderr)
    }

    func testHTTPGetExample() throws {
        let r = try run(["-s", examplesDirectory + "/http-get.scm"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            status:  HTTP/1.0 200 OK
            header:  Content-Type: text/html
            header:  Content-Length: 53
            body:    <html><body>You asked for /index.html</body></html>

            """)
    }
}
