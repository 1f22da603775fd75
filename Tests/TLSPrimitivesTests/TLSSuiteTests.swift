import Foundation
import SchemeCore
import TCPPrimitives
@testable import TLSPrimitives
import XCTest

/// Runs Tests/scheme/tls.scm in an interpreter with the tcp and TLS units installed through
/// the public API, against certificates made for this run by make-certs.sh (the `openssl`
/// command, installed by scripts/deps.sh).
final class TLSSuiteTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func testTLSSuite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csi-swift-tls-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/bash")
        make.arguments = [TLSSuiteTests.root + "/Tests/TLSPrimitivesTests/make-certs.sh", dir]
        try make.run()
        make.waitUntilExit()
        XCTAssertEqual(make.terminationStatus, 0, "make-certs.sh failed")

        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        TLS.install(into: scheme)
        try scheme.eval("(define tls-dir \"\(dir)\") (define repo-root \"\(TLSSuiteTests.root)\")")
        try scheme.load(path: TLSSuiteTests.root + "/Tests/scheme/harness.scm")
        try scheme.load(path: TLSSuiteTests.root + "/Tests/scheme/tls.scm")
        let count = try Int(scheme: try scheme.eval("%test-count"))
        XCTAssertGreaterThanOrEqual(count, 28)
        for failure in try scheme.eval("(reverse %test-failures)").listToArray() ?? [] {
            let parts = failure.listToArray() ?? []
            XCTFail("tls.scm: \(parts.first?.displayed ?? "?"): expected \(parts.dropFirst().first?.written ?? "?"), got \(parts.last?.written ?? "?")")
        }
    }
}
