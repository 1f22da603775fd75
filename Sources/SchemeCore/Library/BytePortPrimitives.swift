/// R7RS binary I/O: every port carries bytes, so these work on any port but a custom one
/// (`make-input-port`), whose procedures deal in characters.
extension Interpreter {
    func bytePortPrimitives() -> [Primitive] {
        [
            prim("binary-port?") { v in if case .object(is Port) = v { return .true }; return .false },
            prim("read-u8", .range(0, 1)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "read-u8")
                if p is CustomPort { throw SchemeError.typeMsg("read-u8", "bad argument type - not a binary port", args[0]) }
                return try p.transaction { try p.readByte(peek: false).map { .fixnum(Int($0)) } ?? .eof }
            },
            prim("peek-u8", .range(0, 1)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "peek-u8")
                if p is CustomPort { throw SchemeError.typeMsg("peek-u8", "bad argument type - not a binary port", args[0]) }
                return try p.transaction { try p.readByte(peek: true).map { .fixnum(Int($0)) } ?? .eof }
            },
            prim("u8-ready?", .range(0, 1)) { [unowned(unsafe) self] args in
                .bool(try self.inPort(args, 0, "u8-ready?").charReady())
            },
            prim("read-bytevector", .range(1, 2)) { [unowned(unsafe) self] args in
                let k = try Check.natural(args[0], "read-bytevector")
                let p = try self.inPort(args, 1, "read-bytevector")
                if p is CustomPort { throw SchemeError.typeMsg("read-bytevector", "bad argument type - not a binary port", args[1]) }
                if k == 0 { return .object(Bytevector([])) }
                let bytes = try p.transaction { try p.readBytes(min(k, Check.maximumSize)) }
                return bytes.isEmpty ? .eof : .object(Bytevector(bytes))
            },
            prim("write-u8", .range(1, 2)) { [unowned(unsafe) self] args in
                guard case .fixnum(let b) = args[0], (0...255).contains(b) else { throw SchemeError.type("write-u8", args[0]) }
                let p = try self.outPort(args, 1, "write-u8")
                if p is CustomPort { throw SchemeError.typeMsg("write-u8", "bad argument type - not a binary port", args[1]) }
                p.writeBytes([UInt8(b)])
                try p.commit()
                return .unspecified
            },
            prim("write-bytevector", .range(1, 4)) { [unowned(unsafe) self] args in
                let bv = try Check.bytevector(args[0], "write-bytevector")
                let p = try self.outPort(args, 1, "write-bytevector")
                if p is CustomPort { throw SchemeError.typeMsg("write-bytevector", "bad argument type - not a binary port", args[1]) }
                let (a, b) = try Check.range(args, from: 2, count: bv.bytes.count, "write-bytevector")
                p.writeBytes(bv.bytes[a..<b])
                try p.commit()
                return .unspecified
            },
            prim("open-input-bytevector") { v in .object(BytevectorInputPort(try Check.bytevector(v, "open-input-bytevector").bytes)) },
            prim("open-output-bytevector") { .object(BytevectorOutputPort()) },
            prim("get-output-bytevector") { v in
                guard case .object(let p as BytevectorOutputPort) = v else { throw SchemeError.type("get-output-bytevector", v) }
                return .object(Bytevector(p.contents))
            },
        ]
    }
}
