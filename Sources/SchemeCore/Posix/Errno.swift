import Glibc

/// An error number from a failed system call, as swift-system's `Errno`: typed, so a call
/// site can match the few it handles (`.wouldBlock`, `.interrupted`) and report the rest.
public struct Errno: Error, Hashable, CustomStringConvertible {
    /// The C `errno` value.
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno` now.
    public static var current: Errno { Errno(errno) }

    /// `strerror`, as CHICKEN appends it to messages ("Connection refused").
    public var text: String { String(cString: strerror(rawValue)) }

    public var description: String { text }

    /// EINTR: a signal interrupted the call (`Posix.retrying` repeats it).
    public static let interrupted = Errno(EINTR)
    /// EAGAIN/EWOULDBLOCK: a non-blocking call would have to wait.
    public static let wouldBlock = Errno(EAGAIN)
    /// EBADF: not an open file descriptor.
    public static let badFileDescriptor = Errno(EBADF)
    /// EINPROGRESS: a non-blocking connect goes on in the background.
    public static let inProgress = Errno(EINPROGRESS)
    /// EMFILE: the process has no file descriptor left.
    public static let tooManyOpenFiles = Errno(EMFILE)
    /// ENFILE: the system has no file left.
    public static let fileTableOverflow = Errno(ENFILE)
    /// ECONNABORTED: a pending connection went away before `accept` took it.
    public static let connectionAborted = Errno(ECONNABORTED)
    /// ECHILD: no such child to wait for (never ours, or reaped already).
    public static let noChild = Errno(ECHILD)
}

/// The one place where system calls are retried and their failures typed. Every syscall of
/// the interpreter and its units goes through `Posix.call` or `Posix.nonblocking`.
public enum Posix {
    /// Performs `body` (a system call returning -1 and setting `errno` on failure),
    /// repeating it while a signal interrupts it; throws the `Errno` of any other failure.
    @inline(__always)
    public static func call<T: BinaryInteger>(_ body: () -> T) throws -> T {
        while true {
            let r = body()
            if r != -1 { return r }
            let e = errno
            if e != EINTR { throw Errno(e) }
        }
    }

    /// Like `call`, for a call on a non-blocking fd: nil when it would block (EAGAIN).
    @inline(__always)
    public static func nonblocking<T: BinaryInteger>(_ body: () -> T) throws -> T? {
        while true {
            let r = body()
            if r != -1 { return r }
            let e = errno
            if e == EAGAIN || e == EWOULDBLOCK { return nil }
            if e != EINTR { throw Errno(e) }
        }
    }
}
