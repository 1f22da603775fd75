import Foundation
import XCTest

/// Runs every program in Tests/hostile: deep, circular and out-of-range inputs that once
/// crashed the interpreter. Each file's first line says the exit status it must end with
/// (`; expect 0` or `; expect 70`, or `; expect 0|70` for a saved fuzz input, which must
/// only end normally); a signal, a timeout or another status fails the test.
final class HostileInputTests: XCTestCase {
    private static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/hostile"
    }()

    private struct Outcome { let file: String; let expected: Int32; let status: Int32; let signaled: Bool; let output: String }

    func testEveryHostileProgramEndsCleanly() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasSuffix(".scm") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 40)
        var outcomes = [Outcome?](repeating: nil, count: files.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let outcome = Self.run(Self.directory + "/" + files[i])
            lock.lock(); outcomes[i] = outcome; lock.unlock()
        }
        for case let o? in outcomes {
            XCTAssertFalse(o.signaled, "\(o.file) died of signal \(o.status): \(o.output)")
            if o.expected >= 0 { XCTAssertEqual(o.status, o.expected, "\(o.file): \(o.output)") }
            else { XCTAssertTrue(o.status == 0 || o.status == 70, "\(o.file) ended with \(o.status): \(o.output)") }
        }
    }

    private static func run(_ path: String) -> Outcome {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let expected: Int32 = text.hasPrefix("; expect 0|70") ? -1 : text.hasPrefix("; expect 70") ? 70 : 0
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["-s", path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            return Outcome(file: path, expected: expected, status: -1, signaled: false, output: "\(error)")
        }
        // A watchdog: a program that hangs is killed and reported as a signal.
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 240, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        return Outcome(file: (path as NSString).lastPathComponent, expected: expected,
                       status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                       output: String(decoding: data.prefix(500), as: UTF8.self))
    }
}
