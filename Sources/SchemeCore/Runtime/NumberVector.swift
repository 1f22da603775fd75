/// A srfi-4 homogeneous numeric vector other than `u8vector` (which is the bytevector):
/// `s8vector` … `f64vector`. Elements are kept as Scheme numbers, each checked against the
/// element kind's range when stored (u64 values above the fixnum range are bignums).
final class NumberVector: SchemeObject, CustomPrintable {
    /// The element kind, named as in `#s16(...)`.
    enum Kind: String, CaseIterable {
        case s8, u16, s16, u32, s32, u64, s64, f32, f64

        var isFloat: Bool { self == .f32 || self == .f64 }

        /// The inclusive range of an integer kind (as Scheme numbers, for bignum bounds).
        var bounds: (Value, Value)? {
            switch self {
            case .s8: return (.fixnum(-128), .fixnum(127))
            case .u16: return (.fixnum(0), .fixnum(65535))
            case .s16: return (.fixnum(-32768), .fixnum(32767))
            case .u32: return (.fixnum(0), .fixnum(4_294_967_295))
            case .s32: return (.fixnum(-2_147_483_648), .fixnum(2_147_483_647))
            case .u64: return (.fixnum(0), Value.integer(BigInt(UInt.max)))
            case .s64: return (.fixnum(Int.min), .fixnum(Int.max))
            case .f32, .f64: return nil
            }
        }
    }

    let kind: Kind
    private(set) var items: [Value]

    init(kind: Kind, items: [Value]) {
        self.kind = kind
        self.items = items
    }

    override var typeName: String { "\(kind.rawValue)vector" }
    var printedForm: String { "#\(kind.rawValue)(" + items.map { Printer.string($0, write: true) }.joined(separator: " ") + ")" }

    /// Stores an element already converted by `element(_:)`.
    func set(_ i: Int, _ v: Value) { items[i] = v }
}
