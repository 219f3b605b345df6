import Synchronization

/// One virtual CPU: its architected state (the control block), the software
/// TLB and decoded-instruction cache, and its interrupt state. Instruction
/// semantics reach everything through this final class; register files are raw
/// pointers so the hot path has no array, ARC or exclusivity checks.
public final class VirtualCPU: @unchecked Sendable {
    public unowned(unsafe) let vm: VirtualMachine
    /// The CPU address (SIGP, STAP), `icpua` of the control block.
    public let address: UInt16

    // Architected registers.
    let r: UnsafeMutablePointer<UInt64>      // general registers 0-15
    let f: UnsafeMutablePointer<UInt64>      // floating-point registers (bit images)
    let cr: UnsafeMutablePointer<UInt64>     // control registers
    let a: UnsafeMutablePointer<UInt32>      // access registers
    var fpc: UInt32 = 0

    // The PSW, split for speed: `mask` without the condition code, `cc` apart,
    // `ia` the address of the executing instruction, `pc` the next one.
    var mask: UInt64 = 0
    var cc: UInt8 = 0
    var ia: UInt64 = 0
    var pc: UInt64 = 0
    /// Address mask of the current addressing mode (24, 31 or 64 bits).
    var amask: UInt64 = 0xFF_FFFF
    /// Set when a PSW with invalid bits was loaded; raises a specification
    /// exception before the next instruction (early exception, ILC 0).
    var pswInvalid = false

    var prefix: UInt64 = 0
    /// CPU timer value at `cpuTimerSetAt` (host TOD); it counts down from there.
    var cpuTimer: Int64 = 0
    var cpuTimerSetAt: UInt64 = 0
    var clockComparator: UInt64 = 0
    /// Host TOD at which a timer condition arises (UInt64.max: none enabled).
    let nextTimerEvent = Atomic<UInt64>(UInt64.max)
    var lastTOD: UInt64 = 0
    /// Where the last table walk stopped (for LRA): the entry's absolute
    /// address, and whether a table-length check failed there.
    var datFaultEntry: UInt64 = 0
    var datFaultLength = false
    /// The last table walk ended in a 1 MB segment frame (EDAT-1): its
    /// result is an absolute address, not subject to prefixing.
    var datResultIsAbsolute = false
    /// TOD programmable register (SCKPF), stored by STCKE and store status.
    var todProgrammable: UInt32 = 0
    /// Guest TOD = host TOD + epoch.
    var epoch: UInt64 = 0
    /// Breaking-event address (stored at 0x110 on program interruptions).
    var breakingEvent: UInt64 = 0

    // Intercept information of the last `sie()` return.
    var interceptCode: InterceptCode = .none
    var ipa: UInt16 = 0
    var ipb: UInt32 = 0
    var interceptedUnderExecute = false

    /// Software TLB: 256 entries indexed by logical page number; tags compare
    /// against the page of the last byte of an access so page-crossing accesses
    /// take the slow path. `addend` turns the logical address into a host one.
    static let tlbSize = 256
    let tlbRead: UnsafeMutablePointer<UInt64>
    let tlbWrite: UnsafeMutablePointer<UInt64>
    let tlbAddend: UnsafeMutablePointer<Int>
    /// Instruction TLB: logical page → absolute frame of decoded code.
    let itlbTag: UnsafeMutablePointer<UInt64>
    let itlbFrame: UnsafeMutablePointer<Int>
    /// Per-CPU decoded-instruction cache, by absolute frame.
    let code: DecodedCode
    let sleeper = Sleeper()
    /// The vCPU is inside `sie()` (in interpretive execution): SIGP orders
    /// from other vCPUs that need no monitor are then handled in `SIE`.
    public let interpreting = Atomic<Bool>(false)
    /// In a wait state (PSW bit 14): asleep in `sie()` or intercepted. Read
    /// by other threads (SIGP SENSE RUNNING STATUS).
    public var isWaiting: Bool { mask & PSW.wait != 0 }
    /// TLB shootdown: requests made of this CPU and the last one it has
    /// carried out (sequence numbers).
    let tlbFlushRequested = Atomic<UInt64>(0)
    let tlbFlushDone = Atomic<UInt64>(0)
    /// Requests from other threads (`Request` bits), seen at block boundaries.
    let pendingRequests = Atomic<UInt32>(0)
    /// Set by an instruction that must end the current block: a store into a
    /// frame with decoded code, or a change that may enable an interruption.
    var endBlock = false
    /// Frames with decoded code this CPU stored into during the current
    /// block (up to `CodeStores.capacity`; see `noteCodeStore`).
    var codeStores = CodeStores()
    var lastProgramInterruptCount: UInt64 = ~0

