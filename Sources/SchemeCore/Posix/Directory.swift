import Glibc

extension Posix {
    /// The names in the directory at `path`, without `.` and `..`, in the order the file
    /// system lists them (as CHICKEN's `directory` returns them).
    public static func directoryEntries(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw Errno.current }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // Read in place (copying the 256-byte d_name tuple per entry cost more than the rest).
            let name = withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
