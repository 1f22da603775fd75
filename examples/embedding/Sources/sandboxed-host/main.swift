import Glibc
import SchemeCore
import TCPPrimitives
import TLSPrimitives

// A host that runs scripts it did not write: no files, processes, environment or exit;
// sockets only to 127.0.0.1; every evaluation bounded in time, steps and memory.
let scheme = Interpreter()
TCP.install(into: scheme)
TLS.install(into: scheme)
scheme.revoke([.files, .processes, .environment, .exit])
for name in ["tcp-connect", "ssl-connect"] {
    scheme.guardProcedure(name) { args in (try? String(scheme: args[0])) == "127.0.0.1" }
}
scheme.limits = EvaluationLimits(instructions: 2_000_000, timeout: 10, heapBytes: 64 << 20)

/// Runs one untrusted snippet and says how it ended.
func run(_ label: String, _ code: String, in scheme: Interpreter) {
    do {
        let v = try scheme.eval(code)
        print("\(label): \(v.written)")
    } catch let e as SchemeConditionError {
        print("\(label): error: \(e.text.split(separator: "\n").first ?? "")")
    } catch let stop as EvaluationStopped {
        print("\(label): stopped: \(stop.reason.rawValue)")
    } catch {
        print("\(label): \(error)")
    }
}

run("arithmetic", "(apply + (iota 10))", in: scheme)
run("read a file", #"(with-input-from-file "/etc/passwd" read-line)"#, in: scheme)
run("run a program", #"(system "echo pwned")"#, in: scheme)
run("leave", "(exit 1)", in: scheme)
run("connect out", #"(tcp-connect "example.org" 80)"#, in: scheme)
run("spin", "(let loop () (loop))", in: scheme)
run("catch the stop", "(handle-exceptions e 'caught (let loop () (loop)))", in: scheme)
run("eat memory", "(let loop ((l '())) (loop (cons (make-vector 1000 0) l)))", in: scheme)
run("still usable", #"(string-append "still " "here")"#, in: scheme)
