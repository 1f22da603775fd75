/// The structural half of the reader: lists, vectors, quotes and datum comments.
///
/// Nesting is kept on an explicit stack of open constructs rather than in Swift recursion,
/// so the depth of the text (a peer may send a million `(`) is bounded only by memory and
/// can never exhaust the native stack.
extension Reader {
    /// A construct that has been opened and is waiting for more data.
    private enum Open {
        /// A list (or vector/bytevector) being collected, with each element's position.
        case list(ListFrame)
        /// `'x`, `` `x ``, `,x` or `,@x`: waits for one datum, then wraps it.
        case quote(name: String, start: SourceLocation)
        /// `#;`: the next datum is read and dropped.
        case discard
        /// `#ci` / `#cs`: the next datum is read with symbols folded to lower case or not;
        /// then the outer setting comes back.
        case caseMode(outer: Bool)
        /// `#+`: waits for a feature expression and a datum, and reads as CHICKEN reads it,
        /// `(cond-expand (FEATURE DATUM) (else))`.
        case feature(expression: Value?, start: SourceLocation)
    }

    private enum ListKind { case list, vector, bytevector, numberVector(NumberVector.Kind) }

    /// A class, so the reader's stack and the loop share one frame: a struct copied out of
    /// the stack would share its item array with the stack's copy, and every append would
    /// copy the whole array (reading a 100,000-element list took minutes).
    private final class ListFrame {
        let close: Unicode.Scalar
        let start: SourceLocation
        let kind: ListKind
        @exclusivity(unchecked) var items: [Value] = []
        @exclusivity(unchecked) var locs: [SourceLocation] = []
        /// Set after ` . `: the next datum is the tail and must be followed by the close.
        @exclusivity(unchecked) var expectsTail = false
        @exclusivity(unchecked) var tail: Value?

        init(close: Unicode.Scalar, start: SourceLocation, kind: ListKind) {
            self.close = close
            self.start = start
            self.kind = kind
        }
    }

    /// Reads the next datum, or returns nil at the end of the text.
    func read() throws -> Value? {
        needsMoreInput = false
        endedInLineComment = false
        var stack: [Open] = []
        let outerFold = caseFold
        defer { caseFold = outerFold }  // an error inside `#ci` must not leave it on
        while true {
            try skipBlanksAndComments()
            let start = here
            guard let c = peek() else {
                if stack.isEmpty { return nil }
                throw unterminated(stack)
            }
            var done: Value
            if case .list(let frame)? = stack.last, frame.tail != nil || Reader.isCloser(c) {
                next()
                if frame.expectsTail { throw error("unexpected closing parenthesis", at: start) }
                guard c == frame.close else {
                    if frame.tail != nil && !Reader.isCloser(c) {
                        throw error("more than one object after `.' in list", at: start)
                    }
                    throw error("list terminated by wrong kind of parenthesis", at: frame.start)
                }
                stack.removeLast()
                done = try finish(frame)
            } else if case .list(let frame)? = stack.last, !frame.expectsTail, !frame.items.isEmpty,
                      c == ".", let d = peek(1), Reader.isDelimiter(d) {
                next()
                frame.expectsTail = true
                continue
            } else {
                guard let value = try readStep(c, start, &stack) else { continue }
                done = value
            }
            // Hand the finished datum to the constructs waiting for it.
            var at = start
            handOff: while true {
                switch stack.last {
                case nil:
                    return done
                case .discard?:
                    stack.removeLast()
                    break handOff
                case .caseMode(let outer)?:
                    stack.removeLast()
                    caseFold = outer
                case .feature(let expression, let fstart)?:
                    guard let expression else {
                        stack[stack.count - 1] = .feature(expression: done, start: fstart)
                        break handOff
                    }
                    stack.removeLast()
                    let clause = Value.list([expression, done])
                    let elseClause = Value.list([.symbol(symbols.intern("else"))])
                    done = Value.list([.symbol(symbols.intern("cond-expand")), clause, elseClause])
                    at = fstart
                case .quote(let name, let qstart)?:
                    stack.removeLast()
                    let p = Pair(.symbol(symbols.intern(name)), .pair(Pair(done, .null)))
                    if recordPositions { sourceMap.record(p, qstart) }
                    done = .pair(p)
                    at = qstart
                case .list(let frame)?:
                    if frame.expectsTail {
                        frame.tail = done
                        frame.expectsTail = false
                    } else {
                        frame.items.append(done)
                        if recordPositions { frame.locs.append(at) }
                    }
                    break handOff
                }
            }
        }
    }

