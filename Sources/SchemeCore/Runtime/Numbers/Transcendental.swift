import Glibc

/// `exp`, `log`, the trigonometric functions, `sqrt` and `expt` over the whole numeric tower.
/// A real argument takes the C library's function; outside its real domain (`(log -1)`,
/// `(asin 2)`, `(sqrt -4)`, `(expt -8 1/3)`) and for complex arguments the result is complex,
/// computed by the same formulas as CHICKEN 5's so the digits agree.
enum Transcendental {
    nonisolated(unsafe) private static let i: Value = Complex.make(.fixnum(0), .fixnum(1))
    nonisolated(unsafe) private static let twoI: Value = Complex.make(.fixnum(0), .fixnum(2))

    static func exp(_ v: Value) throws -> Value {
        if case .object(let o) = v, let c = o as? Cplxnum {
            return try Complex.polar(.flonum(Glibc.exp(try Arith.num(c.real, "exp").toDouble)), c.imag, "exp")
        }
        return .flonum(Glibc.exp(try Arith.num(v, "exp").toDouble))
    }

    /// The natural logarithm; (log z) = log|z| + i·angle(z) off the positive reals.
    static func log(_ v: Value, _ loc: String = "log") throws -> Value {
        if case .fixnum(0) = v { throw SchemeError.domain(loc, "log of exact 0 is undefined", [v]) }
        let negative = try !Complex.isComplex(v) && (Arith.compare(v, .fixnum(0), loc) ?? 0) < 0
        if Complex.isComplex(v) || negative {
            let m = try log(try Complex.magnitude(v, loc), loc)
            return try Arith.add(m, try Arith.mul(i, try Complex.angle(v, loc), loc), loc)
        }
        return .flonum(Glibc.log(try Arith.num(v, loc).toDouble))
    }

    static func sin(_ v: Value) throws -> Value {
        guard Complex.isComplex(v) else { return .flonum(Glibc.sin(try Arith.num(v, "sin").toDouble)) }
        let iz = try Arith.mul(i, v, "sin")
        return try Arith.div(try Arith.sub(try exp(iz), try exp(try Arith.negate(iz)), "sin"), twoI, "sin")
    }

    static func cos(_ v: Value) throws -> Value {
        guard Complex.isComplex(v) else { return .flonum(Glibc.cos(try Arith.num(v, "cos").toDouble)) }
        let iz = try Arith.mul(i, v, "cos")
        return try Arith.div(try Arith.add(try exp(iz), try exp(try Arith.negate(iz)), "cos"), .fixnum(2), "cos")
    }

    static func tan(_ v: Value) throws -> Value {
        guard Complex.isComplex(v) else { return .flonum(Glibc.tan(try Arith.num(v, "tan").toDouble)) }
        return try Arith.div(try sin(v), try cos(v), "tan")
    }

    /// asin z = −i·log(iz + √(1 − z²)) outside [-1, 1].
    static func asin(_ v: Value, _ loc: String = "asin") throws -> Value {
        if let d = unitInterval(v) { return .flonum(Glibc.asin(d)) }
        let root = try sqrt(try Arith.sub(.fixnum(1), try Arith.mul(v, v, loc), loc), loc)
        let inner = try Arith.add(try Arith.mul(i, v, loc), root, loc)
        return try Arith.mul(try Arith.negate(i), try log(inner), loc)
    }

    /// acos z = asin 1 − asin z outside [-1, 1].
    static func acos(_ v: Value) throws -> Value {
        if let d = unitInterval(v) { return .flonum(Glibc.acos(d)) }
        return try Arith.sub(.flonum(Glibc.asin(1.0)), try asin(v, "acos"), "acos")
    }

    /// A fixnum or flonum in [-1, 1] (CHICKEN's test before its real fast path), as a double.
    private static func unitInterval(_ v: Value) -> Double? {
        switch v {
        case .fixnum(let n) where n >= -1 && n <= 1: return Double(n)
        case .flonum(let d) where d >= -1 && d <= 1: return d
        default: return nil
        }
    }

    /// atan z = (log(1 + iz) − log(1 − iz)) / 2i for complex z; two arguments: atan2.
    static func atan(_ y: Value, _ x: Value?) throws -> Value {
        if Complex.isComplex(y) {
            if x != nil { throw SchemeError.typeMsg("atan", "bad argument type - not a real", y) }
            let iz = try Arith.mul(i, y, "atan")
            let difference = try Arith.sub(try log(try Arith.add(.fixnum(1), iz, "atan")), try log(try Arith.sub(.fixnum(1), iz, "atan")), "atan")
            return try Arith.div(difference, twoI, "atan")
        }
        let a = try Arith.num(y, "atan").toDouble
        if let x { return .flonum(atan2(a, try Arith.num(x, "atan").toDouble)) }
        return .flonum(Glibc.atan(a))
    }

    static func sqrt(_ v: Value, _ loc: String = "sqrt") throws -> Value {
        if case .object(let o) = v, o is Cplxnum {
            let m = Glibc.sqrt(try Arith.num(try Complex.magnitude(v, loc), loc).toDouble)
            let half = try Arith.num(try Complex.angle(v, loc), loc).toDouble / 2
            return try Complex.polar(.flonum(m), .flonum(half), loc)
        }
        let n = try Arith.num(v, loc)
        if let big = n.toBig, big.signum() >= 0 {
            let r = big.squareRoot()
            if r * r == big { return .integer(r) }
        }
        if case .rat(let p, let q) = n, p.signum() > 0 {
            let rp = p.squareRoot(), rq = q.squareRoot()
            if rp * rp == p && rq * rq == q { return .rational(rp, rq) }
        }
        let d = n.toDouble
        if d < 0 { return Complex.make(.fixnum(0), .flonum(Glibc.sqrt(-d))) }
        return .flonum(Glibc.sqrt(d))
    }

