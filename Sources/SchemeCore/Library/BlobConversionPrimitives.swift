/// srfi-4's conversions between blobs and numeric vectors (`u8vector->blob`,
/// `blob->f64vector`, …): the elements' bytes in this machine's order (little-endian), as
/// CHICKEN lays them out. The `/shared` variants copy too: this runtime keeps a numeric
/// vector's elements as Scheme numbers, so no storage can be shared.
extension Interpreter {
    func blobConversionPrimitives() -> [Primitive] {
        var table: [Primitive] = []
        for suffix in ["", "/shared"] {
            table.append(prim("u8vector->blob" + suffix, Signature(.bytevector)) { args in
                .object(Bytevector(try Check.bytevector(args[0], "u8vector->blob").bytes, blob: true))
            })
            table.append(prim("blob->u8vector" + suffix, Signature(.bytevector)) { args in
                .object(Bytevector(try Check.bytevector(args[0], "blob->u8vector").bytes))
            })
            for kind in NumberVector.Kind.allCases {
                let toBlob = "\(kind.rawValue)vector->blob" + suffix, fromBlob = "blob->\(kind.rawValue)vector" + suffix
                table.append(prim(toBlob, Signature(.any)) { args in
                    guard case .object(let v as NumberVector) = args[0], v.kind == kind else {
                        throw SchemeError.typeMsg(toBlob, "bad argument type - not a \(kind.rawValue)vector", args[0])
                    }
                    return .object(Bytevector(v.items.flatMap { Interpreter.elementBytes($0, kind) }, blob: true))
                })
                table.append(prim(fromBlob, Signature(.bytevector)) { args in
                    let bytes = try Check.bytevector(args[0], fromBlob).bytes
                    let width = kind.byteWidth
                    guard bytes.count % width == 0 else {
                        throw SchemeError.exn(kinds: [], message: "blob does not have correct size for packing", irritants: [args[0]],
                                              location: fromBlob)
                    }
                    let items = stride(from: 0, to: bytes.count, by: width).map { Interpreter.element(from: bytes[$0..<($0 + width)], kind) }
                    return .object(NumberVector(kind: kind, items: items))
                })
            }
        }
        return table
    }

    /// An element's bytes, least significant first (elements were range-checked when stored).
    private static func elementBytes(_ v: Value, _ kind: NumberVector.Kind) -> [UInt8] {
        let bits: UInt64
        switch (kind, v) {
        case (.f32, .flonum(let d)): bits = UInt64(Float(d).bitPattern)
        case (.f64, .flonum(let d)): bits = d.bitPattern
        case (_, .fixnum(let i)): bits = UInt64(bitPattern: Int64(i))
        case (_, .object(let b as Bignum)): bits = b.value.limbs.first.map { UInt64($0) } ?? 0
        default: bits = 0
        }
        return (0..<kind.byteWidth).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    }

    /// The element stored in `bytes` (least significant first).
    private static func element(from bytes: ArraySlice<UInt8>, _ kind: NumberVector.Kind) -> Value {
        var bits: UInt64 = 0
        for (k, b) in bytes.enumerated() { bits |= UInt64(b) << (8 * k) }
        switch kind {
        case .s8: return .fixnum(Int(Int8(truncatingIfNeeded: bits)))
        case .s16: return .fixnum(Int(Int16(truncatingIfNeeded: bits)))
        case .s32: return .fixnum(Int(Int32(truncatingIfNeeded: bits)))
        case .s64: return .fixnum(Int(Int64(bitPattern: bits)))
        case .u16, .u32: return .fixnum(Int(bits))
        case .u64: return Value.integer(BigInt(UInt(bits)))
        case .f32: return .flonum(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
        case .f64: return .flonum(Double(bitPattern: bits))
        }
    }
}

extension NumberVector.Kind {
    /// Bytes per element.
    var byteWidth: Int {
        switch self {
        case .s8: return 1
        case .u16, .s16: return 2
        case .u32, .s32, .f32: return 4
        case .u64, .s64, .f64: return 8
        }
    }
}
