/// Where a datum was read: file, 1-based line and column.
public struct SourceLocation: CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public var description: String { "\(file):\(line):\(column)" }
}

/// Positions of the pairs of one toplevel datum, keyed by pair identity. The pairs are kept
/// alive by the datum for as long as the compiler consults this table.
final class SourceMap {
    /// The pair is kept with its location so that its address is not reused while the
    /// entry exists.
    @exclusivity(unchecked) private var table: [ObjectIdentifier: (pair: Pair, location: SourceLocation)] = [:]
    func record(_ p: Pair, _ loc: SourceLocation) { table[ObjectIdentifier(p)] = (p, loc) }
    func location(of v: Value) -> SourceLocation? {
        guard case .pair(let p) = v, let entry = table[ObjectIdentifier(p)], entry.pair === p else { return nil }
        return entry.location
    }
    func merge(_ other: SourceMap) { table.merge(other.table) { a, _ in a } }
    func removeAll() { table = [:] }
}
