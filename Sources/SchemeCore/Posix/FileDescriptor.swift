import CSystem
import Glibc

/// An open file descriptor (swift-system's `FileDescriptor`): the typed face of the
/// syscalls the runtime makes on files, pipes, terminals and sockets. Failures throw
/// `Errno`; a non-blocking call that would wait returns nil instead.
public struct FileDescriptor: Hashable {
    /// The descriptor number.
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `open(path, flags | O_CLOEXEC, 0666)`.
    public static func open(_ path: String, _ flags: Int32) throws -> FileDescriptor {
        FileDescriptor(rawValue: try Posix.call { Glibc.open(path, flags | O_CLOEXEC, 0o666) })
    }

    /// A pipe whose two ends are closed on exec.
    public static func pipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        _ = try Posix.call { csystem_pipe_cloexec(&fds) }
        return (FileDescriptor(rawValue: fds[0]), FileDescriptor(rawValue: fds[1]))
    }

    /// Reads into `buffer`; the count (0 at end of file), or nil if it would block.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        try Posix.nonblocking { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes from `bytes`; the count written, or nil if it would block.
    public func write(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        try Posix.nonblocking { Glibc.write(rawValue, bytes.baseAddress, bytes.count) }
    }

    /// Sets O_NONBLOCK (on a pipe end only this process holds: a shared one would change
    /// for the other holders too).
    public func setNonBlocking() throws {
        let flags = try Posix.call { fcntl(rawValue, F_GETFL) }
        _ = try Posix.call { fcntl(rawValue, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Closes the descriptor. (Tell the scheduler first: `Interpreter.willClose`.) EINTR is
    /// not retried: on Linux the descriptor is gone either way.
    public func close() throws {
        if Glibc.close(rawValue) != 0 && errno != EINTR { throw Errno.current }
    }

    /// Which of `events` the descriptor reports now (no waiting); `.invalid` if it is not
    /// open.
    public func poll(_ events: PollEvents, timeoutMilliseconds: Int32 = 0) throws -> PollEvents {
        var p = pollfd(fd: rawValue, events: events.rawValue, revents: 0)
        let n = try Posix.call { Glibc.poll(&p, 1, timeoutMilliseconds) }
        return n == 0 ? [] : PollEvents(rawValue: p.revents)
    }

    /// Whether the descriptor is a regular file (never worth waiting for).
    public var isRegularFile: Bool {
        var st = stat()
        return fstat(rawValue, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}

/// The `poll(2)` event bits.
public struct PollEvents: OptionSet, Sendable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    public static let input = PollEvents(rawValue: Int16(POLLIN))
    public static let output = PollEvents(rawValue: Int16(POLLOUT))
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    public static let hangUp = PollEvents(rawValue: Int16(POLLHUP))
    /// The descriptor is not open.
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))
}
