extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes them but without its
    /// cost for the element types the standard library prespecializes (`UInt`, `UInt8`,
    /// `Int32` …): there that initializer looks up the array storage's type metadata in the
    /// runtime's table at every call, ~680 instructions (30 % of `(expt 2 100)`, and of the
    /// printer's cycle search a third). Reserving and appending is specialized.
    @inline(__always) static func filled(with value: Element, count: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        out.append(contentsOf: repeatElement(value, count: count))
        return out
    }
}
