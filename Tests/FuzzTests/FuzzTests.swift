import Foundation
import SchemeCore
import XCTest

/// Feeds generated inputs to the reader and evaluator in this process (issue 12, item 6).
/// A crash kills the test process: `batch.scm` in the work directory then holds the
/// inputs of the current batch, the last one being the culprit, and `scripts/fuzz.sh`
/// saves it under Tests/hostile (replay it with FUZZ_REPLAY).
///
/// Environment: FUZZ_SECONDS (default 60 under CI, else 15), FUZZ_INPUTS (a count instead of a time),
/// FUZZ_SEED (default 1), FUZZ_DIR (default a fresh temporary directory).
final class FuzzTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Replays a saved batch (FUZZ_REPLAY=path): the inputs between its `;;; ---- input`
    /// markers, in order, in one interpreter, as the run that saved it did.
    func testReplaySavedBatch() throws {
        guard let path = ProcessInfo.processInfo.environment["FUZZ_REPLAY"] else { return }
        // Decoded as the run decoded each input (invalid UTF-8 becomes U+FFFD).
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let scheme = FuzzTests.makeInterpreter()
        let watchdog = Watchdog()
        var n = 0
        for chunk in text.components(separatedBy: "\n;;; ---- input ") {
            let input = chunk.hasPrefix(";") ? "" : String(chunk.drop(while: { $0 != "\n" }))
            n += 1
            FileHandle.standardError.write(Data("replay: input \(n)\n".utf8))
            _ = run(scheme, n == 1 ? chunk : input, watchdog)
        }
    }

    /// Procedures a mutated program must not reach: they touch files and processes
    /// outside the work directory, or end this process.
    static let disabled = ["delete-file", "rename-file", "system", "process", "process*", "process-run",
                           "emergency-exit", "exit", "change-directory", "create-directory", "delete-directory",
                           "set-environment-variable!", "unset-environment-variable!", "load", "load-relative", "include",
                           // Signals (`(process-signal 0)` is the whole process group), children and
                           // files outside the scratch directory.
                           "process-signal", "process-wait", "system*", "process-sleep",
                           "open-input-pipe", "open-output-pipe", "call-with-input-pipe", "call-with-output-pipe",
                           "with-input-from-pipe", "with-output-to-pipe",
                           "delete-file*", "copy-file", "move-file", "create-temporary-file", "create-temporary-directory",
                           "find-files", "create-pipe", "current-directory",
                           // Raw descriptors: (file-close 1) would close the test process's own output.
                           "file-open", "file-close", "file-read", "file-write", "duplicate-fileno",
                           "open-input-file*", "open-output-file*",
                           // Forks, exec, signal handlers and masks, alarms: they change the test process.
                           "process-fork", "%process-fork", "%exit-forked-child", "process-execute",
                           "set-signal-handler!", "%signal-catch", "%signal-default", "%signal-wait", "%dispatch-signals",
                           "%start-signal-dispatcher", "signal-mask!", "signal-unmask!", "set-signal-mask!", "set-alarm!",
                           // Descriptors and files by number or outside the scratch directory; waits without end.
                           "file-control", "file-truncate", "set-file-position!", "file-position", "set-file-permissions!",
                           "%set-file-owner!", "set-file-owner!", "set-file-group!", "set-file-times!", "create-fifo",
                           "create-symbolic-link", "file-link", "file-creation-mode", "file-mkstemp", "%file-lock",
                           "file-lock", "file-lock/blocking", "file-test-lock", "file-unlock", "file-select", "%file-select-now",
                           "set-buffering-mode!", "block-set!", "change-directory*", "create-session", "set-root-directory!"]

    func testFuzzReaderAndEvaluator() throws {
        let env = ProcessInfo.processInfo.environment
        // A bounded run on every `swift test` (CI: 60 s); scripts/fuzz.sh runs longer ones.
        let seconds = Double(env["FUZZ_SECONDS"] ?? "") ?? (env["CI"] == "true" ? 60 : 15)
        let maxInputs = Int(env["FUZZ_INPUTS"] ?? "") ?? Int.max
        let seed = UInt64(env["FUZZ_SEED"] ?? "") ?? 1
        let dir = env["FUZZ_DIR"] ?? NSTemporaryDirectory() + "csi-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let saved = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir)
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }

        let corpus = ["Tests/scheme", "Tests/hostile", "examples"].flatMap { sub -> [String] in
            let path = FuzzTests.root + "/" + sub
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".scm") }.sorted().map { path + "/" + $0 }
        }
        let generator = InputGenerator(corpusFiles: corpus)
        XCTAssertGreaterThan(generator.forms.count, 500)
        var random = FuzzRandom(seed: seed)
        // One interpreter serves a batch of inputs (making one per input would cost more
        // than running most inputs); `batch.scm` holds the batch so far, so a crash that
        // needs an earlier input's definitions is reproduced by running that file.
        let batchPath = dir + "/batch.scm"
        let watchdog = Watchdog()
        let start = Date()
        var count = 0, errors = 0
        var scheme = FuzzTests.makeInterpreter()
        var batch = FileHandle.forFreshFile(batchPath)
        while count < maxInputs && Date().timeIntervalSince(start) < seconds {
            if count % 100 == 0 {
                scheme = FuzzTests.makeInterpreter()
                batch = FileHandle.forFreshFile(batchPath)
            }
            let bytes = generator.input(&random)
            batch.write(Data(bytes + Array("\n;;; ---- input \(count + 1)\n".utf8)))
            let t0 = Date()
            errors += run(scheme, String(decoding: bytes, as: UTF8.self), watchdog) ? 0 : 1
            if env["FUZZ_SLOW"] != nil, Date().timeIntervalSince(t0) > 1.0 {
                print("slow input \(count): \(Date().timeIntervalSince(t0)) s: \(String(decoding: bytes.prefix(100), as: UTF8.self))")
            }
            count += 1
        }
        // A scratch directory of our own goes once the run ended without a crash.
        if env["FUZZ_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
        let rate = Double(count) / max(Date().timeIntervalSince(start), 0.001)
        print("fuzz: \(count) inputs (seed \(seed)), \(errors) ended by a Scheme error, 0 crashes, \(Int(rate))/s")
        XCTAssertGreaterThan(count, 0)
    }

    static func makeInterpreter() -> Interpreter {
        let scheme = Interpreter(output: StringOutputPort(), input: StringInputPort(""), errorPort: StringOutputPort())
        for name in disabled {
            scheme.defineProcedure(name, arity: .atLeast(0)) { _ in
                throw SchemeError.exn(kinds: [], message: "disabled while fuzzing", irritants: [], location: name)
            }
        }
        return scheme
    }

    /// Evaluates one input datum by datum, for at most 0.2 s of VM time; false if it ended
    /// by a (catchable) error.
    private func run(_ scheme: Interpreter, _ text: String, _ watchdog: Watchdog) -> Bool {
        watchdog.arm(seconds: 0.2)
        defer { watchdog.disarm(); Interpreter.clearUserInterrupt() }
        do {
            for datum in try scheme.readData(text) ?? [] { _ = try scheme.evaluate(datum) }
            return true
        } catch {
            return false
        }
    }
}

extension FileHandle {
    /// A handle on an empty file at `path` (created or truncated).
    static func forFreshFile(_ path: String) -> FileHandle {
        FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path) ?? FileHandle.nullDevice
    }
}

/// Interrupts the running evaluation when its time is up, as Ctrl-C does: it sets the
/// interrupt flag and sends the testing thread a signal, which ends a scheduler's
/// `epoll_wait` (a thread parked with a far deadline would otherwise sleep on).
final class Watchdog {
    private let lock = NSLock()
    private var deadline: Date?
    private let target = pthread_self()

    init() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }   // no SA_RESTART: the wait returns EINTR
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR1, &action, nil)
        let target = self.target
        let t = Thread { [weak self] in
            while let self {
                self.lock.lock()
                if let d = self.deadline, Date() >= d {
                    Interpreter.requestUserInterrupt()
                    pthread_kill(target, SIGUSR1)
                    self.deadline = Date().addingTimeInterval(0.05)  // again, until disarmed
                }
                self.lock.unlock()
                usleep(10_000)
            }
        }
        t.start()
    }

    func arm(seconds: Double) { lock.lock(); deadline = Date().addingTimeInterval(seconds); lock.unlock() }
    func disarm() { lock.lock(); deadline = nil; lock.unlock() }
}
