import Glibc

/// Number syntax: parsing (`string->number`, the reader) and printing (`number->string`).
enum NumberFormat {
    /// Significant digits for flonums, as CHICKEN's `flonum-print-precision` (default 15).
    nonisolated(unsafe) static var flonumPrecision = 15

    static func format(_ v: Value, radix: Int = 10) -> String {
        switch v {
        case .fixnum(let i): return String(i, radix: radix)
        case .flonum(let d): return formatFlonum(d)
        case .object(let o):
            if let b = o as? Bignum { return b.value.toString(radix: radix) }
            if let r = o as? Ratnum { return r.num.toString(radix: radix) + "/" + r.den.toString(radix: radix) }
            return "?"
        default: return "?"
        }
    }

    static func formatFlonum(_ d: Double) -> String {
        if d.isNaN { return "+nan.0" }
        if d.isInfinite { return d < 0 ? "-inf.0" : "+inf.0" }
        // CHICKEN prints integral flonums below 2^64 in magnitude with all their digits
        // (measured: 1.8e19 → 18000000000000000000.0, 1.9e19 → 1.9e+19).
        if d == d.rounded() && abs(d) < 18446744073709551616.0 {
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
    static func parse(_ text: String, radix defaultRadix: Int = 10) -> Value? {
        guard (2...36).contains(defaultRadix) else { return nil }
        var s = Substring(text)
        var radix = defaultRadix
        var exactness: Character? = nil
        while s.hasPrefix("#") {
            guard s.count >= 2 else { return nil }
            let c = s[s.index(after: s.startIndex)].lowercased().first!
            switch c {
            case "x": radix = 16
            case "b": radix = 2
            case "o": radix = 8
            case "d": radix = 10
            case "e", "i":
                if exactness != nil { return nil }
                exactness = c
            default: return nil
            }
            s = s.dropFirst(2)
        }
        guard let v = parseReal(s, radix: radix) else { return nil }
        switch exactness {
        case "e": return try? Arith.toExact(v, "string->number")
        case "i": return try? Arith.toInexact(v, "string->number")
        default: return v
        }
    }

    private static func parseReal(_ s: Substring, radix: Int) -> Value? {
        if s.isEmpty { return nil }
        switch s.lowercased() {
        case "+inf.0": return .flonum(.infinity)
        case "-inf.0": return .flonum(-.infinity)
        case "+nan.0", "-nan.0": return .flonum(.nan)
        default: break
        }
        if let slash = s.firstIndex(of: "/") {
            guard let n = parseInteger(s[..<slash], radix: radix),
                  let d = parseInteger(s[s.index(after: slash)...], radix: radix, allowSign: false),
                  d != 0 else { return nil }
            return .rational(n, d)
        }
        if let n = parseInteger(s, radix: radix) { return .integer(n) }
        guard radix == 10 else { return nil }
        return parseDecimal(s)
    }

    private static func parseInteger(_ s: Substring, radix: Int, allowSign: Bool = true) -> BigInt? {
        var digits = s
        var negative = false
        if allowSign, let f = digits.first, f == "+" || f == "-" {
            negative = f == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ digitValue($0).map { $0 < radix } == true }) else { return nil }
        if digits.count <= 18, let i = Int(digits, radix: radix) { return BigInt(negative ? -i : i) }
        guard let b = BigInt(digits: digits, radix: radix) else { return nil }
        return negative ? -b : b
    }

    /// The value of a digit in bases up to 36 (`0`–`9`, then `a`/`A` = 10 … `z`/`Z` = 35).
    static func digitValue(_ c: Character) -> Int? {
        guard let a = c.asciiValue else { return nil }
        switch a {
        case 48...57: return Int(a) - 48
        case 97...122: return Int(a) - 87
        case 65...90: return Int(a) - 55
        default: return nil
        }
    }

    private static func parseDecimal(_ s: Substring) -> Value? {
        // [sign] digits [. digits] [e [sign] digits], at least one digit in the mantissa.
        var i = s.startIndex
        if i < s.endIndex, s[i] == "+" || s[i] == "-" { i = s.index(after: i) }
        var mantissaDigits = 0
        while i < s.endIndex, s[i].isASCII, s[i].isNumber { i = s.index(after: i); mantissaDigits += 1 }
        if i < s.endIndex, s[i] == "." {
            i = s.index(after: i)
            while i < s.endIndex, s[i].isASCII, s[i].isNumber { i = s.index(after: i); mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        // `e`, and the old exponent markers `s f d l` (`.314s3` is 314.0), either case.
        var marker: String.Index? = nil
        if i < s.endIndex, "eEsSfFdDlL".contains(s[i]) {
            marker = i
            i = s.index(after: i)
            if i < s.endIndex, s[i] == "+" || s[i] == "-" { i = s.index(after: i) }
            var expDigits = 0
            while i < s.endIndex, s[i].isASCII, s[i].isNumber { i = s.index(after: i); expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        let text = marker.map { s[..<$0] + "e" + s[s.index(after: $0)...] } ?? String(s)
        guard i == s.endIndex, let d = Double(text) else { return nil }
        return .flonum(d)
    }
}
