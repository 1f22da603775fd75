/// Installs every primitive table into a new interpreter.
extension Interpreter {
    func installLibraries() {
        register(controlPrimitives())
        register(gcPrimitives())
        register(conditionPrimitives())
        register(numberPrimitives())
        register(listPrimitives())
        register(charPrimitives())
        register(stringPrimitives())
        register(vectorPrimitives())
        register(ioPrimitives())
        register(recordPrimitives())
        register(threadPrimitives())
        register(hashTablePrimitives())
        register(stringUtilityPrimitives())
        register(formatPrimitives())
        register(fixnumPrimitives())
        register(numberVectorPrimitives())
        register(irregexPrimitives())
        register(filePrimitives())
        register(randomPrimitives())
        register(complexPrimitives())
        register(blobPrimitives())
        register(processPrimitives())
        register(fileSystemPrimitives())
        register(systemPrimitives())
        register(timePrimitives())
        register(filePosixPrimitives())
        register(flonumPrimitives())
        register(portExtrasPrimitives())
        register(forkPrimitives())
        register(signalPrimitives())
        register(fileControlPrimitives())
        register(representationPrimitives())
        register(blobConversionPrimitives())
        register(baseExtrasPrimitives())
        define("command-line-arguments", makeParameter(.null))
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
}
