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
    /// What each fd (by number) is registered for: output readiness too, or input only;
    /// nil when not registered.
    @exclusivity(unchecked) private var registered: [Bool?] = []
    /// The report of the last `wait`: the ready fds and their event bits.
    private let fds = UnsafeMutablePointer<Int32>.allocate(capacity: Selector.capacity)
    private let events = UnsafeMutablePointer<UInt32>.allocate(capacity: Selector.capacity)
    private static let capacity = 256

    init() {
        epfd = csystem_epoll_create()
    }

    deinit {
        if epfd >= 0 { try? FileDescriptor(rawValue: epfd).close() }
        fds.deallocate()
        events.deallocate()
    }

    private func registration(_ fd: Int32) -> Bool? {
        fd >= 0 && Int(fd) < registered.count ? registered[Int(fd)] : nil
    }

    private func setRegistration(_ fd: Int32, _ output: Bool?) {
        let i = Int(fd)
        if i >= registered.count {
            if output == nil { return }
            registered.append(contentsOf: repeatElement(nil, count: i + 1 - registered.count))
        }
        registered[i] = output
    }

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
        let current = registration(fd)
        if let withOutput = current, withOutput || !writing { return true }
        let output = writing || current == true
        guard csystem_epoll_watch(epfd, fd, output ? 1 : 0) == 0 else { return false }
        setRegistration(fd, output)
        return true
    }

    /// In a forked child: the epoll instance is shared with the parent, so registering or
    /// forgetting an fd would change the parent's. The child takes a new instance with the
    /// same fds.
    func reopenAfterFork() {
        try? FileDescriptor(rawValue: epfd).close()
        epfd = csystem_epoll_create()
        let watched = registered
        registered = []
        for (fd, output) in watched.enumerated() {
            if let output { _ = watch(Int32(fd), writing: output) }
        }
    }

    /// Called before an fd is closed: its number may be reused by a new file.
    func forget(_ fd: Int32) {
        if registration(fd) != nil {
            setRegistration(fd, nil)
            csystem_epoll_forget(epfd, fd)
        }
    }

    /// Waits up to `timeout` seconds (nil: forever) and returns how many fds are ready;
    /// `event(i)` reports each, until the next wait.
    func wait(timeout: Double?) -> Int {
        var ms: Int32 = -1
        if let timeout { ms = Int32(max(0, min(Double(Int32.max), (timeout * 1000).rounded(.up)))) }
        return max(0, Int(csystem_epoll_wait(epfd, fds, events, Int32(Selector.capacity), ms)))
    }

    /// The `i`th report of the last `wait` (`i` below what it returned).
    func event(_ i: Int) -> Event {
        Event(fd: fds[i], events: Events(rawValue: events[i]))
    }
}
