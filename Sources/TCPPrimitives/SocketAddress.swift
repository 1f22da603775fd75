import Glibc
import SchemeCore

/// An IPv4 or IPv6 socket address (swift-system style: a small value type over sockaddr).
enum SocketAddress {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)

    var family: Int32 {
        switch self {
        case .v4: return AF_INET
        case .v6: return AF_INET6
        }
    }

    /// Parses a numeric IPv4 or IPv6 address (no brackets); nil for anything else.
    static func numeric(_ host: String, port: Int) -> SocketAddress? {
        var a4 = in_addr()
        if inet_pton(AF_INET, host, &a4) == 1 {
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            sa.sin_addr = a4
            return .v4(sa)
        }
        var a6 = in6_addr()
        if inet_pton(AF_INET6, host, &a6) == 1 {
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
            sa.sin6_addr = a6
            return .v6(sa)
        }
        return nil
    }

    /// IPv4 `INADDR_ANY`.
    static func any(port: Int) -> SocketAddress {
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        sa.sin_addr.s_addr = 0
        return .v4(sa)
    }

    /// Reads an address the kernel filled in.
    init?(storage: sockaddr_storage) {
        var s = storage
        switch Int32(s.ss_family) {
        case AF_INET:
            self = .v4(withUnsafePointer(to: &s) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee } })
        case AF_INET6:
            self = .v6(withUnsafePointer(to: &s) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee } })
        default:
            return nil
        }
    }

    func withSockAddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) rethrows -> T {
        switch self {
        case .v4(var sa):
            return try withUnsafePointer(to: &sa) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var sa):
            return try withUnsafePointer(to: &sa) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    var port: Int {
        switch self {
        case .v4(let sa): return Int(UInt16(bigEndian: sa.sin_port))
        case .v6(let sa): return Int(UInt16(bigEndian: sa.sin6_port))
        }
    }

    /// The address as text: dotted quad or IPv6 notation.
    var host: String {
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch self {
        case .v4(var sa): inet_ntop(AF_INET, &sa.sin_addr, &buf, socklen_t(buf.count))
        case .v6(var sa): inet_ntop(AF_INET6, &sa.sin6_addr, &buf, socklen_t(buf.count))
        }
        return String(cString: buf)
    }

    /// `getsockname` / `getpeername` of `fd`; the errno on failure.
    static func of(_ fd: Int32, peer: Bool) -> Result<SocketAddress, Errno> {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? getpeername(fd, $0, &len) : getsockname(fd, $0, &len)
            }
        }
        guard rc == 0 else { return .failure(Errno.current) }
        guard let a = SocketAddress(storage: storage) else { return .failure(Errno(EAFNOSUPPORT)) }
        return .success(a)
    }
}
