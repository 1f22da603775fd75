import Foundation
import SchemeCore
import TCPPrimitives
import XCTest

/// The network capability: revoked, the units install nothing; guarded, a host's policy
/// decides which connections a script may make.
final class NetworkPolicyTests: XCTestCase {
    func testRevokedNetworkInstallsNoSockets() throws {
        let scheme = Interpreter(output: StringOutputPort())
        scheme.revoke(.network)
        TCP.install(into: scheme)
        for name in ["tcp-connect", "tcp-listen", "unix-connect", "udp-open-socket", "tcp-read-timeout"] {
            XCTAssertNil(scheme.global(name), name)
        }
        XCTAssertThrowsError(try scheme.eval("(tcp-connect \"localhost\" 80)")) { e in
            XCTAssertEqual((e as? SchemeConditionError)?.message, "unbound variable")
        }
        // Revoking after the install takes the unit's procedures away too.
        let later = Interpreter(output: StringOutputPort())
        TCP.install(into: later)
        XCTAssertNotNil(later.global("udp-open-socket"))
        later.revoke(.network)
        XCTAssertNil(later.global("udp-open-socket"))
        XCTAssertNil(later.global("tcp-accept"))
    }

    func testConnectOnlyToListedPorts() throws {
        let scheme = Interpreter(output: StringOutputPort())
        TCP.install(into: scheme)
        try scheme.eval("(define listener (tcp-listen 0 4 \"127.0.0.1\")) (define allowed (tcp-listener-port listener))")
        let allowedPort = try Int(scheme: scheme.eval("allowed"))
        scheme.guardProcedure("tcp-connect") { args in
            args.count == 2 && (try? String(scheme: args[0])) == "127.0.0.1" && (try? Int(scheme: args[1])) == allowedPort
        }
        // The allowed connection works, waits and all.
        XCTAssertEqual(try scheme.eval("""
            (define-values (i o) (tcp-connect "127.0.0.1" allowed))
            (define-values (si so) (tcp-accept listener))
            (write-line "hi" o) (read-line si)
            """).written, #""hi""#)
        let refused = try scheme.eval("""
            (map (lambda (args) (handle-exceptions e ((condition-property-accessor 'exn 'message) e)
                                   (apply tcp-connect args) 'connected))
                 (list (list "127.0.0.1" (+ allowed 1)) (list "example.org" 80) (list "127.0.0.1:80")))
            """)
        XCTAssertEqual(refused.written.components(separatedBy: "access denied").count - 1, 3, refused.written)
    }
}
