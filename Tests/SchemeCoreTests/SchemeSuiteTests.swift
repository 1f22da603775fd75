import XCTest
@testable import SchemeCore

/// Runs the Scheme-level suites in Tests/scheme: each `.scm` file is loaded after the
/// harness, and every failed check is reported as an XCTest failure.
final class SchemeSuiteTests: XCTestCase {
    func runSuite(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (scheme, _) = makeInterpreter()
        setenv("CSI_SWIFT_TEST_DIR", repositoryRoot + "/Tests/scheme", 1)
        try scheme.load(path: repositoryRoot + "/Tests/scheme/harness.scm")
        try scheme.load(path: repositoryRoot + "/Tests/scheme/\(name).scm")
        let count = try scheme.eval("%test-count")
        guard case .fixnum(let n) = count, n > 0 else {
            return XCTFail("\(name): no checks ran", file: file, line: line)
        }
        let failures = try scheme.eval("(reverse %test-failures)").listToArray() ?? []
        for f in failures {
            let parts = f.listToArray() ?? []
            XCTFail("\(name): \(parts[0].displayed): expected \(parts[1].written), got \(parts[2].written)", file: file, line: line)
        }
    }

    func testLanguage() throws { try runSuite("language") }
    func testControl() throws { try runSuite("control") }
    func testFrames() throws { try runSuite("frames") }
    func testHygiene() throws { try runSuite("hygiene") }
    func testData() throws { try runSuite("data") }
    func testThreads() throws { try runSuite("threads") }
    func testLibrary() throws { try runSuite("library") }
    func testSRFI1() throws { try runSuite("srfi-1") }
    func testSRFI13() throws { try runSuite("srfi-13") }
    func testCoverage() throws { try runSuite("coverage") }
    func testModules() throws { try runSuite("modules") }
    func testExtensions() throws { try runSuite("extensions") }
    func testIrregex() throws { try runSuite("irregex") }
    func testNumbers() throws { try runSuite("numbers") }
    func testReader() throws { try runSuite("reader") }
    func testProcess() throws { try runSuite("process") }
    func testPosix() throws { try runSuite("posix") }
    func testPosixNames() throws { try runSuite("posix-names") }
    func testFiles() throws { try runSuite("files") }
    func testSystem() throws { try runSuite("system") }

    /// The harness itself must be able to fail.
    func testHarnessDetectsFailure() throws {
        let (scheme, _) = makeInterpreter()
        try scheme.load(path: repositoryRoot + "/Tests/scheme/harness.scm")
        try scheme.eval(#"(test "deliberately wrong" 1 2) (test-error "no error" (exn) 5)"#)
        let failures = try scheme.eval("(length %test-failures)")
        XCTAssertEqual(failures.written, "2")
    }
}
