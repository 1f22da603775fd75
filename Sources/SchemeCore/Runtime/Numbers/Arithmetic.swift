import Glibc

/// Generic arithmetic over the numeric tower. Fixnum fast paths check overflow and
/// promote to bignums; no operation traps on any input.
enum Arith {
    static func add(_ a: Value, _ b: Value, _ loc: String = "+") throws -> Value {
        if case .fixnum(let x) = a, case .fixnum(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .object(Bignum(BigInt(x) + BigInt(y))) : .fixnum(r)
        }
        if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x + y) }
        guard let p = Num(a), let q = Num(b) else { return try Complex.add(a, b, loc) }
        switch (p, q) {
        case (.flo, _), (_, .flo): return .flonum(p.toDouble + q.toDouble)
        default:
            if let x = p.toBig, let y = q.toBig { return .integer(x + y) }
            let (n1, d1) = p.ratio!, (n2, d2) = q.ratio!
            return .rational(n1 * d2 + n2 * d1, d1 * d2)
        }
    }

    static func sub(_ a: Value, _ b: Value, _ loc: String = "-") throws -> Value {
        if case .fixnum(let x) = a, case .fixnum(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .object(Bignum(BigInt(x) - BigInt(y))) : .fixnum(r)
        }
        if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x - y) }
        guard let p = Num(a), let q = Num(b) else { return try Complex.sub(a, b, loc) }
        switch (p, q) {
        case (.flo, _), (_, .flo): return .flonum(p.toDouble - q.toDouble)
        default:
            if let x = p.toBig, let y = q.toBig { return .integer(x - y) }
            let (n1, d1) = p.ratio!, (n2, d2) = q.ratio!
            return .rational(n1 * d2 - n2 * d1, d1 * d2)
        }
    }

    static func mul(_ a: Value, _ b: Value, _ loc: String = "*") throws -> Value {
        if case .fixnum(let x) = a, case .fixnum(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .object(Bignum(BigInt(x) * BigInt(y))) : .fixnum(r)
        }
        if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x * y) }
        // A bignum times a fixnum (factorials, number building): one pass, no temporary.
        if case .object(let o) = a, let big = o as? Bignum, case .fixnum(let y) = b { return .integer(big.value.multiplied(bySmall: y)) }
        if case .fixnum(let x) = a, case .object(let o) = b, let big = o as? Bignum { return .integer(big.value.multiplied(bySmall: x)) }
        guard let p = Num(a), let q = Num(b) else { return try Complex.mul(a, b, loc) }
        switch (p, q) {
        case (.flo, _), (_, .flo): return .flonum(p.toDouble * q.toDouble)
        default:
            if let x = p.toBig, let y = q.toBig { return .integer(x * y) }
            let (n1, d1) = p.ratio!, (n2, d2) = q.ratio!
            return .rational(n1 * n2, d1 * d2)
        }
    }

    static func div(_ a: Value, _ b: Value, _ loc: String = "/") throws -> Value {
        // Two fixnums: reduce with machine integers; a bignum only if the result needs one.
        if case .fixnum(let x) = a, case .fixnum(let y) = b, y != 0, x != Int.min, y != Int.min {
            if x % y == 0 { return .fixnum(x / y) }
            var g = Swift.abs(x), h = Swift.abs(y)
            while h != 0 { (g, h) = (h, g % h) }
            let (n, d) = y < 0 ? (-x / g, -y / g) : (x / g, y / g)
            return .object(Ratnum(num: BigInt(n), den: BigInt(d)))
        }
        guard let p = Num(a), let q = Num(b) else { return try Complex.div(a, b, loc) }
        switch (p, q) {
        // As in CHICKEN (and R7RS), an exact 0 divisor is an error even for a flonum dividend.
        case (.flo, .fix(0)): throw SchemeError.divisionByZero(loc, [a, b])
        case (.flo, _), (_, .flo): return .flonum(p.toDouble / q.toDouble)
        default:
            let (n1, d1) = p.ratio!, (n2, d2) = q.ratio!
            if n2 == 0 { throw SchemeError.divisionByZero(loc, [a, b]) }
            return .rational(n1 * d2, d1 * n2)
        }
    }

    /// Compares two real numbers: -1, 0, 1; nil when either is NaN.
    static func compare(_ a: Value, _ b: Value, _ loc: String) throws -> Int? {
        if case .fixnum(let x) = a, case .fixnum(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        if case .flonum(let x) = a, case .flonum(let y) = b {
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        // A flonum against a fixnum that a double holds exactly (`(< x 0)`): no exact ratios.
        if case .flonum(let x) = a, case .fixnum(let i) = b, i.magnitude <= 1 << 53 {
            if x.isNaN { return nil }
            let y = Double(i)
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        if case .fixnum(let i) = a, case .flonum(let y) = b, i.magnitude <= 1 << 53 {
            if y.isNaN { return nil }
            let x = Double(i)
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        if Complex.isComplex(a) || Complex.isComplex(b) {
            throw SchemeError.typeMsg(loc, "bad argument type - complex number has no ordering", Complex.isComplex(a) ? a : b)
        }
        let (p, q) = try operands(a, b, loc)
        if case .flo(let x) = p, x.isNaN { return nil }
        if case .flo(let y) = q, y.isNaN { return nil }
        // Compare exactly where possible, so 2^53+1 and 2.0^53 differ as they should.
        if case .flo(let x) = p, x.isInfinite { return x < 0 ? -1 : 1 }
        if case .flo(let y) = q, y.isInfinite { return y < 0 ? 1 : -1 }
        let (n1, d1) = p.ratio ?? exactRatio(p.toDouble)
        let (n2, d2) = q.ratio ?? exactRatio(q.toDouble)
        let l = n1 * d2, r = n2 * d1
        return l < r ? -1 : (l == r ? 0 : 1)
    }

    static func operands(_ a: Value, _ b: Value, _ loc: String) throws -> (Num, Num) {
        (try num(a, loc), try num(b, loc))
    }

    /// A real number that can be ordered: a complex one is CHICKEN's "no ordering" error.
    static func ordered(_ a: Value, _ loc: String) throws -> Num {
        if Complex.isComplex(a) { throw SchemeError.typeMsg(loc, "bad argument type - complex number has no ordering", a) }
        return try num(a, loc)
    }

    /// A real number, or CHICKEN's error: "not a real" for a complex one, else "not a number".
    static func num(_ a: Value, _ loc: String) throws -> Num {
        guard let p = Num(a) else {
            let what = Complex.isComplex(a) ? "not a real" : "not a number"
            throw SchemeError.typeMsg(loc, "bad argument type - \(what)", a)
        }
        return p
    }

    /// The exact rational value of a finite double.
    static func exactRatio(_ d: Double) -> (BigInt, BigInt) {
        if d == d.rounded() && abs(d) < 9.0e15 { return (BigInt(Int(d)), 1) }
        let sig = d.significandBitPattern | (d.isNormal ? (1 << 52) : 0)
        var exp = Int(d.exponent) - 52
        if !d.isNormal { exp = -1074 }
        var n = BigInt(UInt(sig))
        if d < 0 { n = -n }
        if exp >= 0 { return (n << exp, 1) }
        let den = BigInt(1) << (-exp)
        let g = BigInt.gcd(n, den)
        return (n / g, den / g)
    }

    static func toExact(_ v: Value, _ loc: String) throws -> Value {
        if case .object(let o) = v, let c = o as? Cplxnum { return try Complex.convert(c, exact: true, loc) }
        let p = try num(v, loc)
        guard case .flo(let d) = p else { return v }
        guard d.isFinite else { throw SchemeError.domain(loc, "inexact number cannot be represented as an exact number", [v]) }
        if d == d.rounded(), let i = Int(exactly: d) { return .fixnum(i) }
        let (n, dd) = exactRatio(d)
        return .rational(n, dd)
    }

    static func toInexact(_ v: Value, _ loc: String) throws -> Value {
        if case .object(let o) = v, let c = o as? Cplxnum { return try Complex.convert(c, exact: false, loc) }
        return .flonum(try num(v, loc).toDouble)
    }

    static func isInteger(_ v: Value) -> Bool {
        switch Num(v) {
        case .fix, .big: return true
        case .flo(let d): return d.isFinite && d == d.rounded()
        default: return false
        }
    }

    static func negate(_ v: Value, _ loc: String = "-") throws -> Value {
        // Not 0 - x: that would make (- 0.0) 0.0, where CHICKEN (and IEEE negation) gives -0.0.
        if case .flonum(let x) = v { return .flonum(-x) }
        return try sub(.fixnum(0), v, loc)
    }

    enum IntDiv { case quotient, remainder, modulo }

    /// quotient / remainder / modulo over integers (flonum integers allowed, as in CHICKEN).
    static func intDiv(_ a: Value, _ b: Value, _ op: IntDiv, _ loc: String) throws -> Value {
        if case .fixnum(let x) = a, case .fixnum(let y) = b, y != 0, !(x == Int.min && y == -1) {
            switch op {
            case .quotient: return .fixnum(x / y)
            case .remainder: return .fixnum(x % y)
            case .modulo:
                let r = x % y
                return .fixnum(r != 0 && (r < 0) != (y < 0) ? r + y : r)
            }
        }
        guard isInteger(a) else { throw SchemeError.typeMsg(loc, "bad argument type - not an integer", a) }
        guard isInteger(b) else { throw SchemeError.typeMsg(loc, "bad argument type - not an integer", b) }
        if a.isFlonum != b.isFlonum {
            // An exact integer with a flonum: as CHICKEN does, divide the flonum's exact value
            // and answer a flonum, so no digit of a large exact operand is lost to rounding
            // ((remainder (+ (expt 2 53) 1) 2.0) is 1.0).
            return try toInexact(intDiv(toExact(a, loc), toExact(b, loc), op, loc), loc)
        }
        // Both exact or both flonums now.
        let (p, q) = try operands(a, b, loc)
        if case .flo = p {} else {
            let x = p.toBig!, y = q.toBig!
            if y == 0 { throw SchemeError.divisionByZero(loc, []) }
            switch op {
            case .quotient: return .integer(x / y)
            case .remainder: return .integer(x % y)
            case .modulo:
                let r = x % y
                return .integer(r != 0 && (r.signum() < 0) != (y.signum() < 0) ? r + y : r)
            }
        }
        let x = p.toDouble, y = q.toDouble
        if y == 0 { throw SchemeError.divisionByZero(loc, []) }
        switch op {
        case .quotient: return .flonum((x / y).rounded(.towardZero))
        case .remainder: return .flonum(fmod(x, y))
        case .modulo:
            let r = fmod(x, y)
            return .flonum(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        }
    }
}
