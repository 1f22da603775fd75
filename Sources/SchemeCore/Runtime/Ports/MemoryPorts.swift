/// `open-input-string`.
public final class StringInputPort: Port {
    public init(_ text: String) {
        super.init(input: true, output: false, name: "(string)")
        buffer = Array(text.utf8)
        sawEOF = true
    }
}

/// `open-output-string`: collects the text written to it.
public final class StringOutputPort: Port {
    public init() { super.init(input: false, output: true, name: "(string)") }
    override public var flushThreshold: Int { Int.max }
    override public var keepsOutput: Bool { true }
    /// The text written so far.
    public func contents() -> String { String(decoding: outBytes, as: UTF8.self) }
    func reset() { outBytes.removeAll() }
}

/// `open-input-bytevector`.
final class BytevectorInputPort: Port {
    init(_ bytes: [UInt8]) {
        super.init(input: true, output: false, name: "(bytevector)")
        buffer = bytes
        sawEOF = true
    }
}

/// `open-output-bytevector`: collects the bytes written to it.
final class BytevectorOutputPort: Port {
    init() { super.init(input: false, output: true, name: "(bytevector)") }
    override var flushThreshold: Int { Int.max }
    override var keepsOutput: Bool { true }
    var contents: [UInt8] { outBytes }
}
