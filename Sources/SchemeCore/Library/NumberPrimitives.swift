import Glibc

/// The numeric procedures of R7RS and CHICKEN (complex-only ones in ComplexPrimitives).
extension Interpreter {
    func numberPrimitives() -> [Primitive] {
        func fold(_ name: String, _ unit: Int, _ op: @escaping (Value, Value, String) throws -> Value) -> Primitive {
            prim(name, .atLeast(0)) { args in
                if args.count == 0 { return .fixnum(unit) }
                if args.count == 1 {
                    _ = try Complex.parts(args[0], name)
                    return args[0]
                }
                var acc = args[0]
                for i in 1..<args.count { acc = try op(acc, args[i], name) }
                return acc
            }
        }
        func compare(_ name: String, _ test: @escaping (Int) -> Bool) -> Primitive {
            prim(name, .atLeast(1)) { args in
                _ = try Arith.ordered(args[0], name)
                var result = true
                for i in 1..<max(args.count, 1) {
                    guard let c = try Arith.compare(args[i - 1], args[i], name) else { result = false; continue }
                    if !test(c) { result = false }
                }
                return .bool(result)
            }
        }
        // As CHICKEN's, these take numbers only: `(finite? 'foo)` is a type error. A complex
        // number is NaN or infinite when either part is, finite when both are.
        func predicate(_ name: String, any: Bool, _ f: @escaping (Num) -> Bool) -> Primitive {
            prim(name, Signature(.number)) { args in
                if case .object(let o) = args[0], let c = o as? Cplxnum, let re = Num(c.real), let im = Num(c.imag) {
                    return .bool(any ? f(re) || f(im) : f(re) && f(im))
                }
                guard let n = Num(args[0]) else { throw SchemeError.badArgument(args[0], .number) }
                return .bool(f(n))
            }
        }
        func rounding(_ name: String, _ rule: FloatingPointRoundingRule) -> Primitive {
            prim(name) { v in
                switch try Arith.num(v, name) {
                case .fix, .big: return v
                case .flo(let d): return .flonum(rule == .toNearestOrEven ? d.rounded(.toNearestOrEven) : d.rounded(rule))
                case .rat(let n, let d):
                    let q = n / d  // truncates toward zero
                    let r = n - q * d
                    switch rule {
                    case .towardZero: return .integer(q)
                    case .down: return .integer(r.signum() < 0 ? q - 1 : q)
                    case .up: return .integer(r.signum() > 0 ? q + 1 : q)
                    default:
                        let twice = (r * BigInt(2)).magnitude
                        if twice > d.magnitude || (twice == d.magnitude && !(q % BigInt(2)).isZero) {
                            return .integer(n.signum() < 0 ? q - 1 : q + 1)
                        }
                        return .integer(q)
                    }
                }
            }
        }
        return [
            fold("+", 0, Arith.add), fold("*", 1, Arith.mul),
            prim("-", .atLeast(1)) { args in
                if args.count == 1 { return try Arith.negate(args[0]) }
                var acc = args[0]
                for i in 1..<args.count { acc = try Arith.sub(acc, args[i]) }
                return acc
            },
            prim("/", .atLeast(1)) { args in
                if args.count == 1 { return try Arith.div(.fixnum(1), args[0]) }
                var acc = args[0]
                for i in 1..<args.count { acc = try Arith.div(acc, args[i]) }
                return acc
            },
            prim("=", .atLeast(1)) { args in
                _ = try Complex.parts(args[0], "=")
                var result = true
                for i in 1..<max(args.count, 1) where !(try Complex.equal(args[i - 1], args[i], "=")) { result = false }
                return .bool(result)
            },
            compare("<", { $0 < 0 }), compare(">", { $0 > 0 }),
            compare("<=", { $0 <= 0 }), compare(">=", { $0 >= 0 }),
            prim("number?") { v in .bool(v.isNumber) },
            prim("complex?") { v in .bool(v.isNumber) },
            prim("real?") { v in .bool(Num(v) != nil) },
            prim("rational?") { v in
                guard let n = Num(v) else { return .false }
                if case .flo(let d) = n { return .bool(d.isFinite) }
                return .true
            },
            prim("integer?") { v in .bool(Arith.isInteger(v)) },
            prim("exact?") { v in .bool(try Interpreter.isExact(v, "exact?")) },
            prim("inexact?") { v in .bool(!(try Interpreter.isExact(v, "inexact?"))) },
            prim("exact-integer?") { v in
                switch Num(v) { case .fix?, .big?: return .true; default: return .false }
            },
            prim("exact-rational?") { v in .bool(Num(v)?.isExact ?? false) },
            // By CHICKEN's 62-bit range (`most-positive-fixnum`), so programs see CHICKEN's
            // answers; the integers between are stored as Swift Ints all the same.
            prim("fixnum?") { v in .bool(Interpreter.isChickenFixnum(v)) },
            prim("flonum?") { v in if case .flonum = v { return .true }; return .false },
            prim("bignum?") { v in
                if case .fixnum = v { return .bool(!Interpreter.isChickenFixnum(v)) }
                if case .object(is Bignum) = v { return .true }
                return .false
            },
            prim("ratnum?") { v in if case .object(is Ratnum) = v { return .true }; return .false },
            predicate("nan?", any: true) { if case .flo(let d) = $0 { return d.isNaN }; return false },
            predicate("finite?", any: false) { if case .flo(let d) = $0 { return d.isFinite }; return true },
            predicate("infinite?", any: true) { if case .flo(let d) = $0 { return d.isInfinite }; return false },
            prim("zero?") { v in
                if Complex.isComplex(v) { return .false }  // a complex number's imaginary part is never 0
                switch try Arith.num(v, "zero?") {
                case .fix(let i): return .bool(i == 0)
                case .flo(let d): return .bool(d == 0)
                default: return .false
                }
            },
            prim("positive?") { v in
                _ = try Arith.num(v, "positive?")
                return .bool((try Arith.compare(v, .fixnum(0), "positive?") ?? 0) > 0)
            },
            prim("negative?") { v in
                _ = try Arith.num(v, "negative?")
                return .bool((try Arith.compare(v, .fixnum(0), "negative?") ?? 0) < 0)
            },
            prim("odd?") { v in
                guard Arith.isInteger(v) else { throw SchemeError.typeMsg("odd?", "bad argument type - not an integer", v) }
                return .bool(!(try Arith.intDiv(v, .fixnum(2), .remainder, "odd?")).isZeroNumber)
            },
            prim("even?") { v in
                guard Arith.isInteger(v) else { throw SchemeError.typeMsg("even?", "bad argument type - not an integer", v) }
                return .bool((try Arith.intDiv(v, .fixnum(2), .remainder, "even?")).isZeroNumber)
            },
            prim("max", .atLeast(1)) { args in try Interpreter.extremum(args, "max", 1) },
            prim("min", .atLeast(1)) { args in try Interpreter.extremum(args, "min", -1) },
            prim("add1") { v in try Arith.add(v, .fixnum(1), "add1") },
            prim("sub1") { v in try Arith.sub(v, .fixnum(1), "sub1") },
            prim("abs") { v in
                if Complex.isComplex(v) { throw SchemeError.typeMsg("abs", "cannot compute absolute value of complex number", v) }
                return try Complex.magnitude(v, "abs")  // of a real number: its absolute value
            },
            prim("quotient") { a, b in try Arith.intDiv(a, b, .quotient, "quotient") },
            prim("remainder") { a, b in try Arith.intDiv(a, b, .remainder, "remainder") },
            prim("modulo") { a, b in try Arith.intDiv(a, b, .modulo, "modulo") },
            prim("truncate-quotient") { a, b in try Arith.intDiv(a, b, .quotient, "truncate-quotient") },
            prim("truncate-remainder") { a, b in try Arith.intDiv(a, b, .remainder, "truncate-remainder") },
            prim("floor-remainder") { a, b in try Arith.intDiv(a, b, .modulo, "floor-remainder") },
            prim("floor-quotient") { a, b in
                let m = try Arith.intDiv(a, b, .modulo, "floor-quotient")
                return try Arith.intDiv(try Arith.sub(a, m), b, .quotient, "floor-quotient")
            },
            prim("gcd", .atLeast(0)) { args in
                var acc: Value = .fixnum(0)
                for i in 0..<args.count { acc = try Interpreter.gcd(acc, args[i]) }
                return acc
            },
            prim("lcm", .atLeast(0)) { args in
                var acc: Value = .fixnum(1)
                for i in 0..<args.count {
                    let g = try Interpreter.gcd(acc, args[i], "lcm")
                    if g.isZeroNumber { return .fixnum(0) }
                    acc = try Arith.intDiv(try Arith.mul(acc, args[i]), g, .quotient, "lcm")
                    if (try Arith.compare(acc, .fixnum(0), "lcm") ?? 0) < 0 { acc = try Arith.negate(acc) }
                }
                return acc
            },
            rounding("floor", .down), rounding("ceiling", .up), rounding("truncate", .towardZero),
            rounding("round", .toNearestOrEven),
            prim("numerator") { v in
                if Complex.isComplex(v) { throw SchemeError.typeMsg("numerator", "bad argument type - not a rational number", v) }
                switch try Arith.num(v, "numerator") {
                case .rat(let n, _): return .integer(n)
                case .flo(let d):
                    guard d.isFinite else { throw SchemeError.domain("numerator", "inexact number cannot be represented as an exact number", [v]) }
                    let (n, _) = Arith.exactRatio(d)
                    return .flonum(n.toDouble)
                default: return v
                }
            },
            prim("denominator") { v in
                if Complex.isComplex(v) { throw SchemeError.typeMsg("denominator", "bad argument type - not a rational number", v) }
                switch try Arith.num(v, "denominator") {
                case .rat(_, let d): return .integer(d)
                case .flo(let x):
                    guard x.isFinite else { throw SchemeError.domain("denominator", "inexact number cannot be represented as an exact number", [v]) }
                    let (_, d) = Arith.exactRatio(x)
                    return .flonum(d.toDouble)
                default: return .fixnum(1)
                }
            },
            prim("exact") { v in try Arith.toExact(v, "exact") },
            prim("inexact") { v in try Arith.toInexact(v, "inexact") },
            prim("exact->inexact") { v in try Arith.toInexact(v, "exact->inexact") },
            prim("inexact->exact") { v in try Arith.toExact(v, "inexact->exact") },
            prim("expt") { a, b in try Transcendental.expt(a, b) },
            prim("exp") { v in try Transcendental.exp(v) },
            prim("log", .range(1, 2)) { args in
                let x = try Transcendental.log(args[0])
                if args.count == 2 { return try Arith.div(x, try Transcendental.log(args[1]), "log") }
                return x
            },
            prim("sin") { v in try Transcendental.sin(v) },
            prim("cos") { v in try Transcendental.cos(v) },
            prim("tan") { v in try Transcendental.tan(v) },
            prim("asin") { v in try Transcendental.asin(v) },
            prim("acos") { v in try Transcendental.acos(v) },
            prim("atan", .range(1, 2)) { args in try Transcendental.atan(args[0], args.count == 2 ? args[1] : nil) },
            prim("sqrt") { v in try Transcendental.sqrt(v) },
            prim("exact-integer-sqrt") { v in
                guard let n = Num(v)?.toBig, n.signum() >= 0 else {
                    throw SchemeError.typeMsg("exact-integer-sqrt", "bad argument type - not an unsigned integer", v)
                }
                let r = n.squareRoot()
                return .object(MultipleValues([.integer(r), .integer(n - r * r)]))
            },
            // (exact-integer-nth-root k n): the largest r with r^n <= k, and k - r^n.
            prim("exact-integer-nth-root", Signature(.exactInteger, .exactInteger)) { args in
                guard let k = Num(args[0])?.toBig, k.signum() >= 0 else {
                    throw SchemeError.typeMsg("exact-integer-nth-root", "bad argument type - not an unsigned integer", args[0])
                }
                guard let n = Num(args[1])?.toBig, n.signum() > 0 else {
                    throw SchemeError.typeMsg("exact-integer-nth-root", "bad argument type - not a positive integer", args[1])
                }
                let (root, rest) = Transcendental.nthRoot(k, n)
                return .object(MultipleValues([.integer(root), .integer(rest)]))
            },
            prim("square") { v in try Arith.mul(v, v, "square") },
            prim("number->string", .range(1, 2)) { args in
                let radix = args.count > 1 ? try Check.int(args[1], "number->string") : 10
                guard (2...36).contains(radix) else {
                    throw SchemeError.typeMsg("number->string", "bad argument type - invalid base", args[1])
                }
                if case .fixnum(let i) = args[0], radix == 10 { return .string(MString(String(i))) }
                _ = try Complex.parts(args[0], "number->string")
                return .string(MString(NumberFormat.format(args[0], radix: radix)))
            },
            prim("string->number", .range(1, 2)) { args in
                let radix = args.count > 1 ? try Check.int(args[1], "string->number") : 10
                guard (2...36).contains(radix) else {
                    throw SchemeError.typeMsg("string->number", "bad argument type - invalid base", args[1])
                }
                return NumberFormat.parse(try Check.string(args[0], "string->number").string, radix: radix) ?? .false
            },
            prim("bitwise-and", .atLeast(0)) { args in try Interpreter.bitwise(args, -1) { BigInt.bitwise($0, $1, &) } },
            prim("bitwise-ior", .atLeast(0)) { args in try Interpreter.bitwise(args, 0) { BigInt.bitwise($0, $1, |) } },
            prim("bitwise-xor", .atLeast(0)) { args in try Interpreter.bitwise(args, 0) { BigInt.bitwise($0, $1, ^) } },
            prim("bitwise-not") { v in
                guard let n = Num(v)?.toBig else { throw SchemeError.type("bitwise-not", v) }
                return .integer(-n - 1)
            },
            // (integer-length n): the bits n needs, not counting the sign.
            prim("integer-length", Signature(.exactInteger)) { args in
                guard let n = Num(args[0])?.toBig else { throw SchemeError.badArgument(args[0], .exactInteger) }
                return .fixnum(n.signum() < 0 ? (-(n + BigInt(1))).bitWidth : n.bitWidth)
            },
            // (bit->boolean n i): whether bit i of n (two's complement) is set.
            prim("bit->boolean", Signature(.exactInteger, .exactInteger)) { args in
                guard let n = Num(args[0])?.toBig else { throw SchemeError.badArgument(args[0], .exactInteger) }
                // An index past every limb reads the sign (two's complement extends it).
                guard case .fixnum(let i) = args[1] else {
                    guard Num(args[1])?.toBig?.signum() ?? -1 > 0 else {
                        throw SchemeError.argument(kinds: ["type"], message: "bad argument type - not an unsigned integer", irritants: [args[1]])
                    }
                    return .bool(n.signum() < 0)
                }
                guard i >= 0 else { throw SchemeError.argument(kinds: ["type"], message: "bad argument type - not an unsigned integer", irritants: [args[1]]) }
                let low = BigInt.bitwise(n >> i, BigInt(1), &)
                return .bool(!low.isZero)
            },
            prim("arithmetic-shift") { v, s in
                guard let n = Num(v)?.toBig else { throw SchemeError.type("arithmetic-shift", v) }
                let k = try Check.int(s, "arithmetic-shift")
                if k > 1 << 24 { throw SchemeError.domain("arithmetic-shift", "shift too large", [s]) }
                if k >= 0 { return .integer(n << k) }
                // Shifted right past its last bit, a number leaves its sign (and -k would
                // overflow for the most negative Int).
                if k < -(n.limbs.count * 64) { return .integer(BigInt(n.signum() < 0 ? -1 : 0)) }
                return .integer(n >> (-k))
            },
        ]
    }

