import Glibc

/// Where a port's read lands before it is appended to the port's buffer: 64 KiB per OS
/// thread, so interpreters on different threads (one `SchemeActor` each) never share one,
/// and a process with thousands of open ports does not pay 64 KiB for each.
public enum ScratchBuffer {
    /// The buffer's size in bytes.
    public static let size = 65536

    /// This thread's buffer.
    public static var current: UnsafeMutableRawPointer {
        if let p = pthread_getspecific(key) { return p }
        let p = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        pthread_setspecific(key, p)
        return p
    }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { $0?.deallocate() }
        return k
    }()
}
