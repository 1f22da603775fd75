import Glibc

extension Posix {
    /// The names in the directory at `path`, without `.` and `..`, in the order the file
    /// system lists them (as CHICKEN's `directory` returns them).
    public static func directoryEntries(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw Errno.current }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