    /// Raised (by any thread) when this CPU must leave its instruction loop at
    /// the next block boundary: an interrupt was made pending, a stop was
    /// requested, or code it may have decoded was changed.
    let attention = Atomic<UInt32>(0)
    /// Interrupts pending for this CPU only (bit set of `LocalInterrupt`),
    /// set by other threads.
    let localPending = Atomic<UInt32>(0)
    /// Emergency signals pending, one bit per source CPU address.
    let emergencySources = Atomic<UInt64>(0)
    /// The one pending external call: source CPU address + 1, 0 if none.
    let externalCallSource = Atomic<UInt32>(0)
    /// Consecutive program interruptions without a completed instruction.
    var interruptLoopCount = 0
    /// Instructions executed (for traces and benchmarks).
    public var instructionCount: UInt64 = 0
    public var trace: ((String) -> Void)?
    /// Called for every program interruption delivered (debugging aid).
    public var programInterruptionLog: ((String) -> Void)?
    /// With `trace`: also print the general registers before each instruction.
    public var traceRegisters = false

    init(vm: VirtualMachine, address: UInt16) {
        self.vm = vm
        self.address = address
        r = .allocate(capacity: 16); r.initialize(repeating: 0, count: 16)
        f = .allocate(capacity: 16); f.initialize(repeating: 0, count: 16)
        cr = .allocate(capacity: 16); cr.initialize(repeating: 0, count: 16)
        a = .allocate(capacity: 16); a.initialize(repeating: 0, count: 16)
        tlbRead = .allocate(capacity: VirtualCPU.tlbSize)
        tlbWrite = .allocate(capacity: VirtualCPU.tlbSize)
        tlbAddend = .allocate(capacity: VirtualCPU.tlbSize)
        tlbAddend.initialize(repeating: 0, count: VirtualCPU.tlbSize)
        itlbTag = .allocate(capacity: VirtualCPU.tlbSize)
        itlbFrame = .allocate(capacity: VirtualCPU.tlbSize)
        itlbFrame.initialize(repeating: 0, count: VirtualCPU.tlbSize)
        code = DecodedCode(frames: Int(vm.memory.size >> 12))
        flushTLB()
        initialReset()
    }

    deinit {
        r.deallocate(); f.deallocate(); cr.deallocate(); a.deallocate()
        tlbRead.deallocate(); tlbWrite.deallocate(); tlbAddend.deallocate(); itlbTag.deallocate(); itlbFrame.deallocate()
    }

    /// The control block: the architected state the monitor reads and writes
    /// between `sie()` calls.
    public var block: ControlBlock { ControlBlock(cpu: self) }

    // MARK: PSW

    var psw: PSW {
        get { PSW(mask: mask | (UInt64(cc) << 44), address: pc) }
        set { loadPSW(newValue) }
    }

    /// Makes `p` the current PSW, checking its validity the way the CPU does
    /// when a PSW becomes current (an invalid one raises a specification
    /// exception before the next instruction).
    func loadPSW(_ p: PSW) {
        let oldMask = mask
        mask = p.mask & ~PSW.ccMask
        cc = UInt8((p.mask >> 44) & 3)
        pc = p.address
        let ea = p.mask & PSW.extendedAddressing != 0
        let ba = p.mask & PSW.basicAddressing != 0
        amask = ea ? ~0 : (ba ? 0x7FFF_FFFF : 0xFF_FFFF)
        // Bits that must be zero: 0, 2-4, 12, 24-30, 33-63 of the mask; EA
        // without BA; address bits outside the addressing mode.
        pswInvalid = p.mask & 0xB808_00FE_7FFF_FFFF != 0
            || (ea && !ba) || p.address & ~amask != 0
        if (oldMask ^ mask) & (PSW.dat | PSW.asMask | PSW.keyMask | PSW.problemState) != 0 { flushTLB() }
    }

    @inline(__always) var problemState: Bool { mask & PSW.problemState != 0 }
    @inline(__always) var pswKey: UInt8 { UInt8((mask >> 52) & 0xF) }

    // MARK: Resets (PoP "CPU reset", "initial CPU reset", "clear reset")

    public func cpuReset() {
        localPending.store(0, ordering: .relaxed)
        emergencySources.store(0, ordering: .relaxed)
        externalCallSource.store(0, ordering: .relaxed)
        flushTLB()
    }

    public func initialReset() {
        cpuReset()
        loadPSW(PSW(mask: 0, address: 0))
        pswInvalid = false
        prefix = 0
        cpuTimer = 0
        cpuTimerSetAt = TOD.host()
        clockComparator = 0
        nextTimerEvent.store(UInt64.max, ordering: .relaxed)
        breakingEvent = 0
        for i in 0..<16 { cr[i] = 0 }
        cr[0] = 0xE0
        cr[14] = 0xC200_0000
        fpc = 0
    }

    public func clearReset() {
        initialReset()
        for i in 0..<16 { r[i] = 0; f[i] = 0; a[i] = 0 }
    }

    // MARK: Attention

    @inline(__always) func requestAttention() {
        attention.store(1, ordering: .releasing)
    }
}
