import Glibc
import CSystem

/// Number syntax: parsing (`string->number`, the reader) and printing (`number->string`).
enum NumberFormat {
    /// Significant digits for flonums, as CHICKEN's `flonum-print-precision` (default 15).
    nonisolated(unsafe) static var flonumPrecision = 15

    static func format(_ v: Value, radix: Int = 10) -> String {
        switch v {
        case .fixnum(let i): return String(i, radix: radix)
        case .flonum(let d): return formatFlonum(d, radix: radix)
        case .object(let o):
            if let b = o as? Bignum { return b.value.toString(radix: radix) }
            if let r = o as? Ratnum { return r.num.toString(radix: radix) + "/" + r.den.toString(radix: radix) }
            if let c = o as? Cplxnum {
                // `1+2i`, `1.5-0.5i`, `1.0+inf.0i`: the imaginary part always carries a sign.
                let im = format(c.imag, radix: radix)
                let sign = im.hasPrefix("-") || im.hasPrefix("+") ? "" : "+"
                return format(c.real, radix: radix) + sign + im + "i"
            }
            return "?"
        default: return "?"
        }
    }

    /// A flonum as CHICKEN prints it. Another radix changes only integral values below
    /// 2^64 (`(number->string 255.0 16)` is "ff.0"); the rest print in decimal, as there.
    static func formatFlonum(_ d: Double, radix: Int = 10) -> String {
        if d.isNaN { return "+nan.0" }
        if d.isInfinite { return d < 0 ? "-inf.0" : "+inf.0" }
        // CHICKEN prints integral flonums below 2^64 in magnitude with all their digits
        // (measured: 1.8e19 → 18000000000000000000.0, 1.9e19 → 1.9e+19).
        if d == d.rounded() && abs(d) < 18446744073709551616.0 {
            if radix != 10 {
                return (d.sign == .minus ? "-" : "") + String(UInt64(abs(d)), radix: radix) + ".0"
            }
            return cFormat(d, integral: true) + ".0"
        }
        return cFormat(d, integral: false)
    }

    /// printf's "%.0f" of `d`, or its "%.Ng" (N = `flonum-print-precision`) with ".0" added
    /// when that shows neither a point nor an exponent. Formatted in a stack buffer: this
    /// runs for every flonum a program writes.
    private static func cFormat(_ d: Double, integral: Bool) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf in
            guard let base = buf.baseAddress else { return "" }
            let n = Int(csystem_format_double(base, 64, d, integral ? 1 : 0, Int32(flonumPrecision)))
            var count = max(0, min(n, 63))
            if !integral && count + 2 <= 64 && !(0..<count).contains(where: { buf[$0] == 0x2E || buf[$0] == 0x65 }) {
                buf[count] = 0x2E; buf[count + 1] = 0x30  // no '.' nor 'e': add ".0"
                count += 2
            }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }

    /// Parses Scheme number syntax; nil if `text` is not a number.
    static func parse(_ text: String, radix: Int = 10) -> Value? {
        NumberParser.parse(text, radix: radix)
    }

    /// The value of a digit in bases up to 36 (`0`–`9`, then `a`/`A` = 10 … `z`/`Z` = 35).
    static func digitValue(_ c: Character) -> Int? {
        guard let a = c.asciiValue else { return nil }
        return digitValue(byte: a)
    }

    static func digitValue(byte a: UInt8) -> Int? {
        switch a {
        case 48...57: return Int(a) - 48
        case 97...122: return Int(a) - 87
        case 65...90: return Int(a) - 55
        default: return nil
        }
    }
}
