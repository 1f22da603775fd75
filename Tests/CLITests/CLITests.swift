import Foundation
import XCTest

/// End-to-end tests of the `csi-swift` executable: exit statuses and error reports.
final class CLITests: XCTestCase {
    static let binary: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let root = url.path
        for config in ["debug", "release"] {
            let p = root + "/.build/\(config)/csi-swift"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return root + "/.build/debug/csi-swift"
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    /// Runs csi-swift (or `executable`) with `args`, feeding `stdin`; `environment` replaces
    /// the environment when given.
    func run(_ args: [String], stdin: String = "", environment: [String: String]? = nil,
             executable: String = CLITests.binary) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let environment { p.environment = environment }
        let (o, e, i) = (Pipe(), Pipe(), Pipe())
        p.standardOutput = o
        p.standardError = e
        p.standardInput = i
        try p.run()
        i.fileHandleForWriting.write(stdin.data(using: .utf8)!)
        try i.fileHandleForWriting.close()
        let out = o.fileHandleForReading.readDataToEndOfFile()
        let err = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    func script(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "csi-swift-test-\(UUID().uuidString).scm"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testScriptRunsAndSeesArguments() throws {
        let path = try script("(print (command-line-arguments)) (print (program-name))")
        let r = try run(["-s", path, "a", "b"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "(a b)\n\(path)\n")
    }

    func testUncaughtErrorExits70WithLocation() throws {
        let path = try script("(define (f x)\n  (car x))\n(f 5)\n")
        let r = try run(["-s", path])
        XCTAssertEqual(r.status, 70)
        XCTAssertEqual(r.stderr, "\nError: (car) bad argument type: 5\n\tat \(path):2:3\n")
    }

    func testReadErrorExits70() throws {
        let path = try script("(display 1")
        let r = try run(["-s", path])
        XCTAssertEqual(r.status, 70)
        XCTAssertTrue(r.stderr.contains("unterminated list"), r.stderr)
    }

    func testExitStatus() throws {
        XCTAssertEqual(try run(["-e", "(exit 3)"]).status, 3)
        XCTAssertEqual(try run(["-e", "(exit 256)"]).status, 0)
        XCTAssertEqual(try run(["-e", "(exit)"]).status, 0)
        // As in csi, arguments after the status are ignored.
        XCTAssertEqual(try run(["-e", "(exit 3 4)"]).status, 3)
        XCTAssertEqual(try run(["-e", "(emergency-exit 5 6)"]).status, 5)
        XCTAssertEqual(try run(["-e", "(on-exit (lambda () (print 'bye))) (emergency-exit 4)"]).status, 4)
        XCTAssertEqual(try run(["-e", "(on-exit (lambda () (print 'bye))) (emergency-exit 4)"]).stdout, "")
        XCTAssertEqual(try run(["-e", "(on-exit (lambda () (print 'bye))) (exit 2)"]).stdout, "bye\n")
        let handled = try run(["-e", "(exit-handler (lambda (n) (print \"handler \" n) (emergency-exit 9))) (exit 3)"])
        XCTAssertEqual(handled.status, 9)
        XCTAssertEqual(handled.stdout, "handler 3\n")
        let bad = try run(["-e", "(exit #t)"])
        XCTAssertEqual(bad.status, 70)
        XCTAssertTrue(bad.stderr.contains("not a fixnum"), bad.stderr)
    }

    /// As in csi, the finalizers of unreachable objects run when the program ends, after the
    /// `on-exit` thunks, unless `force-finalizers` is false; a reachable object keeps its own.
    func testFinalizersRunAtExit() throws {
        let program = """
            (define kept (list 'kept))
            (set-finalizer! kept (lambda (o) (print "wrong")))
            (set-finalizer! (list 'gone) (lambda (o) (print "finalized " o)))
            (on-exit (lambda () (print "exit thunk")))
            """
        let path = try script(program)
        XCTAssertEqual(try run(["-s", path]).stdout, "exit thunk\nfinalized (gone)\n")
        XCTAssertEqual(try run(["-e", "(force-finalizers #f)", "-s", path]).stdout, "exit thunk\n")
        XCTAssertEqual(try run(["-e", "(set-finalizer! (vector 1) print) (exit 3)"]).stdout, "#(1)\n")
    }

    func testEvalAndPrint() throws {
        let r = try run(["-p", "(+ 1 2)", "-p", "(values 1 \"a\")"])
        XCTAssertEqual(r.stdout, "3\n1\na\n")
        XCTAssertEqual(try run(["-e", "(display 'hi)"]).stdout, "hi")
    }

    func testStdinIsEvaluatedWithoutPrompt() throws {
        let r = try run(["-q"], stdin: "(+ 1 2)\n\"s\"\n(values 1 2)\n(car '())\n(print \"after\")\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "3\n\"s\"\n1\n2\n; 2 values\nafter\n\n")
        XCTAssertTrue(r.stderr.contains("Error: (car) bad argument type: ()"), r.stderr)
    }

    /// Piped input gets csi's REPL but for the prompt: "; no values", comma commands (their
    /// argument is the rest of the line), and an unknown command leaves its line's rest as input.
    func testStdinTakesCommaCommandsAndPrintsNoValues() throws {
        let r = try run(["-q"], stdin: "(values)\n,p (list 1\n 2)\n,d 42\n,zz (+ 2 3)\n,q\n(print \"not reached\")\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "; no values\n(1 2)\nexact immediate integer 42\n  #x2a\n  #o52\n  #b101010, character #\\*\n"
                       + "undefined toplevel command (unquote zz) - enter `,?' for help\n5\n\n")
    }

    /// As in csi, the newline after a datum typed at the REPL is consumed: `(read-line)`
    /// reads the next line, not the empty rest of its own.
    func testStdinDatumConsumesItsNewline() throws {
        let r = try run(["-q"], stdin: "(read-line)\nrest of line\n(+ 1 2) (+ 3 4)\n(read-char)\nx\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "\"rest of line\"\n3\n7\n#\\x\n\n")
    }

    /// csi's REPL sets `load-verbose`, so `load` there says what it loads; a script's does not.
    func testLoadAtTheReplSaysWhatItLoads() throws {
        let lib = try script("(define loaded-x 1)")
        let r = try run(["-q"], stdin: "(load \"\(lib)\")\nloaded-x\n(load-verbose #f)\n(load \"\(lib)\")\n")
        XCTAssertEqual(r.stdout, "; loading \(lib) ...\n1\n#f\n\n")
        let s = try script("(load \"\(lib)\") (print loaded-x (load-verbose))")
        XCTAssertEqual(try run(["-s", s]).stdout, "1#f\n")
    }

    func testInvalidOption() throws {
        let r = try run(["-zz"])
        XCTAssertEqual(r.status, 70)
        XCTAssertEqual(r.stderr, "Error: invalid option: \"-zz\"\n")
    }

    func testHelp() throws {
        let r = try run(["-h"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("usage: csi-swift"))
    }
}
