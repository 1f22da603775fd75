import Glibc

/// `(chicken random)`: a pseudo-random generator each interpreter seeds from the system at
/// start-up and a program may seed itself (`set-pseudo-random-seed!`), so a run can be
/// repeated; `random-bytes` reads the system's generator instead.
extension Interpreter {
    func randomPrimitives() -> [Primitive] {
        let state = RandomState()
        let seedType = ArgumentType("string or blob") {
            if case .string = $0 { return true }
            if case .object(_ as Bytevector) = $0 { return true }
            return false
        }
        return [
            prim("pseudo-random-integer", Signature(.exactInteger)) { args in
                guard let n = Num(args[0])?.toBig, n.signum() > 0 else { throw SchemeError.badArgument(args[0], .exactInteger) }
                if let small = n.asInt { return .fixnum(Int.random(in: 0..<small, using: &state.generator)) }
                return .integer(n.random(using: &state.generator))
            },
            prim("pseudo-random-real", Signature()) { _ in .flonum(Double.random(in: 0..<1, using: &state.generator)) },
            // (set-pseudo-random-seed! seed [size]): the first `size` bytes of a string or blob.
            prim("set-pseudo-random-seed!", Signature(seedType, optional: [.fixnum])) { args in
                var bytes: [UInt8] = []
                if case .string(let s) = args[0] { s.appendUTF8(to: &bytes) }
                if case .object(let b as Bytevector) = args[0] { bytes = b.bytes }
                if args.count > 1 { bytes = Array(bytes.prefix(max(0, try args.int(1)))) }
                state.generator = SplitMix(seed: bytes)
                return .unspecified
            },
            // (random-bytes [buffer [size]]): a new 128-byte blob, or `buffer` filled.
            prim("random-bytes", Signature(optional: [seedType, .fixnum])) { args in
                guard args.count > 0 else { return .object(Bytevector(RandomState.systemBytes(128), blob: true)) }
                let size = args.count > 1 ? try args.int(1) : nil
                switch args[0] {
                case .string(let s):
                    let n = min(size ?? s.count, s.count)
                    for (i, b) in RandomState.systemBytes(max(0, n)).enumerated() { s[i] = Unicode.Scalar(b & 0x7F) }
                case .object(let b as Bytevector):
                    let n = min(size ?? b.bytes.count, b.bytes.count)
                    for (i, x) in RandomState.systemBytes(max(0, n)).enumerated() { b.bytes[i] = x }
                default: break
                }
                return args[0]
            },
        ]
    }
}

/// The generator a program's pseudo-random procedures share.
final class RandomState {
    var generator = SplitMix(seed: RandomState.systemBytes(16))

    /// Bytes from the system's generator.
    static func systemBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }
}

/// SplitMix64: small, fast and repeatable from a seed (not for secrets; `random-bytes` is).
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: [UInt8]) {
        // FNV-1a over the seed bytes, so any length of seed counts in full.
        var h: UInt64 = 0xcbf29ce484222325
        for b in seed { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        state = h
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
