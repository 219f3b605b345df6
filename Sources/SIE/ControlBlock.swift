/// The state description of a vCPU as the monitor sees it between `sie()`
/// calls: PSW, registers, prefix, timers and the intercept fields. A view on
/// the vCPU; writes take effect on the next `sie()`.
public struct ControlBlock {
    let cpu: VirtualCPU

    public var psw: PSW {
        get { cpu.psw }
        nonmutating set { cpu.loadPSW(newValue) }
    }
    public var gpr: RegisterFile<UInt64> { RegisterFile(base: cpu.r) }
    public var fpr: RegisterFile<UInt64> { RegisterFile(base: cpu.f) }
    public var cr: RegisterFile<UInt64> { RegisterFile(base: cpu.cr) }
    public var ar: RegisterFile<UInt32> { RegisterFile(base: cpu.a) }
    public var fpc: UInt32 { get { cpu.fpc } nonmutating set { cpu.fpc = newValue } }
    public var prefix: UInt64 {
        get { cpu.prefix }
        nonmutating set { cpu.prefix = newValue & 0x7FFF_E000; cpu.flushTLB() }
    }
    public var cpuTimer: Int64 { get { cpu.currentCPUTimer } nonmutating set { cpu.currentCPUTimer = newValue } }
    public var clockComparator: UInt64 {
        get { cpu.clockComparator }
        nonmutating set { cpu.clockComparator = newValue; cpu.timersChanged() }
    }
    public var epoch: UInt64 { get { cpu.epoch } nonmutating set { cpu.epoch = newValue } }
    /// The CPU address (icpua).
    public var cpuAddress: UInt16 { cpu.address }
    /// Main-storage origin and limit (MSO/MSL) of the guest.
    public var mso: UInt64 { UInt64(UInt(bitPattern: cpu.vm.memory.origin)) }
    public var msl: UInt64 { cpu.vm.memory.limit }

    public var interceptCode: InterceptCode { cpu.interceptCode }
    /// First halfword of the intercepted instruction.
    public var ipa: UInt16 { cpu.ipa }
    /// Bytes 2-5 of the intercepted instruction (left-aligned), or the
    /// validity reason in the high halfword for a validity intercept.
    public var ipb: UInt32 { cpu.ipb }
    /// The intercepted instruction was the target of EXECUTE.
    public var interceptedUnderExecute: Bool { cpu.interceptedUnderExecute }
    /// Length in bytes of the intercepted instruction (for retrying it).
    public var interceptedLength: Int {
        cpu.interceptedUnderExecute ? Int((cpu.pc &- cpu.ia) & 0xF) : instructionLength(firstByte: UInt8(cpu.ipa >> 8))
    }
}

/// Register file view for the monitor.
public struct RegisterFile<T> {
    let base: UnsafeMutablePointer<T>
    public subscript(_ i: Int) -> T {
        get { precondition(i >= 0 && i < 16); return base[i] }
        nonmutating set { precondition(i >= 0 && i < 16); base[i] = newValue }
    }
}
