import Glibc
import SchemeCore

/// Host name resolution that never stalls the other green threads: numeric addresses and
/// `localhost` are answered at once; other names are looked up with `getaddrinfo` on a
/// short-lived OS thread while the calling green thread waits on a pipe.
final class Lookup {
    let host: String
    let port: Int
    /// Filled by the lookup thread before it writes to the pipe.
    private(set) var addresses: [SocketAddress] = []
    private var pipeFDs: [Int32] = [-1, -1]
    private var started = false

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    deinit {
        // Only if the waiting thread went away before the answer came.
        for fd in pipeFDs where fd >= 0 { close(fd) }
    }

    /// Addresses known without a lookup; nil if a lookup is needed.
    static func immediate(_ host: String, port: Int) -> [SocketAddress]? {
        if let a = SocketAddress.numeric(host, port: port) { return [a] }
        if host == "localhost" {
            return [SocketAddress.numeric("127.0.0.1", port: port), SocketAddress.numeric("::1", port: port)].compactMap { $0 }
        }
        return nil
    }

    /// The addresses, IPv4 first; throws `SchemeError.wouldBlock` while the lookup runs, so
    /// call it again when the thread resumes.
    func result(_ interp: Interpreter) throws -> [SocketAddress] {
        if !started {
            started = true
            guard pipe(&pipeFDs) == 0 else { return Lookup.blockingLookup(host, port: port) }
            let context = Unmanaged.passRetained(self).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { raw in
                guard let raw else { return nil }
                let lookup = Unmanaged<Lookup>.fromOpaque(raw).takeRetainedValue()
                lookup.addresses = Lookup.blockingLookup(lookup.host, port: lookup.port)
                var one: UInt8 = 1
                _ = write(lookup.pipeFDs[1], &one, 1)
                return nil
            }, context)
            if rc != 0 {
                Unmanaged<Lookup>.fromOpaque(context).release()
                return Lookup.blockingLookup(host, port: port)
            }
            pthread_detach(tid)
        }
        var p = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
        if poll(&p, 1, 0) <= 0 { throw SchemeError.wouldBlock(.readable(fd: pipeFDs[0], deadline: nil)) }
        // The lookup thread is done with the pipe.
        interp.willClose(fileDescriptor: pipeFDs[0])
        for fd in pipeFDs { close(fd) }
        pipeFDs = [-1, -1]
        return addresses
    }

    /// `getaddrinfo` for TCP, IPv4 answers before IPv6 ones.
    static func blockingLookup(_ host: String, port: Int) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard !host.isEmpty, getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var v4: [SocketAddress] = [], v6: [SocketAddress] = []
        var node = list
        while let n = node {
            if let sa = n.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { dst in
                    dst.copyMemory(from: UnsafeRawBufferPointer(start: sa, count: Int(n.pointee.ai_addrlen)))
                }
                if var a = SocketAddress(storage: storage) {
                    switch a {
                    case .v4(var s): s.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian; a = .v4(s); v4.append(a)
                    case .v6(var s): s.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian; a = .v6(s); v6.append(a)
                    }
                }
            }
            node = n.pointee.ai_next
        }
        var out: [SocketAddress] = []
        for a in v4 + v6 where !out.contains(where: { $0.host == a.host }) { out.append(a) }
        return out
    }
}
