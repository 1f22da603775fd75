/// Copying the bytes of large strings.
///
/// glibc's `memcpy` moves blocks above a few KiB with `rep movsb`, which this project's
/// machines (AMD EPYC) run about ten times slower when the destination lies 1 to 15 bytes
/// past the source modulo 4096: exactly what appending a string after a short prefix does
/// when both live in page-aligned allocations (`bench/lang`'s `string` took 0.72 s instead
/// of 0.15 s). A loop of 16-byte vector moves has no such case.
enum ByteCopy {
    /// Below this, `memcpy` copies with vector moves itself.
    static let vectorThreshold = 2048

    /// Copies `count` bytes from `source` to `target`; the regions must not overlap.
    static func copy(to target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
        if count < vectorThreshold {
            target.copyMemory(from: source, byteCount: count)
            return
        }
        var i = 0
        while i + 64 <= count {
            let a = source.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let b = source.loadUnaligned(fromByteOffset: i + 16, as: SIMD16<UInt8>.self)
            let c = source.loadUnaligned(fromByteOffset: i + 32, as: SIMD16<UInt8>.self)
            let d = source.loadUnaligned(fromByteOffset: i + 48, as: SIMD16<UInt8>.self)
            target.storeBytes(of: a, toByteOffset: i, as: SIMD16<UInt8>.self)
            target.storeBytes(of: b, toByteOffset: i + 16, as: SIMD16<UInt8>.self)
            target.storeBytes(of: c, toByteOffset: i + 32, as: SIMD16<UInt8>.self)
            target.storeBytes(of: d, toByteOffset: i + 48, as: SIMD16<UInt8>.self)
            i += 64
        }
        (target + i).copyMemory(from: source + i, byteCount: count - i)
    }
}
