import Foundation
import XCTest

/// The interactive REPL, driven through a pseudo-terminal by Tests/CLITests/pty/drive.py.
final class ReplTests: XCTestCase {
    static let driver: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        return url.appendingPathComponent("pty/drive.py").path
    }()

    /// A fresh HOME (for the history file and init file).
    func makeHome() throws -> String {
        let dir = NSTemporaryDirectory() + "csi-swift-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs the REPL with `steps` (text to type, seconds to wait before typing it); returns
    /// the transcript and the exit status.
    func session(_ steps: [(String, Double)], args: [String] = ["-q"], home: String? = nil) throws -> (String, String) {
        let h = try home ?? makeHome()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", ReplTests.driver, CLITests.binary, h]
        let (i, o) = (Pipe(), Pipe())
        p.standardInput = i
        p.standardOutput = o
        try p.run()
        let spec: [String: Any] = ["args": args, "steps": steps.map { [$0.0, $0.1] }]
        i.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: spec))
        try i.fileHandleForWriting.close()
        let text = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        let status = lines.popLast() ?? ""
        return (lines.joined(separator: "\n"), status)
    }

    let ctrlC = "\u{3}", ctrlD = "\u{4}"

    func testPromptValuesAndErrors() throws {
        let (t, status) = try session([
            ("(+ 1 2)\r", 0.5), ("\"hello\"\r", 0.2), ("(values 1 2 3)\r", 0.2), ("(values)\r", 0.2),
            ("(if #f #f)\r", 0.2), ("(car '())\r", 0.2), ("(vector 1 2)\r", 0.2), (ctrlD, 0.2),
        ])
        XCTAssertEqual(status, "EXIT 0")
        for expected in ["#;1> (+ 1 2)\n3\n", "#;2> \"hello\"\n\"hello\"\n", "#;3> (values 1 2 3)\n1\n2\n3\n; 3 values\n",
                         "#;4> (values)\n; no values\n", "#;5> (if #f #f)\n#;6> (car '())\n",
                         "Error: (car) bad argument type: ()\n", "#;6> (vector 1 2)\n#(1 2)\n#;7> "] {
            XCTAssertTrue(t.contains(expected), "missing \(expected.debugDescription) in:\n\(t)")
        }
    }

    /// csi's (chicken repl) parameter: the REPL shows what its procedure answers.
    func testReplPromptIsSettable() throws {
        let (t, status) = try session([
            ("(repl-prompt (lambda () \"my> \"))\r", 0.5), ("(+ 1 2)\r", 0.3), (ctrlD, 0.2),
        ])
        XCTAssertEqual(status, "EXIT 0")
        XCTAssertTrue(t.contains("#;1> (repl-prompt"), t)
        XCTAssertTrue(t.contains("my> (+ 1 2)\n3\nmy> "), t)
    }

    func testBannerWithoutQuiet() throws {
        let (t, status) = try session([(ctrlD, 0.5)], args: [])
        XCTAssertEqual(status, "EXIT 0")
        XCTAssertTrue(t.hasPrefix("CSI-Swift\nVersion "), t)
        XCTAssertTrue(t.contains("Type ,? for help.\n#;1> "), t)
    }

    func testMultiLineInput() throws {
        let (t, _) = try session([("(define (f x)\r", 0.5), ("  (* x 2))\r", 0.2), ("(f 21)\r", 0.2), (ctrlD, 0.2)])
        XCTAssertTrue(t.contains("#;2> (f 21)\n42\n"), t)
    }

    func testHistoryIsSavedAndReloaded() throws {
        let home = try makeHome()
        _ = try session([("(define remembered 'yes)\r", 0.5), (ctrlD, 0.2)], home: home)
        let saved = try String(contentsOfFile: home + "/.csi-swift_history", encoding: .utf8)
        XCTAssertTrue(saved.contains("(define remembered 'yes)"), saved)
        // Up-arrow recalls the line from the previous session.
        let (t, _) = try session([("\u{1b}[A\r", 0.5), ("remembered\r", 0.2), (ctrlD, 0.2)], home: home)
        XCTAssertTrue(t.contains("#;1> (define remembered 'yes)\n#;2> remembered\nyes\n"), t)
    }

    func testTabCompletesBoundNames() throws {
        let (t, _) = try session([("(define completion-target-xyz 5)\r", 0.5), ("completion-tar\t\r", 0.3), (ctrlD, 0.2)])
        XCTAssertTrue(t.contains("#;2> completion-target-xyz \n5\n"), t)
    }

    func testCtrlCInterruptsAnEvaluationAndClearsALine() throws {
        let (t, status) = try session([
            ("(let loop () (loop))\r", 0.5), (ctrlC, 0.5), ("(+ 1 1)\r", 0.5),
            ("(display \"half-typed", 0.2), (ctrlC, 0.3), ("(+ 2 2)\r", 0.3), (ctrlD, 0.2),
        ])
        XCTAssertEqual(status, "EXIT 0")
        XCTAssertTrue(t.contains("*** user interrupt ***\n#;1> (+ 1 1)\n2\n"), t)
        XCTAssertTrue(t.contains("#;2> (+ 2 2)\n4\n"), t)
    }

    func testExitStatusFromTheRepl() throws {
        let (_, status) = try session([("(exit 3)\r", 0.5)])
        XCTAssertEqual(status, "EXIT 3")
    }

    /// A server started at the prompt answers while the prompt waits for input.
    func testBackgroundServerAnswersWhilePromptIsIdle() throws {
        let port = 20000 + Int(getpid() % 12000) + 500  // below the ephemeral range, as testPort
        let client = "\(CLITests.binary) -e '(define-values (i o) (tcp-connect \"localhost\" \(port))) (write-line \"ping\" o) (print (read-line i))'"
        let (t, status) = try session([
            ("""
             (define (serve) (let ((l (tcp-listen \(port) 10 "127.0.0.1"))) (let loop () (receive (i o) (tcp-accept l) \
             (write-line (string-append "echo: " (read-line i)) o) (close-port i) (close-port o)) (loop))))\r
             """, 0.5),
            ("(thread-start! (make-thread serve 'server))\r", 0.3),
            ("!run " + client, 0.5),
            ("(+ 1 1)\r", 0.3), (ctrlD, 0.3),
        ])
        XCTAssertEqual(status, "EXIT 0")
        XCTAssertTrue(t.contains("echo: ping"), t)
        XCTAssertTrue(t.contains("(+ 1 1)\n2\n"), t)
    }

    func testCommaCommands() throws {
        let file = NSTemporaryDirectory() + "csi-swift-ln-\(UUID().uuidString).scm"
        try "(define loaded-val 11)\n(+ 1 2)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let (t, status) = try session([
            (",ln \(file)\r", 0.5), (",l \(file)\r", 0.2), ("loaded-val\r", 0.2),
            (",?\r", 0.2), (",d 42\r", 0.2), (",p (list 1 2)\r", 0.2), (",du \"hello\"\r", 0.2),
            ("(car 5)\r", 0.2), (",exn\r", 0.2), (",zz\r", 0.2), (",zz (+ 40 2)\r", 0.2), (",q\r", 0.2),
        ])
        XCTAssertEqual(status, "EXIT 0")
        for expected in ["Toplevel commands:", " ,q                Quit interpreter",
                         "exact immediate integer 42\n  #x2a\n  #o52\n  #b101010, character #\\*", "(1 2)\n",
                         "   0: 68 65 6c 6c 6f", "condition: (exn type)\n exn\n\tmessage: \"bad argument type\"",
                         "undefined toplevel command (unquote zz) - enter `,?' for help",
                         "undefined toplevel command (unquote zz) - enter `,?' for help\n42\n",
                         "(define loaded-val 11)\n==> #<unspecified>\n(+ 1 2)\n==> 3\n", "loaded-val\n11\n"] {
            XCTAssertTrue(t.contains(expected), "missing \(expected.debugDescription) in:\n\(t)")
        }
    }
}
