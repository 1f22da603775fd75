import Glibc


/// An exact integer outside the fixnum range. Always normalised: a value that fits an `Int`
/// is a fixnum, never a `Bignum`.
final class Bignum: SchemeObject {
    let value: BigInt
    init(_ value: BigInt) { self.value = value }
    override var typeName: String { "bignum" }
}

/// An exact non-integer rational, always in lowest terms with a positive denominator > 1.
final class Ratnum: SchemeObject {
    let num: BigInt
    let den: BigInt
    init(num: BigInt, den: BigInt) {
        self.num = num
        self.den = den
    }
    override var typeName: String { "ratnum" }
}

/// The numeric tower, widened to a common representation for arithmetic.
enum Num {
    case fix(Int)
    case big(BigInt)
    case rat(BigInt, BigInt)
    case flo(Double)

    init?(_ v: Value) {
        switch v {
        case .fixnum(let i): self = .fix(i)
        case .flonum(let d): self = .flo(d)
        case .object(let o):
            if let b = o as? Bignum { self = .big(b.value) }
            else if let r = o as? Ratnum { self = .rat(r.num, r.den) }
            else { return nil }
        default: return nil
        }
    }

    var value: Value {
        switch self {
        case .fix(let i): return .fixnum(i)
        case .big(let b): return Value.integer(b)
        case .rat(let n, let d): return Value.rational(n, d)
        case .flo(let d): return .flonum(d)
        }
    }

    var isExact: Bool { if case .flo = self { return false }; return true }

    var toDouble: Double {
        switch self {
        case .fix(let i): return Double(i)
        case .big(let b): return b.toDouble
        case .rat(let n, let d): return ratToDouble(n, d)
        case .flo(let d): return d
        }
    }

    var toBig: BigInt? {
        switch self {
        case .fix(let i): return BigInt(i)
        case .big(let b): return b
        default: return nil
        }
    }

    /// numerator/denominator for exact numbers.
    var ratio: (BigInt, BigInt)? {
        switch self {
        case .fix(let i): return (BigInt(i), 1)
        case .big(let b): return (b, 1)
        case .rat(let n, let d): return (n, d)
        case .flo: return nil
        }
    }
}

func ratToDouble(_ n: BigInt, _ d: BigInt) -> Double {
    let nd = n.toDouble, dd = d.toDouble
    // Both exact as doubles: the one rounding of the division is the right one.
    if abs(nd) < 9007199254740992 && abs(dd) < 9007199254740992 { return nd / dd }
    // Otherwise divide exactly to a 62- or 63-bit quotient (a sticky bit for any remainder
    // keeps the rounding right), then scale: huge or tiny operands keep their precision,
    // and a quotient below the smallest double still comes out (2^-1000 is not 0.0).
    let negative = n.signum() < 0
    let a = negative ? -n : n
    guard !a.isZero else { return 0 }
    let k = d.bitWidth - a.bitWidth + 62
    let (q, r) = k >= 0 ? (a << k).quotientAndRemainder(dividingBy: d) : a.quotientAndRemainder(dividingBy: d << -k)
    guard var bits = q.asInt else { return negative ? -.infinity : .infinity }
    if !r.isZero { bits |= 1 }
    let v = scalbn(Double(bits), -k)
    return negative ? -v : v
}

extension Value {
    /// An exact integer, as a fixnum when it fits.
    static func integer(_ b: BigInt) -> Value {
        if let i = b.asInt { return .fixnum(i) }
        return .object(Bignum(b))
    }

    /// An exact rational in lowest terms.
    static func rational(_ n: BigInt, _ d: BigInt) -> Value {
        var n = n, d = d
        if d.signum() < 0 { n = -n; d = -d }
        if d == .one { return integer(n) }  // an integer (every exact power of one): no gcd
        let g = BigInt.gcd(n, d)
        if g != .one && !g.isZero { n = n / g; d = d / g }
        if d == 1 { return integer(n) }
        return .object(Ratnum(num: n, den: d))
    }

    /// Any number, complex ones included (`Num` covers the real ones).
    var isNumber: Bool { Num(self) != nil || Complex.isComplex(self) }

    var isFlonum: Bool {
        if case .flonum = self { return true }
        return false
    }
}
