import Glibc
import SchemeCore

/// UDP sockets with the `udp`/`udp6` eggs' names. Receives park only the calling green
/// thread, until a datagram comes or `udp-recv-timeout` runs out ((exn i/o net timeout)).
final class UDPSocket: SchemeObject, CustomPrintable {
    let socket: FileDescriptor
    let family: Int32
    var bound = false
    var connected = false
    var closed = false

    init(_ socket: FileDescriptor, family: Int32) {
        self.socket = socket
        self.family = family
    }

    override var typeName: String { "udp-socket" }
    var printedForm: String { "#<udp-socket>" }
}

extension TCPUnit {
    func installUDP(_ s: Interpreter, recvTimeout: Value) {
        s.define("udp-recv-timeout", recvTimeout)
        let open: (Arguments) throws -> Value = { a in try self.udpOpen(a) }
        s.defineProcedure("udp-open-socket", arity: .range(0, 1), open)
        s.defineProcedure("udp-open-socket*", arity: .range(0, 1), open)
        s.defineProcedure("udp-socket?", arity: .exactly(1)) { a in
            if case .object(is UDPSocket) = a[0] { return .true }
            return .false
        }
        s.defineProcedure("udp-bound?", arity: .exactly(1)) { a in .bool(try self.udpSocket(a[0], "udp-bound?", open: false).bound) }
        s.defineProcedure("udp-connected?", arity: .exactly(1)) { a in .bool(try self.udpSocket(a[0], "udp-connected?", open: false).connected) }
        s.defineProcedure("udp-bind!", arity: .exactly(3)) { a in try self.udpBind(a) }
        s.defineProcedure("udp-connect!", arity: .exactly(3)) { a in try self.udpConnect(a) }
        s.defineProcedure("udp-send", arity: .exactly(2)) { a in try self.udpSend(a[0], nil, a[1], "udp-send") }
        s.defineProcedure("udp-sendto", arity: .exactly(4)) { a in
            let u = try self.udpSocket(a[0], "udp-sendto")
            return try self.udpSend(a[0], try self.udpAddress(u, a[1], a[2], "udp-sendto"), a[3], "udp-sendto")
        }
        s.defineProcedure("udp-recv", arity: .exactly(2)) { a in try self.udpReceive(a, withSender: false, recvTimeout) }
        s.defineProcedure("udp-recvfrom", arity: .exactly(2)) { a in try self.udpReceive(a, withSender: true, recvTimeout) }
        s.defineProcedure("udp-bound-port", arity: .exactly(1)) { a in
            let u = try self.udpSocket(a[0], "udp-bound-port")
            switch SocketAddress.of(u.socket.rawValue, peer: false) {
            case .success(let address): return .fixnum(address.port)
            case .failure(let e): throw self.netError("cannot obtain bound port - \(e.text)", [a[0]], "udp-bound-port")
            }
        }
        s.defineProcedure("udp-close-socket", arity: .exactly(1)) { a in
            let u = try self.udpSocket(a[0], "udp-close-socket", open: false)
            guard !u.closed else { return .false }
            u.closed = true
            self.interpreter?.willClose(fileDescriptor: u.socket.rawValue)
            try? u.socket.close()
            return .true
        }
        // (udp-join-multicast-group socket interface-address group-address [join?]): IPv4.
        s.defineProcedure("udp-join-multicast-group", arity: .range(3, 4)) { a in
            try self.udpMembership(a, join: a.count < 4 || !a[3].isFalse, "udp-join-multicast-group")
        }
        s.defineProcedure("udp-leave-multicast-group", arity: .exactly(3)) { a in
            try self.udpMembership(a, join: false, "udp-leave-multicast-group")
        }
    }

