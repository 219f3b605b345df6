import Synchronization
import Glibc

/// Lowcore offsets (relative to the prefix) used by interruptions.
enum Lowcore {
    static let externalParameter: UInt64 = 0x80
    static let externalCPUAddress: UInt64 = 0x84
    static let externalCode: UInt64 = 0x86
    static let svcILC: UInt64 = 0x88
    static let svcCode: UInt64 = 0x8A
    static let programILC: UInt64 = 0x8C
    static let programCode: UInt64 = 0x8E
    static let dataExceptionCode: UInt64 = 0x90
    static let monitorClass: UInt64 = 0x94
    static let monitorCode: UInt64 = 0xB0
    static let exceptionAccessID: UInt64 = 0xA0
    static let operandAccessID: UInt64 = 0xA2
    static let translationExceptionID: UInt64 = 0xA8
    static let ioSubsystemID: UInt64 = 0xB8
    static let ioParameter: UInt64 = 0xBC
    static let ioIdentification: UInt64 = 0xC0
    static let stfl: UInt64 = 0xC8
    static let breakingEvent: UInt64 = 0x110
    static let restartOld: UInt64 = 0x120
    static let externalOld: UInt64 = 0x130
    static let svcOld: UInt64 = 0x140
    static let programOld: UInt64 = 0x150
    static let machineCheckOld: UInt64 = 0x160
    static let ioOld: UInt64 = 0x170
    static let newPSWOffset: UInt64 = 0x80
}

/// Interrupts pending for one vCPU only.
struct LocalInterrupt {
    static let restart: UInt32 = 1 << 0
    static let emergencySignal: UInt32 = 1 << 1
    static let externalCall: UInt32 = 1 << 2
    static let stop: UInt32 = 1 << 3
}

/// External-interruption codes and their CR0 subclass-mask bits.
enum ExternalCode {
    static let emergencySignal: UInt16 = 0x1201
    static let externalCall: UInt16 = 0x1202
    static let clockComparator: UInt16 = 0x1004
    static let cpuTimer: UInt16 = 0x1005
    static let serviceSignal: UInt16 = 0x2401

    static let emergencySubmask: UInt64 = 0x4000
    static let externalCallSubmask: UInt64 = 0x2000
    static let clockComparatorSubmask: UInt64 = 0x0800
    static let cpuTimerSubmask: UInt64 = 0x0400
    static let serviceSignalSubmask: UInt64 = 0x0200
}

/// VM-wide interrupts: taken by exactly one enabled vCPU.
final class FloatingInterrupts: @unchecked Sendable {
    private struct State { var serviceSignal: UInt32? }
    private let state = Mutex(State())
    /// Cheap check for the hot path.
    let anyPending = Atomic<Bool>(false)

    func addServiceSignal(_ parameter: UInt32) {
        state.withLock { s in
            // Parameters of signals not yet taken merge (the SCCB address is
            // the same for one outstanding request; event-pending bits OR).
            s.serviceSignal = (s.serviceSignal ?? 0) | parameter
        }
        anyPending.store(true, ordering: .releasing)
    }

    func takeServiceSignal() -> UInt32? {
        state.withLock { s in
            let p = s.serviceSignal
            s.serviceSignal = nil
            anyPending.store(false, ordering: .releasing)
            return p
        }
    }

    var serviceSignalPending: Bool { state.withLock { $0.serviceSignal != nil } }
}

