import CPCRE2

/// A compiled regular expression, irregex's `#<regexp>`: PCRE2 code (JIT-compiled when the
/// platform allows) for the pattern its SRE was written as.
final class Regex: SchemeObject {
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    /// The number of submatches (groups), not counting the whole match.
    let submatches: Int
    /// Submatch names with their group numbers, in the order the groups open.
    let names: [(name: Value, index: Int)]
    /// Whether a match's extent must be found leftmost-longest first (irregex's rule, which
    /// differs from PCRE2's only when alternatives can match different lengths).
    private let longest: Bool

    /// Compiles `sre`; a bad SRE or a pattern PCRE2 refuses raises a Scheme error.
    init(sre: Value, caseInsensitive: Bool, symbols: SymbolTable) throws {
        var translator = SRETranslator(symbols: symbols)
        let pattern = try translator.translate(sre)
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_NO_UTF_CHECK) | UInt32(PCRE2_ALT_CIRCUMFLEX)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        guard let code = bytes.withUnsafeBufferPointer({
            pcre2_compile_8($0.baseAddress, $0.count, options, &errorCode, &errorOffset, nil)
        }) else {
            throw SchemeError.simple("invalid regular expression: " + Regex.message(errorCode), [sre], location: "irregex")
        }
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))  // without JIT, PCRE2 interprets
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else {
            pcre2_code_free_8(code)
            throw SchemeError.simple("out of memory compiling a regular expression", [], location: "irregex")
        }
        self.code = code
        matchData = data
        submatches = translator.submatches
        names = translator.names
        longest = translator.alternates && !translator.backtracks
        super.init()
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_code_free_8(code)
    }

    override var typeName: String { "regexp" }

    /// Searches `s[start..<end]` from `from` (a text of its own: `bos` is at `start`, and
    /// nothing before `start` is seen). Returns each group's start and end character index
    /// in `s` (-1 for a group that took no part), or nil if there is no match.
    /// `whole`: the match must span the text (`irregex-match`).
    func search(_ s: MString, start: Int, end: Int, from: Int, whole: Bool) throws -> [Int]? {
        var options = UInt32(PCRE2_NO_UTF_CHECK)
        if whole { options |= UInt32(PCRE2_ANCHORED) | UInt32(PCRE2_ENDANCHORED) }
        if let result = try s.withASCIIBytes({ bytes -> [Int]? in
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let ovector = try run(slice, from: from - start, options: options) else { return nil }
            return ovector.map { $0 < 0 ? -1 : $0 + start }
        }) {
            return result
        }
        // Other strings are searched as UTF-8; byte offsets map back to characters.
        var bytes: [UInt8] = []
        var offsets: [Int] = []  // offsets[k]: the byte offset of character start + k
        bytes.reserveCapacity(end - start)
        offsets.reserveCapacity(end - start + 1)
        for c in s.scalars(start, end) {
            offsets.append(bytes.count)
            bytes.append(contentsOf: String(c).utf8)
        }
        offsets.append(bytes.count)
        let fromByte = offsets[from - start]
        guard let ovector = try bytes.withUnsafeBufferPointer({ try run($0, from: fromByte, options: options) }) else { return nil }
        return ovector.map { b in
            if b < 0 { return -1 }
            var low = 0, high = offsets.count - 1
            while low < high {
                let mid = (low + high) / 2
                if offsets[mid] < b { low = mid + 1 } else { high = mid }
            }
            return low + start
        }
    }

    /// Runs PCRE2 on `subject` from byte `from`: the group offsets, or nil for no match.
    private func run(_ subject: UnsafeBufferPointer<UInt8>, from: Int, options: UInt32) throws -> [Int]? {
        // An empty buffer may have no address; PCRE2 wants one even for length 0.
        let zero: UInt8 = 0
        return try withUnsafePointer(to: zero) { fallback in
            let base = subject.baseAddress ?? fallback
            if longest, let extent = longestExtent(base, subject.count, from: from, options: options) {
                // The extent is known; Perl-style matching inside it finds the submatches.
                guard let e = extent else { return nil }
                if submatches == 0 { return [e.0, e.1] }
                let anchored = options | UInt32(PCRE2_ANCHORED) | UInt32(PCRE2_ENDANCHORED)
                if let groups = try match(base, e.1, from: e.0, options: anchored) { return groups }
            }
            return try match(base, subject.count, from: from, options: options)
        }
    }

    /// PCRE2's DFA matcher finds every match at the leftmost position, longest first.
    /// Returns nil when it cannot run this pattern, .some(nil) when there is no match.
    private func longestExtent(_ subject: UnsafePointer<UInt8>, _ length: Int, from: Int, options: UInt32) -> (Int, Int)?? {
        // On the stack: an array here cost an allocation and a metadata lookup per match.
        let rc = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 512) { workspace -> Int32 in
            workspace.initialize(repeating: 0)
            return pcre2_dfa_match_8(code, subject, length, from, options, matchData, nil, workspace.baseAddress, workspace.count)
        }
        if rc == PCRE2_ERROR_NOMATCH { return .some(nil) }
        // An unsupported item or too little workspace: the caller matches Perl-style.
        guard rc >= 0, let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        return .some((ovector[0], ovector[1]))
    }

    private func match(_ subject: UnsafePointer<UInt8>, _ length: Int, from: Int, options: UInt32) throws -> [Int]? {
        let rc = pcre2_match_8(code, subject, length, from, options, matchData, nil)
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            throw SchemeError.simple("regular expression match failed: " + Regex.message(rc), [], location: "irregex")
        }
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else {
            throw SchemeError.simple("regular expression match failed: no match data", [], location: "irregex")
        }
        var out: [Int] = []
        out.reserveCapacity(2 * (submatches + 1))
        for i in 0..<(2 * (submatches + 1)) {
            let v = ovector[i]
            out.append(v == Int.max || v < 0 || i >= 2 * Int(rc) ? -1 : v)
        }
        // PCRE2_UNSET is ~0 as size_t: -1 here. A group after the last set one is unset too.
        return out
    }

    private static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "error \(code)"
    }
}

/// The result of a successful search, irregex's match data.
final class RegexMatch: SchemeObject {
    /// The text searched.
    let string: MString
    /// Each group's start and end character index (-1 when the group took no part).
    let positions: [Int]
    let names: [(name: Value, index: Int)]

    init(string: MString, positions: [Int], names: [(name: Value, index: Int)]) {
        self.string = string
        self.positions = positions
        self.names = names
    }

    var submatches: Int { positions.count / 2 - 1 }

    override var typeName: String { "regexp-match (\(submatches) submatch\(submatches == 1 ? "" : "es"))" }
}
