/// Conversions of Swift containers and Scheme records, beside `ValueConversion.swift`.
extension Dictionary: SchemeConvertible where Key == String, Value: SchemeConvertible {
    /// From a hash table whose keys are strings or symbols (by their names).
    public init(scheme v: SchemeCore.Value) throws {
        guard case .object(let o as HashTable) = v else { throw ConversionError(expected: "hash-table", value: v) }
        var out: [String: Value] = [:]
        for entry in o.entryList {
            switch entry.key {
            case .string(let s): out[s.string] = try Value(scheme: entry.value)
            case .symbol(let s): out[s.name] = try Value(scheme: entry.value)
            default: throw ConversionError(expected: "string or symbol key", value: entry.key)
            }
        }
        self = out
    }

    /// A new `equal?` hash table with string keys.
    public var schemeValue: SchemeCore.Value {
        // In the keys' order: the table lists its entries in the order they were added.
        .object(HashTable(equalEntries: sorted { $0.key < $1.key }.map { (SchemeCore.Value($0.key), $0.value.schemeValue) }))
    }
}

extension Array where Element == UInt8 {
    /// The bytes of a bytevector (a blob or `u8vector` too).
    public init(bytevector v: Value) throws {
        guard case .object(let b as Bytevector) = v else { throw ConversionError(expected: "bytevector", value: v) }
        self = b.bytes
    }

    /// A new bytevector with these bytes.
    public var bytevectorValue: Value { .object(Bytevector(self)) }
}

extension Value {
    /// A new bytevector: `Value(bytes: [1, 2, 3])` is `#u8(1 2 3)`.
    public init(bytes: [UInt8]) { self = .object(Bytevector(bytes)) }

    /// The type name of a record (`define-record-type`, `define-record`), nil for other values.
    public var recordTypeName: String? {
        guard case .object(let r as Record) = self else { return nil }
        return r.type.name
    }

    /// The record's fields by name, in their declared order; nil if this is not a record.
    public var recordFields: [(name: String, value: Value)]? {
        guard case .object(let r as Record) = self else { return nil }
        return zip(r.type.fieldNames, r.fields).map { ($0.name, $1) }
    }

    /// The record field named `name`; throws `ConversionError` if this is not a record or
    /// has no such field.
    public func recordField(_ name: String) throws -> Value {
        guard let fields = recordFields else { throw ConversionError(expected: "record", value: self) }
        guard let f = fields.first(where: { $0.name == name }) else {
            throw ConversionError(expected: "record with a field \(name)", value: self)
        }
        return f.value
    }
}
