/// `write` and `display` in CHICKEN 5's notation. Cyclic structure is printed with datum
/// labels (`#0=(a . #0#)`) so that printing always terminates.
struct Printer {
    let write: Bool
    /// The text so far, as UTF-8: appending bytes costs a fraction of appending to a String.
    private var out: [UInt8] = []
    private var labels: [ObjectIdentifier: Int] = [:]   // cyclic nodes -> label (-1: not yet printed)
    private var nextLabel = 0
    private var limit = Int.max
    /// `display` keywords as `:foo` (keyword style prefix) rather than `foo:`.
    private var keywordPrefix = false
    /// Write quote forms with their reader abbreviations (`pp`).
    private var abbreviate = false

    static func string(_ v: Value, write: Bool, keywordPrefix: Bool = false) -> String {
        var p = Printer(write: write)
        p.keywordPrefix = keywordPrefix
        p.findCycles(v)
        p.print(v)
        return String(decoding: p.out, as: UTF8.self)
    }

    /// The written form if it takes at most `limit` bytes, else nil. Stops early, so asking
    /// about a huge datum costs no more than the limit; a cyclic one just exceeds it.
    /// With `abbreviating`, `(quote x)` is written `'x` (and so for quasiquote, unquote and
    /// unquote-splicing), as `pp` writes them.
    static func written(_ v: Value, limit: Int, abbreviating: Bool = false) -> String? {
        var p = Printer(write: true)
        p.limit = limit
        p.abbreviate = abbreviating
        p.print(v)
        return p.out.count > limit ? nil : String(decoding: p.out, as: UTF8.self)
    }

    private init(write: Bool) { self.write = write }

    // MARK: cycle detection

    /// Marks the pairs and vectors that are reached again while still being printed.
    private mutating func findCycles(_ root: Value) {
        // A depth-first walk with an explicit stack of (node, next child): a pair's children
        // are its car (0) and cdr (1), a vector's its items. Marks: on the path, or done.
        // The nodes are held unretained: `root` keeps them all alive, and nothing runs
        // during the walk that could change the datum.
        enum Node {
            case pair(Unmanaged<Pair>)
            case vector(Unmanaged<SVector>)
        }
        func node(_ v: Value) -> Node? {
            switch v {
            case .pair(let p): return .pair(Unmanaged.passUnretained(p))
            case .vector(let vec): return .vector(Unmanaged.passUnretained(vec))
            default: return nil
            }
        }
        func id(_ n: Node) -> ObjectIdentifier {
            switch n {
            case .pair(let p): return ObjectIdentifier(p.takeUnretainedValue())
            case .vector(let v): return ObjectIdentifier(v.takeUnretainedValue())
            }
        }
        guard let first = node(root) else { return }  // an atom: no table to make
        let onPath: UInt8 = 1, done: UInt8 = 2
        ObjectMarks.withTable { marks in
            var stack: [(Node, Int)] = []
            stack.reserveCapacity(16)  // growing from empty reallocated it at depths 1, 2, 4 and 8
            marks[id(first)] = onPath
            stack.append((first, 0))
            while let (top, next) = stack.last {
                var childNode: Node? = nil
                var finished = false
                switch top {
                case .pair(let p):
                    p._withUnsafeGuaranteedRef { pair in
                        if next < 2 { childNode = node(next == 0 ? pair.car : pair.cdr) } else { finished = true }
                    }
                case .vector(let v):
                    v._withUnsafeGuaranteedRef { vec in
                        if next < vec.items.count { childNode = node(vec.items[next]) } else { finished = true }
                    }
                }
                if finished {
                    stack.removeLast()
                    marks[id(top)] = done
                    continue
                }
                stack[stack.count - 1].1 = next + 1
                guard let child = childNode else { continue }
                let cid = id(child)
                switch marks[cid] {
                case onPath: labels[cid] = -1
                case done: continue
                default:
                    marks[cid] = onPath
                    stack.append((child, 0))
                }
            }
        }
    }

    /// Returns true if the node was already printed and a reference was emitted instead.
    private mutating func label(_ id: ObjectIdentifier) -> Bool {
        guard let l = labels[id] else { return false }
        if l >= 0 { emit("#\(l)#"); return true }
        labels[id] = nextLabel
        emit("#\(nextLabel)=")
        nextLabel += 1
        return false
    }

    // MARK: output

    /// Appends the UTF-8 of `s` from its contiguous storage: appending `s.utf8` as a
    /// sequence went through the generic copy, a third of writing a list of symbols.
    private mutating func emit(_ s: String) {
        var s = s
        s.withUTF8 { emitBytes($0) }
    }

    /// Appends one ASCII byte (the list punctuation).
    @inline(__always) private mutating func emitByte(_ b: UInt8) { out.append(b) }

