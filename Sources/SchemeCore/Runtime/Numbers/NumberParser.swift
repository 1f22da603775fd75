import Glibc

/// Scheme number syntax, as CHICKEN 5 reads it: R7RS's grammar (prefixes, fractions,
/// decimals, `+inf.0`/`+nan.0`, rectangular `1+2i` and polar `1@2` complex numbers) plus the
/// old `#` digit padding (`1#.#` is 10.0) and the `s f d l` exponent markers.
///
/// Each real part is first read into a `Part` that keeps its exact digits, so exactness is
/// decided once for the whole number: `#e1.5e-3` is 3/2000, `1+0.0i` is 1.0 (one inexact
/// part makes both inexact), and `1/0` is a number only where the result is inexact.
struct NumberParser {
    /// One real number as written, before exactness is applied.
    private enum Part {
        /// n/d; `d` may be 0 (`#i1/0` is +inf.0).
        case ratio(BigInt, BigInt)
        /// ±digits × 10^exponent, the digits as written with `#` read as 0.
        case decimal(negative: Bool, digits: [UInt8], exponent: Int)
        /// +inf.0, -inf.0, +nan.0.
        case special(Double)

        var dividesByZero: Bool {
            if case .ratio(_, let d) = self { return d.isZero }
            return false
        }
    }

    /// Exponents beyond this give no number for `#e` (10^100000 already has 41,000 digits).
    private static let exactExponentLimit = 100_000

    private let s: [UInt8]
    private var i = 0
    private var radix: Int
    private var exactness: UInt8? = nil
    /// Whether some part was written inexactly (a decimal point, an exponent, `#`, inf/nan).
    private var sawInexact = false

    private init(_ s: [UInt8], radix: Int) {
        self.s = s
        self.radix = radix
    }

    /// The number `text` denotes, or nil when it is not number syntax.
    static func parse(_ text: String, radix: Int) -> Value? {
        guard (2...36).contains(radix) else { return nil }
        var p = NumberParser(Array(text.utf8), radix: radix)
        guard p.prefix() else { return nil }
        return p.complex()
    }

    // MARK: grammar

