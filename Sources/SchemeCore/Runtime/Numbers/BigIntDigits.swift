/// Writing a bignum in a radix: short numbers a limb's worth of digits at a time, long ones
/// split in halves (below); and reading long digit strings the same way.
extension BigInt {
    /// The number written in `radix` (2 to 36, lowercase letters), with a minus sign if negative.
    func toString(radix: Int = 10) -> String {
        if isZero { return "0" }
        let digits = limbs.count > BigInt.digitSplitThreshold ? magnitude.splitDigits(radix: radix)
                                                               : magnitude.chunkedDigits(radix: radix)
        return negative ? "-" + digits : digits
    }

    /// The largest power of `radix` that fits in one limb, and its number of digits.
    static func limbChunk(radix: Int) -> (chunk: UInt, digits: Int) {
        var chunkDigits = 0
        var chunk: UInt = 1
        while true {
            let (p, o) = chunk.multipliedReportingOverflow(by: UInt(radix))
            if o { return (chunk, chunkDigits) }
            chunk = p
            chunkDigits += 1
        }
    }

    /// The digits of the magnitude, peeled off a limb's worth at a time: quadratic in the
    /// length, so used for short numbers (`splitDigits` below takes long ones).
    func chunkedDigits(radix: Int) -> String {
        if isZero { return "0" }
        let (chunk, chunkDigits) = BigInt.limbChunk(radix: radix)
        // Written from the end of a buffer with room for every chunk; the number is divided
        // in place, a copy of its limbs shrinking as its top limbs become zero.
        // Each limb holds at most 64 / log2(radix) digits; floor(log2(radix)) overestimates it.
        let room = limbs.count * 64 / (Int.bitWidth - 1 - radix.leadingZeroBitCount) + chunkDigits
        var mag = limbs
        let bytes = [UInt8](unsafeUninitializedCapacity: room) { out, initialized in
            var at = room
            mag.withUnsafeMutableBufferPointer { m in
                var count = m.count
                while count > 0 {
                    var r: UInt = 0
                    var i = count - 1
                    while i >= 0 {
                        (m[i], r) = chunk.dividingFullWidth((r, m[i]))  // r < chunk: the quotient fits
                        i -= 1
                    }
                    while count > 0 && m[count - 1] == 0 { count -= 1 }
                    // Every chunk but the most significant one has all its digits.
                    let end = count > 0 ? max(0, at - chunkDigits) : 0
                    if radix == 10 {  // a constant divisor: multiplications, not divisions
                        repeat { at -= 1; out[at] = UInt8(truncatingIfNeeded: r % 10) &+ 48; r /= 10 } while at > end && (r > 0 || count > 0)
                    } else {
                        let base = UInt(radix)
                        repeat { at -= 1; out[at] = BigInt.digitBytes[Int(r % base)]; r /= base } while at > end && (r > 0 || count > 0)
                    }
                }
            }
            // Move the digits to the front.
            let n = room - at
            if at > 0, let base = out.baseAddress { base.update(from: base + at, count: n) }
            initialized = n
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digits of radixes up to 36, as `String(_:radix:)` writes them.
    private static let digitBytes = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
}

/// The digits of a long bignum, by divide and conquer: the number is split by a power of the
/// radix with about half its limbs, and each half converted the same way (the low half
/// padded with zeros to the power's digits).
///
/// Peeling off one limb's worth of digits at a time divides the whole number once per 19
/// decimal digits, a hardware division per limb each time: `(number->string (expt 10
/// 1000000))` took 8.3 s, where csi takes 1.3 s. Splitting moves the work into a few long
/// divisions whose inner loops multiply instead.
///
/// The recursion descends one power per level, so its depth is the logarithm of the length
/// (under 40 for any number that fits in memory), never something a program chooses.
extension BigInt {
    /// Numbers of at most this many limbs are converted a limb's worth at a time.
    static let digitSplitThreshold = 40

    /// The digits of this magnitude (non-negative) in `radix`, split by powers of it.
    func splitDigits(radix: Int) -> String {
        let (chunk, chunkDigits) = BigInt.limbChunk(radix: radix)
        // powers[k] = chunk^(2^k), which has chunkDigits·2^k digits' worth of value; the last
        // one has about half the limbs of the number.
        var powers = [BigInt(chunk)]
        var top = BigInt(chunk)
        while top.limbs.count * 2 <= limbs.count {
            top = top * top
            powers.append(top)
        }
        var out: [UInt8] = []
        out.reserveCapacity(limbs.count * (chunkDigits + 1))
        BigInt.appendDigits(of: self, level: powers.count - 1, width: nil, powers: powers,
                            chunkDigits: chunkDigits, radix: radix, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the digits of `x` (non-negative), padded with zeros to `width` digits if given,
    /// splitting by `powers[level]` and below.
    private static func appendDigits(of x: BigInt, level: Int, width: Int?, powers: [BigInt], chunkDigits: Int,
                                     radix: Int, to out: inout [UInt8]) {
        if level < 0 || x.limbs.count <= digitSplitThreshold {
            let digits = x.chunkedDigits(radix: radix).utf8
            if let width, width > digits.count { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            out.append(contentsOf: digits)
            return
        }
        let power = powers[level]
        if x < power {
            appendDigits(of: x, level: level - 1, width: width, powers: powers, chunkDigits: chunkDigits, radix: radix, to: &out)
            return
        }
        let lowDigits = chunkDigits << level
        let (high, low) = x.quotientAndRemainder(dividingBy: power)
        appendDigits(of: high, level: level, width: width.map { $0 - lowDigits }, powers: powers,
                     chunkDigits: chunkDigits, radix: radix, to: &out)
        appendDigits(of: low, level: level - 1, width: lowDigits, powers: powers, chunkDigits: chunkDigits,
                     radix: radix, to: &out)
    }
}

/// Reading long digit strings the same way: the value of the high half times a power of the
/// radix, plus the low half's, so the work is in a few long (Karatsuba) products instead of
/// one product by a limb per 15 digits over the whole number so far.
extension BigInt {
    /// Digit strings of at most this many characters are read a limb's worth at a time.
    static let digitReadSplit = 600

    /// The number the ASCII digits `digits` spell in `radix` (no sign); nil if one is not a
    /// digit of that radix.
    init?(digitBytes digits: ArraySlice<UInt8>, radix: Int) {
        for b in digits {
            guard let d = NumberFormat.digitValue(byte: b), d < radix else { return nil }
        }
        var powers: [Int: BigInt] = [:]
        self = BigInt.readDigits(digits, radix: radix, powers: &powers)
    }

    /// The value of `digits`, checked already; `powers` caches radix^n by n (the halves of
    /// one level have at most two lengths).
    private static func readDigits(_ digits: ArraySlice<UInt8>, radix: Int, powers: inout [Int: BigInt]) -> BigInt {
        if digits.count <= digitReadSplit {
            var value = BigInt.zero
            var chunkValue = 0, chunkScale = 1
            for b in digits {
                chunkValue = chunkValue * radix + (NumberFormat.digitValue(byte: b) ?? 0)
                chunkScale *= radix
                if chunkScale > (1 << 50) {
                    value = value.multiplied(bySmall: chunkScale) + BigInt(chunkValue)
                    chunkValue = 0
                    chunkScale = 1
                }
            }
            return value.multiplied(bySmall: chunkScale) + BigInt(chunkValue)
        }
        let middle = digits.startIndex + digits.count / 2
        let lowCount = digits.endIndex - middle
        let scale = powers[lowCount] ?? BigInt(radix).power(lowCount)
        powers[lowCount] = scale
        let high = readDigits(digits[..<middle], radix: radix, powers: &powers)
        return high * scale + readDigits(digits[middle...], radix: radix, powers: &powers)
    }
}
