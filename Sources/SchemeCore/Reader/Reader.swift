/// How keywords are written besides `#:name`: `name:` (CHICKEN's default), `:name`, or
/// neither.
public enum KeywordStyle: String {
    case suffix, prefix, none
}

/// Turns source text into data, recording the position of every list it reads.
///
/// Errors are `(exn syntax)` conditions whose message names the position; the reader never
/// traps. `needsMoreInput` tells a REPL that the text ended inside a datum.
final class Reader {
    // The reader's state is its own (one reader per text): exclusivity is unchecked, which
    // was a tenth of the start-up's instructions (the prelude is read at every start).
    private let text: [Unicode.Scalar]
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var column = 1
    /// Whether the last `readToken` met a `|` or a `\`: most tokens have neither, and a
    /// flag costs less than searching each token again.
    @exclusivity(unchecked) private var tokenHasBar = false, tokenHasBackslash = false
    let file: String
    let symbols: SymbolTable
    let sourceMap = SourceMap()
    /// Set when the last error was caused by the text ending inside a datum.
    @exclusivity(unchecked) var needsMoreInput = false
    @exclusivity(unchecked) var caseFold = false
    /// Which symbols read as keywords besides `#:name` (CHICKEN's `-keyword-style`).
    @exclusivity(unchecked) var keywordStyle = KeywordStyle.suffix
    /// CHICKEN's `symbol-escape`: whether `|…|` quotes symbol characters.
    @exclusivity(unchecked) var symbolEscape = true
    /// CHICKEN's `parentheses-synonyms`: whether `[…]` and `{…}` are lists too.
    @exclusivity(unchecked) var parenthesesSynonyms = true
    /// Off for the built-in prelude, whose positions no error report needs.
    @exclusivity(unchecked) var recordPositions = true

    init(text: String, file: String, symbols: SymbolTable) {
        self.text = Reader.scalars(of: text)
        self.file = file
        self.symbols = symbols
    }

