/// What a script may reach beyond computing: files, processes, the network, the process
/// environment and `exit`. A host that runs code it does not trust revokes what the code
/// must not have; the procedures become unbound, so a script that uses one gets CHICKEN's
/// "unbound variable" error, which it can catch like any other.
public struct Capabilities: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Opening, creating, deleting and inspecting files and directories (`open-input-file`,
    /// `load`, `(chicken file)`, `(chicken file posix)`, `(chicken load)`), and `include`.
    public static let files = Capabilities(rawValue: 1)
    /// Running programs and signals (`(chicken process)`, `(chicken process signal)`).
    public static let processes = Capabilities(rawValue: 2)
    /// Sockets: the tcp unit, TLS, Unix and UDP sockets.
    public static let network = Capabilities(rawValue: 4)
    /// Environment variables, the current directory, user and process identities
    /// (`(chicken process-context)`, `(chicken process-context posix)`), but not the
    /// script's own `command-line-arguments` and `program-name`.
    public static let environment = Capabilities(rawValue: 8)
    /// Ending the process: `exit`, `emergency-exit`.
    public static let exit = Capabilities(rawValue: 16)

    public static let all: Capabilities = [.files, .processes, .network, .environment, .exit]
}

extension Interpreter {
    /// Takes `capabilities` away for good: their procedures become unbound (and units
    /// installed later leave theirs out). Scheme code cannot get them back; the host's own
    /// calls (`load(path:)`, …) are not affected.
    public func revoke(_ capabilities: Capabilities) {
        revokedCapabilities.formUnion(capabilities)
        for name in CapabilityTable.names(capabilities) { unbind(symbols.intern(name)) }
        let prefixes = CapabilityTable.prefixes(capabilities)
        guard !prefixes.isEmpty else { return }
        for s in symbols.allSymbols where prefixes.contains(where: { s.name.hasPrefix($0) }) { unbind(s) }
    }

    /// Puts a check in front of the procedure bound to `name` (a host's policy: connect only
    /// to listed hosts, open files only under a directory). `allow` sees the arguments; when
    /// it says false, the call raises `(exn access)` "access denied" at the caller, which the
    /// script can catch; otherwise the original procedure runs with them (waiting as usual).
    /// Does nothing if `name` is unbound.
    public func guardProcedure(_ name: String, _ allow: @escaping (Arguments) throws -> Bool) {
        guard let original = global(name) else { return }
        define(name, makeProcedure(name, arity: .atLeast(0)) { args in
            guard try allow(args) else {
                throw SchemeError.exn(kinds: ["access"], message: "access denied", irritants: args.array, location: name)
            }
            throw SchemeError.callInstead(procedure: original, arguments: args.array)
        })
    }

    /// Lets Scheme code reach files only inside `directory`: every string argument of every
    /// file procedure (those `revoke(.files)` would remove) must name a path in it, and so
    /// must what `load`, `include` and `import` read. Paths are resolved lexically (`.`,
    /// `..`, relative to the current directory), not through symbolic links: since a script
    /// cannot make a link whose target is outside, only links the host put there lead out.
    public func restrictFiles(to directory: String) {
        let root = FilePolicy.normalize(directory)
        let inside = { (path: String) in FilePolicy.isInside(FilePolicy.normalize(path), root) }
        for name in Set(CapabilityTable.names(.files)) {
            guard case .procedure? = global(name) else { continue }
            guardProcedure(name) { args in
                args.array.allSatisfy { v in
                    guard case .string(let s) = v else { return true }
                    return inside(s.string)
                }
            }
        }
        let previous = sourceFilePolicy
        sourceFilePolicy = { path in inside(path) && previous?(path) != false }
    }

    /// The capabilities taken away so far.
    public var revoked: Capabilities { revokedCapabilities }

    /// Whether `name` belongs to a revoked capability (units check before they define it).
    public func isRevoked(_ name: String) -> Bool {
        let prefixes = CapabilityTable.prefixes(revokedCapabilities)
        return prefixes.contains { name.hasPrefix($0) } || revokedNames.contains(name)
    }

    private var revokedNames: Set<String> { Set(CapabilityTable.names(revokedCapabilities)) }

    /// Makes a global unbound, including a library definition not compiled yet.
    private func unbind(_ s: Symbol) {
        lazyDefinitions[ObjectIdentifier(s)] = nil
        machine.setGlobal(s, .undefined)
    }
}

/// Lexical path checks for `Interpreter.restrictFiles(to:)`.
enum FilePolicy {
    /// `path` made absolute against the current directory, with `.`, `..` and repeated
    /// slashes resolved.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : ((try? Posix.currentDirectory()) ?? "/") + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }
}
