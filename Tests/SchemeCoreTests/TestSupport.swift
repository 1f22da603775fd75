import Foundation
@testable import SchemeCore

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fresh interpreter whose output goes to a string port.
func makeInterpreter() -> (Interpreter, StringOutputPort) {
    let out = StringOutputPort()
    return (Interpreter(output: out), out)
}

extension Interpreter {
    /// Evaluates `text` and returns the last value written as `write` would.
    func written(_ text: String) throws -> String {
        try eval(text).written
    }
}