    /// The scalars of `text`. ASCII text (the prelude, most programs) is widened byte by
    /// byte: `Array(text.unicodeScalars)` decodes twice, to count and to copy, at about
    /// forty instructions a character.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { scalars(ofUTF8: $0) }
    }

    /// The scalars of UTF-8 bytes, decoded in one pass (an invalid sequence reads as U+FFFD,
    /// as `String(decoding:as:)` reads it).
    static func scalars(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        guard let base = bytes.baseAddress,
              ByteScan.asciiPrefixLength(UnsafeRawPointer(base), count: bytes.count) == bytes.count else {
            return decodedScalars(bytes)
        }
        return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, n in
            for i in 0..<bytes.count { out.initializeElement(at: i, to: Unicode.Scalar(bytes[i])) }
            n = bytes.count
        }
    }

    /// The general case of `scalars(ofUTF8:)`, apart so that start-up (ASCII text) does not
    /// instantiate the parser's type.
    @inline(never)
    private static func decodedScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(bytes.count)
        var input = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): out.append(Unicode.UTF8.decode(encoded))
            case .error: out.append("\u{FFFD}")
            case .emptyInput: return out
            }
        }
    }

    init(scalars: [Unicode.Scalar], file: String, symbols: SymbolTable) {
        self.text = scalars
        self.file = file
        self.symbols = symbols
    }

    /// Index of the next unread character (for ports that read one datum at a time).
    var offset: Int { pos }
    /// Whether the last `read` found no datum because the text ended inside a `;` comment
    /// or a `#!` line: a port must not consume it, as the rest of the line is still to come.
    @exclusivity(unchecked) var endedInLineComment = false
    /// Read syntax the program added, if any.
    @exclusivity(unchecked) var readTable: ReadTable?
    /// The text from the current position on.
    var remainingText: ArraySlice<Unicode.Scalar> { text[pos...] }

    // MARK: - Characters

    var atEnd: Bool { pos >= text.count }
    func peek(_ k: Int = 0) -> Unicode.Scalar? { pos + k < text.count ? text[pos + k] : nil }

    @discardableResult
    func next() -> Unicode.Scalar? {
        guard pos < text.count else { return nil }
        let c = text[pos]
        pos += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
        return c
    }

    /// The rest of the current line, consuming its newline; nil at the end of the text.
    func readRawLine() -> [Unicode.Scalar]? {
        guard pos < text.count else { return nil }
        var line: [Unicode.Scalar] = []
        while let c = next(), c != "\n" { line.append(c) }
        return line
    }

    var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    func error(_ message: String, at loc: SourceLocation? = nil, eof: Bool = false) -> SchemeError {
        needsMoreInput = eof
        let l = loc ?? here
        return .exn(kinds: ["syntax"], message: "\(l) \(message)", irritants: [], location: "read")
    }

    /// Whether a datum whose last character is `c` is complete whatever follows.
    static func closesDatum(_ c: Unicode.Scalar) -> Bool { c == ")" || c == "]" || c == "}" || c == "\"" || c == "|" }

    /// Whether `c` ends a token. A backquote does not: as in CHICKEN, `a`b` is one symbol
    /// (and `1`2` one that is not a number); it quasi-quotes only where a datum begins.
    static func isDelimiter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case " ", "\t", "\n", "\r", "\u{0C}", "(", ")", "\"", ";", "'", ",", "[", "]", "{", "}": return true
        default: return false
        }
    }

    static func isCloser(_ c: Unicode.Scalar) -> Bool { c == ")" || c == "]" || c == "}" }

    func readStringBody(start: SourceLocation) throws -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        while true {
            guard let c = next() else { throw error("unterminated string", at: start, eof: true) }
            if c == "\"" { return out }
            if c != "\\" { out.append(c); continue }
            guard let e = next() else { throw error("unterminated string", at: start, eof: true) }
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "0"..."7":
                // CHICKEN: three octal digits (`\056`); a lone `\0` is NUL.
                if let d1 = peek(), let d2 = peek(1), let n = UInt32(String([Character(e), Character(d1), Character(d2)]), radix: 8),
                   let sc = Unicode.Scalar(n), n < 256 {
                    next(); next()
                    out.append(sc)
                } else if e == "0" {
                    out.append("\u{00}")
                } else {
                    throw error("invalid escape sequence in string: \\\(e)")
                }
            case "v": out.append("\u{0B}")
            case "f": out.append("\u{0C}")
            case "\\", "\"", "|", "'": out.append(e)
            case "x", "X", "u", "U":
                out.append(try readHexEscape(e, in: "string"))
            case "\n", " ", "\t":
                // Line continuation: skip trailing blanks, the newline and leading blanks.
                var sawNewline = e == "\n"
                while let d = peek(), d == " " || d == "\t" || (d == "\n" && !sawNewline) {
                    if d == "\n" { sawNewline = true }
                    next()
                }
                if !sawNewline { throw error("invalid escape sequence in string: \\\(e)") }
            default:
                throw error("invalid escape sequence in string: \\\(e)")
            }
        }
    }

    /// The character of a `\x`, `\u` or `\U` escape (in a string or between a symbol's
    /// bars), the letter `e` already read. As CHICKEN reads them: exactly 2 (`\x41`), 4
    /// (`\u00e9`) or 8 (`\U0001F600`) hex digits; a `;` after them is an ordinary character.
    private func readHexEscape(_ e: Unicode.Scalar, in what: String) throws -> Unicode.Scalar {
        let width = e == "u" ? 4 : e == "U" ? 8 : 2
        var hex = ""
        while hex.unicodeScalars.count < width, let d = peek(), d.properties.isASCIIHexDigit {
            hex.unicodeScalars.append(d)
            next()
        }
        guard hex.unicodeScalars.count == width, let n = UInt32(hex, radix: 16), let s = Unicode.Scalar(n) else {
            throw error("invalid escape sequence in \(what): \\\(e)\(hex)")
        }
        return s
    }

    /// A symbol written with `|…|` somewhere in it; a colon outside the bars at its start or
    /// end makes it a keyword in that keyword style (`|foo bar|:`), one inside does not.
    func readBarredSymbol() throws -> Value {
        var colonFirst = false, colonLast = false
        let name = try readSymbolText(colonFirst: &colonFirst, colonLast: &colonLast)
        // The bars count as part of the name: `||:` is the empty keyword, `:` alone a symbol.
        if keywordStyle == .suffix && colonLast { return .symbol(symbols.keyword(String(name.dropLast()))) }
        if keywordStyle == .prefix && colonFirst { return .symbol(symbols.keyword(String(name.dropFirst()))) }
        return .symbol(symbols.intern(name))
    }

    func readSymbolText() throws -> String {
        var first = false, last = false
        return try readSymbolText(colonFirst: &first, colonLast: &last)
    }

    /// The text of a symbol token: `|...|` with escapes, possibly among plain symbol
    /// characters. Reports whether it began and ended with a colon outside the bars.
    func readSymbolText(colonFirst: inout Bool, colonLast: inout Bool) throws -> String {
        var out = String.UnicodeScalarView()
        let start = here
        colonFirst = peek() == ":"
        while let c = peek(), !Reader.isDelimiter(c) || c == "|" {
            colonLast = false
            if c == "|" {
                next()
                while true {
                    guard let d = next() else { throw error("unterminated symbol", at: start, eof: true) }
                    if d == "|" { break }
                    if d == "\\" {
                        guard let e = next() else { throw error("unterminated symbol", at: start, eof: true) }
                        switch e {
                        case "n": out.append("\n")
                        case "t": out.append("\t")
                        case "x", "X", "u", "U": out.append(try readHexEscape(e, in: "symbol"))
                        case "0"..."7":
                            // `\000`: three octal digits, as in CHICKEN's strings.
                            if let d1 = peek(), let d2 = peek(1), ("0"..."7").contains(d1), ("0"..."7").contains(d2),
                               let code = UInt32(String([Character(e), Character(d1), Character(d2)]), radix: 8),
                               let scalar = Unicode.Scalar(code) {
                                next(); next()
                                out.append(scalar)
                            } else {
                                out.append(e)
                            }
                        default: out.append(e)
                        }
                    } else {
                        out.append(d)
                    }
                }
            } else if c == "\\" {
                // Outside the bars too, a backslash takes the next character as it is.
                next()
                guard let d = next() else { throw error("unexpected end of input after `\\'", eof: true) }
                out.append(d)
            } else {
                out.append(caseFold ? Reader.fold(c) : c)
                colonLast = c == ":"
                next()
            }
        }
        return String(out)
    }

    private static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.properties.lowercaseMapping.unicodeScalars.count == 1 ? c.properties.lowercaseMapping.unicodeScalars.first! : c
    }

    func readToken() -> String {
        let start = pos
        tokenHasBar = false
        tokenHasBackslash = false
        while pos < text.count, !Reader.isDelimiter(text[pos]) {
            let c = text[pos]
            if c == "|" { tokenHasBar = true }
            // `a\ c`: a backslash takes the next character into the token, whatever it is.
            if c == "\\" {
                tokenHasBackslash = true
                if pos + 1 < text.count, text[pos + 1] != "\n" { pos += 1 }
            }
            pos += 1
        }
        // Tokens never contain newlines, so only the column moves.
        column += pos - start
        var allASCII = true
        for i in start..<pos where text[i].value >= 128 { allASCII = false; break }
        if allASCII {
            return String(unsafeUninitializedCapacity: pos - start) { buf in
                for i in start..<pos { buf[i - start] = UInt8(text[i].value) }
                return pos - start
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text[start..<pos])
        return String(out)
    }

    func readAtom(_ start: SourceLocation) throws -> Value {
        let save = (pos, line, column)
        let token = readToken()
        if let f = token.utf8.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || f == UInt8(ascii: ".")
            || (f >= UInt8(ascii: "0") && f <= UInt8(ascii: "9")) {
            if let n = NumberFormat.parse(token) { return n }
        }
        // Byte-level tests: every symbol of every file read passes here (the prelude's too).
        let utf8 = token.utf8
        if tokenHasBar {
            guard symbolEscape else { throw error("illegal character `|' (symbol-escape is off)", at: start) }
            (pos, line, column) = save
            return try readBarredSymbol()
        }
        if utf8.count == 1 && utf8.first == UInt8(ascii: ".") { throw error("unexpected `.'", at: start) }
        if tokenHasBackslash { return .symbol(symbols.intern(try unescaped(token))) }
        let name = caseFold ? token.lowercased() : token
        if name.utf8.count > 1 {
            if keywordStyle == .suffix && name.utf8.last == UInt8(ascii: ":") { return .symbol(symbols.keyword(String(name.dropLast()))) }
            if keywordStyle == .prefix && name.utf8.first == UInt8(ascii: ":") { return .symbol(symbols.keyword(String(name.dropFirst()))) }
        }
        return .symbol(symbols.intern(name))
    }

    /// A symbol token with backslash escapes (`a\ c`, `a\Bc`): each escaped character is
    /// taken as it is, the others folded if the reader folds case.
    private func unescaped(_ token: String) throws -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for c in token.unicodeScalars {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            out.append(caseFold ? Reader.fold(c) : c)
        }
        if escaped { throw error("unexpected end of input after `\\'", eof: true) }
        return String(out)
    }

    static let charNames: [String: Unicode.Scalar] = [
        "space": " ", "newline": "\n", "tab": "\t", "nul": "\u{0}", "null": "\u{0}",
        "return": "\r", "linefeed": "\n", "alarm": "\u{07}", "backspace": "\u{08}",
        "delete": "\u{7F}", "escape": "\u{1B}", "altmode": "\u{1B}", "page": "\u{0C}",
        "rubout": "\u{7F}", "vtab": "\u{0B}",
    ]

    /// Reads a `#` datum that is not a vector or bytevector (the caller has consumed nothing);
    /// nil for `#!` followed by blanks, which comments out the rest of the line.
    func readHash(_ start: SourceLocation) throws -> Value? {
        next()  // '#'
        guard let c = peek() else { throw error("unexpected end of input after `#'", eof: true) }
        switch c {
        case "\\":
            next()
            guard let first = next() else { throw error("unexpected end of input in character", eof: true) }
            var name = String.UnicodeScalarView([first])
            while let d = peek(), !Reader.isDelimiter(d) { name.append(d); next() }
            if name.count == 1 { return .char(first) }
            let s = String(name)
            if let named = Reader.charNames[s.lowercased()] ?? readTable?.characterNames[s.lowercased()] { return .char(named) }
            if s.hasPrefix("x") || s.hasPrefix("U") || s.hasPrefix("u"),
               let n = UInt32(String(s.dropFirst().filter { $0 != "+" }), radix: 16),
               let sc = Unicode.Scalar(n) {
                return .char(sc)
            }
            throw error("unknown named character: \(s)", at: start)
        case "t", "f", "T", "F":
            let tok = readToken()
            switch tok.lowercased() {
            case "t", "true": return .true
            case "f", "false": return .false
            default: throw error("invalid sharp-sign read syntax: #\(tok)", at: start)
            }
        case "u":
            throw error("invalid sharp-sign read syntax: #\(readToken())", at: start)
        case "!":
            next()
            let tok = readToken()
            switch tok {
            case "eof": return .eof
            case "default": return .defaultObject
            // CHICKEN reads the lambda-list markers as the symbols `#!optional` …
            case "optional", "rest", "key": return .symbol(symbols.intern("#!" + tok))
            case "": // "#!" at end of line: a comment
                while let e = peek(), e != "\n" { _ = e; next() }
                return nil
            default: throw error("invalid `#!' token: \"\(tok)\"", at: start)
            }
        case ":":
            next()
            let save = (pos, line, column)
            var name = readToken()
            if name.utf8.contains(UInt8(ascii: "|")) {
                (pos, line, column) = save
                name = try readSymbolText()  // `#:|foo bar|`
            } else if name.isEmpty {
                throw error("empty keyword", at: start)
            }
            return .symbol(symbols.keyword(name))
        case "<":
            return try readHereString(start)
        case "$":
            return try readBlobLiteral(start)
        case "#":
            // CHICKEN's internal names (`##sys#values`) are ordinary symbols.
            return .symbol(symbols.intern("#" + readToken()))
        case "x", "X", "b", "B", "o", "O", "d", "D", "e", "E", "i", "I":
            let tok = "#" + readToken()
            if let n = NumberFormat.parse(tok) { return n }
            throw error("invalid number syntax: \(tok)", at: start)
        default:
            throw error("invalid sharp-sign read syntax: #\(c)", at: start)
        }
    }
}
