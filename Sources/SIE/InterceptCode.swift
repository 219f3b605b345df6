/// Why `sie()` returned (the intercept code of the control block, PoP/SIE
/// numbering; see reference/sie-interface.md §2).
public enum InterceptCode: UInt8, Sendable {
    /// Nothing to report (a kick from another thread); call `sie()` again.
    case none = 0x00
    /// An instruction the monitor handles; the PSW points past it, IPA/IPB name it.
    case instruction = 0x04
    /// A wait PSW was loaded that `sie()` cannot end by itself: a disabled wait.
    case wait = 0x1C
    /// The state is not runnable; `validityReason` says why.
    case validity = 0x20
    /// A stop was requested (SIGP STOP, machine halt, monitor kick).
    case stop = 0x28
}

/// Reasons for a validity intercept.
public enum ValidityReason: UInt16, Sendable {
    case prefixOutsideStorage = 0x0010
    case prefixAccessException = 0x0037
    /// Program interruptions repeat without any instruction completing
    /// (the new PSW itself faults): a guest that can no longer run.
    case programInterruptionLoop = 0x00F0
}
