extension Interpreter {
    /// Reads one datum from a port, pulling more input while the datum is incomplete.
    ///
    /// The reader sees a window of the buffered text, not all of it: decoding a whole 64 KiB
    /// buffer (or a whole string port's text) for each short datum made reading quadratic.
    /// A datum that runs past the window's end is read again in a window four times as
    /// large (or after more input).
    func readDatum(from port: Port) throws -> Value {
        var window = 512
        while true {
            let (rest, whole) = port.bufferedScalars(upTo: window)
            let reader = Reader(scalars: rest, file: port.name, symbols: symbols)
            configure(reader)
            do {
                guard let datum = try reader.read() else {
                    // Only blanks and comments. A comment line cut off by the window's or
                    // the buffer's end stays, to be skipped whole once its end is there.
                    if reader.endedInLineComment {
                        if !whole { window *= 4; continue }
                        if try port.fillBuffer() { continue }
                    }
                    port.skipCharacters(rest.count)
                    if !whole { continue }
                    if try port.fillBuffer() { continue }
                    return .eof
                }
                // A datum that ends where the text does may continue past it (a symbol, a
                // number, `'abc`), unless its last character closes it (a list, a string).
                if reader.offset == rest.count, let last = rest.last, !Reader.closesDatum(last) {
                    if !whole { window *= 4; continue }
                    if !port.sawEOF, try port.fillBuffer() { continue }
                }
                port.skipCharacters(reader.offset)
                return datum
            } catch let e as SchemeError {
                if e.waitRequest != nil { throw e }
                if reader.needsMoreInput {
                    if !whole { window *= 4; continue }
                    if try port.fillBuffer() { continue }
                }
                throw e
            }
        }
    }
}
