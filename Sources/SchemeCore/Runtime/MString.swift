/// A mutable Scheme string with O(1) `string-ref` / `string-set!`: the characters are
/// stored as Unicode scalars in a contiguous array (Swift `String` indexing is O(n)).
public final class MString {
    @exclusivity(unchecked) var chars: [Unicode.Scalar]

    init(_ chars: [Unicode.Scalar]) { self.chars = chars }
    convenience init(_ s: String) { self.init(Array(s.unicodeScalars)) }

    var string: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars)
        return String(s)
    }

    var count: Int { chars.count }
}

/// A Scheme vector.
public final class SVector {
    @exclusivity(unchecked) var items: [Value]
    init(_ items: [Value]) { self.items = items }
}
