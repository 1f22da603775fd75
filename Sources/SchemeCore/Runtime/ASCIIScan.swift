/// The length of the run of ASCII bytes at the start of a buffer: how ports and strings
/// find out that text needs no decoding. Looks at 32 bytes per step, since network input
/// and files are mostly long runs of ASCII.
enum ASCIIScan {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    static func prefixLength(_ p: UnsafeRawPointer, count: Int) -> Int {
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
}
