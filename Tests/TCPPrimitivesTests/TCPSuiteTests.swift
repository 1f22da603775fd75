import Foundation
import SchemeCore
@testable import TCPPrimitives
import XCTest

/// Runs Tests/scheme/tcp.scm (the tcp unit against CHICKEN's measured behaviour) in an
/// interpreter that has the unit installed through the public API only.
final class TCPSuiteTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func testTCPSuite() throws {
        try runSuite("tcp.scm", atLeast: 100)
    }

    /// A thread parked on a socket while another closes, abandons or reuses it.
    func testInterleavings() throws {
        try runSuite("tcp-interleavings.scm", atLeast: 10)
    }

    /// Silent, non-reading and half-closing peers; descriptors after many connections.
    func testPeerFaults() throws {
        try runSuite("tcp-faults.scm", atLeast: 4)
    }

    /// Unix-domain sockets: every procedure, its errors and timeouts.
    func testUnixSockets() throws {
        try runSuite("unix.scm", atLeast: 19)
    }

    /// UDP sockets: every procedure, its errors and the receive timeout.
    func testUDP() throws {
        try runSuite("udp.scm", atLeast: 20)
    }

    /// Two forked processes answering on one port (tcp-reuse-port).
    func testPrefork() throws {
        try runSuite("prefork.scm", atLeast: 2)
    }

    private func runSuite(_ file: String, atLeast minimum: Int) throws {
        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        try scheme.load(path: TCPSuiteTests.root + "/Tests/scheme/harness.scm")
        try scheme.load(path: TCPSuiteTests.root + "/Tests/scheme/" + file)
        let count = try Int(scheme: try scheme.eval("%test-count"))
        XCTAssertGreaterThanOrEqual(count, minimum)
        for failure in try scheme.eval("(reverse %test-failures)").listToArray() ?? [] {
            let parts = failure.listToArray() ?? []
            XCTFail("\(file): \(parts.first?.displayed ?? "?"): expected \(parts.dropFirst().first?.written ?? "?"), got \(parts.last?.written ?? "?")")
        }
    }

    func testInstallBindsAllSixteenNames() throws {
        let scheme = Interpreter(output: StringOutputPort())
        let names = ["tcp-listen", "tcp-listener?", "tcp-close", "tcp-accept", "tcp-accept-ready?", "tcp-listener-port",
                     "tcp-listener-fileno", "tcp-connect", "tcp-addresses", "tcp-port-numbers", "tcp-abandon-port",
                     "tcp-buffer-size", "tcp-read-timeout", "tcp-write-timeout", "tcp-connect-timeout", "tcp-accept-timeout"]
        for n in names { XCTAssertNil(scheme.global(n), n) }
        TCP.install(into: scheme)
        for n in names { XCTAssertNotNil(scheme.global(n), n) }
    }
}

/// A peer that resets the connection (SO_LINGER 0), made with raw sockets from Swift.
final class TCPResetTests: XCTestCase {
    func testConnectionResetByPeer() throws {
        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        let port = try Int(scheme: scheme.eval(#"(define l (tcp-listen 0 10 "127.0.0.1")) (tcp-listener-port l)"#))
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        XCTAssertEqual(rc, 0)
        try scheme.eval("(define-values (i o) (tcp-accept l))")
        let text = Array("hello from swift\n".utf8)
        _ = text.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        XCTAssertEqual(try scheme.eval("(read-line i)").displayed, "hello from swift")
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
        usleep(50_000)
        let reset = try scheme.eval("""
            (handle-exceptions e (list ((condition-property-accessor 'exn 'message) e)
                                       (map car (condition->list e)))
              (read-char i))
            """)
        XCTAssertEqual(reset.written, #"("cannot read from socket - Connection reset by peer" (exn i/o net network))"#)
        XCTAssertEqual(try scheme.eval("(read-char i)").written, "#!eof")
        let pipe = try scheme.eval("""
            (handle-exceptions e ((condition-property-accessor 'exn 'message) e) (write-line "x" o) 'no-error)
            """)
        XCTAssertEqual(pipe.displayed, "cannot write to socket - Broken pipe")
    }
}

/// Name lookups run on their own OS thread; a lookup that hangs must neither outlast the
/// connect timeout nor stop the other green threads.
final class HangingLookupTests: XCTestCase {
    func testConnectTimeoutCoversAHangingLookup() throws {
        let saved = Lookup.resolve
        Lookup.resolve = { _, _ in usleep(3_000_000); return [] }
        defer { Lookup.resolve = saved }
        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        let result = try scheme.eval("""
            (define ticks 0)
            (define ticker (thread-start! (make-thread (lambda () (let loop () (thread-sleep! 0.02) (set! ticks (+ ticks 1)) (loop))))))
            (define start (current-milliseconds))
            (define message
              (parameterize ((tcp-connect-timeout 300))
                (handle-exceptions e ((condition-property-accessor 'exn 'message) e)
                  (tcp-connect "hangs.invalid" 80))))
            (thread-terminate! ticker)
            (list message (- (current-milliseconds) start) ticks)
            """).listToArray() ?? []
        XCTAssertEqual(result.first?.displayed, "connect operation timed out")
        let elapsed = try Int(scheme: result[1])
        XCTAssertGreaterThanOrEqual(elapsed, 280)
        XCTAssertLessThan(elapsed, 2000, "the 3 s lookup, not the 300 ms timeout, decided")
        XCTAssertGreaterThan(try Int(scheme: result[2]), 5, "other green threads ran during the lookup")
    }
}
