import Foundation
import XCTest

/// Each of csi's command-line options, and the invalid ones.
extension CLITests {
    func testVersionAndRelease() throws {
        for flag in ["-v", "-version"] {
            let r = try run([flag, "-p", "1"])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix("CSI-Swift\nVersion "), r.stdout)
            XCTAssertFalse(r.stdout.contains("\n1\n"))
        }
        XCTAssertEqual(try run(["-release"]).stdout, "0.2.0\n")
        XCTAssertTrue(try run(["-help"]).stdout.hasPrefix("usage: csi-swift"))
        XCTAssertTrue(try run(["--help"]).stdout.hasPrefix("usage: csi-swift"))
    }

    func testInvalidOptions() throws {
        for (args, message) in [(["-x"], "invalid option: \"-x\""), (["-zq"], "invalid option: \"-zq\""),
                                (["-s"], "missing or invalid script argument"), (["-ss", "-q"], "missing or invalid script argument"),
                                (["-D"], "missing argument to command-line option: \"-D\""),
                                (["-p"], "(cadr) bad argument type: ()")] {
            let r = try run(args)
            XCTAssertEqual(r.status, 70, "\(args)")
            XCTAssertEqual(r.stderr, "Error: \(message)\n", "\(args)")
        }
    }

    func testEvalPrintAndPrettyPrint() throws {
        XCTAssertEqual(try run(["-e", "(print 'a)", "-eval", "(print 'b)"]).stdout, "a\nb\n")
        XCTAssertEqual(try run(["-print", "(+ 1 2) (+ 3 4)"]).stdout, "3\n7\n")
        XCTAssertEqual(try run(["-p", "(if #f #f)"]).stdout, "#<unspecified>\n")
        XCTAssertEqual(try run(["-p", "(values)"]).stdout, "")
        XCTAssertEqual(try run(["-P", "'(a b)", "-pretty-print", "1"]).stdout, "(a b)\n1\n")
        XCTAssertEqual(try run(["-e", "(print 'a)", "--", "-e", "(print 'b)"]).stdout, "a\n")
    }

    func testFeaturesCaseAndKeywords() throws {
        XCTAssertEqual(try run(["-D", "myfeat", "-p", "(cond-expand (myfeat 'yes) (else 'no))"]).stdout, "yes\n")
        XCTAssertEqual(try run(["-feature", "f2", "-p", "(cond-expand (f2 'yes) (else 'no))"]).stdout, "yes\n")
        XCTAssertEqual(try run(["-no-feature", "csi", "-p", "(cond-expand (csi 'yes) (else 'no))"]).stdout, "no\n")
        XCTAssertEqual(try run(["-i", "-p", "(eq? 'ABC 'abc)"]).stdout, "#t\n")
        XCTAssertEqual(try run(["-case-insensitive", "-p", "(eq? 'ABC 'abc)"]).stdout, "#t\n")
        XCTAssertEqual(try run(["-p", "(eq? 'ABC 'abc)"]).stdout, "#f\n")
        let probe = "(list (keyword? 'foo:) (keyword? ':foo) (keyword? '#:foo))"
        XCTAssertEqual(try run(["-p", probe]).stdout, "(#t #f #t)\n")
        XCTAssertEqual(try run(["-keyword-style", "prefix", "-p", probe]).stdout, "(#f #t #t)\n")
        XCTAssertEqual(try run(["-K", "none", "-p", probe]).stdout, "(#f #f #t)\n")
    }

    func testRequireAndIncludePath() throws {
        let dir = NSTemporaryDirectory() + "csi-swift-inc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "(define incval 99)".write(toFile: dir + "/inc.scm", atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["-I", dir, "-p", "(begin (include \"inc.scm\") incval)"]).stdout, "99\n")
        XCTAssertEqual(try run(["-include-path", dir, "-p", "(begin (include \"inc.scm\") incval)"]).stdout, "99\n")
        XCTAssertEqual(try run(["-p", "(begin (include \"inc.scm\") incval)"]).status, 70)
        XCTAssertEqual(try run(["-R", "chicken.string", "-p", "1"]).stdout, "1\n")
        let bad = try run(["-require-extension", "no-such-lib", "-p", "1"])
        XCTAssertEqual(bad.status, 70)
        XCTAssertTrue(bad.stderr.contains("cannot import from undefined module"), bad.stderr)
    }

    func testQuietBatchAndCombinedFlags() throws {
        let file = try script("(print \"loaded\")")
        let r = try run(["-qb", file])
        XCTAssertEqual(r.stdout, "loaded\n")
        XCTAssertEqual(try run(["-q", "-batch", file]).stdout, "loaded\n")
        let banner = try run(["-b", file])
        XCTAssertTrue(banner.stdout.hasPrefix("CSI-Swift\n") && banner.stdout.hasSuffix("loaded\n"), banner.stdout)
        XCTAssertEqual(try run(["-quiet", "-no-warnings", "-b", file]).stdout, "loaded\n")
        XCTAssertTrue(try run(["-w", "-b"]).stdout.hasPrefix("Warnings are disabled\n"))
        XCTAssertTrue(try run(["-i", "-b"]).stdout.hasPrefix("Identifiers and symbols are case insensitive\n"))
        XCTAssertTrue(try run(["-no-parentheses-synonyms", "-no-symbol-escape", "-b"]).stdout
            .hasPrefix("Disabled support for parentheses synonyms\nDisabled support for escaped symbols\n"))
        XCTAssertTrue(try run(["-r5rs-syntax", "-b"]).stdout.hasPrefix("Disabled the CHICKEN extensions to R5RS syntax\n"))
        XCTAssertEqual(try run(["-setup-mode", "-p", "1"]).stdout, "1\n")
        // Files given without -s are loaded before the REPL (here: stdin, empty).
        XCTAssertEqual(try run(["-q", file]).stdout, "loaded\n\n")
    }

    func testScriptModes() throws {
        let main = try script("(print \"top\") (define (main args) (print \"main \" args) 7)")
        let ss = try run(["-ss", main, "a", "b"])
        XCTAssertEqual(ss.stdout, "top\nmain (a b)\n")
        XCTAssertEqual(ss.status, 7)
        XCTAssertEqual(try run(["-s", main, "x"]).status, 0)
        XCTAssertEqual(try run(["-script", main]).stdout, "top\n")
        let sx = try run(["-sx", try script("(define x (+ 1 2))\n(print x)\n")])
        XCTAssertEqual(sx.stdout, "3\n")
        XCTAssertEqual(sx.stderr, "\n; (define x (+ 1 2))\n\n; (print x)\n")
        let args = try run(["-qs", try script("(print (command-line-arguments))"), "x", "-b", "--y"])
        XCTAssertEqual(args.stdout, "(x -b --y)\n")
        XCTAssertEqual(try run(["-p", "(cond-expand (chicken-script 'yes) (else 'no))"]).stdout, "no\n")
        XCTAssertEqual(try run(["-s", try script("(print (cond-expand (chicken-script 'yes) (else 'no)))")]).stdout, "yes\n")
        let missing = try run(["-s", "/no/such/script.scm"])
        XCTAssertEqual(missing.status, 70)
    }

    func testShebangScriptIsExecutable() throws {
        let path = NSTemporaryDirectory() + "csi-swift-shebang-\(UUID().uuidString)"
        try "#!\(CLITests.binary) -s\n(print \"hello from shebang\" (command-line-arguments))\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        XCTAssertEqual(try run(["arg1"], executable: path).stdout, "hello from shebang(arg1)\n")
    }

    func testCSIOptionsEnvironment() throws {
        let r = try run(["-p", "(cond-expand (fromenv 'yes) (else 'no))"], environment: ["CSI_OPTIONS": "-D fromenv"])
        XCTAssertEqual(r.stdout, "yes\n")
    }

    func testInitFileLoadedUnlessSuppressed() throws {
        let home = NSTemporaryDirectory() + "csi-swift-rc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "(print \"rc loaded\")".write(toFile: home + "/.csi-swiftrc", atomically: true, encoding: .utf8)
        func runWithHome(_ args: [String]) throws -> String { try run(args, environment: ["HOME": home]).stdout }
        XCTAssertEqual(try runWithHome(["-q"]), "rc loaded\n\n")
        XCTAssertEqual(try runWithHome(["-q", "-n"]), "\n")
        XCTAssertEqual(try runWithHome(["-no-init", "-q"]), "\n")
        XCTAssertEqual(try runWithHome(["-p", "1"]), "1\n")
        // The XDG location wins.
        try FileManager.default.createDirectory(atPath: home + "/.config/csi-swift", withIntermediateDirectories: true)
        try "(print \"xdg rc\")".write(toFile: home + "/.config/csi-swift/csirc", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runWithHome(["-q"]), "xdg rc\n\n")
    }

    func testLimitOptions() throws {
        let script = NSTemporaryDirectory() + "limits-\(getpid()).scm"
        try "(print 'started) (handle-exceptions e (print 'caught) (let loop () (loop)))".write(toFile: script, atomically: true, encoding: .utf8)
        defer { unlink(script) }
        for (option, value, reason) in [("-limit-instructions", "1000000", "instruction budget exhausted"),
                                        ("-limit-seconds", "0.2", "deadline passed")] {
            let r = try run([option, value, "-s", script])
            XCTAssertEqual(r.status, 70, option)
            XCTAssertEqual(r.stdout, "started\n", option)
            XCTAssertEqual(r.stderr, "\nError: evaluation stopped: \(reason)\n", option)
        }
        let heap = try run(["-limit-heap-mb", "32", "-e", "(let loop ((l '())) (loop (cons (make-vector 100 0) l)))"])
        XCTAssertEqual(heap.status, 70)
        XCTAssertEqual(heap.stderr, "\nError: evaluation stopped: heap limit exceeded\n")
        XCTAssertEqual(try run(["-limit-seconds", "5", "-limit-instructions", "100000000", "-p", "(+ 1 2)"]).stdout, "3\n")
        for bad in [["-limit-seconds", "soon"], ["-limit-instructions", "0"], ["-limit-heap-mb", "lots"]] {
            let r = try run(bad + ["-p", "1"])
            XCTAssertEqual(r.status, 70, "\(bad)")
            XCTAssertEqual(r.stderr, "Error: invalid argument to command-line option \"\(bad[0])\": \(bad[1])\n", "\(bad)")
        }
    }
}
