/// Keeps a Scheme value valid while the host holds it.
///
/// ARC keeps every object a Swift variable refers to alive, but the cycle collector clears
/// containers (pairs, vectors, records, boxes) that were mutated after creation and that it
/// cannot reach from Scheme's roots; a `Value` kept only in a Swift variable across later
/// evaluations is such a case. A handle makes its value a root until the handle is
/// released.
///
/// ```swift
/// let table = scheme.protect(try scheme.eval("(let ((l (list 1 2))) (set-car! l l) l)"))
/// // ... any amount of Scheme code later ...
/// print(table.value.written)
/// ```
public final class SchemeHandle {
    /// The protected value.
    public let value: Value
    private let registry: HandleRegistry
    private let id: Int

    fileprivate init(_ value: Value, _ registry: HandleRegistry) {
        self.value = value
        self.registry = registry
        id = registry.add(value)
    }

    deinit { registry.remove(id) }
}

/// The values the host holds through handles (roots of the cycle collector).
final class HandleRegistry {
    private(set) var values: [Int: Value] = [:]
    private var next = 0
    func add(_ v: Value) -> Int {
        next += 1
        values[next] = v
        return next
    }
    func remove(_ id: Int) { values[id] = nil }
}

extension Interpreter {
    /// Protects `value` from the cycle collector for as long as the returned handle lives.
    public func protect(_ value: Value) -> SchemeHandle { SchemeHandle(value, handles) }

    /// Whether the cycle collector checks unreachable containers for references held by
    /// Swift code before clearing them (default: yes). A host that keeps Scheme values only
    /// through `protect` can turn this off: collections of cycle-heavy programs get faster
    /// (up to 1.4x overall in a loop that does nothing but make cycles).
    public var checksHostReferences: Bool {
        get { collector.checksHostReferences }
        set { collector.checksHostReferences = newValue }
    }
}
