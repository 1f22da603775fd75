import Foundation
import SchemeCore
import TCPPrimitives
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
        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        try scheme.load(path: TCPSuiteTests.root + "/Tests/scheme/harness.scm")
        try scheme.load(path: TCPSuiteTests.root + "/Tests/scheme/tcp.scm")
        let count = try Int(scheme: try scheme.eval("%test-count"))
        XCTAssertGreaterThan(count, 100)
        for failure in try scheme.eval("(reverse %test-failures)").listToArray() ?? [] {
            let parts = failure.listToArray() ?? []
            XCTFail("tcp: \(parts.first?.displayed ?? "?"): expected \(parts.dropFirst().first?.written ?? "?"), got \(parts.last?.written ?? "?")")
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
