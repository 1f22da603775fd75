/// Which procedures make up each capability a host can take away (`Interpreter.revoke`):
/// the exports of CHICKEN's modules for it, the standard procedures that open files, and
/// the internal helpers the library's Scheme code calls them through (a sandboxed script
/// could call those by name too).
enum CapabilityTable {
    static func names(_ capability: Capabilities) -> [String] {
        var names: [String] = []
        if capability.contains(.files) {
            names += exports("chicken.file") + exports("chicken.file.posix") + exports("chicken.load")
            names += ["load", "open-input-file", "open-output-file", "call-with-input-file", "call-with-output-file",
                      "with-input-from-file", "with-output-to-file", "open-binary-input-file", "open-binary-output-file",
                      "file-exists?", "delete-file", "%file-lock", "%read-symbolic-link", "%set-file-owner!",
                      "%file-select-now", "%open-source", "%find-source-file", "symbolic-link?"]
        }
        if capability.contains(.processes) {
            names += exports("chicken.process") + exports("chicken.process.signal")
            names += ["%process-fork", "%exit-forked-child", "%signal-check", "%signal-catch", "%signal-default",
                      "%signal-wait"]
        }
        if capability.contains(.network) { names += exports("chicken.tcp") }
        if capability.contains(.environment) {
            // The script keeps what the host gave it: its arguments and its name.
            names += (exports("chicken.process-context") + exports("chicken.process-context.posix"))
                .filter { $0 != "command-line-arguments" && $0 != "program-name" }
            names += ["%set-user-id!", "%set-group-id!", "%set-effective-user-id!", "%set-effective-group-id!",
                      "%set-process-group-id!"]
        }
        if capability.contains(.exit) { names += ["exit", "emergency-exit", "%exit-forked-child"] }
        return names
    }

    /// Name prefixes of capabilities whose procedures other targets add (the tcp, TLS,
    /// Unix and UDP units): refused when a unit installs them after the revocation.
    static func prefixes(_ capability: Capabilities) -> [String] {
        capability.contains(.network) ? ["tcp-", "ssl-", "%ssl-", "unix-", "udp-"] : []
    }

    /// The value exports of a module, from CHICKEN's module table.
    private static func exports(_ module: String) -> [String] {
        for line in ModuleTable.text.split(separator: "\n") where line.hasPrefix(module + " ") {
            let values = line.split(separator: "|", maxSplits: 1).first ?? ""
            return values.split(separator: " ").dropFirst().map(String.init)
        }
        return []
    }
}
