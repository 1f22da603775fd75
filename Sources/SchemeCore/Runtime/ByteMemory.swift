import CSystem
import Glibc

/// The memory of an ASCII string's bytes: allocated, copied and freed here.
///
/// It comes from `malloc` itself: Swift's `allocate` asks its runtime for "default
/// alignment", which this runtime passes on to `posix_memalign` (twice `malloc`'s cost, and a
/// server allocates a string per line).
///
/// glibc's `memcpy` moves blocks above a few KiB with `rep movsb`, which this project's
/// machines (AMD EPYC) run about ten times slower when the destination lies 1 to 15 bytes
/// past the source modulo 4096: exactly what appending a string after a short prefix does
/// when both live in page-aligned allocations (`bench/lang`'s `string` took 0.72 s instead
/// of 0.15 s). A loop of 16-byte vector moves has no such case.
///
/// Blocks for 33 to 128 bytes (a line of text) come from per-thread pools of 64- and
/// 128-byte blocks (CSystem.h) and go back to them: a line server allocated and freed one per
/// request, and glibc's free took its slow path for most (its per-thread cache keeps 7).
enum ByteMemory {
    /// The pool of blocks for `count` bytes: 0 (64 bytes), 1 (128 bytes) or nil (none).
    @inline(__always) private static func poolClass(_ count: Int) -> Int32? {
        count > 128 || count <= 32 ? nil : (count > 64 ? 1 : 0)
    }

    /// Memory for `count` bytes (at least one); `deallocate` must be told the same count.
    static func allocate(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        var size = max(count, 1)
        if let c = poolClass(count) {
            if let block = csystem_bytes_pop(c) { return block.assumingMemoryBound(to: UInt8.self) }
            size = c == 0 ? 64 : 128  // whole blocks, so that any of the class can be reused
        }
        // Out of memory: Swift's allocator (malloc underneath, so `free` fits) reports it and
        // stops, as it does for any object.
        guard let raw = malloc(size) else { return UnsafeMutablePointer<UInt8>.allocate(capacity: size) }
        return raw.bindMemory(to: UInt8.self, capacity: size)
    }

    /// Frees memory that `allocate(count)` gave.
    static func deallocate(_ memory: UnsafeMutablePointer<UInt8>, count: Int) {
        if let c = poolClass(count), csystem_bytes_push(c, memory) != 0 { return }
        free(memory)
    }

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
