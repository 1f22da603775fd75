/// Arbitrary-precision integers: sign and magnitude, 64-bit limbs, little-endian.
///
/// Written for csi-swift so SchemeCore depends on nothing but libc (a bignum package that
/// imports Foundation costs ~5 ms of start-up in dynamic linking alone).
struct BigInt: Equatable, Hashable {
    /// Magnitude limbs, least significant first, no trailing zero limbs (zero is `[]`).
    private(set) var limbs: [UInt]
    private(set) var negative: Bool

    init(limbs: [UInt], negative: Bool) {
        var l = limbs
        while let last = l.last, last == 0 { l.removeLast() }
        self.limbs = l
        self.negative = l.isEmpty ? false : negative
    }

    init(_ i: Int) {
        self.init(limbs: [i.magnitude], negative: i < 0)
    }

    init(_ u: UInt) { self.init(limbs: [u], negative: false) }

    static let zero = BigInt(limbs: [], negative: false)
    static let one = BigInt(1)

    var isZero: Bool { limbs.isEmpty }
    func signum() -> Int { isZero ? 0 : (negative ? -1 : 1) }

    /// The value as an `Int`, if it fits.
    var asInt: Int? {
        if limbs.isEmpty { return 0 }
        guard limbs.count == 1 else { return nil }
        let m = limbs[0]
        if negative { return m <= UInt(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- m) : nil }
        return m <= UInt(Int.max) ? Int(m) : nil
    }

    var bitWidth: Int { limbs.isEmpty ? 0 : limbs.count * 64 - limbs[limbs.count - 1].leadingZeroBitCount }

    var magnitude: BigInt { BigInt(limbs: limbs, negative: false) }

    // MARK: magnitude arithmetic

