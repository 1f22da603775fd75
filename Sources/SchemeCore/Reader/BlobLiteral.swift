/// CHICKEN's blob literals: `#${ab cd 0f}` reads as the blob (bytevector) of those hex
/// bytes. Whitespace separates groups; a group of odd length takes its last digit as a
/// byte of its own (`#${abc}` is `#${ab0c}`, `#${a b}` is `#${0a0b}`).
extension Reader {
    func readBlobLiteral(_ start: SourceLocation) throws -> Value {
        next()  // '$'
        guard next() == "{" else { throw error("invalid sharp-sign read syntax: #$", at: start) }
        var bytes: [UInt8] = []
        var pending: UInt8? = nil  // the high digit of a byte not yet complete
        while true {
            guard let c = next() else { throw error("unterminated blob literal", at: start, eof: true) }
            if c == "}" || c == " " || c == "\t" || c == "\n" || c == "\r" {
                if let high = pending { bytes.append(high) }
                pending = nil
                if c == "}" { break }
                continue
            }
            guard c.isASCII, let d = NumberFormat.digitValue(byte: UInt8(c.value)), d < 16 else {
                throw error("invalid character in blob literal: \(c)", at: start)
            }
            if let high = pending {
                bytes.append(high << 4 | UInt8(d))
                pending = nil
            } else {
                pending = UInt8(d)
            }
        }
        return .object(Bytevector(bytes, blob: true))
    }
}
