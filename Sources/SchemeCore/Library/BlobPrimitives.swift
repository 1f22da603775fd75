/// `(chicken blob)`: CHICKEN's byte blobs. A blob is a `Bytevector` marked as one (`#${…}`
/// literals read as blobs); these procedures accept a u8vector too.
extension Interpreter {
    func blobPrimitives() -> [Primitive] {
        let blob = ArgumentType("blob") { if case .object(is Bytevector) = $0 { return true }; return false }
        func bytes(_ args: Arguments, _ i: Int) -> [UInt8] {
            if case .object(let b as Bytevector) = args[i] { return b.bytes }
            return []
        }
        return [
            prim("blob?") { v in if case .object(let b as Bytevector) = v { return .bool(b.isBlob) }; return .false },
            // Zero-filled (CHICKEN leaves the contents undefined).
            prim("make-blob", Signature(.fixnum)) { args in .object(Bytevector(.filled(with: 0, count: try args.size(0)), blob: true)) },
            prim("blob-size", Signature(blob)) { args in .fixnum(bytes(args, 0).count) },
            prim("blob=?", Signature(blob, blob)) { args in .bool(bytes(args, 0) == bytes(args, 1)) },
            prim("blob->string", Signature(blob)) { args in .string(MString(String(decoding: bytes(args, 0), as: UTF8.self))) },
            prim("string->blob", Signature(.string)) { args in .object(Bytevector(Array(try args.string(0).string.utf8), blob: true)) },
        ]
    }
}
