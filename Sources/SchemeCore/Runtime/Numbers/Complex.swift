import Glibc

/// A complex number with a nonzero imaginary part. Both parts are real numbers of the same
/// exactness (`1+2i` exact, `1.0+2.0i` inexact); `Complex.make` keeps that invariant.
final class Cplxnum: SchemeObject {
    let real: Value
    let imag: Value
    fileprivate init(real: Value, imag: Value) {
        self.real = real
        self.imag = imag
    }
    override var typeName: String { "cplxnum" }
}

/// Complex arithmetic, by CHICKEN 5's formulas so results agree digit for digit. The parts
/// are real, so each operation here ends in `Arith`'s real arithmetic.
enum Complex {
    /// `make-rectangular` as CHICKEN normalises it: a zero imaginary part, exact or not,
    /// gives the real part alone (`(make-rectangular 1 0.0)` is 1); otherwise one inexact
    /// part makes both inexact.
    static func make(_ re: Value, _ im: Value) -> Value {
        if im.isZeroNumber { return re }
        if case .flonum = re, case .flonum = im { return .object(Cplxnum(real: re, imag: im)) }
        if isInexactReal(re) || isInexactReal(im) {
            return .object(Cplxnum(real: .flonum(Num(re)?.toDouble ?? .nan), imag: .flonum(Num(im)?.toDouble ?? .nan)))
        }
        return .object(Cplxnum(real: re, imag: im))
    }

    private static func isInexactReal(_ v: Value) -> Bool {
        if case .flonum = v { return true }
        return false
    }

    static func isComplex(_ v: Value) -> Bool {
        if case .object(let o) = v, o is Cplxnum { return true }
        return false
    }

    /// The real and imaginary parts of any number (a real number's imaginary part is exact 0).
    static func parts(_ v: Value, _ loc: String) throws -> (Value, Value) {
        if case .object(let o) = v, let c = o as? Cplxnum { return (c.real, c.imag) }
        guard Num(v) != nil else { throw SchemeError.typeMsg(loc, "bad argument type - not a number", v) }
        return (v, .fixnum(0))
    }

    /// Whether `v` is a complex number with inexact parts.
    static func isInexact(_ v: Value) -> Bool {
        if case .object(let o) = v, let c = o as? Cplxnum { return !isExact(c) }
        return false
    }

    static func isExact(_ c: Cplxnum) -> Bool {
        if case .flonum = c.real { return false }
        return true
    }

    // MARK: arithmetic (called by `Arith` when an operand is not real)

    static func add(_ a: Value, _ b: Value, _ loc: String) throws -> Value {
        let (p, q) = try parts(a, loc), (r, s) = try parts(b, loc)
        return make(try Arith.add(p, r, loc), try Arith.add(q, s, loc))
    }

    static func sub(_ a: Value, _ b: Value, _ loc: String) throws -> Value {
        let (p, q) = try parts(a, loc), (r, s) = try parts(b, loc)
        return make(try Arith.sub(p, r, loc), try Arith.sub(q, s, loc))
    }

    /// (a+bi)(c+di) = (ac − bd) + (ad + bc)i
    static func mul(_ x: Value, _ y: Value, _ loc: String) throws -> Value {
        let (a, b) = try parts(x, loc), (c, d) = try parts(y, loc)
        let re = try Arith.sub(try Arith.mul(a, c, loc), try Arith.mul(b, d, loc), loc)
        let im = try Arith.add(try Arith.mul(a, d, loc), try Arith.mul(b, c, loc), loc)
        return make(re, im)
    }

    /// (a+bi)/(c+di) = ((ac + bd) + (bc − ad)i) / (c² + d²)
    static func div(_ x: Value, _ y: Value, _ loc: String) throws -> Value {
        let (a, b) = try parts(x, loc), (c, d) = try parts(y, loc)
        if case .fixnum(0) = c, case .fixnum(0) = d { throw SchemeError.divisionByZero(loc, [x]) }
        let r = try Arith.add(try Arith.mul(c, c, loc), try Arith.mul(d, d, loc), loc)
        let re = try Arith.add(try Arith.mul(a, c, loc), try Arith.mul(b, d, loc), loc)
        let im = try Arith.sub(try Arith.mul(b, c, loc), try Arith.mul(a, d, loc), loc)
        return make(try Arith.div(re, r, loc), try Arith.div(im, r, loc))
    }

    /// `=` on numbers that may be complex.
    static func equal(_ x: Value, _ y: Value, _ loc: String) throws -> Bool {
        let (a, b) = try parts(x, loc), (c, d) = try parts(y, loc)
        return try Arith.compare(a, c, loc) == 0 && Arith.compare(b, d, loc) == 0
    }

    static func magnitude(_ v: Value, _ loc: String = "magnitude") throws -> Value {
        if case .object(let o) = v, let c = o as? Cplxnum {
            return try Transcendental.sqrt(try Arith.add(try Arith.mul(c.real, c.real, loc), try Arith.mul(c.imag, c.imag, loc), loc))
        }
        if (try Arith.compare(v, .fixnum(0), loc) ?? 0) < 0 { return try Arith.negate(v, loc) }
        return v
    }

    static func angle(_ v: Value, _ loc: String = "angle") throws -> Value {
        let (re, im) = try parts(v, loc)
        return .flonum(atan2(try Arith.num(im, loc).toDouble, try Arith.num(re, loc).toDouble))
    }

    /// `make-polar`: always inexact.
    static func polar(_ magnitude: Value, _ angle: Value, _ loc: String = "make-polar") throws -> Value {
        let m = try Arith.num(magnitude, loc).toDouble, a = try Arith.num(angle, loc).toDouble
        return make(.flonum(m * cos(a)), .flonum(m * sin(a)))
    }

    /// Exact or inexact, part by part (`inexact->exact` of 1.5+2.5i is 3/2+5/2i).
    static func convert(_ c: Cplxnum, exact: Bool, _ loc: String) throws -> Value {
        if exact { return make(try Arith.toExact(c.real, loc), try Arith.toExact(c.imag, loc)) }
        return make(try Arith.toInexact(c.real, loc), try Arith.toInexact(c.imag, loc))
    }
}
