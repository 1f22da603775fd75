import Foundation

/// A small deterministic random source (SplitMix64), so an input is reproduced from its
/// seed and index alone.
struct FuzzRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Makes fuzz inputs: mutated programs from the repository's suites and examples, random
/// bytes, invalid UTF-8 and deep nestings.
struct InputGenerator {
    /// Top-level forms of the corpus files, as text.
    let forms: [String]

    /// Atoms that tend to find edge cases in primitives.
    static let interesting = [
        "0", "-1", "1", "2", "-0.0", "+nan.0", "+inf.0", "-inf.0", "1e308", "1e-320", "4611686018427387903",
        "4611686018427387904", "-4611686018427387905", "(expt 2 100)", "\"\"", "\"abc\"", "#\\x0", "#\\a", "'()",
        "#t", "#f", "'x", "(vector)", "#u8(1 2 255)", "(list 1 2)", "(current-input-port)", "(make-string 3)",
        "100000", "-100000", "(lambda args args)", "car", "(make-parameter 1)", "(delay 1)", "(make-mutex)",
    ]

    init(corpusFiles: [String]) {
        var forms: [String] = []
        for path in corpusFiles {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            forms += InputGenerator.topLevelForms(text)
        }
        self.forms = forms
    }

    /// Splits text at top-level parentheses (strings, characters and comments are skipped
    /// well enough for mutation; an odd split only makes another odd input).
    static func topLevelForms(_ text: String) -> [String] {
        var out: [String] = []
        var depth = 0, start: String.Index? = nil
        var inString = false, escaped = false, inComment = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if inComment { if c == "\n" { inComment = false } }
            else if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == ";" { inComment = true }
            else if c == "\"" { inString = true }
            else if c == "#", text.index(after: i) < text.endIndex, text[text.index(after: i)] == "\\" {
                i = text.index(i, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            } else if c == "(" { if depth == 0 { start = i }; depth += 1 }
            else if c == ")" && depth > 0 {
                depth -= 1
                if depth == 0, let s = start { out.append(String(text[s...i])) }
            }
            i = text.index(after: i)
        }
        return out
    }

    /// The text of input number `index` (bytes: may be invalid UTF-8).
    func input(_ r: inout FuzzRandom) -> [UInt8] {
        switch r.below(20) {
        case 0: return randomBytes(&r)
        case 1: return deepNesting(&r)
        case 2: return Array(mutated(&r).utf8) + [0xC3, 0x28, 0xFF, 0xE2, 0x82]  // cut and invalid UTF-8
        default: return Array(mutated(&r).utf8)
        }
    }

    private func randomBytes(_ r: inout FuzzRandom) -> [UInt8] {
        let alphabet = Array("()[]#'`,@\"\\;|. 0123456789abcdefxu+-e/:!?*<>=\n".utf8)
        return (0..<(1 + r.below(200))).map { _ in r.below(4) == 0 ? UInt8(r.below(256)) : r.pick(alphabet) }
    }

    private func deepNesting(_ r: inout FuzzRandom) -> [UInt8] {
        // Mostly moderate; now and then deep enough to find any recursion left.
        let depth = 1 + (r.below(20) == 0 ? r.below(200_000) : r.below(5_000))
        let (open, close) = r.pick([("(", ")"), ("#(", ")"), ("'", ""), ("`(", ")"), ("(list ", ")"), ("(car ", ")")])
        let closed = r.below(3) != 0
        return Array((String(repeating: open, count: depth) + "1" + (closed ? String(repeating: close, count: depth) : "")).utf8)
    }

    /// A few consecutive forms of one corpus file, then 1-4 token-level mutations.
    private func mutated(_ r: inout FuzzRandom) -> String {
        guard !forms.isEmpty else { return "(car 1)" }
        let start = r.below(forms.count)
        var tokens = InputGenerator.tokens(forms[start..<min(forms.count, start + 1 + r.below(6))].joined(separator: "\n"))
        for _ in 0..<(1 + r.below(4)) where !tokens.isEmpty {
            let k = r.below(tokens.count)
            switch r.below(6) {
            case 0: tokens.remove(at: k)
            case 1: tokens.insert(tokens[k], at: k)
            case 2: tokens.swapAt(k, r.below(tokens.count))
            case 3: tokens[k] = r.pick(InputGenerator.interesting)
            case 4: tokens.insert(r.pick(["(", ")", "'", "#(", "`", ",@"]), at: k)
            default: tokens = Array(tokens[0..<k])
            }
        }
        return tokens.joined(separator: " ")
    }

    /// Parentheses, strings and atoms (whitespace dropped).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inString = false, escaped = false
        for c in text {
            if inString {
                current.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false; out.append(current); current = "" }
            } else if c == "\"" {
                if !current.isEmpty { out.append(current) }
                current = "\""; inString = true
            } else if c == "(" || c == ")" {
                if !current.isEmpty { out.append(current); current = "" }
                out.append(String(c))
            } else if c.isWhitespace {
                if !current.isEmpty { out.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
