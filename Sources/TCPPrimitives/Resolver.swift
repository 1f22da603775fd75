import Glibc
import SchemeCore

/// Host name resolution that never stalls the other green threads: numeric addresses and
/// `localhost` are answered at once; other names are looked up with `getaddrinfo` on a
/// short-lived OS thread while the calling green thread waits on a pipe.
final class Lookup {
    let host: String
    let port: Int
    /// What the lookup thread shares with the green thread: the answer, and the pipe's
    /// write end, which the lookup thread writes one byte to and closes when done.
    private final class Answer {
        var addresses: [SocketAddress] = []
        var writeEnd = FileDescriptor(rawValue: -1)
    }
    private let answer = Answer()
    /// The pipe's read end: only the green thread's side touches it, so it is closed
    /// (and the scheduler told) here, even if the waiting thread went away.
    private var readEnd: FileDescriptor?
    private let link: InterpreterReference
    private var started = false

    /// How the lookup thread resolves a name: `blockingLookup`, or a stand-in a test installs
    /// (a lookup that hangs, to show the connect timeout covers it). Set it before lookups run.
    nonisolated(unsafe) static var resolve: (String, Int) -> [SocketAddress] = blockingLookup

    init(host: String, port: Int, _ interp: Interpreter) {
        self.host = host
        self.port = port
        link = interp.reference
    }

    deinit { closeReadEnd() }

    private func closeReadEnd() {
        guard let fd = readEnd else { return }
        link.interpreter?.willClose(fileDescriptor: fd.rawValue)
        try? fd.close()
        readEnd = nil
    }

    /// Addresses known without a lookup; nil if a lookup is needed.
    static func immediate(_ host: String, port: Int) -> [SocketAddress]? {
        if let a = SocketAddress.numeric(host, port: port) { return [a] }
        if host == "localhost" {
            return [SocketAddress.numeric("127.0.0.1", port: port), SocketAddress.numeric("::1", port: port)].compactMap { $0 }
        }
        return nil
    }

    /// The addresses, IPv4 first. While the lookup runs it throws a wait on the pipe
    /// (until `deadline`): call it again when the wait ends in time.
    func result(deadline: Double?) throws -> [SocketAddress] {
        if !started {
            started = true
            guard let pipe = try? FileDescriptor.pipe() else { return Lookup.blockingLookup(host, port: port) }
            readEnd = pipe.read
            answer.writeEnd = pipe.write
            let context = Unmanaged.passRetained(ThreadInput(answer: answer, host: host, port: port)).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { raw in
                guard let raw else { return nil }
                let input = Unmanaged<ThreadInput>.fromOpaque(raw).takeRetainedValue()
                input.answer.addresses = Lookup.resolve(input.host, input.port)
                let end = input.answer.writeEnd
                _ = withUnsafeBytes(of: UInt8(1)) { try? end.write($0) }
                try? end.close()
                return nil
            }, context)
            if rc != 0 {
                Unmanaged<ThreadInput>.fromOpaque(context).release()
                try? answer.writeEnd.close()
                closeReadEnd()
                return Lookup.blockingLookup(host, port: port)
            }
            pthread_detach(tid)
        }
        guard let fd = readEnd else { return answer.addresses }
        if (try? fd.poll(.input))?.isEmpty ?? true {
            throw SchemeError.retry(after: .readable(fd: fd.rawValue, deadline: deadline))
        }
        closeReadEnd()
        return answer.addresses
    }

    /// What the lookup thread is given (it must not touch the `Lookup`).
    private final class ThreadInput {
        let answer: Answer
        let host: String
        let port: Int
        init(answer: Answer, host: String, port: Int) {
            self.answer = answer
            self.host = host
            self.port = port
        }
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
