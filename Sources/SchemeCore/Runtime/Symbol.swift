/// An interned symbol. Its global binding lives on the symbol itself, so a global variable
/// reference compiled into code is one pointer dereference.
public final class Symbol {
    public let name: String
    /// The global value, `.undefined` while unbound.
    @exclusivity(unchecked) var value: Value = .undefined
    /// The inlinable builtin this symbol names (`InlineOp` raw value), or -1.
    var inlineOp: Int = -1
    /// False for symbols made by `gensym` / `string->uninterned-symbol`.
    let interned: Bool
    /// A keyword (`#:name`): self-evaluating, printed `#:name`.
    let isKeyword: Bool
    /// Kept by the symbol table even when nothing else holds it: the interpreter looks it
    /// up by identity (a library definition not loaded yet is filed under its symbol).
    var pinned = false

    /// The name's characters, kept so `symbol->string` need not convert each time (the
    /// strings it returns share them until written to).
    private var nameCharacters: MString?

    /// The written form, once `write` has made it (see Printer.symbolText).
    var writtenForm: String?

    /// A fresh string with the symbol's name.
    func nameString() -> MString {
        if let m = nameCharacters { return m.copy() }
        let m = MString(name)
        nameCharacters = m
        return m.copy()
    }

    init(_ name: String, interned: Bool = true, keyword: Bool = false) {
        self.name = name
        self.interned = interned
        self.isKeyword = keyword
    }
}

/// The symbol table of one interpreter.
///
/// Symbols are collected, as CHICKEN's are: one that nothing but the table holds, with no
/// global value, is forgotten when the table has doubled since the last sweep (and at
/// `(gc #t)`), so a server that interns what its peers send (`string->symbol` on a header
/// name) does not grow without bound. Interning the name again makes a new symbol, which
/// no one can tell from the old: nothing held the old one.
final class SymbolTable {
    /// Room for the ~1,700 names the built-in library and the prelude intern at start-up, so
    /// the table is not rehashed (every key hashed again) as it grows to that size.
    @exclusivity(unchecked) private var table: [String: Symbol] = Dictionary(minimumCapacity: 2048)
    private var gensymCounter = 0
    /// The number of symbols and keywords at which interning sweeps next.
    private var sweepAt = 8192

    func intern(_ name: String) -> Symbol {
        if count >= sweepAt { sweep() }
        // One hash of the name whether or not it is new: the defaulted subscript's in-place
        // access inserts the new symbol where the lookup ended.
        return SymbolTable.entry(&table[name, default: Symbol(name)])
    }

    @inline(__always) private static func entry(_ s: inout Symbol) -> Symbol { s }

    func lookup(_ name: String) -> Symbol? { table[name] }

    @exclusivity(unchecked) private var keywords: [String: Symbol] = [:]

    /// The keyword `#:name` (a separate namespace from symbols).
    func keyword(_ name: String) -> Symbol {
        if let k = keywords[name] { return k }
        if count >= sweepAt { sweep() }
        let k = Symbol(name, keyword: true)
        keywords[name] = k
        return k
    }

    func gensym(_ prefix: String = "g") -> Symbol {
        gensymCounter += 1
        return Symbol("\(prefix)\(gensymCounter)", interned: false)
    }

    var allSymbols: Dictionary<String, Symbol>.Values { table.values }

    /// How many symbols and keywords the table holds.
    var count: Int { table.count + keywords.count }

    /// Forgets the symbols and keywords only the table holds (see the type's comment).
    func sweep() {
        SymbolTable.forgetUnheld(&table)
        SymbolTable.forgetUnheld(&keywords)
        sweepAt = max(8192, 2 * count)
    }

    private static func forgetUnheld(_ symbols: inout [String: Symbol]) {
        var dead: [String] = []
        var i = symbols.values.startIndex
        while i != symbols.values.endIndex {
            // In place: a copy of the reference would make every symbol look held.
            if isKnownUniquelyReferenced(&symbols.values[i]) {
                let s = symbols.values[i]
                if case .undefined = s.value, s.inlineOp < 0, !s.pinned { dead.append(s.name) }
            }
            symbols.values.formIndex(after: &i)
        }
        for name in dead { symbols[name] = nil }
    }
}
