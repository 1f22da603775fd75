import CSystem

/// Where a port's read lands before it is appended to the port's buffer: 64 KiB per OS
/// thread, so interpreters on different threads (one `SchemeActor` each) never share one,
/// and a process with thousands of open ports does not pay 64 KiB for each. The buffer is
/// C thread-local storage (`csystem_scratch`), freed when the thread exits.
public enum ScratchBuffer {
    /// The buffer's size in bytes.
    public static let size = Int(CSYSTEM_SCRATCH_SIZE)

    /// This thread's buffer.
    public static var current: UnsafeMutableRawPointer {
        if let p = csystem_scratch() { return p }
        // malloc refused 64 KiB: Swift's allocator, asked the same, reports it and stops,
        // as it does for any object. Should it succeed, that buffer serves this read only
        // and is not freed (the next read asks malloc again).
        return UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    }
}
