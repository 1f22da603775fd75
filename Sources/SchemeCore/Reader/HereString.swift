/// CHICKEN's here strings: `#<<TAG` reads the lines up to one that is exactly TAG as a
/// string; `#<#TAG` does the same but interpolates `#var` and `#(expr)` (`##` is a `#`),
/// reading as `(##sys#print-to-string (cons part ...))` as CHICKEN's reader does.
extension Reader {
    func readHereString(_ start: SourceLocation) throws -> Value {
        next()  // '<'
        guard let kind = next(), kind == "<" || kind == "#" else {
            throw error("invalid sharp-sign read syntax: #<", at: start)
        }
        guard let tagLine = readRawLine(), !tagLine.isEmpty else { throw error("missing here-string delimiter", at: start) }
        let tag = String(String.UnicodeScalarView(tagLine))
        var lines: [[Unicode.Scalar]] = []
        while true {
            guard let line = readRawLine() else { throw error("unterminated here string: missing \(tag)", at: start, eof: true) }
            if String(String.UnicodeScalarView(line)) == tag { break }
            lines.append(line)
        }
        let body = Array(lines.joined(separator: ["\n"]))
        if kind == "<" { return .string(MString(body)) }
        return try interpolate(body, start)
    }

    /// The parts of an interpolating here string, as CHICKEN's reader builds them.
    private func interpolate(_ body: [Unicode.Scalar], _ start: SourceLocation) throws -> Value {
        var parts: [Value] = []
        var literal: [Unicode.Scalar] = []
        func flush() {
            if !literal.isEmpty { parts.append(.string(MString(literal))) }
            literal = []
        }
        var i = 0
        while i < body.count {
            let c = body[i]
            guard c == "#", i + 1 < body.count else { literal.append(c); i += 1; continue }
            let d = body[i + 1]
            if d == "#" {
                literal.append("#")
                i += 2
            } else if d == "(" {
                let sub = Reader(scalars: Array(body[(i + 1)...]), file: file, symbols: symbols)
                guard let datum = try sub.read() else { throw error("unterminated here string expression", at: start) }
                flush()
                parts.append(datum)
                i += 1 + sub.offset
            } else if !Reader.isDelimiter(d) {
                var j = i + 1
                while j < body.count, !Reader.isDelimiter(body[j]), body[j] != "#" { j += 1 }
                flush()
                parts.append(.symbol(symbols.intern(String(String.UnicodeScalarView(body[(i + 1)..<j])))))
                i = j
            } else {
                literal.append(c)
                i += 1
            }
        }
        flush()
        var list: Value = .list(.symbol(symbols.intern("quote")), .null)
        for part in parts.reversed() { list = .list(.symbol(symbols.intern("cons")), part, list) }
        return .list(.symbol(symbols.intern("##sys#print-to-string")), list)
    }
}
