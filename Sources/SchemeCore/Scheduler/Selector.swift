import CSystem
import Glibc

/// The readiness source of the scheduler: one epoll instance. Fds are registered
/// edge-triggered for input and output; a thread only parks after its syscall said
/// `EAGAIN`, so an edge always follows. Each park re-arms the registration (one
/// `epoll_ctl`), so a stale registration of a closed fd whose number was reused can never
/// swallow a wake-up. The cost of a wait does not depend on how many fds are registered.
final class Selector {
    private let epfd: Int32
    private var fds = [Int32](repeating: 0, count: 256)
    private var events = [UInt32](repeating: 0, count: 256)

    init() {
        epfd = csystem_epoll_create()
    }

    deinit { if epfd >= 0 { close(epfd) } }

    /// One readiness report.
    struct Event {
        let fd: Int32
        let readable: Bool
        let writable: Bool
    }

    /// Starts watching `fd`; false when epoll cannot watch it (a regular file, which is
    /// always ready).
    func watch(_ fd: Int32) -> Bool {
        csystem_epoll_watch(epfd, fd) == 0
    }

    /// Called before an fd is closed: its number may be reused by a new file.
    func forget(_ fd: Int32) {
        csystem_epoll_forget(epfd, fd)
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
        for i in 0..<Int(n) {
            let e = events[i]
            let error = e & 4 != 0
            out.append(Event(fd: fds[i], readable: e & 1 != 0 || error, writable: e & 2 != 0 || error))
        }
        return out
    }
}