    /// Reads one token starting with `c`: returns a complete datum, or nil after opening a
    /// construct (pushed on `stack`) or skipping a `#!` line.
    private func readStep(_ c: Unicode.Scalar, _ start: SourceLocation, _ stack: inout [Open]) throws -> Value? {
        if let table = readTable, !table.isEmpty, case .read(let value) = try readCustom(c, table) { return value }
        switch c {
        case "(", "[", "{":
            next()
            if c != "(" && !parenthesesSynonyms { throw error("illegal character `\(c)' (parentheses-synonyms is off)", at: start) }
            stack.append(.list(ListFrame(close: c == "(" ? ")" : (c == "[" ? "]" : "}"), start: start, kind: .list)))
        case ")", "]", "}":
            next()
            throw error("unexpected closing parenthesis", at: start)
        case "'": next(); stack.append(.quote(name: "quote", start: start))
        case "`": next(); stack.append(.quote(name: "quasiquote", start: start))
        case ",":
            next()
            if peek() == "@" {
                next()
                stack.append(.quote(name: "unquote-splicing", start: start))
            } else {
                stack.append(.quote(name: "unquote", start: start))
            }
        case "\"":
            next()
            return .string(MString(try readStringBody(start: start)))
        case "#":
            if peek(1) == ";" {
                next(); next()
                stack.append(.discard)
            } else if peek(1) == "(" {
                next(); next()
                stack.append(.list(ListFrame(close: ")", start: start, kind: .vector)))
            } else if peek(1) == "u" && peek(2) == "8" && peek(3) == "(" {
                next(); next(); next(); next()
                stack.append(.list(ListFrame(close: ")", start: start, kind: .bytevector)))
            } else if peek(1) == "+" {
                // CHICKEN's read-time conditional: `#+(not check) (pp x)`. (CHICKEN has no `#-`.)
                stack.append(.feature(expression: nil, start: start))
                next(); next()
            } else if peek(1) == "c", let mode = peek(2), mode == "i" || mode == "s" {
                next(); next(); next()
                stack.append(.caseMode(outer: caseFold))
                caseFold = mode == "i"
            } else if let kind = numberVectorPrefix() {
                // srfi-4 literals: #s8( … ) … #f64( … )
                for _ in 0..<(kind.rawValue.count + 2) { next() }
                stack.append(.list(ListFrame(close: ")", start: start, kind: .numberVector(kind))))
            } else {
                return try readHash(start)
            }
        case "|":
            guard symbolEscape else { throw error("illegal character `|' (symbol-escape is off)", at: start) }
            return try readBarredSymbol()
        default:
            return try readAtom(start)
        }
        return nil
    }

    /// What read syntax the program added made of the text at `c`.
    private enum CustomRead {
        /// No added syntax applies.
        case none
        /// Its procedure read this datum, or nothing (a comment).
        case read(Value?)
    }

    private func readCustom(_ c: Unicode.Scalar, _ table: ReadTable) throws -> CustomRead {
        if let proc = table.plain[c.value] {
            next()
            return .read(try readWithTable(table, proc, []))
        }
        guard c == "#", let d = peek(1) else { return .none }
        if let proc = table.sharp[d.value] {
            next(); next()
            return .read(try readWithTable(table, proc, []))
        }
        guard d.isASCII, d.properties.numericType == .decimal, !table.parameterized.isEmpty else { return .none }
        var k = 1, digits = ""
        while let e = peek(k), e.isASCII, e.properties.numericType == .decimal, digits.count < 18 {
            digits.unicodeScalars.append(e)
            k += 1
        }
        guard let e = peek(k), let proc = table.parameterized[e.value], let n = Int(digits) else { return .none }
        for _ in 0...k { next() }
        return .read(try readWithTable(table, proc, [.fixnum(n)]))
    }

    /// The kind of a srfi-4 literal starting at `#` (`#s16(` …), if one does.
    private func numberVectorPrefix() -> NumberVector.Kind? {
        guard let c = peek(1), c == "s" || c == "u" || c == "f" else { return nil }
        var name = String(c), k = 2
        while let d = peek(k), d.isASCII, d.properties.numericType == .decimal, name.count < 3 { name.unicodeScalars.append(d); k += 1 }
        guard peek(k) == "(" else { return nil }
        return NumberVector.Kind(rawValue: name)
    }

    /// Builds the value of a closed list, vector or bytevector.
    private func finish(_ frame: ListFrame) throws -> Value {
        switch frame.kind {
        case .vector:
            return .vector(SVector(frame.items))
        case .numberVector(let kind):
            do {
                return .object(NumberVector(kind: kind, items: try frame.items.map { try Interpreter.element($0, kind) }))
            } catch {
                throw self.error("invalid element in #\(kind.rawValue) vector", at: frame.start)
            }
        case .bytevector:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(frame.items.count)
            for v in frame.items {
                guard case .fixnum(let i) = v, let b = UInt8(exactly: i) else {
                    throw error("invalid bytevector element", at: frame.start)
                }
                bytes.append(b)
            }
            return .object(Bytevector(bytes))
        case .list:
            var result = frame.tail ?? .null
            for i in stride(from: frame.items.count - 1, through: 0, by: -1) {
                let p = Pair(frame.items[i], result)
                if recordPositions { sourceMap.record(p, i == 0 ? frame.start : frame.locs[i]) }
                result = .pair(p)
            }
            return result
        }
    }

    /// The error for text that ends inside the innermost open construct.
    private func unterminated(_ stack: [Open]) -> SchemeError {
        for open in stack.reversed() {
            if case .list(let frame) = open { return error("unterminated list", at: frame.start, eof: true) }
        }
        return error("unexpected end of input", eof: true)
    }

    /// Skips whitespace, `;` comments, nested `#|…|#` and `#!` lines (`#;` is structural).
    private func skipBlanksAndComments() throws {
        while let c = peek() {
            switch c {
            case " ", "\t", "\n", "\r", "\u{0C}":
                next()
            case ";":
                while let d = peek(), d != "\n" { _ = d; next() }
                if peek() == nil { endedInLineComment = true }
            case "#":
                if peek(1) == "|" {
                    let start = here
                    next(); next()
                    var depth = 1
                    while depth > 0 {
                        guard let d = next() else { throw error("unterminated block comment", at: start, eof: true) }
                        if d == "|" && peek() == "#" { next(); depth -= 1 }
                        else if d == "#" && peek() == "|" { next(); depth += 1 }
                    }
                } else if peek(1) == "!", let d = peek(2), d == " " || d == "/" || d == "\t" {
                    while let e = peek(), e != "\n" { _ = e; next() }
                    if peek() == nil { endedInLineComment = true }
                } else {
                    return
                }
            default:
                return
            }
        }
    }
}