/// Puts a waiting vCPU thread to sleep until woken or a deadline passes.
final class Sleeper: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var cond = pthread_cond_t()
    private var signalled = false

    init() {
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(&cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit { pthread_cond_destroy(&cond); pthread_mutex_destroy(&mutex) }

    func wake() {
        pthread_mutex_lock(&mutex)
        signalled = true
        pthread_cond_signal(&cond)
        pthread_mutex_unlock(&mutex)
    }

    /// Sleeps for at most `nanoseconds` (nil: until woken).
    func sleep(nanoseconds: UInt64?) {
        pthread_mutex_lock(&mutex)
        if !signalled {
            if let ns = nanoseconds {
                var now = timespec()
                clock_gettime(CLOCK_MONOTONIC, &now)
                let total = UInt64(now.tv_nsec) + ns % 1_000_000_000
                var deadline = timespec(tv_sec: now.tv_sec + Int(ns / 1_000_000_000) + Int(total / 1_000_000_000),
                                        tv_nsec: Int(total % 1_000_000_000))
                pthread_cond_timedwait(&cond, &mutex, &deadline)
            } else {
                pthread_cond_wait(&cond, &mutex)
            }
        }
        signalled = false
        pthread_mutex_unlock(&mutex)
    }
}

extension VirtualCPU {
    // MARK: Lowcore access (real addresses: prefixing applies)

    @inline(__always) func lowcoreAbsolute(_ offset: UInt64) -> UInt64 { prefix &+ offset }

    func storeLowcore<T: FixedWidthInteger>(_ value: T, at offset: UInt64) {
        let abs = lowcoreAbsolute(offset)
        vm.memory.store(value, at: abs)
        noteMonitorStore(abs, length: MemoryLayout<T>.size)
    }

    func loadLowcore<T: FixedWidthInteger>(_ offset: UInt64, as: T.Type = T.self) -> T {
        vm.memory.load(lowcoreAbsolute(offset)) ?? 0
    }

    /// A store done on the CPU's behalf outside the instruction path (old
    /// PSWs, interruption codes) must still invalidate decoded code and set
    /// the change bit.
    func noteMonitorStore(_ absolute: UInt64, length: Int) {
        let frame = Int(absolute >> 12)
        vm.storageKeys[frame] |= StorageKey.reference | StorageKey.change
        if vm.frameHasCode[frame] != 0 { noteCodeStore(frame: frame) }
    }

    /// Swaps PSWs through the lowcore: stores the current PSW at `oldOffset`
    /// and loads the one at `oldOffset + 0x80`.
    func swapPSW(oldOffset: UInt64, oldAddress: UInt64) {
        storeLowcore(mask | (UInt64(cc) << 44), at: oldOffset)
        storeLowcore(oldAddress, at: oldOffset + 8)
        let newMask: UInt64 = loadLowcore(oldOffset + Lowcore.newPSWOffset)
        let newAddress: UInt64 = loadLowcore(oldOffset + Lowcore.newPSWOffset + 8)
        loadPSW(PSW(mask: newMask, address: newAddress))
    }

    // MARK: Program interruption

    /// Delivers a program interruption for the instruction at `ia` (next
    /// instruction `pc`). The ILC field holds the instruction length in bytes
    /// (ILC × 2); 0 for exceptions recognized before an instruction started.
    func deliverProgramInterruption(_ e: Interruption, instructionLength: Int) {
        let nullify = ProgramCode.nullifies(e.code)
        let oldAddress = nullify ? ia : pc
        if let log = programInterruptionLog {
            log(String(format: "program interruption 0x%04x at %016llx (old PSW %016llx %016llx) TEC %016llx",
                       e.code, ia, mask | UInt64(cc) << 44, oldAddress, e.tec))
        }
        storeLowcore(UInt16(instructionLength & 6), at: Lowcore.programILC)
        storeLowcore(e.code, at: Lowcore.programCode)
        if e.code & 0x7F == ProgramCode.data.rawValue {
            // The DXC is the rightmost byte of the word at 0x90; with the
            // AFP-register control on it also goes into byte 2 of the FPC.
            storeLowcore(UInt32(e.dxc), at: Lowcore.dataExceptionCode)
            if cr[0] & 0x4_0000 != 0 { fpc = (fpc & ~0xFF00) | UInt32(e.dxc) << 8 }
        }
        switch e.code & 0x7F {
        case 0x04, 0x10, 0x11, 0x38, 0x39, 0x3A, 0x3B:
            storeLowcore(e.tec, at: Lowcore.translationExceptionID)
            storeLowcore(e.accessID, at: Lowcore.exceptionAccessID)
        default: break
        }
        storeLowcore(breakingEvent, at: Lowcore.breakingEvent)
        swapPSW(oldOffset: Lowcore.programOld, oldAddress: oldAddress)
    }

    /// SVC: the old PSW points past the SVC instruction.
    func deliverSupervisorCall(number: UInt8, instructionLength: Int) {
        storeLowcore(UInt16(instructionLength), at: Lowcore.svcILC)
        storeLowcore(UInt16(number), at: Lowcore.svcCode)
        swapPSW(oldOffset: Lowcore.svcOld, oldAddress: pc)
    }

    // MARK: Asynchronous interruptions

    @inline(__always) var externalEnabled: Bool { mask & PSW.external != 0 }

    /// Delivers the highest-priority pending interruption this CPU is enabled
    /// for. Returns true if one was delivered.
    func deliverPendingInterrupt() -> Bool {
        if externalEnabled {
            let cr0 = cr[0]
            if cr0 & ExternalCode.emergencySubmask != 0 {
                let sources = emergencySources.load(ordering: .acquiring)
                if sources != 0 {
                    let source = sources.trailingZeroBitCount
                    emergencySources.bitwiseAnd(~(1 << UInt64(source)), ordering: .acquiringAndReleasing)
                    deliverExternal(code: ExternalCode.emergencySignal, parameter: 0, cpuAddress: UInt16(source))
                    return true
                }
            }
            if cr0 & ExternalCode.externalCallSubmask != 0 {
                let source = externalCallSource.exchange(0, ordering: .acquiringAndReleasing)
                if source != 0 {
                    deliverExternal(code: ExternalCode.externalCall, parameter: 0, cpuAddress: UInt16(source - 1))
                    return true
                }
            }
            if cr0 & ExternalCode.clockComparatorSubmask != 0, clockComparatorPending {
                deliverExternal(code: ExternalCode.clockComparator, parameter: 0, cpuAddress: nil)
                return true
            }
            if cr0 & ExternalCode.cpuTimerSubmask != 0, cpuTimerPending {
                deliverExternal(code: ExternalCode.cpuTimer, parameter: 0, cpuAddress: nil)
                return true
            }
            if vm.floating.anyPending.load(ordering: .acquiring), cr0 & ExternalCode.serviceSignalSubmask != 0,
               let parameter = vm.floating.takeServiceSignal() {
                deliverExternal(code: ExternalCode.serviceSignal, parameter: parameter, cpuAddress: nil)
                return true
            }
        }
        if localPending.load(ordering: .acquiring) & LocalInterrupt.restart != 0 {
            localPending.bitwiseAnd(~LocalInterrupt.restart, ordering: .acquiringAndReleasing)
            swapPSW(oldOffset: Lowcore.restartOld, oldAddress: pc)
            return true
        }
        return false
    }

    /// SIGP EMERGENCY SIGNAL from `source`.
    public func injectEmergencySignal(from source: UInt16) {
        emergencySources.bitwiseOr(1 << UInt64(source & 63), ordering: .acquiringAndReleasing)
        requestAttention()
        wake()
    }

    /// SIGP EXTERNAL CALL from `source`; false if one is already pending.
    public func injectExternalCall(from source: UInt16) -> Bool {
        let (exchanged, _) = externalCallSource.compareExchange(expected: 0, desired: UInt32(source) + 1,
                                                                ordering: .acquiringAndReleasing)
        if exchanged { requestAttention(); wake() }
        return exchanged
    }

    public var externalCallPending: Bool { externalCallSource.load(ordering: .acquiring) != 0 }

    /// True if some pending interruption could be delivered now.
    var hasDeliverableInterrupt: Bool {
        if localPending.load(ordering: .acquiring) & LocalInterrupt.restart != 0 { return true }
        guard externalEnabled else { return false }
        let cr0 = cr[0]
        if cr0 & ExternalCode.emergencySubmask != 0, emergencySources.load(ordering: .acquiring) != 0 { return true }
        if cr0 & ExternalCode.externalCallSubmask != 0, externalCallSource.load(ordering: .acquiring) != 0 { return true }
        if cr0 & ExternalCode.clockComparatorSubmask != 0, clockComparatorPending { return true }
        if cr0 & ExternalCode.cpuTimerSubmask != 0, cpuTimerPending { return true }
        if cr0 & ExternalCode.serviceSignalSubmask != 0, vm.floating.serviceSignalPending { return true }
        return false
    }

    func deliverExternal(code: UInt16, parameter: UInt32, cpuAddress: UInt16?) {
        storeLowcore(code, at: Lowcore.externalCode)
        storeLowcore(parameter, at: Lowcore.externalParameter)
        if let cpuAddress { storeLowcore(cpuAddress, at: Lowcore.externalCPUAddress) }
        swapPSW(oldOffset: Lowcore.externalOld, oldAddress: pc)
    }

    func wake() { sleeper.wake() }
}