    private func udpSocket(_ v: Value, _ loc: String, open: Bool = true) throws -> UDPSocket {
        guard case .object(let u as UDPSocket) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a UDP socket", irritants: [v], location: loc)
        }
        if open && u.closed { throw netError("socket is closed", [v], loc) }
        return u
    }

    private func udpOpen(_ a: Arguments) throws -> Value {
        var family = AF_INET
        if a.count > 0, case .symbol = a[0] {
            switch a[0].displayed {
            case "inet": family = AF_INET
            case "inet6": family = AF_INET6
            default: throw SchemeError.exn(kinds: ["domain"], message: "unknown address family", irritants: [a[0]], location: "udp-open-socket")
            }
        }
        do {
            return .object(UDPSocket(try FileDescriptor.socket(family: family, type: Int32(SOCK_DGRAM.rawValue)), family: family))
        } catch let e as Errno {
            throw netError("cannot create socket - \(e.text)", [], "udp-open-socket")
        }
    }

    /// The address of `host` (a string, or #f: any address) and `port`, in the socket's family.
    private func udpAddress(_ u: UDPSocket, _ hostValue: Value, _ portValue: Value, _ loc: String) throws -> SocketAddress {
        guard case .fixnum(let port) = portValue, (0...65535).contains(port) else {
            throw SchemeError.exn(kinds: ["domain"], message: "invalid port number", irritants: [portValue], location: loc)
        }
        guard case .string(let h) = hostValue else {
            if u.family == AF_INET6, let any = SocketAddress.numeric("::", port: port) { return any }
            return SocketAddress.any(port: port)
        }
        let host = h.string
        try TCPUnit.checkCString(host)
        let found = (Lookup.immediate(host, port: port) ?? Lookup.blockingLookup(host, port: port)).filter { $0.family == u.family }
        guard let address = found.first else { throw netError("cannot resolve host", [hostValue, portValue], loc) }
        return address
    }

    private func udpBind(_ a: Arguments) throws -> Value {
        let u = try udpSocket(a[0], "udp-bind!")
        let address = try udpAddress(u, a[1], a[2], "udp-bind!")
        do { try address.withSockAddr { try u.socket.bind($0, $1) } } catch let e as Errno {
            throw netError("cannot bind socket - \(e.text)", [a[1], a[2]], "udp-bind!")
        }
        u.bound = true
        return .unspecified
    }

    private func udpConnect(_ a: Arguments) throws -> Value {
        let u = try udpSocket(a[0], "udp-connect!")
        let address = try udpAddress(u, a[1], a[2], "udp-connect!")
        do { _ = try address.withSockAddr { try u.socket.connect($0, $1) } } catch let e as Errno {
            throw netError("cannot connect socket - \(e.text)", [a[1], a[2]], "udp-connect!")
        }
        u.connected = true
        u.bound = true
        return .unspecified
    }

    /// One datagram (a string's UTF-8 bytes, as the eggs take); waits while the socket
    /// buffer is full.
    private func udpSend(_ v: Value, _ address: SocketAddress?, _ data: Value, _ loc: String) throws -> Value {
        let u = try udpSocket(v, loc)
        guard case .string(let text) = data else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a string", irritants: [data], location: loc)
        }
        let bytes = Array(text.string.utf8)
        func attempt(_ outcome: WaitOutcome?) throws -> Value {
            let sent: Int?
            do {
                sent = try bytes.withUnsafeBytes { buffer in
                    if let address { return try address.withSockAddr { try u.socket.send(buffer, to: $0, $1) } }
                    return try u.socket.send(buffer)
                }
            } catch let e as Errno {
                throw netError("cannot send datagram - \(e.text)", [v], loc)
            }
            if sent != nil {
                u.bound = true
                return .unspecified
            }
            throw SchemeError.wait(.writable(fd: u.socket.rawValue, deadline: nil), finishing: attempt)
        }
        return try attempt(nil)
    }

    /// `(udp-recv s len)` => count and data; `udp-recvfrom` adds the sender's host and port.
    private func udpReceive(_ a: Arguments, withSender: Bool, _ recvTimeout: Value) throws -> Value {
        let loc = withSender ? "udp-recvfrom" : "udp-recv"
        let u = try udpSocket(a[0], loc)
        guard case .fixnum(let size) = a[1], size >= 0, size <= 65536 else {
            throw SchemeError.exn(kinds: ["domain"], message: "invalid datagram size", irritants: [a[1]], location: loc)
        }
        let ms = parameter(recvTimeout)
        let deadline = TCPUnit.deadline(ms)
        func attempt(_ outcome: WaitOutcome?) throws -> Value {
            if u.closed || outcome == .closed { throw netError("socket is closed", [a[0]], loc) }
            var buffer = [UInt8](repeating: 0, count: max(size, 1))
            var sender = sockaddr_storage()
            let received: Int?
            do {
                received = try buffer.withUnsafeMutableBytes { try u.socket.receive(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<size]), from: &sender) }
            } catch let e as Errno {
                throw netError("cannot receive datagram - \(e.text)", [a[0]], loc)
            }
            if let n = received {
                let data = Value(String(decoding: buffer[..<min(n, size)], as: UTF8.self))
                guard withSender else { return .values([.fixnum(n), data]) }
                let from = SocketAddress(storage: sender)
                return .values([.fixnum(n), data, from.map { Value($0.host) } ?? .false, .fixnum(from?.port ?? 0)])
            }
            if outcome == .timedOut || deadline.map({ $0 <= monotonicSeconds() }) == true {
                throw timeoutError("receive operation timed out", [ms, a[0]], loc)
            }
            throw SchemeError.wait(.readable(fd: u.socket.rawValue, deadline: deadline), finishing: attempt)
        }
        return try attempt(nil)
    }

    private func udpMembership(_ a: Arguments, join: Bool, _ loc: String) throws -> Value {
        let u = try udpSocket(a[0], loc)
        func ipv4(_ v: Value) throws -> in_addr {
            var address = in_addr()
            if v.isFalse { return address }  // INADDR_ANY: the default interface
            guard case .string(let s) = v, inet_pton(AF_INET, s.string, &address) == 1 else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not an IPv4 address", irritants: [v], location: loc)
            }
            return address
        }
        do { try u.socket.multicastMembership(group: try ipv4(a[2]), interface: try ipv4(a[1]), join: join) } catch let e as Errno {
            throw netError("cannot \(join ? "join" : "leave") multicast group - \(e.text)", [a[2]], loc)
        }
        return .unspecified
    }
}
