/// `make-bidirectional-port`: one port that reads from `input` and writes to `output`.
/// The I/O primitives hand each call to the half of its direction (`Interpreter.inPort`,
/// `outPort`), and each direction closes on its own; the port counts as closed once both
/// halves are.
final class BidirectionalPort: Port, Traceable {
    let input: Port
    let output: Port

    init(input: Port, output: Port) {
        self.input = input
        self.output = output
        super.init(input: true, output: true, name: "(bidirectional)")
    }

    override var printedForm: String { "#<port \"\(name)\">" }

    /// Marks the port closed when both halves are.
    func updateClosed() { isClosed = input.isClosed && output.isClosed }

    func trace(_ visit: (Value) -> Void) {
        visit(.object(input))
        visit(.object(output))
    }
}