    // MARK: expt

    /// `expt`, taking CHICKEN's cases in CHICKEN's order, so exactness and digits agree:
    /// `(expt 4 1/2)` is 2, `(expt 2 1/2)` 1.4142135623731, `(expt -8 1/3)` complex.
    static func expt(_ base: Value, _ power: Value) throws -> Value {
        guard base.isNumber else { throw SchemeError.typeMsg("expt", "bad argument type - not a number", base) }
        guard power.isNumber else { throw SchemeError.typeMsg("expt", "bad argument type - not a number", power) }
        let b = Num(base), e = Num(power)  // nil for a complex number
        let exactPower = e?.isExact ?? !Complex.isInexact(power)
        // (n/d)^e = n^e · d^−e (an integer power is simply exact below).
        if case .rat(let n, let d)? = b, exactPower {
            if let b, let e, case .fix = e { return try realPower(b, e, base, power) }
            return try Arith.mul(try expt(.integer(n), power), try expt(.integer(d), try Arith.negate(power)), "expt")
        }
        if case .rat(let p, let q)? = e {
            if let a = b?.toBig {  // an exact integer base
                if a.signum() < 0 { return try logExpt(base, power) }
                let (root, rest) = nthRoot(a, q)
                if rest.isZero { return try integerPower(.integer(root), .integer(p)) }
                return .flonum(pow(a.toDouble, ratToDouble(p, q)))
            }
            if case .flo? = b { return try logExpt(base, power) }
            return try slowExpt(base, power)
        }
        guard let b, let e else {
            // A complex exponent, or a complex base to a non-integer power.
            if e != nil && Arith.isInteger(power) { return try complexPower(base, power) }
            return try slowExpt(base, power)
        }
        if case .flo(let y) = e, y.isFinite, y != y.rounded() {
            // A negative base to a fractional power is complex: (expt -1 0.5) is about +i.
            if (try Arith.compare(base, .fixnum(0), "expt") ?? 1) >= 0 { return .flonum(pow(b.toDouble, y)) }
            return try logExpt(base, power)
        }
        return try realPower(b, e, base, power)
    }

    /// Real base, integer (or integral flonum, or bignum) exponent.
    private static func realPower(_ b: Num, _ e: Num, _ base: Value, _ power: Value) throws -> Value {
        if case .fix(let n) = e, b.isExact, let (nn, dd) = b.ratio {
            if n < 0 && nn == 0 { throw SchemeError.divisionByZero("expt", [base, power]) }
            // Either way round, a huge exponent of anything but 0 and ±1 has no room in memory.
            var m = n.magnitude
            if m > 100_000_000 {
                if nn.magnitude > 1 || dd.magnitude > 1 { throw SchemeError.domain("expt", "result too large", [base, power]) }
                m = 2 + m % 2  // 0 and ±1: only the parity matters (and n may be Int.min)
            }
            let k = Int(m)
            return n >= 0 ? .rational(nn.power(k), dd.power(k)) : .rational(dd.power(k), nn.power(k))
        }
        return .flonum(pow(b.toDouble, e.toDouble))
    }

    /// A complex base to an integer power, by squaring (exact stays exact: (expt 1+i 2) is 0+2i).
    private static func complexPower(_ base: Value, _ power: Value) throws -> Value {
        guard let exponent = Num(try Arith.toExact(power, "expt"))?.toBig, let n = exponent.asInt,
              n.magnitude <= 1_000_000 || Complex.isInexact(base) else {
            throw SchemeError.domain("expt", "result too large", [base, power])
        }
        let result = try integerPower(base, .fixnum(n))
        return Num(power)?.isExact == false ? try Arith.toInexact(result, "expt") : result
    }

    private static func integerPower(_ base: Value, _ power: Value) throws -> Value {
        guard case .fixnum(let n) = power, n != Int.min else { return try expt(base, power) }
        if n < 0 { return try Arith.div(.fixnum(1), try integerPower(base, .fixnum(-n)), "expt") }
        var result: Value = .fixnum(1), square = base, k = n
        while k > 0 {
            if k & 1 == 1 { result = try Arith.mul(result, square, "expt") }
            k >>= 1
            if k > 0 { square = try Arith.mul(square, square, "expt") }
        }
        return result
    }

    /// e^(b·log a); CHICKEN's path for negative and complex bases.
    private static func logExpt(_ a: Value, _ b: Value) throws -> Value {
        try exp(try Arith.mul(b, try log(a, "expt"), "expt"))
    }

    private static func slowExpt(_ a: Value, _ b: Value) throws -> Value {
        if case .fixnum(0) = a { throw SchemeError.domain("expt", "exponent of exact 0 with complex argument is undefined", [a]) }
        return try logExpt(a, b)
    }

    /// The integer k-th root of a ≥ 0 rounded down, and a − root^k (Newton's method, from a
    /// first guess above the root; a root index past a's bit width gives 1 at once).
    static func nthRoot(_ a: BigInt, _ k: BigInt) -> (root: BigInt, rest: BigInt) {
        if a < 2 || k == .one { return (a, 0) }
        guard let q = k.asInt, q < a.bitWidth else { return (.one, a - .one) }
        var x = BigInt(1) << ((a.bitWidth + q - 1) / q)
        while true {
            let y = (BigInt(q - 1) * x + a / x.power(q - 1)) / BigInt(q)
            if y >= x { break }
            x = y
        }
        return (x, a - x.power(q))
    }
}
