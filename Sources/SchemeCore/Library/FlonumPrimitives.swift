import Glibc

/// CHICKEN's `(chicken flonum)`: operations on flonums only. Each row declares its arguments
/// flonums, so `(fp+ 1 2.0)` is CHICKEN's "bad argument type - not a flonum" rather than a
/// silent conversion.
extension Interpreter {
    nonisolated(unsafe) static let flonumType = ArgumentType("flonum") { if case .flonum = $0 { true } else { false } }

    func flonumPrimitives() -> [Primitive] {
        let one = Signature(Interpreter.flonumType)
        let two = Signature(Interpreter.flonumType, Interpreter.flonumType)
        func double(_ args: Arguments, _ i: Int) -> Double { if case .flonum(let d) = args[i] { return d }; return .nan }
        func op1(_ name: String, _ f: @escaping (Double) -> Double) -> Primitive {
            prim(name, one) { args in .flonum(f(double(args, 0))) }
        }
        func op2(_ name: String, _ f: @escaping (Double, Double) -> Double) -> Primitive {
            prim(name, two) { args in .flonum(f(double(args, 0), double(args, 1))) }
        }
        func compare(_ name: String, _ f: @escaping (Double, Double) -> Bool) -> Primitive {
            prim(name, two) { args in .bool(f(double(args, 0), double(args, 1))) }
        }
        return [
            op2("fp+", +), op2("fp-", -), op2("fp*", *), op2("fp/", /),
            prim("fp/?", two) { args in
                guard double(args, 1) != 0 else { throw SchemeError.argument(kinds: ["arithmetic"], message: "division by zero", irritants: []) }
                return .flonum(double(args, 0) / double(args, 1))
            },
            // (fp*+ a b c): a * b + c with one rounding.
            prim("fp*+", Signature(Interpreter.flonumType, Interpreter.flonumType, Interpreter.flonumType)) { args in
                .flonum(Glibc.fma(double(args, 0), double(args, 1), double(args, 2)))
            },
            prim("fpgcd", two) { args in try Interpreter.gcd(args[0], args[1], "fpgcd") },
            compare("fp=", ==), compare("fp<", <), compare("fp>", >), compare("fp<=", <=), compare("fp>=", >=),
            op1("fpneg") { -$0 }, op1("fpabs") { Swift.abs($0) },
            op2("fpmax") { Swift.max($0, $1) }, op2("fpmin") { Swift.min($0, $1) },
            op1("fpfloor") { $0.rounded(.down) }, op1("fpceiling") { $0.rounded(.up) },
            op1("fptruncate") { $0.rounded(.towardZero) },
            op1("fpround") { $0.rounded(.toNearestOrAwayFromZero) },  // CHICKEN: (fpround 2.5) is 3.0
            op1("fpsin") { Glibc.sin($0) }, op1("fpcos") { Glibc.cos($0) }, op1("fptan") { Glibc.tan($0) },
            op1("fpasin") { Glibc.asin($0) }, op1("fpacos") { Glibc.acos($0) }, op1("fpatan") { Glibc.atan($0) },
            op2("fpatan2") { Glibc.atan2($0, $1) },
            op1("fpexp") { Glibc.exp($0) }, op1("fplog") { Glibc.log($0) }, op1("fpsqrt") { Glibc.sqrt($0) },
            op2("fpexpt") { Glibc.pow($0, $1) },
            prim("fpinteger?", one) { args in
                let d = double(args, 0)
                return .bool(d.isFinite && d == d.rounded())
            },
        ]
    }

    /// The constants of `(chicken flonum)`, CHICKEN 5.3's values.
    func defineFlonumConstants() {
        define("flonum-radix", .fixnum(2))
        define("flonum-epsilon", .flonum(Double.ulpOfOne))
        define("flonum-precision", .fixnum(Double.significandBitCount + 1))
        define("flonum-decimal-precision", .fixnum(15))
        define("flonum-maximum-exponent", .fixnum(1024))
        define("flonum-minimum-exponent", .fixnum(-1021))
        define("flonum-maximum-decimal-exponent", .fixnum(308))
        define("flonum-minimum-decimal-exponent", .fixnum(-307))
        define("maximum-flonum", .flonum(Double.greatestFiniteMagnitude))
        define("minimum-flonum", .flonum(Double.leastNormalMagnitude))
    }
}
