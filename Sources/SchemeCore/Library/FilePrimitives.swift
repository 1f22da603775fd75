/// `(chicken file)`: directories. (`glob` is Scheme in the prelude, on `directory` and
/// irregex's `glob->sre`.)
extension Interpreter {
    func filePrimitives() -> [Primitive] {
        [
            // (directory [path [show-dotfiles?]])
            prim("directory", Signature(optional: [.string, .any])) { args in
                let path = args.count > 0 ? try args.cString(0) : "."
                let dotfiles = args.count > 1 && !args[1].isFalse
                do {
                    let names = try Posix.directoryEntries(path).filter { dotfiles || !$0.hasPrefix(".") }
                    return Value.list(names.map { .string(MString($0)) })
                } catch let e as Errno {
                    throw SchemeError.argument(kinds: ["i/o", "file"], message: "cannot open directory - \(e.text)",
                                               irritants: [.string(MString(path))])
                }
            },
        ]
    }
}