    /// Appends `bytes`; a few are appended one by one: `append(contentsOf:)` costs ~230
    /// instructions a call whatever the length, most of writing a short list.
    private mutating func emitBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count <= 16 {
            for b in bytes { out.append(b) }
        } else {
            out.append(contentsOf: bytes)
        }
    }

    private mutating func emit(_ c: Unicode.Scalar) {
        if c.value < 0x80 { out.append(UInt8(c.value)); return }
        if let bytes = UTF8.encode(c) { out.append(contentsOf: bytes) }
    }

    /// Appends `i` in decimal without making a String of it.
    /// The digits are made back to front in a stack buffer: reversing them in `out` went
    /// through an array slice's replacement.
    private mutating func emitDecimal(_ i: Int) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var m = i.magnitude  // at most 20 digits, Int.min's 19 included
            var k = digits.count
            repeat {
                k -= 1
                digits[k] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0 && k > 0
            emitBytes(UnsafeBufferPointer(rebasing: digits[k...]))
        }
    }

    // MARK: printing

    /// What is left to print: the printer keeps an explicit stack instead of recursing, so
    /// nesting depth is bounded by memory, not by the Swift stack.
    private enum Task {
        case value(Value)
        case text(String)
        /// The car of this pair has been printed; print the rest of the list.
        case rest(Pair)
        /// Print this vector's items from `index` on, then the closing parenthesis.
        case items(SVector, Int)
    }

    private mutating func print(_ root: Value) {
        switch root {
        case .pair, .vector, .object(is MultipleValues): break
        default: printAtom(root); return  // no work list to make
        }
        // Room for a short list at once: growing from one row reallocated at 2, 4 and 8.
        var tasks: [Task] = []
        tasks.reserveCapacity(16)
        tasks.append(.value(root))
        out.reserveCapacity(out.count + 32)
        while let task = tasks.popLast() {
            if out.count > limit { return }
            switch task {
            case .text(let s):
                emit(s)
            case .value(.pair(let p)):
                if !labels.isEmpty, label(ObjectIdentifier(p)) { continue }
                if abbreviate, let (prefix, quoted) = Printer.abbreviation(p) {
                    emit(prefix)
                    tasks.append(.value(quoted))
                    continue
                }
                emitByte(UInt8(ascii: "("))
                tasks.append(.rest(p))
                tasks.append(.value(p.car))
            case .value(.vector(let vec)):
                if !labels.isEmpty, label(ObjectIdentifier(vec)) { continue }
                emit("#(")
                tasks.append(.items(vec, 0))
            case .value(.object(let mv as MultipleValues)):
                for (i, v) in mv.values.enumerated().reversed() {
                    tasks.append(.value(v))
                    if i > 0 { tasks.append(.text(" ")) }
                }
            case .value(let v):
                printAtom(v)
            case .rest(let p):
                switch p.cdr {
                case .null:
                    emitByte(UInt8(ascii: ")"))
                case .pair(let next) where labels.isEmpty || labels[ObjectIdentifier(next)] == nil:
                    emitByte(UInt8(ascii: " "))
                    tasks.append(.rest(next))
                    tasks.append(.value(next.car))
                default:
                    emit(" . ")
                    tasks.append(.text(")"))
                    tasks.append(.value(p.cdr))
                }
            case .items(let vec, let i):
                guard i < vec.items.count else { emitByte(UInt8(ascii: ")")); continue }
                if i > 0 { emitByte(UInt8(ascii: " ")) }
                tasks.append(.items(vec, i + 1))
                tasks.append(.value(vec.items[i]))
            }
        }
    }

    /// The reader abbreviation of `(quote x)` and its kin, with `x`; nil for any other list.
    static func abbreviation(_ p: Pair) -> (String, Value)? {
        guard case .symbol(let head) = p.car, case .pair(let rest) = p.cdr, case .null = rest.cdr else { return nil }
        switch head.name {
        case "quote": return ("'", rest.car)
        case "quasiquote": return ("`", rest.car)
        case "unquote": return (",", rest.car)
        case "unquote-splicing": return (",@", rest.car)
        default: return nil
        }
    }

    /// Prints a value that contains no pairs or vectors to descend into.
    private mutating func printAtom(_ v: Value) {
        switch v {
        case .null: emit("()")
        case .bool(let b): emit(b ? "#t" : "#f")
        case .fixnum(let i): emitDecimal(i)
        case .flonum: emit(NumberFormat.format(v))
        case .char(let c):
            if write { emit(Printer.charName(c)) } else { emit(c) }
        case .unspecified: emit("#<unspecified>")
        case .eof: emit("#!eof")
        case .defaultObject: emit("#!default")
        case .undefined: emit("#<unbound value>")
        case .symbol(let s) where s.isKeyword:
            if write { emit("#:" + (s.name.isEmpty || Printer.hasSpecialCharacters(s.name) ? Printer.barred(s.name) : s.name)) }
            else { emit(keywordPrefix ? ":" + s.name : s.name + ":") }
        case .symbol(let s): emit(write ? Printer.symbolText(s) : s.name)
        case .string(let s):
            if write { writeString(s.chars) } else { emit(s.string) }
        case .pair, .vector: break  // handled by `print`
        case .procedure(let proc): emit(Printer.procedureText(proc))
        case .object(let o): printObject(o)
        }
    }

    private mutating func writeString(_ chars: [Unicode.Scalar]) {
        emit("\"")
        for c in chars {
            switch c {
            case "\"": emit("\\\"")
            case "\\": emit("\\\\")
            case "\n": emit("\\n")
            case "\t": emit("\\t")
            case "\r": emit("\\r")
            case "\u{08}": emit("\\b")
            case "\u{07}": emit("\\a")
            case "\u{0B}": emit("\\v")
            case "\u{0C}": emit("\\f")
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let h = String(c.value, radix: 16)
                    emit("\\x" + (h.count < 2 ? "0" + h : h))
                } else {
                    emit(c)
                }
            }
        }
        emit("\"")
    }

    private mutating func printObject(_ o: SchemeObject) {
        switch o {
        case is Bignum, is Ratnum, is Cplxnum: emit(NumberFormat.format(.object(o)))
        case let b as Bytevector where b.isBlob:
            emit("#${" + b.bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "}")
        case let b as Bytevector:
            emit("#u8(" + b.bytes.map { String($0) }.joined(separator: " ") + ")")
        case let c as Condition:
            emit("#<condition: (" + c.kinds.map { $0.name }.joined(separator: " ") + ")>")
        case let r as Record: emit(r.type.link?.interpreter?.customPrinted(r) ?? "#<\(r.type.name)>")
        case let t as RecordType: emit("#<record-type \(t.name)>")
        case let custom as CustomPrintable: emit(custom.printedForm)
        default: emit("#<\(o.typeName)>")
        }
    }

    static func procedureText(_ proc: Procedure) -> String {
        switch proc.kind {
        case .closure:
            let c = unsafeDowncast(proc, to: Closure.self)
            var s = "#<procedure (" + (c.code.name ?? "?")
            var rest = c.code.parameterList
            while case .pair(let p) = rest {
                s += " " + string(p.car, write: true)
                rest = p.cdr
            }
            if !rest.isNull { s += " . " + string(rest, write: true) }
            return s + ")>"
        case .primitive: return "#<procedure (\(proc.name) . args)>"
        case .continuation: return "#<procedure (continuation . results)>"
        case .parameter: return "#<procedure (parameter . args)>"
        }
    }

    static func charName(_ c: Unicode.Scalar) -> String {
        switch c.value {
        case 0: return "#\\null"
        case 7: return "#\\alarm"
        case 8: return "#\\backspace"
        case 9: return "#\\tab"
        case 10: return "#\\newline"
        case 11: return "#\\vtab"
        case 12: return "#\\page"
        case 13: return "#\\return"
        case 27: return "#\\escape"
        case 0x7F: return "#\\delete"
        case 32: return "#\\space"
        default:
            if c.value < 32 { return "#\\x" + String(c.value, radix: 16) }
            var s = "#\\"
            s.unicodeScalars.append(c)
            return s
        }
    }

    /// How `write` shows a symbol: its name, in bars where reading the name back would not
    /// give the symbol. A name does not change, so the answer is kept on the symbol.
    static func symbolText(_ s: Symbol) -> String {
        if let text = s.writtenForm { return text }
        let text = symbolText(name: s.name)
        s.writtenForm = text
        return text
    }

    private static func symbolText(name: String) -> String {
        if name.isEmpty { return "||" }
        var needsBars = NumberFormat.parse(name) != nil || name == "."
        // `##x` and the lambda-list markers `#!optional` … read back as symbols.
        if !needsBars, name.first == "#", !name.hasPrefix("##") || name.hasPrefix("###"), !["#!optional", "#!rest", "#!key"].contains(name) { needsBars = true }
        // `foo:` and `:foo` would read back as keywords in some keyword style.
        if !needsBars, name.utf8.count > 1, name.hasPrefix(":") || name.hasSuffix(":") { needsBars = true }
        guard needsBars || hasSpecialCharacters(name) else { return name }
        return barred(name)
    }

    /// Whether `name` holds a character that ends a symbol token.
    static func hasSpecialCharacters(_ name: String) -> Bool {
        for c in name.unicodeScalars {
            switch c {
            case " ", "\t", "\n", "\r", "(", ")", "\"", ";", "'", "`", ",", "|", "\\", "[", "]", "{", "}": return true
            default: if c.value < 32 { return true }
            }
        }
        return false
    }

    /// `|name|`, with `|` and `\` escaped.
    static func barred(_ name: String) -> String {
        var out = "|"
        for c in name.unicodeScalars {
            if c == "|" || c == "\\" { out += "\\" }
            // Control characters as CHICKEN writes them: `|\x0a|`.
            if c.value < 32 { out += "\\x" + (c.value < 16 ? "0" : "") + String(c.value, radix: 16); continue }
            out.unicodeScalars.append(c)
        }
        return out + "|"
    }
}

/// Objects outside SchemeCore (ports, tcp listeners, threads) that print themselves.
public protocol CustomPrintable: AnyObject {
    /// The text `write` and `display` show, e.g. `#<tcp-listener>`.
    var printedForm: String { get }
}

extension Value {
    /// The `write` representation.
    public var written: String { Printer.string(self, write: true) }
    /// The `display` representation.
    public var displayed: String { Printer.string(self, write: false) }
}
