/// The last of `chicken.base`: character names, warnings switch, and what a procedure
/// knows about itself.
extension Interpreter {
    func baseExtrasPrimitives() -> [Primitive] {
        // The names `char-name` gives back, CHICKEN's choice where a character has several.
        let canonical: [UInt32: String] = [0x20: "space", 0x0A: "newline", 0x09: "tab", 0x00: "null", 0x0D: "return",
                                            0x07: "alarm", 0x08: "backspace", 0x7F: "delete", 0x1B: "escape", 0x0C: "page", 0x0B: "vtab"]
        return [
            // (char-name char) => its name or #f; (char-name name) => the character or #f;
            // (char-name name char) adds a name the reader accepts as #\name.
            prim("char-name", Signature(.any, optional: [.char])) { [unowned(unsafe) self] args in
                switch args[0] {
                case .char(let c):
                    if let name = canonical[c.value] { return .symbol(self.symbols.intern(name)) }
                    if let (name, _) = self.readTable.characterNames.first(where: { $0.value == c }) {
                        return .symbol(self.symbols.intern(name))
                    }
                    return .false
                case .symbol(let s):
                    let name = s.name.lowercased()
                    if args.count > 1 {
                        self.readTable.characterNames[name] = try args.char(1)
                        return .unspecified
                    }
                    return (Reader.charNames[name] ?? self.readTable.characterNames[name]).map { .char($0) } ?? .false
                default:
                    throw SchemeError.typeMsg("char-name", "bad argument type - not a character or symbol", args[0])
                }
            },
            prim("enable-warnings", Signature(optional: [.any])) { [unowned(unsafe) self] args in
                if args.count > 0 { self.warningsEnabled = !args[0].isFalse }
                return .bool(self.warningsEnabled)
            },
            // (procedure-information proc) => (name parameter ...) for a Scheme procedure
            // (`?` when it has no name), the name alone for a native one.
            prim("procedure-information", Signature(.procedure)) { [unowned(unsafe) self] args in
                guard case .procedure(let p) = args[0] else { return .false }
                if let c = p as? Closure {
                    return .pair(Pair(.symbol(self.symbols.intern(c.code.name ?? "?")), c.code.parameterList))
                }
                if let prim = p as? Primitive { return .symbol(self.symbols.intern(prim.primName)) }
                return .false
            },
        ]
    }
}
