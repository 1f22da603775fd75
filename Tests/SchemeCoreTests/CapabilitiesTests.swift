import Foundation
import XCTest
@testable import SchemeCore

/// Revoked capabilities (Embedding/Capabilities.swift): every procedure of one is unbound,
/// the others stay, and the policies a host puts in front of procedures and source files
/// hold.
final class CapabilitiesTests: XCTestCase {
    private let everything: [(Capabilities, [String])] = [
        (.files, ["open-input-file", "with-output-to-file", "load", "delete-file", "file-exists?", "directory",
                  "file-open", "create-directory", "find-files", "load-relative", "%open-source", "%file-lock"]),
        (.processes, ["process-run", "system", "process", "open-input-pipe", "process-fork", "%process-fork",
                      "set-signal-handler!", "process-signal"]),
        (.environment, ["get-environment-variable", "set-environment-variable!", "current-directory",
                        "change-directory", "current-user-name", "executable-pathname", "argv"]),
        (.exit, ["exit", "emergency-exit"]),
    ]

    private func message(_ scheme: Interpreter, _ code: String) throws -> String {
        try String(scheme: scheme.eval("(handle-exceptions e ((condition-property-accessor 'exn 'message) e) \(code))"))
    }

    func testEachCapabilityRemovedAlone() throws {
        for (capability, names) in everything {
            let (scheme, _) = makeInterpreter()
            scheme.revoke(capability)
            XCTAssertEqual(scheme.revoked, capability)
            for name in names {
                XCTAssertNil(scheme.global(name), name)
                XCTAssertTrue(scheme.isRevoked(name), name)
                // Unbound, not a stub: the error a script sees is CHICKEN's.
                XCTAssertEqual(try message(scheme, "(\(name))"), "unbound variable", name)
            }
            // The other capabilities' procedures are still there.
            for (other, otherNames) in everything where other != capability {
                for name in otherNames where !names.contains(name) {
                    XCTAssertNotNil(scheme.global(name), "\(name) after revoking \(capability)")
                }
            }
            // Computing goes on: the library, modules, ports to strings.
            XCTAssertEqual(try scheme.written("""
                (import (chicken string) (chicken file))
                (list (string-intersperse '("a" "b") "-") (with-output-to-string (lambda () (display 42))))
                """), #"("a-b" "42")"#)
        }
    }

    func testAllRevokedAndImportsStillUnbound() throws {
        let (scheme, _) = makeInterpreter()
        scheme.revoke(.all)
        XCTAssertEqual(try message(scheme, "(begin (import (chicken process)) (system \"true\"))"), "unbound variable")
        XCTAssertEqual(try message(scheme, "(begin (import (chicken process-context)) (get-environment-variable \"HOME\"))"),
                       "unbound variable")
        XCTAssertEqual(try message(scheme, "(exit 3)"), "unbound variable")
        XCTAssertEqual(try scheme.written("(command-line-arguments)"), "()")
        // A script's own definition of a revoked name is its own business.
        XCTAssertEqual(try scheme.written("(define (exit . _) 'not-really) (exit)"), "not-really")
    }

    func testSourceFilesObeyTheFilePolicy() throws {
        let dir = NSTemporaryDirectory() + "capabilities-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "(define included 1)".write(toFile: dir + "/inc.scm", atomically: true, encoding: .utf8)
        let (scheme, _) = makeInterpreter()
        scheme.sourceFilePolicy = { $0.hasPrefix(dir + "/") }
        XCTAssertEqual(try scheme.written("(include \"\(dir)/inc.scm\") included"), "1")
        XCTAssertEqual(try message(scheme, "(load \"/etc/hostname\")"), "file access is not allowed")
        XCTAssertEqual(try message(scheme, "(eval '(include \"/etc/hostname\"))"), "file access is not allowed")
        let revoked = makeInterpreter().0
        revoked.revoke(.files)
        XCTAssertEqual(try message(revoked, "(eval '(include \"\(dir)/inc.scm\"))"), "file access is not allowed")
        // The host's own calls are not the script's: it may still load.
        try revoked.load(path: dir + "/inc.scm")
        XCTAssertEqual(try revoked.written("included"), "1")
    }

    func testGuardedProcedure() throws {
        let (scheme, out) = makeInterpreter()
        scheme.guardProcedure("display") { args in
            guard case .string(let s) = args[0] else { return true }
            return !s.string.contains("secret")
        }
        try scheme.eval("(display \"hello\")")
        XCTAssertEqual(out.contents(), "hello")
        XCTAssertThrowsError(try scheme.eval("(display \"the secret\")")) { e in
            XCTAssertEqual((e as? SchemeConditionError)?.kinds, ["exn", "access"])
            XCTAssertEqual((e as? SchemeConditionError)?.message, "access denied")
        }
        XCTAssertEqual(try scheme.written("(handle-exceptions e 'refused (display \"secret\"))"), "refused")
        XCTAssertEqual(out.contents(), "hello")
    }

    func testFilesOnlyUnderADirectory() throws {
        let dir = NSTemporaryDirectory() + "confined-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scheme, _) = makeInterpreter()
        scheme.restrictFiles(to: dir)
        XCTAssertEqual(try scheme.written("""
            (import (chicken file) (chicken file posix))
            (with-output-to-file "\(dir)/note" (lambda () (display "kept")))
            (list (with-input-from-file "\(dir)/./note" read-line) (file-exists? "\(dir)/note"))
            """), #"("kept" "\#(dir)/note")"#)
        for code in ["(with-input-from-file \"/etc/hostname\" read-line)",
                     "(open-input-file \"\(dir)/../escape\")",
                     "(file-exists? \"/etc\")",
                     "(delete-file \"etc/hostname\")",
                     "(create-symbolic-link \"/etc/passwd\" \"\(dir)/link\")",
                     "(rename-file \"\(dir)/note\" \"/tmp/stolen-\(getpid())\")",
                     "(load \"/etc/hostname\")"] {
            XCTAssertEqual(try message(scheme, code), "access denied", code)
        }
        XCTAssertEqual(try message(scheme, "(eval '(include \"/etc/hostname\"))"), "file access is not allowed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/note"))
    }
}
