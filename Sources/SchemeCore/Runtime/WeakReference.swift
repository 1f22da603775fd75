/// A reference that does not keep its object alive: what a weak locative
/// (`make-weak-locative`) holds. It is no container for the collectors (it owns nothing),
/// and Swift clears it when the last strong reference goes, whether by release or by the
/// cycle collector breaking a cycle.
final class WeakReference: SchemeObject {
    private weak var pair: Pair?
    private weak var string: MString?
    private weak var vector: SVector?
    private weak var object: SchemeObject?

    /// Nil for a value with no object behind it (a fixnum, a character ...).
    init?(_ value: Value) {
        switch value {
        case .pair(let p): pair = p
        case .string(let s): string = s
        case .vector(let v): vector = v
        case .object(let o): object = o
        default: return nil
        }
    }

    override var typeName: String { "weak-reference" }

    /// The object, or nil once it has been reclaimed.
    var value: Value? {
        if let pair { return .pair(pair) }
        if let string { return .string(string) }
        if let vector { return .vector(vector) }
        if let object { return .object(object) }
        return nil
    }
}