    private static func compareMagnitude(_ a: [UInt], _ b: [UInt]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    private static func addMagnitude(_ a: [UInt], _ b: [UInt]) -> [UInt] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var out = [UInt]()
        out.reserveCapacity(long.count + 1)
        var carry: UInt = 0
        for i in 0..<long.count {
            let (s1, o1) = long[i].addingReportingOverflow(i < short.count ? short[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out.append(s2)
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { out.append(carry) }
        return out
    }

    /// a - b where |a| >= |b|.
    private static func subtractMagnitude(_ a: [UInt], _ b: [UInt]) -> [UInt] {
        var out = [UInt]()
        out.reserveCapacity(a.count)
        var borrow: UInt = 0
        for i in 0..<a.count {
            let (d1, o1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out.append(d2)
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return out
    }

    private static func multiplyMagnitude(_ a: [UInt], _ b: [UInt]) -> [UInt] {
        if a.isEmpty || b.isEmpty { return [] }
        if a.count < b.count { return multiplyMagnitude(b, a) }
        if b.count == 1 { return multiplyMagnitude(a, byLimb: b[0]) }
        return productMagnitude(a[...], b[...])  // BigIntProduct.swift
    }

    /// A magnitude times one limb (the common case: a bignum times a fixnum), in one pass.
    private static func multiplyMagnitude(_ a: [UInt], byLimb m: UInt) -> [UInt] {
        if m == 0 { return [] }
        var out = [UInt].filled(with: 0, count: a.count + 1)
        out.withUnsafeMutableBufferPointer { o in
            a.withUnsafeBufferPointer { x in
                var carry: UInt = 0
                for i in 0..<x.count {
                    let (hi, lo) = x[i].multipliedFullWidth(by: m)
                    let (s, overflow) = lo.addingReportingOverflow(carry)
                    o[i] = s
                    carry = hi &+ (overflow ? 1 : 0)
                }
                o[x.count] = carry
            }
        }
        return out
    }

    /// Division of a magnitude by one limb.
    private static func divideMagnitude(_ a: [UInt], by d: UInt) -> ([UInt], UInt) {
        var q = [UInt].filled(with: 0, count: a.count)
        var r: UInt = 0
        var i = a.count - 1
        while i >= 0 {
            let (qi, ri) = d.dividingFullWidth((r, a[i]))
            q[i] = qi
            r = ri
            i -= 1
        }
        return (q, r)
    }

    /// Knuth's algorithm D: quotient and remainder of magnitudes, `b` non-empty.
    private static func divideMagnitude(_ a: [UInt], by b: [UInt]) -> ([UInt], [UInt]) {
        if compareMagnitude(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let (q, r) = divideMagnitude(a, by: b[0])
            return (q, [r])
        }
        let shift = b[b.count - 1].leadingZeroBitCount
        let v = shiftLeftMagnitude(b, shift)
        var u = shiftLeftMagnitude(a, shift)
        if u.count == a.count { u.append(0) }
        let n = v.count, m = u.count - n
        var q = [UInt].filled(with: 0, count: m)
        let vTop = v[n - 1], vNext = v[n - 2]
        var j = m - 1
        while j >= 0 {
            // Estimate q̂ from the top two limbs of the current remainder.
            var qhat: UInt
            var rhat: UInt
            var rhatOverflow = false  // rhat >= 2^64: q̂ needs no further correction
            if u[j + n] >= vTop {
                qhat = UInt.max
                let (r, o) = u[j + n - 1].addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((u[j + n], u[j + n - 1]))
            }
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                if ph > rhat || (ph == rhat && pl > u[j + n - 2]) {
                    qhat -= 1
                    let (r, o) = rhat.addingReportingOverflow(vTop)
                    rhat = r
                    rhatOverflow = o
                } else { break }
            }
            // Multiply and subtract.
            var borrow: UInt = 0
            var carry: UInt = 0
            for i in 0..<n {
                let (ph, pl) = qhat.multipliedFullWidth(by: v[i])
                let (pl2, o1) = pl.addingReportingOverflow(carry)
                carry = ph &+ (o1 ? 1 : 0)
                let (d1, b1) = u[i + j].subtractingReportingOverflow(pl2)
                let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
            }
            let (d1, b1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if b1 || b2 {
                // q̂ was one too large: add the divisor back.
                qhat -= 1
                var c: UInt = 0
                for i in 0..<n {
                    let (s1, o1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, o2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
        let r = shiftRightMagnitude(Array(u[0..<n]), shift)
        return (q, r)
    }

    private static func shiftLeftMagnitude(_ a: [UInt], _ bits: Int) -> [UInt] {
        if a.isEmpty { return [] }
        let limbShift = bits / 64, bitShift = bits % 64
        var out: [UInt] = []
        out.reserveCapacity(limbShift + a.count + 1)
        out.append(contentsOf: repeatElement(0, count: limbShift))
        if bitShift == 0 { return out + a }
        var carry: UInt = 0
        for x in a {
            out.append((x << UInt(bitShift)) | carry)
            carry = x >> UInt(64 - bitShift)
        }
        if carry != 0 { out.append(carry) }
        return out
    }

    private static func shiftRightMagnitude(_ a: [UInt], _ bits: Int) -> [UInt] {
        let limbShift = bits / 64, bitShift = bits % 64
        if limbShift >= a.count { return [] }
        var out = Array(a[limbShift...])
        if bitShift == 0 { return out }
        for i in 0..<out.count {
            let next = i + 1 < out.count ? out[i + 1] : 0
            out[i] = (out[i] >> UInt(bitShift)) | (next << UInt(64 - bitShift))
        }
        return out
    }

    // MARK: signed arithmetic

    static prefix func - (a: BigInt) -> BigInt { BigInt(limbs: a.limbs, negative: !a.negative) }

    static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(limbs: addMagnitude(a.limbs, b.limbs), negative: a.negative) }
        let c = compareMagnitude(a.limbs, b.limbs)
        if c == 0 { return .zero }
        return c > 0 ? BigInt(limbs: subtractMagnitude(a.limbs, b.limbs), negative: a.negative)
                     : BigInt(limbs: subtractMagnitude(b.limbs, a.limbs), negative: b.negative)
    }

    static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    /// `self * m` for a machine integer.
    func multiplied(bySmall m: Int) -> BigInt {
        BigInt(limbs: BigInt.multiplyMagnitude(limbs, byLimb: m.magnitude), negative: (m < 0) != negative)
    }

    static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(limbs: multiplyMagnitude(a.limbs, b.limbs), negative: a.negative != b.negative)
    }

    /// Truncating division (quotient toward zero, remainder with the dividend's sign).
    func quotientAndRemainder(dividingBy d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!d.isZero, "BigInt division by zero")
        let (q, r) = BigInt.divideMagnitude(limbs, by: d.limbs)
        return (BigInt(limbs: q, negative: negative != d.negative), BigInt(limbs: r, negative: negative))
    }

    static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    static func < (a: BigInt, b: BigInt) -> Bool {
        if a.negative != b.negative { return a.negative }
        let c = compareMagnitude(a.limbs, b.limbs)
        return a.negative ? c > 0 : c < 0
    }
    static func > (a: BigInt, b: BigInt) -> Bool { b < a }
    static func <= (a: BigInt, b: BigInt) -> Bool { !(b < a) }
    static func >= (a: BigInt, b: BigInt) -> Bool { !(a < b) }

    /// Shift left (multiply by 2^n).
    static func << (a: BigInt, n: Int) -> BigInt {
        if n < 0 { return a >> (-n) }
        return BigInt(limbs: shiftLeftMagnitude(a.limbs, n), negative: a.negative)
    }

    /// Arithmetic shift right: floor(a / 2^n), as `arithmetic-shift` requires.
    static func >> (a: BigInt, n: Int) -> BigInt {
        if n < 0 { return a << (-n) }
        let shifted = BigInt(limbs: shiftRightMagnitude(a.limbs, n), negative: a.negative)
        if a.negative {
            // Round toward negative infinity when bits were dropped.
            let back = BigInt(limbs: shiftLeftMagnitude(shifted.limbs, n), negative: false)
            if back.limbs != a.limbs { return shifted - .one }
        }
        return shifted
    }

    func power(_ n: Int) -> BigInt {
        // A power of two (`(expt 2 100)`, the common case) is one shift, not ~2 log n products.
        if limbs.count == 1, limbs[0].nonzeroBitCount == 1, n >= 0 {
            let (shift, overflow) = limbs[0].trailingZeroBitCount.multipliedReportingOverflow(by: n)
            if !overflow {
                let r = BigInt.one << shift
                return negative && n & 1 == 1 ? -r : r
            }
        }
        var result = BigInt.one, base = self, e = n
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// A uniformly distributed random integer in 0..<self (self > 0).
    func random<G: RandomNumberGenerator>(using generator: inout G) -> BigInt {
        var limbsOut = (0..<limbs.count + 1).map { _ in UInt.random(in: 0...UInt.max, using: &generator) }
        limbsOut[limbsOut.count - 1] = 0
        let wide = BigInt(limbs: limbsOut + [UInt.random(in: 0...UInt.max, using: &generator)], negative: false)
        return wide % magnitude
    }

    /// floor(sqrt(self)) for self >= 0 (Newton's method).
    func squareRoot() -> BigInt {
        if isZero { return .zero }
        var x = BigInt.one << ((bitWidth + 1) / 2)
        while true {
            let y = (x + self / x) >> 1
            if y >= x { return x }
            x = y
        }
    }

    static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = a.magnitude, y = b.magnitude
        while !y.isZero { (x, y) = (y, x % y) }
        return x
    }

    // MARK: bitwise (two's complement semantics, infinite sign extension)

    private func twosComplement(limbCount: Int) -> [UInt] {
        var out = limbs
        out.append(contentsOf: repeatElement(0, count: limbCount - limbs.count))
        if negative {
            var carry: UInt = 1
            for i in 0..<out.count {
                let (s, o) = (~out[i]).addingReportingOverflow(carry)
                out[i] = s
                carry = o ? 1 : 0
            }
        }
        return out
    }

    private static func fromTwosComplement(_ limbs: [UInt]) -> BigInt {
        guard let top = limbs.last, top >> 63 == 1 else { return BigInt(limbs: limbs, negative: false) }
        var out = limbs
        var carry: UInt = 1
        for i in 0..<out.count {
            let (s, o) = (~out[i]).addingReportingOverflow(carry)
            out[i] = s
            carry = o ? 1 : 0
        }
        return BigInt(limbs: out, negative: true)
    }

    static func bitwise(_ a: BigInt, _ b: BigInt, _ op: (UInt, UInt) -> UInt) -> BigInt {
        let n = max(a.limbs.count, b.limbs.count) + 1
        let x = a.twosComplement(limbCount: n), y = b.twosComplement(limbCount: n)
        return fromTwosComplement((0..<n).map { op(x[$0], y[$0]) })
    }

    // MARK: conversion

    var toDouble: Double {
        var d = 0.0
        for limb in limbs.reversed() { d = d * 18446744073709551616.0 + Double(limb) }
        return negative ? -d : d
    }

    /// Parses digits in `radix` (no sign); nil if a character is not a digit.
    init?<S: StringProtocol>(digits: S, radix: Int) {
        self.init(digitBytes: Array(digits.utf8)[...], radix: radix)
    }
}

extension BigInt: ExpressibleByIntegerLiteral, Comparable {
    init(integerLiteral value: Int) { self.init(value) }
}
