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

/// A small deterministic generator (xorshift) for randomized tests: the same values on every
/// run, so a failure repeats.
struct SeededRandom {
    var state: UInt64
    init(state: UInt64) { self.state = state }
    /// A number in 0..<n.
    mutating func next(_ n: Int) -> Int {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Int(state % UInt64(n))
    }
    /// A bignum limb: zero, all ones, or anything, so carries and zero runs come up often.
    mutating func limb() -> UInt {
        switch next(5) {
        case 0: return 0
        case 1: return UInt.max
        default: return UInt(truncatingIfNeeded: state &* 0x9E37_79B9_7F4A_7C15)
        }
    }
}
