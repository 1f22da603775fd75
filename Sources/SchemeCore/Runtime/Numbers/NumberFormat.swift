import Glibc

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
            return cFormat("%.0f", d) + ".0"
        }
        let s = cFormat("%.\(flonumPrecision)g", d)
        if s.contains(".") || s.contains("e") { return s }
        return s + ".0"
    }

    private static func cFormat(_ fmt: String, _ d: Double) -> String {
        var buf = [CChar](repeating: 0, count: 64)
        _ = withVaList([d]) { vsnprintf(&buf, 64, fmt, $0) }
        return String(cString: buf)
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
