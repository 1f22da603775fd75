import Glibc
import SchemeCore
import TCPPrimitives

// 1. An interpreter with the standard library, plus the tcp unit.
let scheme = Interpreter()
TCP.install(into: scheme)

// 2. A native procedure: (host-word-count "some text") -> 2
scheme.defineProcedure("host-word-count", arity: .exactly(1)) { args in
    let text = try String(scheme: args[0])
    return Value(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
}

// 3. A value from Swift.
scheme.define("host-name", Value("embedding-demo"))

// 4. Run the file named on the command line, then call one of its procedures.
let args = CommandLine.arguments
guard args.count > 1 else {
    printError("usage: embedding-demo FILE.scm\n")
    exit(64)
}
do {
    try scheme.load(path: args[1])
    let reply = try scheme.call("greeting", [Value("Swift")])
    print("Swift got back: \(try String(scheme: reply))")
    scheme.flushAll()
} catch let error as SchemeConditionError {
    scheme.flushAll()
    printError("Scheme error: \(error.text) (kinds \(error.kinds))\n")
    exit(70)
}

/// Writes to the standard error (fd 2: the C `stderr` global is not concurrency-safe).
func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
