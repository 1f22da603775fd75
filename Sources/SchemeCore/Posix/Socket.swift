import CSystem
import Glibc

/// Socket calls on a `FileDescriptor`. Sockets are always made non-blocking and closed on
/// exec; a call that would wait returns nil (or false) and the caller parks its thread.
extension FileDescriptor {
    /// Which direction `shutdown` ends.
    public enum ShutdownDirection {
        case reading, writing
        var raw: Int32 { self == .reading ? Int32(SHUT_RD) : Int32(SHUT_WR) }
    }

    /// A new non-blocking stream socket of `family` (`AF_INET`, `AF_INET6`).
    public static func socket(family: Int32, type: Int32 = Int32(SOCK_STREAM.rawValue)) throws -> FileDescriptor {
        let flags = Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        return FileDescriptor(rawValue: try Posix.call { Glibc.socket(family, type | flags, 0) })
    }

    /// Sets an integer socket option.
    public func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws {
        var v = value
        _ = try Posix.call { setsockopt(rawValue, level, name, &v, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// The pending error of a socket (`SO_ERROR`), nil if none: how a background connect
    /// reports its result.
    public func pendingError() throws -> Errno? {
        var e: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        _ = try Posix.call { getsockopt(rawValue, SOL_SOCKET, SO_ERROR, &e, &len) }
        return e == 0 ? nil : Errno(e)
    }

    /// `bind` to an address given as a raw `sockaddr`.
    public func bind(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws {
        _ = try Posix.call { Glibc.bind(rawValue, address, length) }
    }

    /// `listen` with `backlog`.
    public func listen(backlog: Int32) throws {
        _ = try Posix.call { Glibc.listen(rawValue, backlog) }
    }

    /// Starts connecting; true when connected at once, false when it goes on in the
    /// background (wait until writable, then read `pendingError`).
    public func connect(_ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws -> Bool {
        do {
            _ = try Posix.call { Glibc.connect(rawValue, address, length) }
            return true
        } catch let e as Errno where e == .inProgress {
            return false
        }
    }

    /// Takes a pending connection (non-blocking, close-on-exec); nil if none is pending.
    /// A connection that was aborted before it was taken is skipped.
    public func accept() throws -> FileDescriptor? {
        while true {
            do {
                guard let fd = try Posix.nonblocking({ csystem_accept(rawValue) }) else { return nil }
                return FileDescriptor(rawValue: fd)
            } catch let e as Errno where e == .connectionAborted {
                continue
            }
        }
    }

    /// `recv` into `buffer`: the count (0 at end of stream), or nil if it would block.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        try Posix.nonblocking { recv(rawValue, buffer.baseAddress, buffer.count, 0) }
    }

    /// `send` of `bytes` without SIGPIPE: the count sent, or nil if it would block.
    public func send(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        try Posix.nonblocking { Glibc.send(rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Ends one direction of a connection; errors (a peer already gone) are ignored, as
    /// CHICKEN ignores them.
    public func shutdown(_ direction: ShutdownDirection) {
        _ = Glibc.shutdown(rawValue, direction.raw)
    }
}

extension FileDescriptor {
    /// Two connected non-blocking Unix-domain stream sockets (`socketpair`).
    public static func socketPair() throws -> (FileDescriptor, FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        _ = try Posix.call { socketpair(AF_UNIX, type, 0, &fds) }
        return (FileDescriptor(rawValue: fds[0]), FileDescriptor(rawValue: fds[1]))
    }

    /// Calls `body` with the `sockaddr_un` of `path`; a path that starts with a NUL byte
    /// names a socket in Linux's abstract namespace (no file). ENAMETOOLONG for a path
    /// longer than the 107 bytes `sun_path` holds.
    public static func withUnixAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) throws -> T {
        let bytes = Array(path.utf8)
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else { throw Errno(ENAMETOOLONG) }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        // An abstract name is exactly its bytes; a path also counts its terminating NUL.
        let length = MemoryLayout<sa_family_t>.size + bytes.count + (bytes[0] == 0 ? 0 : 1)
        return try withUnsafePointer(to: &address) { p in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(length)) }
        }
    }
}

extension FileDescriptor {
    /// `sendto` one datagram to `address`; the count sent, or nil if it would block.
    public func send(_ bytes: UnsafeRawBufferPointer, to address: UnsafePointer<sockaddr>, _ length: socklen_t) throws -> Int? {
        try Posix.nonblocking { sendto(rawValue, bytes.baseAddress, bytes.count, 0, address, length) }
    }

    /// `recvfrom` one datagram into `buffer` (the rest of a longer one is dropped): its
    /// length and sender, or nil if none is waiting.
    public func receive(into buffer: UnsafeMutableRawBufferPointer, from sender: inout sockaddr_storage) throws -> Int? {
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return try withUnsafeMutablePointer(to: &sender) { p in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                try Posix.nonblocking { recvfrom(rawValue, buffer.baseAddress, buffer.count, 0, address, &length) }
            }
        }
    }

    /// Joins (or leaves) an IPv4 multicast group on the interface with address `interface`.
    public func multicastMembership(group: in_addr, interface: in_addr, join: Bool) throws {
        var request = ip_mreq(imr_multiaddr: group, imr_interface: interface)
        _ = try Posix.call {
            setsockopt(rawValue, Int32(IPPROTO_IP), join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request,
                       socklen_t(MemoryLayout<ip_mreq>.size))
        }
    }
}