    static func isChickenFixnum(_ v: Value) -> Bool {
        guard case .fixnum(let i) = v else { return false }
        return i >= mostNegativeFixnum && i <= mostPositiveFixnum
    }

    static func extremum(_ args: Arguments, _ name: String, _ sign: Int) throws -> Value {
        var best = args[0]
        var inexact = !(try Arith.ordered(best, name).isExact)
        for i in 1..<args.count {
            if !(try Arith.ordered(args[i], name).isExact) { inexact = true }
            if let c = try Arith.compare(args[i], best, name), c * sign > 0 { best = args[i] }
        }
        return inexact ? try Arith.toInexact(best, name) : best
    }

    /// The greatest common divisor of two integers (integral flonums too), for `loc`.
    static func gcd(_ a: Value, _ b: Value, _ loc: String = "gcd") throws -> Value {
        if case .fixnum(var x) = a, case .fixnum(var y) = b, x != Int.min, y != Int.min {
            x = Swift.abs(x); y = Swift.abs(y)
            while y != 0 { (x, y) = (y, x % y) }
            return .fixnum(x)
        }
        // Integral flonums are integers too (CHICKEN: (gcd 6.0 8.0) is 2.0).
        var inexact = false
        func integer(_ v: Value) throws -> BigInt {
            if let b = Num(v)?.toBig { return b }
            if case .flonum(let d) = v, d.isFinite, d == d.rounded() {
                inexact = true
                return Arith.exactRatio(d).0  // an integral flonum's ratio is n/1
            }
            throw SchemeError.typeMsg(loc, "bad argument type - not an integer", v)
        }
        let g = BigInt.gcd(try integer(a), try integer(b))
        return inexact ? .flonum(g.toDouble) : .integer(g)
    }

    /// `exact?` of any number: a complex number is exact when its parts are.
    static func isExact(_ v: Value, _ loc: String) throws -> Bool {
        if case .object(let o) = v, let c = o as? Cplxnum { return Complex.isExact(c) }
        return try Arith.num(v, loc).isExact
    }

    static func bitwise(_ args: Arguments, _ unit: Int, _ op: (BigInt, BigInt) -> BigInt) throws -> Value {
        var acc = BigInt(unit)
        for i in 0..<args.count {

            guard let n = Num(args[i])?.toBig else { throw SchemeError.type("bitwise", args[i]) }
            acc = op(acc, n)
        }
        return .integer(acc)
    }
}

extension Value {
    var isZeroNumber: Bool {
        switch self {
        case .fixnum(let i): return i == 0
        case .flonum(let d): return d == 0
        default: return false
        }
    }
}
