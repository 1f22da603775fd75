import Glibc

/// Installs every primitive table into a new interpreter.
extension Interpreter {
    func installLibraries() {
        register(controlPrimitives())
        register(gcPrimitives())
        register(conditionPrimitives())
        register(numberPrimitives(), leaves: true)
        register(listPrimitives(), leaves: true)
        register(charPrimitives(), leaves: true)
        register(stringPrimitives(), leaves: true)
        register(vectorPrimitives(), leaves: true)
        register(ioPrimitives())
        register(bytePortPrimitives())
        register(recordPrimitives())
        register(threadPrimitives())
        register(hashTablePrimitives())
        register(stringUtilityPrimitives(), leaves: true)
        register(formatPrimitives())
        register(fixnumPrimitives(), leaves: true)
        register(numberVectorPrimitives())
        register(irregexPrimitives())
        register(filePrimitives())
        register(randomPrimitives())
        register(complexPrimitives(), leaves: true)
        register(blobPrimitives())
        register(processPrimitives())
        register(fileSystemPrimitives())
        register(systemPrimitives())
        register(timePrimitives())
        register(filePosixPrimitives())
        register(flonumPrimitives(), leaves: true)
        register(portExtrasPrimitives())
        register(forkPrimitives())
        register(signalPrimitives())
        register(fileControlPrimitives())
        register(representationPrimitives())
        register(blobConversionPrimitives())
        register(baseExtrasPrimitives())
        register(listWalkPrimitives())
        register(listUtilityPrimitives())
        defineSettingParameters()
        defineFixnumConstants()
        defineFlonumConstants()
        defineSignalConstants()
        defineForkConstants()
        defineFileControlConstants()
        defineErrnoConstants()
        defineFilePosixConstants()
        knownLibraries = [
            "scheme", "chicken", "srfi-1", "srfi-13", "srfi-18", "srfi-69", "tcp", "extras", "ports",
            "data-structures", "utils", "posix", "srfi-4", "srfi-6", "srfi-8", "srfi-9", "srfi-11", "srfi-23",
            "srfi-28", "srfi-39", "library", "eval", "expand",
            "scheme.base", "scheme.write", "scheme.read", "scheme.char", "scheme.cxr", "scheme.eval",
            "scheme.file", "scheme.inexact", "scheme.lazy", "scheme.process-context", "scheme.case-lambda",
            "scheme.time", "scheme.complex", "scheme.r5rs", "chicken.base", "chicken.tcp", "chicken.io",
            "chicken.string", "chicken.port", "chicken.condition", "chicken.format", "chicken.syntax",
            "chicken.time", "chicken.pretty-print", "chicken.random", "chicken.bitwise", "chicken.fixnum",
            "chicken.flonum", "chicken.keyword", "chicken.eval", "chicken.load", "chicken.process-context",
            "chicken.sort", "chicken.gc", "chicken.repl", "chicken.platform", "chicken.file", "chicken.blob",
            "chicken.memory", "chicken.module", "chicken.plist", "chicken.read-syntax", "chicken.irregex", "regex", "chicken.internal", "srfi-13",
        ]
    }

    /// CHICKEN's parameters whose defaults need no Scheme code. They are made here rather
    /// than in the prelude, whose variable definitions are expanded and compiled at every
    /// start-up (those five cost 0.6M instructions there).
    private func defineSettingParameters() {
        define("command-line-arguments", makeParameter(.null))
        // (chicken gc): whether the finalizers of unreachable objects run at exit.
        define("force-finalizers", makeParameter(.true))
        // csi's call-trace level, which CHICKEN's own tests set: kept, with no effect.
        define("##sys#eval-debug-level", makeParameter(.fixnum(1)))
        // (chicken platform): where import, require and require-library also look for
        // NAME.scm, after the include path (Interpreter.findSourceFile).
        let repositories = getenv("CHICKEN_REPOSITORY_PATH").map {
            String(cString: $0).split(separator: ":").map { Value(String($0)) }
        } ?? []
        define("repository-path", makeParameter(.list(repositories)))
        let install = getenv("CHICKEN_INSTALL_REPOSITORY").map { Value(String(cString: $0)) }
        define("installation-repository", makeParameter(install ?? repositories.first ?? .false))
        // (chicken repl): the REPL shows what this parameter's procedure answers; csi's
        // default shows the number of the next result, which the REPL keeps in %repl-count.
        let count = symbols.intern("%repl-count")
        define("repl-prompt", makeParameter(.procedure(Primitive("repl-prompt", .exactly(0), .f0 {
            if case .fixnum(let n) = count.value { return Value("#;\(n)> ") }
            return Value("#;1> ")
        }))))
    }
}
