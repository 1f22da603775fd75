import Foundation
import SchemeCore
import XCTest

/// Calls every bound procedure with a battery of bad arguments (issue 12, item 2): wrong
/// types, negative and huge numbers, NaN, empty strings, out-of-range indices, a closed
/// port. Each call must return or raise a Scheme condition; a Swift trap would kill the
/// test process.
final class PrimitiveBatteryTests: XCTestCase {
    static let battery = """
        (list 0 -1 1 3 4611686018427387903 -4611686018427387904 9223372036854775807 -9223372036854775808 (expt 2 100) (- (expt 2 100)) +nan.0 +inf.0 -0.0 1.5
              "" "abc" #\\a '() '(1 2) (vector) (vector 1 2) (bytevector) (bytevector 1 2) 'sym #t
              (let ((p (open-input-string "x"))) (close-input-port p) p) car (lambda args 1) (read (open-input-string ""))
              (make-parameter 1) (make-mutex) (make-string 2 #\\b))
        """

    func testEveryProcedureSurvivesBadArguments() throws {
        let dir = NSTemporaryDirectory() + "csi-battery-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let saved = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir)
        defer { FileManager.default.changeCurrentDirectoryPath(saved); try? FileManager.default.removeItem(atPath: dir) }

        let probe = FuzzTests.makeInterpreter()
        let skipped = Set(FuzzTests.disabled + ["read", "read-line", "read-char", "peek-char", "read-string", "char-ready?"])
        let names = probe.globalNames().filter { !skipped.contains($0) }
        XCTAssertGreaterThan(names.count, 300)
        let watchdog = Watchdog()
        var random = FuzzRandom(seed: 7)
        var calls = 0, raised = 0
        for name in names {
            // A fresh interpreter per procedure: a call may redefine or mutate what others use.
            let scheme = FuzzTests.makeInterpreter()
            guard let values = try scheme.eval(PrimitiveBatteryTests.battery).listToArray(),
                  case .procedure? = scheme.global(name) ?? (try? scheme.eval(name)) else { continue }
            if ProcessInfo.processInfo.environment["BATTERY_VERBOSE"] != nil { FileHandle.standardError.write("\(name)\n".data(using: .utf8)!) }
            var argumentLists: [[Value]] = [[]]
            for a in values { argumentLists.append([a]) }
            for a in values { for b in values { argumentLists.append([a, b]) } }
            for _ in 0..<60 { argumentLists.append((0..<(3 + random.below(2))).map { _ in random.pick(values) }) }
            for args in argumentLists {
                watchdog.arm(seconds: 0.2)
                let t0 = Date()
                defer {
                    if Date().timeIntervalSince(t0) > 0.5 {
                        print("slow: (\(name) \(args.map { $0.written }.joined(separator: " "))) \(Date().timeIntervalSince(t0)) s")
                    }
                }
                do { _ = try scheme.call(name, args) } catch is SchemeConditionError { raised += 1 } catch {
                    XCTFail("(\(name) \(args.map { $0.written }.joined(separator: " "))) threw a non-Scheme error: \(error)")
                }
                watchdog.disarm()
                Interpreter.clearUserInterrupt()
                calls += 1
            }
        }
        // flonum-print-precision is still process-wide (not per interpreter): put it back for
        // the tests that run after this one.
        _ = try? probe.call("flonum-print-precision", [Value(15)])
        print("battery: \(names.count) procedures, \(calls) calls, \(raised) raised a condition")
        XCTAssertGreaterThan(raised, calls / 4)
    }
}