    /// `#x #b #o #d` and `#e #i`, each kind at most once, in either order.
    private mutating func prefix() -> Bool {
        var sawRadix = false
        while i < s.count, s[i] == UInt8(ascii: "#") {
            guard i + 1 < s.count else { return false }
            switch s[i + 1] | 0x20 {
            case UInt8(ascii: "x"), UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "d"):
                if sawRadix { return false }
                sawRadix = true
                switch s[i + 1] | 0x20 {
                case UInt8(ascii: "x"): radix = 16
                case UInt8(ascii: "b"): radix = 2
                case UInt8(ascii: "o"): radix = 8
                default: radix = 10
                }
            case UInt8(ascii: "e"), UInt8(ascii: "i"):
                if exactness != nil { return false }
                exactness = s[i + 1] | 0x20
            default: return false
            }
            i += 2
        }
        return true
    }

    /// real | real@real | real±ureal i | ±ureal i | ±i.
    private mutating func complex() -> Value? {
        let start = i
        guard let re = real() else {
            // `+i`, `-i`: the only forms where no real comes first.
            i = start
            guard let unit = unitImaginary() else { return nil }
            return finish(.ratio(0, 1), unit)
        }
        if atEnd { return finish(re) }
        switch s[i] {
        case UInt8(ascii: "@"):
            i += 1
            guard let angle = real(), atEnd else { return nil }
            return polar(re, angle)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            if let unit = unitImaginary() { return finish(re, unit) }
            guard let im = real(), isImaginaryUnitAtEnd else { return nil }
            return finish(re, im)
        case UInt8(ascii: "i"), UInt8(ascii: "I"):
            // `+2i`: the real just read was the imaginary part; it must have had a sign.
            guard isImaginaryUnitAtEnd, s[start] == UInt8(ascii: "+") || s[start] == UInt8(ascii: "-") else { return nil }
            return finish(.ratio(0, 1), re)
        default:
            return nil
        }
    }

    /// `+i` or `-i` ending the text: ±1 as an imaginary part.
    private mutating func unitImaginary() -> Part? {
        guard i + 2 == s.count, s[i + 1] | 0x20 == UInt8(ascii: "i") else { return nil }
        let negative = s[i] == UInt8(ascii: "-")
        guard negative || s[i] == UInt8(ascii: "+") else { return nil }
        i += 2
        return .ratio(negative ? -1 : 1, 1)
    }

    private var atEnd: Bool { i == s.count }

    private var isImaginaryUnitAtEnd: Bool { i + 1 == s.count && s[i] | 0x20 == UInt8(ascii: "i") }

    /// [sign] ureal, or ±inf.0 / ±nan.0 (any case).
    private mutating func real() -> Part? {
        var negative = false
        var signed = false
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-")
            signed = true
            i += 1
        }
        if signed, let special = special(negative) { return special }
        return ureal(negative)
    }

    private mutating func special(_ negative: Bool) -> Part? {
        guard i + 5 <= s.count else { return nil }
        let word = String(decoding: s[i..<i + 5].map { $0 | 0x20 }, as: UTF8.self)
        switch word {
        case "inf.0": i += 5; sawInexact = true; return .special(negative ? -.infinity : .infinity)
        case "nan.0": i += 5; sawInexact = true; return .special(.nan)
        default: return nil
        }
    }

    /// uinteger | uinteger/uinteger | decimal (radix 10 only).
    private mutating func ureal(_ negative: Bool) -> Part? {
        let intStart = i
        let (digits, hashes) = uinteger()
        if !digits.isEmpty, i < s.count, s[i] == UInt8(ascii: "/") {
            i += 1
            let (denominator, _) = uinteger()
            guard !denominator.isEmpty,
                  let n = Self.integer(digits, radix), let d = Self.integer(denominator, radix) else { return nil }
            return .ratio(negative ? -n : n, d)
        }
        if radix == 10, i < s.count, s[i] == UInt8(ascii: ".") || Self.isExponentMarker(s[i]) {
            i = intStart
            return decimal(negative)
        }
        guard !digits.isEmpty, let n = Self.integer(digits, radix) else { return nil }
        // `-0#` is inexact: as a decimal it keeps its sign (-0.0, as in CHICKEN).
        if hashes > 0 && radix == 10 { return .decimal(negative: negative, digits: digits, exponent: 0) }
        return .ratio(negative ? -n : n, 1)
    }

    /// digit+ #*, the hashes read as zeros (and marking the number inexact).
    private mutating func uinteger() -> (digits: [UInt8], hashes: Int) {
        var digits: [UInt8] = []
        while i < s.count, let v = NumberFormat.digitValue(byte: s[i]), v < radix { digits.append(s[i]); i += 1 }
        var hashes = 0
        if !digits.isEmpty {
            while i < s.count, s[i] == UInt8(ascii: "#") { digits.append(UInt8(ascii: "0")); hashes += 1; i += 1 }
        }
        if hashes > 0 { sawInexact = true }
        return (digits, hashes)
    }

    /// digits [. digits] [marker [sign] digits], at least one mantissa digit; `#` padding
    /// only at the end of the digits (`1#.#` yes, `1#.2` and `1.#2` no).
    private mutating func decimal(_ negative: Bool) -> Part? {
        sawInexact = true
        let (whole, hashes) = uinteger()
        var digits = whole
        var exponent = 0
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            if hashes == 0 {
                while i < s.count, s[i] >= 48, s[i] <= 57 { digits.append(s[i]); exponent -= 1; i += 1 }
            }
            if !digits.isEmpty {
                while i < s.count, s[i] == UInt8(ascii: "#") { digits.append(UInt8(ascii: "0")); exponent -= 1; i += 1 }
            }
        }
        guard !digits.isEmpty else { return nil }
        if i < s.count, Self.isExponentMarker(s[i]) {
            i += 1
            var negativeExponent = false
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                negativeExponent = s[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var any = false
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                e = min(e * 10 + Int(s[i] - 48), 1_000_000_000)  // saturates: 1e99999999999 is +inf.0
                any = true
                i += 1
            }
            guard any else { return nil }
            exponent += negativeExponent ? -e : e
        }
        return .decimal(negative: negative, digits: digits, exponent: exponent)
    }

    private static func isExponentMarker(_ c: UInt8) -> Bool {
        switch c | 0x20 {
        case UInt8(ascii: "e"), UInt8(ascii: "s"), UInt8(ascii: "f"), UInt8(ascii: "d"), UInt8(ascii: "l"): return true
        default: return false
        }
    }

    private static func integer(_ digits: [UInt8], _ radix: Int) -> BigInt? {
        let text = Substring(String(decoding: digits, as: UTF8.self))
        if digits.count <= 18, let v = Int(text, radix: radix) { return BigInt(v) }
        return BigInt(digitBytes: digits[...], radix: radix)
    }

    // MARK: values

    /// Whether the whole number is exact: a prefix decides, else any inexact part.
    private var exact: Bool {
        switch exactness {
        case UInt8(ascii: "e"): return true
        case UInt8(ascii: "i"): return false
        default: return !sawInexact
        }
    }

    private func finish(_ re: Part) -> Value? { value(re, exact: exact) }

    private func finish(_ re: Part, _ im: Part) -> Value? {
        guard let r = value(re, exact: exact), let m = value(im, exact: exact) else { return nil }
        return Complex.make(r, m)
    }

    /// `mag@angle` is always inexact, as in CHICKEN (`#e1@1` too).
    private func polar(_ magnitude: Part, _ angle: Part) -> Value? {
        // A zero denominator makes a number only where the whole is inexact, as elsewhere:
        // `2@1/0` is not one, `2.0@1/0` is.
        if exact, magnitude.dividesByZero || angle.dividesByZero { return nil }
        guard let m = value(magnitude, exact: false), let a = value(angle, exact: false),
              case .flonum(let md) = m, case .flonum(let ad) = a else { return nil }
        return Complex.make(.flonum(md * cos(ad)), .flonum(md * sin(ad)))
    }

    private func value(_ part: Part, exact: Bool) -> Value? {
        switch part {
        case .ratio(let n, let d):
            if exact { return d.isZero ? nil : .rational(n, d) }
            if d.isZero { return .flonum(n.isZero ? .nan : (n.signum() < 0 ? -.infinity : .infinity)) }
            return .flonum(ratToDouble(n, d))
        case .decimal(let negative, let digits, let exponent):
            if exact { return Self.exactDecimal(negative, digits, exponent) }
            let text = String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
            guard let d = Double(text) else { return nil }
            return .flonum(negative ? -d : d)
        case .special(let d):
            return exact ? nil : .flonum(d)
        }
    }

    private static func exactDecimal(_ negative: Bool, _ digits: [UInt8], _ exponent: Int) -> Value? {
        guard abs(exponent) <= exactExponentLimit, var n = integer(digits, 10) else { return nil }
        if negative { n = -n }
        let scale = BigInt(10).power(abs(exponent))
        return exponent >= 0 ? .integer(n * scale) : .rational(n, scale)
    }
}
