import Glibc

extension FileDescriptor {
    /// The terminal's device name (`ttyname`).
    public func terminalName() throws -> String {
        guard let p = ttyname(rawValue) else { throw Errno.current }
        return String(cString: p)
    }

    /// The terminal's size in rows and columns (`TIOCGWINSZ`).
    public func terminalSize() throws -> (rows: Int, columns: Int) {
        var size = winsize()
        _ = try Posix.call { ioctl(rawValue, UInt(TIOCGWINSZ), &size) }
        return (Int(size.ws_row), Int(size.ws_col))
    }
}
