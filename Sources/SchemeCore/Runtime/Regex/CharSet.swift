/// A set of characters as sorted, disjoint, non-adjacent ranges of scalar values: what an
/// SRE character set (`("abc")`, `(/ "az")`, `alpha`, `(~ …)`, `(- …)`, `(& …)`) denotes.
/// PCRE2 classes have union and negation only, so intersection and difference are computed
/// here and the result is written out as one class.
struct CharSet: Equatable {
    private(set) var ranges: [ClosedRange<UInt32>] = []

    init() {}

    init(_ ranges: [ClosedRange<UInt32>]) {
        self.ranges = CharSet.normalized(ranges)
    }

    init(chars: some Sequence<Unicode.Scalar>) {
        self.init(chars.map { $0.value...$0.value })
    }

    var isEmpty: Bool { ranges.isEmpty }

    func union(_ other: CharSet) -> CharSet { CharSet(ranges + other.ranges) }

    /// Every Unicode scalar value not in the set (surrogates are not characters).
    var complement: CharSet {
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = r.upperBound + 1
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return CharSet(out).subtracting(CharSet.surrogates)
    }

    func intersection(_ other: CharSet) -> CharSet { complement.union(other.complement).complement }

    func subtracting(_ other: CharSet) -> CharSet {
        var out: [ClosedRange<UInt32>] = []
        for r in ranges {
            var low = r.lowerBound
            var done = false
            for o in other.ranges where o.upperBound >= low && o.lowerBound <= r.upperBound {
                if o.lowerBound > low { out.append(low...(o.lowerBound - 1)) }
                if o.upperBound >= r.upperBound { done = true; break }
                low = o.upperBound + 1
            }
            if !done { out.append(low...r.upperBound) }
        }
        return CharSet(out)
    }

    /// The set as a PCRE2 class (`(*FAIL)` when empty, which no text matches).
    /// A set reaching the last scalar value (what `~` makes) is written as a negated class, so
    /// that a case-insensitive match negates after folding case, as irregex's does:
    /// `(w/nocase (~ (/ "ac")))` matches neither `b` nor `B`.
    var pattern: String {
        if ranges.isEmpty { return "(*FAIL)" }
        if ranges.last?.upperBound == 0x10FFFF {
            let rest = complement
            return rest.isEmpty ? "(?s:.)" : "[^" + rest.classBody + "]"
        }
        return "[" + classBody + "]"
    }

    private var classBody: String {
        var s = ""
        for r in ranges {
            s += CharSet.escaped(r.lowerBound)
            if r.upperBound != r.lowerBound { s += "-" + CharSet.escaped(r.upperBound) }
        }
        return s
    }

    private static func escaped(_ v: UInt32) -> String { "\\x{" + String(v, radix: 16) + "}" }

    private static func normalized(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<UInt32>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    private static let surrogates = CharSet([0xD800...0xDFFF])

    /// irregex's named sets, as CHICKEN 5.3's irregex defines them (measured with `csi`:
    /// they are ASCII sets, and `space` is only space, tab and newline).
    static func named(_ name: String) -> CharSet? {
        switch name {
        case "any": return CharSet([0...0x10FFFF]).subtracting(surrogates)
        case "nonl": return CharSet([0...0x10FFFF]).subtracting(surrogates).subtracting(CharSet([10...10]))
        case "ascii": return CharSet([0...127])
        case "lower-case", "lower": return CharSet([97...122])
        case "upper-case", "upper": return CharSet([65...90])
        case "alphabetic", "alpha": return CharSet([65...90, 97...122])
        case "numeric", "num", "digit": return CharSet([48...57])
        case "alphanumeric", "alphanum", "alnum": return CharSet([48...57, 65...90, 97...122])
        case "punctuation", "punct": return CharSet(chars: "!\"#%&'()*,-./:;?@[\\]_{}".unicodeScalars)
        case "graphic", "graph": return CharSet([33...126])
        case "whitespace", "white", "space": return CharSet([9...10, 32...32])
        case "printing", "print": return CharSet([9...10, 32...126])
        case "control", "cntrl": return CharSet([0...31])
        case "hex-digit", "xdigit": return CharSet([48...57, 65...70, 97...102])
        default: return nil
        }
    }
}
