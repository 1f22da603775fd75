/// `get-call-chain`: the calls waiting for a result, read off the VM's frames. CHICKEN keeps
/// a trace buffer of recent calls with their expressions; this VM has no such buffer (it
/// would cost every call), so the chain lists the pending non-tail calls, each with its
/// procedure's name and source position (calls inside library code, which has no source
/// positions, are left out).
extension Machine {
    /// How many of the innermost calls are listed (CHICKEN's trace buffer holds 16).
    static let callChainLength = 16

    /// `#("<eval>" "file:line:col" name)` for each pending call, outermost first, ending
    /// with the running procedure at `pc`.
    func callChain(_ frames: [Frame], _ code: Code, _ pc: Int) -> Value {
        // Innermost first, stopping once the chain is full (a deep recursion has many frames).
        var entries: [Value] = callChainEntry(code, pc).map { [$0] } ?? []
        for f in frames.reversed() where entries.count < Machine.callChainLength {
            if let entry = callChainEntry(f.code, f.pc) { entries.append(entry) }
        }
        return Value.list(entries.reversed())
    }

    private func callChainEntry(_ code: Code, _ pc: Int) -> Value? {
        guard let position = callPosition(code, pc - 1) else { return nil }
        let name: Value = code.name.map { .symbol(interp.symbols.intern($0)) } ?? .false
        let fields: [Value] = [.string(MString("<eval>")), .string(MString(position.description)), name]
        return .vector(SVector(fields))
    }
}
