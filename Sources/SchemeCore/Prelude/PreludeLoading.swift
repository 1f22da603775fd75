/// Loading the lazy part of the prelude: the procedures and syntax after prelude.scm's
/// `@lazy` line are compiled the first time a program names them.
extension Interpreter {
    /// The prelude syntax `s` names, defining it now if it was not yet (nil if `s` names
    /// none). It is bound in the prelude's syntax and, unless the program bound the name
    /// since, at toplevel.
    func lazySyntaxBinding(_ s: Symbol) -> Binding? {
        guard let source = lazySyntax.removeValue(forKey: ObjectIdentifier(s)) else { return nil }
        let savedMap = expander.sourceMap
        let savedTop = expander.atToplevel
        defer { expander.sourceMap = savedMap; expander.atToplevel = savedTop }
        do {
            guard let datum = try preludeForm(source) else { return nil }
            _ = try compile(datum, sourceMap: nil, in: preludeSyntax)
        } catch {
            return nil  // cannot happen with the shipped prelude (the tests load every entry)
        }
        guard let b = preludeSyntax.lookup(.symbol(s)) else { return nil }
        if toplevel.lookup(.symbol(s)) == nil { toplevel.bind(.symbol(s), b) }
        return b
    }

    /// Compiles and runs the prelude definition of `s` if it has one that was not loaded yet;
    /// returns whether `s` is now bound. Runs on its own thread, so it may be called while the
    /// VM is running (an unbound global reference is how it is triggered).
    func loadLazyDefinition(_ s: Symbol) -> Bool {
        guard let source = lazyDefinitions.removeValue(forKey: ObjectIdentifier(s)) else { return false }
        let savedMap = expander.sourceMap
        defer { expander.sourceMap = savedMap }
        do {
            guard let datum = try preludeForm(source) else { return false }
            _ = try runToplevel(try compile(datum, sourceMap: nil, in: preludeSyntax), on: SchemeThread(capacity: 256))
        } catch {
            // Cannot happen with the shipped prelude; if it did, the reference stays unbound
            // and the program gets an ordinary "unbound variable" error.
            return false
        }
        if case .undefined = s.value { return false }
        if s.name == "call-with-values" || s.name == "dynamic-wind", case .procedure(let p) = s.value, let c = p as? Closure {
            // Their thunks' return points are the places (with the host) that take several
            // values; every other return point takes one (see `Code.keepsValues`).
            c.code.keepsValues = true
        }
        return true
    }

    /// The one form of a lazy prelude entry.
    private func preludeForm(_ source: String) throws -> Value? {
        let reader = Reader(text: source, file: "<prelude>", symbols: symbols)
        reader.recordPositions = false
        return try reader.read()
    }
}
