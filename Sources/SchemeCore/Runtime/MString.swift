/// A mutable Scheme string with O(1) `string-ref` / `string-set!` (Swift `String` indexing
/// is O(n)). Characters are stored one byte each while the string is ASCII, and as Unicode
/// scalars from the first non-ASCII character on.
public final class MString {
    // An ASCII string keeps its bytes in memory of its own (`ascii`, nil when empty or wide)
    // rather than in an array: an array is a second object to allocate, reference-count and
    // tear down, about 270 instructions per string, and a server makes a string per line.
    @exclusivity(unchecked) private var ascii: UnsafeMutablePointer<UInt8>?
    @exclusivity(unchecked) private var asciiCount: Int
    @exclusivity(unchecked) private var wide: [Unicode.Scalar]
    @exclusivity(unchecked) private(set) var isASCII: Bool

    /// A string of `count` ASCII characters that `initialize` writes (every byte, each below 128).
    init(asciiCount count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<UInt8>) throws -> Void) rethrows {
        let memory = count > 0 ? ByteMemory.allocate(count) : nil
        ascii = memory
        asciiCount = count
        wide = []
        isASCII = true
        try initialize(UnsafeMutableBufferPointer(start: memory, count: count))
    }

    /// A string of the ASCII characters in `bytes` (each below 128).
    convenience init(ascii bytes: UnsafeBufferPointer<UInt8>) {
        self.init(asciiCount: bytes.count) { out in
            if let from = bytes.baseAddress, let to = out.baseAddress {
                ByteMemory.copy(to: to, from: from, count: bytes.count)
            }
        }
    }

    /// A string of `chars`: one byte each if they are all ASCII.
    convenience init(_ chars: [Unicode.Scalar]) {
        if chars.allSatisfy({ $0.value < 128 }) {
            self.init(asciiCount: chars.count) { out in
                for (i, c) in chars.enumerated() { out[i] = UInt8(truncatingIfNeeded: c.value) }
            }
        } else {
            self.init(wide: chars)
        }
    }

    /// A string of scalars, some of them not ASCII.
    private init(wide chars: [Unicode.Scalar]) {
        ascii = nil
        asciiCount = 0
        wide = chars
        isASCII = false
    }

    deinit { if let ascii { ByteMemory.deallocate(ascii, count: asciiCount) } }

    /// A mutable Scheme string with the characters of `s`.
    public convenience init(_ s: String) {
        var s = s
        if s.withUTF8({ MString.isASCII($0) }) {
            self.init(asciiCount: s.utf8.count) { out in _ = s.withUTF8 { out.initialize(fromContentsOf: $0) } }
        } else {
            self.init(Array(s.unicodeScalars))
        }
    }

    convenience init(repeating c: Unicode.Scalar, count: Int) {
        if c.value < 128 { self.init(asciiCount: count) { $0.initialize(repeating: UInt8(c.value)) } }
        else { self.init(Array(repeating: c, count: count)) }
    }

    /// The bytes of an ASCII string (empty for any other).
    private var bytes: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: ascii, count: asciiCount) }

    var count: Int { isASCII ? asciiCount : wide.count }

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
        if let ascii { ByteMemory.deallocate(ascii, count: asciiCount) }
        ascii = nil
        asciiCount = 0
        isASCII = false
    }

    /// All characters as scalars (copies an ASCII string).
    var chars: [Unicode.Scalar] { isASCII ? bytes.map { Unicode.Scalar($0) } : wide }

    func slice(_ a: Int, _ b: Int) -> MString {
        isASCII ? MString(ascii: UnsafeBufferPointer(rebasing: bytes[a..<b])) : MString(Array(wide[a..<b]))
    }

    func scalars(_ a: Int, _ b: Int) -> [Unicode.Scalar] {
        isASCII ? bytes[a..<b].map { Unicode.Scalar($0) } : Array(wide[a..<b])
    }

    /// Three-way comparison by character codes (negative, zero or positive), the order of
    /// `string<?` and its kin; `folded` compares case-folded characters (`string-ci<?`).
    /// Two ASCII strings are compared in place, without copying their characters out.
    func compare(to other: MString, folded: Bool) -> Int {
        guard isASCII && other.isASCII else {
            var x = chars, y = other.chars
            if folded { x = x.map(Interpreter.foldChar); y = y.map(Interpreter.foldChar) }
            return Interpreter.compareScalars(x, y)
        }
        let n = min(asciiCount, other.asciiCount)
        if n > 0, let a = ascii, let b = other.ascii {
            for i in 0..<n {
                var x = a[i], y = b[i]
                if folded {
                    if x &- 65 < 26 { x |= 0x20 }  // A-Z to a-z: the folding of ASCII
                    if y &- 65 < 26 { y |= 0x20 }
                }
                if x != y { return x < y ? -1 : 1 }
            }
        }
        return asciiCount < other.asciiCount ? -1 : (asciiCount == other.asciiCount ? 0 : 1)
    }

    static func concatenate(_ parts: [MString]) -> MString {
        if parts.allSatisfy({ $0.isASCII }) {
            return MString(asciiCount: parts.reduce(0) { $0 + $1.asciiCount }) { out in
                var at = 0
                for p in parts { at += p.copyASCII(into: out, at: at) }
            }
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { out.append(contentsOf: p.chars) }
        return MString(out)
    }

    /// Copies the bytes of an ASCII string into `out` from position `at`, which must have room
    /// for them; answers how many (0 for any other string).
    func copyASCII(into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        guard isASCII, let from = ascii, let to = out.baseAddress else { return 0 }
        ByteMemory.copy(to: to + at, from: from, count: asciiCount)
        return asciiCount
    }

    /// Copies `from[a..<b]` to position `at` (regions may overlap).
    func copy(from: MString, _ a: Int, _ b: Int, at: Int) {
        if isASCII && from.isASCII {
            guard b > a, let source = from.ascii, let target = ascii else { return }
            UnsafeMutableRawPointer(target + at).copyMemory(from: UnsafeRawPointer(source + a), byteCount: b - a)
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
        if isASCII && other.isASCII { return bytes.elementsEqual(other.bytes) }
        return chars == other.chars
    }

    /// A new string with the same characters.
    func copy() -> MString { isASCII ? MString(ascii: UnsafeBufferPointer(bytes)) : MString(wide) }

    /// Hashes the characters (the same for equal strings however they are stored).
    func hashCharacters(into h: inout Hasher) {
        h.combine(count)
        if isASCII {
            h.combine(bytes: UnsafeRawBufferPointer(bytes))
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
        return try body(UnsafeBufferPointer(bytes))
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
