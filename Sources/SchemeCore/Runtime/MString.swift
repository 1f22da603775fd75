/// A mutable Scheme string with O(1) `string-ref` / `string-set!` (Swift `String` indexing
/// is O(n)). Characters are stored one byte each while the string is ASCII, and as Unicode
/// scalars from the first non-ASCII character on.
public final class MString {
    @exclusivity(unchecked) private var bytes: [UInt8]
    @exclusivity(unchecked) private var wide: [Unicode.Scalar]
    @exclusivity(unchecked) private(set) var isASCII: Bool

    init(_ chars: [Unicode.Scalar]) {
        if chars.allSatisfy({ $0.value < 128 }) {
            bytes = chars.map { UInt8(truncatingIfNeeded: $0.value) }
            wide = []
            isASCII = true
        } else {
            bytes = []
            wide = chars
            isASCII = false
        }
    }

    init(ascii: [UInt8]) {
        bytes = ascii
        wide = []
        isASCII = true
    }

    /// A mutable Scheme string with the characters of `s`.
    public convenience init(_ s: String) {
        let ascii = s.utf8.withContiguousStorageIfAvailable { MString.isASCII($0) } ?? s.utf8.allSatisfy { $0 < 128 }
        if ascii { self.init(ascii: Array(s.utf8)) } else { self.init(Array(s.unicodeScalars)) }
    }

    convenience init(repeating c: Unicode.Scalar, count: Int) {
        if c.value < 128 { self.init(ascii: Array(repeating: UInt8(c.value), count: count)) }
        else { self.init(Array(repeating: c, count: count)) }
    }

    var count: Int { isASCII ? bytes.count : wide.count }

    subscript(i: Int) -> Unicode.Scalar {
        get { isASCII ? Unicode.Scalar(bytes[i]) : wide[i] }
        set {
            if isASCII {
                if newValue.value < 128 { bytes[i] = UInt8(newValue.value); return }
                widen()
            }
            wide[i] = newValue
        }
    }

    private func widen() {
        guard isASCII else { return }
        wide = bytes.map { Unicode.Scalar($0) }
        bytes = []
        isASCII = false
    }

    /// All characters as scalars (copies an ASCII string).
    var chars: [Unicode.Scalar] { isASCII ? bytes.map { Unicode.Scalar($0) } : wide }

    func slice(_ a: Int, _ b: Int) -> MString {
        isASCII ? MString(ascii: Array(bytes[a..<b])) : MString(Array(wide[a..<b]))
    }

    func scalars(_ a: Int, _ b: Int) -> [Unicode.Scalar] {
        isASCII ? bytes[a..<b].map { Unicode.Scalar($0) } : Array(wide[a..<b])
    }

    static func concatenate(_ parts: [MString]) -> MString {
        if parts.allSatisfy({ $0.isASCII }) {
            var out: [UInt8] = []
            out.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
            for p in parts { out.append(contentsOf: p.bytes) }
            return MString(ascii: out)
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { out.append(contentsOf: p.chars) }
        return MString(out)
    }

    /// Copies `from[a..<b]` to position `at` (regions may overlap).
    func copy(from: MString, _ a: Int, _ b: Int, at: Int) {
        if isASCII && from.isASCII {
            let slice = Array(from.bytes[a..<b])
            bytes.replaceSubrange(at..<(at + slice.count), with: slice)
            return
        }
        let slice = from.scalars(a, b)
        widen()
        wide.replaceSubrange(at..<(at + slice.count), with: slice)
    }

    func fill(_ c: Unicode.Scalar, _ a: Int, _ b: Int) {
        for i in a..<b { self[i] = c }
    }

    func sameCharacters(as other: MString) -> Bool {
        if isASCII && other.isASCII { return bytes == other.bytes }
        return chars == other.chars
    }

    /// A new string with the same characters (storage shared until either is written).
    func copy() -> MString { isASCII ? MString(ascii: bytes) : MString(wide) }

    /// Hashes the characters (the same for equal strings however they are stored).
    func hashCharacters(into h: inout Hasher) {
        h.combine(count)
        if isASCII {
            bytes.withUnsafeBytes { h.combine(bytes: $0) }
        } else if wide.allSatisfy({ $0.value < 128 }) {
            let narrow = wide.map { UInt8(truncatingIfNeeded: $0.value) }
            narrow.withUnsafeBytes { h.combine(bytes: $0) }
        } else {
            for c in wide { h.combine(c.value) }
        }
    }

    /// Appends the UTF-8 encoding to `out` (no intermediate Swift string).
    func appendUTF8(to out: inout [UInt8]) {
        if isASCII { out.append(contentsOf: bytes); return }
        for c in wide { UTF8.encode(c) { out.append($0) } }
    }

    /// Whether every byte is below 128.
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        return ByteScan.asciiPrefixLength(UnsafeRawPointer(base), count: p.count) == p.count
    }

    /// Runs `body` on the bytes of an ASCII string without copying them (nil for a string
    /// with other characters): the regex engine searches them in place.
    func withASCIIBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard isASCII else { return nil }
        return try bytes.withUnsafeBufferPointer(body)
    }

    /// The characters as a Swift string.
    public var string: String {
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: wide)
        return String(s)
    }
}

/// A Scheme vector.
public final class SVector {
    @exclusivity(unchecked) var items: [Value]
    @exclusivity(unchecked) var gcRegistered = false
    init(_ items: [Value]) { self.items = items }
    deinit { if items.mayOwnObjects { DeepRelease.drain { $0.takeAll(&items) } } }
}
