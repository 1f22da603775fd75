import CSystem
import Glibc

/// The readiness source of the scheduler: one epoll instance. Each fd is registered once,
/// edge-triggered for input and output; a thread only parks after its syscall said
/// `EAGAIN`, so an edge always follows. Whoever closes a watched fd calls `forget` first
/// (`Interpreter.willClose(fileDescriptor:)`; closing a port does it), since a reused fd
/// number must be registered afresh. The cost of a wait does not depend on how many fds
/// are registered.
final class Selector {
    private var epfd: Int32
    /// Registered fds, and whether output readiness is included.
    private var registered: [Int32: Bool] = [:]
    private var fds = [Int32](repeating: 0, count: 256)
    private var events = [UInt32](repeating: 0, count: 256)

    init() {
        epfd = csystem_epoll_create()
    }

    deinit { if epfd >= 0 { try? FileDescriptor(rawValue: epfd).close() } }

    /// The epoll event bits, as `csystem_epoll_wait` reports them.
    struct Events: OptionSet {
        let rawValue: UInt32
        static let readable = Events(rawValue: 1)
        static let writable = Events(rawValue: 2)
        /// An error or hang-up: whoever waits, in either direction, should try now.
        static let failed = Events(rawValue: 4)
        /// The peer will send nothing more (EPOLLRDHUP).
        static let peerClosed = Events(rawValue: 8)
    }

    /// One readiness report.
    struct Event {
        let fd: Int32
        let events: Events
        var readable: Bool { !events.isDisjoint(with: [.readable, .failed]) }
        var writable: Bool { !events.isDisjoint(with: [.writable, .failed]) }
        /// The peer has shut down its side (or the fd failed): readable from now on.
        var hungUp: Bool { events.contains(.peerClosed) }
    }

    /// Starts watching `fd`; false when epoll cannot watch it (a regular file, which is
    /// always ready).
    func watch(_ fd: Int32, writing: Bool = false) -> Bool {
        if let withOutput = registered[fd], withOutput || !writing { return true }
        let output = writing || registered[fd] == true
        guard csystem_epoll_watch(epfd, fd, output ? 1 : 0) == 0 else { return false }
        registered[fd] = output
        return true
    }

    /// In a forked child: the epoll instance is shared with the parent, so registering or
    /// forgetting an fd would change the parent's. The child takes a new instance with the
    /// same fds.
    func reopenAfterFork() {
        try? FileDescriptor(rawValue: epfd).close()
        epfd = csystem_epoll_create()
        let watched = registered
        registered = [:]
        for (fd, output) in watched { _ = watch(fd, writing: output) }
    }

    /// Called before an fd is closed: its number may be reused by a new file.
    func forget(_ fd: Int32) {
        if registered.removeValue(forKey: fd) != nil { csystem_epoll_forget(epfd, fd) }
    }

    /// Waits up to `timeout` seconds (nil: forever) and returns the ready fds.
    func wait(timeout: Double?) -> [Event] {
        var ms: Int32 = -1
        if let timeout { ms = Int32(max(0, min(Double(Int32.max), (timeout * 1000).rounded(.up)))) }
        let n = fds.withUnsafeMutableBufferPointer { f in
            events.withUnsafeMutableBufferPointer { e in
                csystem_epoll_wait(epfd, f.baseAddress, e.baseAddress, Int32(f.count), ms)
            }
        }
        guard n > 0 else { return [] }
        var out: [Event] = []
        out.reserveCapacity(Int(n))
        for i in 0..<Int(n) { out.append(Event(fd: fds[i], events: Events(rawValue: events[i]))) }
        return out
    }
}
