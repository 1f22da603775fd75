/// Scans of UTF-8 bytes, several at a time: how ports and strings find the end of a run of
/// ASCII, the end of a line, and the newlines and characters they consumed. Network input
/// and files are mostly long runs of ASCII, so a word (or four) per step pays.
enum ByteScan {
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that equals `byte`, and no other bit.
    @inline(__always) static func matchingBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (lowBits &* UInt64(byte))
        // A byte's high bit survives only if the byte is zero: no carry into it from its
        // low seven bits, and its own high bit clear.
        let t = ((v & ~highBits) &+ ~highBits) | v
        return ~t & highBits
    }

    /// The length of the run of ASCII bytes at `p`, 32 bytes per step.
    static func asciiPrefixLength(_ p: UnsafeRawPointer, count: Int) -> Int {
        var i = 0
        while i + 32 <= count {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                | p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if w & highBits != 0 { break }
            i += 32
        }
        while i + 8 <= count {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits != 0 { break }
            i += 8
        }
        while i < count && p.load(fromByteOffset: i, as: UInt8.self) < 0x80 { i += 1 }
        return i
    }

    /// The end of the run of ASCII bytes other than CR and LF in `raw[from..<end]`: what a
    /// line reader counts without decoding.
    static func plainASCIIRunEnd(_ raw: UnsafeRawBufferPointer, from: Int, to end: Int) -> Int {
        var j = from
        // Sixteen bytes per step in vector registers: a 64-byte line took 250 instructions
        // a word at a time, and a line server scans every line it reads.
        let lf = SIMD16<UInt8>(repeating: 10), cr = SIMD16<UInt8>(repeating: 13), high = SIMD16<UInt8>(repeating: 0x80)
        while j + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: j, as: SIMD16<UInt8>.self)
            let hits = SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: (v .== lf) .| (v .== cr) .| (v .>= high))
            // Tested as two words: `any(_:)` compiles to a byte-wise reduction.
            let words = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
            // Little-endian: the lowest set byte is the first hit.
            if words[0] != 0 { return j + words[0].trailingZeroBitCount / 8 }
            if words[1] != 0 { return j + 8 + words[1].trailingZeroBitCount / 8 }
            j += 16
        }
        while j + 8 <= end {
            let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            if (w & highBits) | matchingBytes(w, 10) | matchingBytes(w, 13) != 0 { break }
            j += 8
        }
        while j < end {
            let c = raw[j]
            if c == 10 || c == 13 || c >= 0x80 { break }
            j += 1
        }
        return j
    }

    /// The offset of the last newline in `raw[..<end]`, looked for eight bytes at a time.
    static func lastNewline(_ raw: UnsafeRawBufferPointer, before end: Int) -> Int? {
        var i = end
        while i >= 8 {
            let m = matchingBytes(raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self), 10)
            // Little-endian: the highest matching byte is the last newline of the eight.
            if m != 0 { return i - 8 + (63 - m.leadingZeroBitCount) / 8 }
            i -= 8
        }
        while i > 0 {
            i -= 1
            if raw[i] == 10 { return i }
        }
        return nil
    }

    /// The characters in `raw[from..<to]`: the bytes that do not continue a UTF-8
    /// sequence, counted eight at a time.
    static func characterCount(_ raw: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
        var count = 0, i = from
        while i + 8 <= to {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A continuation byte is 10xxxxxx: its top bit set and the next bit clear.
            let continuation = w & ~(w << 1) & highBits
            count += 8 - Int(((continuation >> 7) &* lowBits) >> 56)
            i += 8
        }
        while i < to {
            if raw[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }
}
