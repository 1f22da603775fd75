/// Products of bignum magnitudes: the schoolbook method for short operands, Karatsuba's
/// above `karatsubaThreshold` limbs.
///
/// Karatsuba replaces one product of two n-limb numbers by three of n/2 limbs, so a product
/// costs O(n^1.585) limb operations instead of O(n^2): `(expt 10 1000000)`, whose last
/// squarings have 26,000 limbs, took ten times csi's time with the schoolbook alone.
///
/// The recursion halves the operands at every level, so its depth is the logarithm of their
/// length (under 40 for any number that fits in memory), never something a program chooses.
extension BigInt {
    /// Below this many limbs in the shorter operand the schoolbook method is faster: its
    /// inner loop allocates nothing. Measured: with 16 or 24, products of 60-limb numbers
    /// were slower than the schoolbook's; 32 was not, and `(expt 10 3000000)` is within
    /// noise from 24 to 64.
    static let karatsubaThreshold = 32

    /// |a| × |b| as limbs, least significant first (there may be trailing zero limbs).
    static func productMagnitude(_ a: ArraySlice<UInt>, _ b: ArraySlice<UInt>) -> [UInt] {
        if a.count < b.count { return productMagnitude(b, a) }
        if b.isEmpty { return [] }
        if b.count < karatsubaThreshold { return schoolbookProduct(a, b) }
        var out = [UInt].filled(with: 0, count: a.count + b.count)
        if a.count >= 2 * b.count {
            // Lopsided: the longer operand in pieces as long as the shorter one.
            var start = a.startIndex
            while start < a.endIndex {
                let end = min(start + b.count, a.endIndex)
                add(productMagnitude(a[start..<end], b)[...], into: &out, at: start - a.startIndex)
                start = end
            }
            return out
        }
        // a = a1·B^h + a0, b = b1·B^h + b0 (b1 may be empty); with z0 = a0·b0, z2 = a1·b1,
        // a·b = z2·B^2h + ((a0 + a1)(b0 + b1) − z0 − z2)·B^h + z0.
        let h = (a.count + 1) / 2
        let a0 = a[a.startIndex..<(a.startIndex + h)], a1 = a[(a.startIndex + h)...]
        let bSplit = b.startIndex + min(h, b.count)
        let b0 = b[b.startIndex..<bSplit], b1 = b[bSplit...]
        let z0 = productMagnitude(a0, b0)
        let z2 = productMagnitude(a1, b1)
        var z1 = productMagnitude(sum(a0, a1)[...], sum(b0, b1)[...])
        subtract(z0, from: &z1)
        subtract(z2, from: &z1)
        add(z0[...], into: &out, at: 0)
        add(z1[...], into: &out, at: h)
        add(z2[...], into: &out, at: 2 * h)
        return out
    }

    /// |a| × |b| by the schoolbook method, one row per limb of `a`.
    static func schoolbookProduct(_ a: ArraySlice<UInt>, _ b: ArraySlice<UInt>) -> [UInt] {
        var out = [UInt].filled(with: 0, count: a.count + b.count)
        out.withUnsafeMutableBufferPointer { o in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    for i in 0..<x.count {
                        let xi = x[i]
                        if xi == 0 { continue }
                        var carry: UInt = 0
                        for j in 0..<y.count {
                            let (hi, lo) = xi.multipliedFullWidth(by: y[j])
                            let (s1, o1) = lo.addingReportingOverflow(o[i + j])
                            let (s2, o2) = s1.addingReportingOverflow(carry)
                            o[i + j] = s2
                            carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                        }
                        o[i + y.count] = carry
                    }
                }
            }
        }
        return out
    }

    /// a + b as limbs.
    private static func sum(_ a: ArraySlice<UInt>, _ b: ArraySlice<UInt>) -> [UInt] {
        var out = [UInt].filled(with: 0, count: max(a.count, b.count) + 1)
        add(a, into: &out, at: 0)
        add(b, into: &out, at: 0)
        return out
    }

    /// `out += addend · B^offset`, for a sum that fits in `out` (limbs of `addend` past the
    /// end of `out` are zero then, and no carry leaves it).
    private static func add(_ addend: ArraySlice<UInt>, into out: inout [UInt], at offset: Int) {
        out.withUnsafeMutableBufferPointer { o in
            addend.withUnsafeBufferPointer { x in
                var carry: UInt = 0
                var i = 0
                while i < x.count && offset + i < o.count {
                    let (s1, o1) = o[offset + i].addingReportingOverflow(x[i])
                    let (s2, o2) = s1.addingReportingOverflow(carry)
                    o[offset + i] = s2
                    carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                    i += 1
                }
                while carry != 0 && offset + i < o.count {
                    let (s, overflow) = o[offset + i].addingReportingOverflow(carry)
                    o[offset + i] = s
                    carry = overflow ? 1 : 0
                    i += 1
                }
            }
        }
    }

    /// `z -= x`, for x ≤ z (limbs of `x` past the end of `z` are zero then).
    private static func subtract(_ x: [UInt], from z: inout [UInt]) {
        z.withUnsafeMutableBufferPointer { o in
            x.withUnsafeBufferPointer { y in
                var borrow: UInt = 0
                var i = 0
                while i < y.count && i < o.count {
                    let (d1, o1) = o[i].subtractingReportingOverflow(y[i])
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                    o[i] = d2
                    borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                    i += 1
                }
                while borrow != 0 && i < o.count {
                    let (d, overflow) = o[i].subtractingReportingOverflow(borrow)
                    o[i] = d
                    borrow = overflow ? 1 : 0
                    i += 1
                }
            }
        }
    }
}
