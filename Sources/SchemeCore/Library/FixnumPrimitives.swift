/// CHICKEN's `(chicken fixnum)`: arithmetic on fixnums that wraps at CHICKEN's 62 bits of
/// precision, as compiled CHICKEN code does. Unlike CHICKEN's unchecked versions, these
/// check that their arguments are fixnums (a typed row each), so a wrong argument is an
/// error instead of a garbage result.
extension Interpreter {
    /// CHICKEN's fixnum range: 62 bits and a sign.
    static let fixnumPrecision = 62
    static let mostPositiveFixnum = (1 << fixnumPrecision) - 1
    static let mostNegativeFixnum = -(1 << fixnumPrecision)

    func fixnumPrimitives() -> [Primitive] {
        let two = Signature(.fixnum, .fixnum)
        /// Wraps to 62 bits and a sign, as a CHICKEN fixnum does.
        func wrap(_ n: Int) -> Int { (n << 1) >> 1 }
        func fits(_ n: Int) -> Bool { n >= Interpreter.mostNegativeFixnum && n <= Interpreter.mostPositiveFixnum }
        func op(_ name: String, _ f: @escaping (Int, Int) -> Int) -> Primitive {
            prim(name, two) { args in .fixnum(wrap(f(try args.int(0), try args.int(1)))) }
        }
        /// fx+? and friends: #f when the exact result is not a fixnum.
        func checked(_ name: String, _ f: @escaping (Int, Int) -> (partialValue: Int, overflow: Bool)) -> Primitive {
            prim(name, two) { args in
                let r = f(try args.int(0), try args.int(1))
                return r.overflow || !fits(r.partialValue) ? .false : .fixnum(r.partialValue)
            }
        }
        func compare(_ name: String, _ f: @escaping (Int, Int) -> Bool) -> Primitive {
            prim(name, two) { args in .bool(f(try args.int(0), try args.int(1))) }
        }
        func divisor(_ args: Arguments) throws -> Int {
            let d = try args.int(1)
            guard d != 0 else { throw SchemeError.argument(kinds: ["arithmetic"], message: "division by zero", irritants: []) }
            return d
        }
        return [
            op("fx+", &+), op("fx-", &-), op("fx*", &*),
            checked("fx+?") { $0.addingReportingOverflow($1) },
            checked("fx-?") { $0.subtractingReportingOverflow($1) },
            checked("fx*?") { $0.multipliedReportingOverflow(by: $1) },
            prim("fx/", two) { args in .fixnum(wrap(try args.int(0).dividedReportingOverflow(by: try divisor(args)).partialValue)) },
            prim("fx/?", two) { args in
                let r = try args.int(0).dividedReportingOverflow(by: try divisor(args))
                return r.overflow || !fits(r.partialValue) ? .false : .fixnum(r.partialValue)
            },
            prim("fxrem", two) { args in .fixnum(try args.int(0).remainderReportingOverflow(dividingBy: try divisor(args)).partialValue) },
            prim("fxmod", two) { args in
                let d = try divisor(args)
                let r = try args.int(0).remainderReportingOverflow(dividingBy: d).partialValue
                return .fixnum(r != 0 && (r < 0) != (d < 0) ? r + d : r)
            },
            prim("fxgcd", two) { args in
                var (a, b) = (try args.int(0).magnitude, try args.int(1).magnitude)
                while b != 0 { (a, b) = (b, a % b) }
                return .fixnum(wrap(Int(truncatingIfNeeded: a)))
            },
            op("fxand", &), op("fxior", |), op("fxxor", ^),
            prim("fxnot", Signature(.fixnum)) { args in .fixnum(~(try args.int(0))) },
            prim("fxneg", Signature(.fixnum)) { args in .fixnum(wrap(0 &- (try args.int(0)))) },
            prim("fxshl", two) { args in
                let n = try args.int(1)
                return .fixnum(n < 0 || n >= 64 ? 0 : wrap(try args.int(0) << n))
            },
            prim("fxshr", two) { args in
                let n = try args.int(1)
                return .fixnum(try args.int(0) >> max(0, min(n, 63)))
            },
            prim("fxlen", Signature(.fixnum)) { args in
                let n = try args.int(0)
                return .fixnum(Int.bitWidth - (n < 0 ? (~n).leadingZeroBitCount : n.leadingZeroBitCount))
            },
            prim("fxeven?", Signature(.fixnum)) { args in .bool(try args.int(0) & 1 == 0) },
            prim("fxodd?", Signature(.fixnum)) { args in .bool(try args.int(0) & 1 == 1) },
            compare("fx=", ==), compare("fx<", <), compare("fx>", >), compare("fx<=", <=), compare("fx>=", >=),
            op("fxmax", max), op("fxmin", min),
        ]
    }

    /// The constants of `(chicken fixnum)`.
    func defineFixnumConstants() {
        define("most-positive-fixnum", .fixnum(Interpreter.mostPositiveFixnum))
        define("most-negative-fixnum", .fixnum(Interpreter.mostNegativeFixnum))
        define("fixnum-bits", .fixnum(Interpreter.fixnumPrecision + 1))
        define("fixnum-precision", .fixnum(Interpreter.fixnumPrecision))
    }
}
