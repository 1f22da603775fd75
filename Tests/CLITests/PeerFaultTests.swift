import Foundation
import XCTest

/// Peers that misbehave and a process out of descriptors, against the real executable
/// (issue 12, item 5). Clients are raw sockets from Swift, so they can reset connections.
extension CLITests {
    /// A blocking loopback client socket connected to `port`, or -1.
    func rawClient(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if rc != 0 { close(fd); return -1 }
        var tv = timeval(tv_sec: 5, tv_usec: 0)   // no read in these tests may hang
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    func sendText(_ fd: Int32, _ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What arrives until `count` bytes came or the peer closed (or 5 s passed).
    func receiveText(_ fd: Int32, _ count: Int) -> String {
        var got: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while got.count < count {
            let n = recv(fd, &buf, buf.count, 0)
            if n <= 0 { break }
            got += buf[0..<n]
        }
        return String(decoding: got, as: UTF8.self)
    }

    /// Closes with a reset (SO_LINGER 0) instead of a FIN.
    func resetClose(_ fd: Int32) {
        var l = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
        close(fd)
    }

    func openDescriptors(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    /// Starts a server script; returns the process once it printed its first line.
    func startServer(_ args: [String], limit: Int? = nil) throws -> (Process, Pipe) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/bash")
        let ulimit = limit.map { "ulimit -n \($0); " } ?? ""
        server.arguments = ["-c", ulimit + "exec \"$0\" \"$@\"", CLITests.binary] + args
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        _ = readLine(out)
        return (server, out)
    }

    /// One line of a child's output (blocking).
    func readLine(_ pipe: Pipe) -> String {
        var bytes: [UInt8] = []
        while true {
            let d = pipe.fileHandleForReading.readData(ofLength: 1)
            if d.isEmpty || d.first == 10 { break }
            bytes += d
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Clients that reset mid-request end only their own worker, and none leaks a
    /// descriptor or a thread: the server's fd count is the same after 50 resets.
    func testEchoServerSurvivesResetsWithoutLeaking() throws {
        let port = testPort(11)
        let (server, _) = try startServer(["-s", examplesDirectory + "/echo-server.scm", String(port)])
        defer { server.terminate(); server.waitUntilExit() }
        func echo() -> String {
            let fd = rawClient(port)
            defer { close(fd) }
            sendText(fd, "ping\n")
            return receiveText(fd, 5)
        }
        XCTAssertEqual(echo(), "ping\n")
        usleep(100_000)
        let before = openDescriptors(server.processIdentifier)
        for _ in 0..<50 {
            let fd = rawClient(port)
            sendText(fd, "half a requ")
            resetClose(fd)
        }
        XCTAssertEqual(echo(), "ping\n")
        usleep(300_000)
        XCTAssertEqual(openDescriptors(server.processIdentifier), before)
        XCTAssertTrue(server.isRunning)
    }

    /// Out of descriptors at accept (EMFILE): the server gets the error once, does not spin
    /// while the limit lasts (its accept times out normally), and serves again once
    /// descriptors are free (libuv's test-emfile).
    func testAcceptOutOfDescriptorsDoesNotSpinAndRecovers() throws {
        let port = testPort(12)
        let path = try script("""
            (tcp-accept-timeout 1000)
            (define l (tcp-listen \(port) 10 "127.0.0.1"))
            (define hoard (let loop ((ps '()))
                            (let ((p (handle-exceptions e #f (open-input-file "/dev/null"))))
                              (if p (loop (cons p ps)) ps))))
            (print "listening") (flush-output)
            (define errors '())
            (define (accept-noting)
              (handle-exceptions e
                  (begin (set! errors (cons ((condition-property-accessor 'exn 'message) e) errors))
                         (if ((condition-predicate 'timeout) e) 'timed-out (accept-noting)))
                (tcp-accept l)))
            (accept-noting)                  ; a client comes while no descriptor is free
            (for-each close-input-port hoard)
            (print "freed") (flush-output)
            (tcp-accept-timeout 5000)
            (receive (i o) (tcp-accept l) (write-line (read-line i) o) (close-port i) (close-port o))
            (print (reverse errors))
            """)
        let (server, out) = try startServer(["-s", path], limit: 64)
        defer { if server.isRunning { server.terminate() } }
        let first = rawClient(port)
        XCTAssertGreaterThanOrEqual(first, 0)
        XCTAssertEqual(receiveText(first, 1), "", "the pending connection is dropped, not left hanging")
        close(first)
        XCTAssertEqual(readLine(out), "freed")
        let second = rawClient(port)
        sendText(second, "served\n")
        XCTAssertEqual(receiveText(second, 7), "served\n")
        close(second)
        XCTAssertEqual(readLine(out), #"(could not accept from listener - Too many open files accept operation timed out)"#)
        server.waitUntilExit()
        XCTAssertEqual(server.terminationStatus, 0)
    }
}
