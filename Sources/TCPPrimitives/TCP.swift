import SchemeCore

/// CHICKEN's tcp unit. The procedures arrive with the tcp issue; this is the entry point a
/// host calls to add them to an interpreter.
public enum TCP {
    /// Registers the tcp unit's procedures and parameters in `interpreter`.
    public static func install(into interpreter: Interpreter) {
        _ = interpreter
    }
}
