/// Control instructions: PSW and control-register management, prefix, CPU
/// identification, facilities, and the instructions intercepted to the
/// monitor (SERVC, SIGP, DIAGNOSE, channel I/O).
let controlInstructions: [InstructionDefinition] = [
    // Handed to the monitor (intercept 0x04).
    .init("SERVC", "B220", .RRE, .privileged, interceptToMonitor),
    .init("SIGP", "AE", .RSa, .privileged, signalProcessor),
    .init("DIAG", "83", .RSa, .privileged, interceptToMonitor),
    .init("CSCH", "B230", .S, .privileged, syntax: "", interceptToMonitor),
    .init("HSCH", "B231", .S, .privileged, syntax: "", interceptToMonitor),
    .init("MSCH", "B232", .S, .privileged, interceptToMonitor),
    .init("SSCH", "B233", .S, .privileged, interceptToMonitor),
    .init("STSCH", "B234", .S, .privileged, interceptToMonitor),
    .init("TSCH", "B235", .S, .privileged, interceptToMonitor),
    .init("TPI", "B236", .S, .privileged, interceptToMonitor),
    .init("SAL", "B237", .S, .privileged, syntax: "", interceptToMonitor),
    .init("RSCH", "B238", .S, .privileged, syntax: "", interceptToMonitor),
    .init("STCRW", "B239", .S, .privileged, interceptToMonitor),
    .init("STCPS", "B23A", .S, .privileged, interceptToMonitor),
    .init("RCHP", "B23B", .S, .privileged, syntax: "", interceptToMonitor),
    .init("SCHM", "B23C", .S, .privileged, syntax: "", interceptToMonitor),
    .init("XSCH", "B276", .S, .privileged, syntax: "", interceptToMonitor),
    .init("CHSC", "B25F", .RRE, .privileged, interceptToMonitor),

    .init("SVC", "0A", .I) { cpu, raw throws(Interruption) in
        cpu.deliverSupervisorCall(number: UInt8(truncatingIfNeeded: raw >> 32), instructionLength: Int((cpu.pc &- cpu.ia) & 0xF))
        throw Interruption.reevaluate
    },

    // PSW
    .init("LPSW", "82", .S, [.privileged, .branch]) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let w0 = try cpu.load32(ea), w1 = try cpu.load32(ea &+ 4)
        // ESA/390-format PSW: bit 12 must be one; it becomes the 64-bit
        // PSW with the addressing-mode bit moved to bit 32.
        if w0 & 0x0008_0000 == 0 { throw Interruption.program(.specification) }
        let mask = UInt64(w0 & ~0x0008_0000) << 32 | UInt64(w1 & 0x8000_0000)
        cpu.loadPSW(PSW(mask: mask, address: UInt64(w1 & 0x7FFF_FFFF)))
        throw Interruption.reevaluate
    },
    .init("LPSWE", "B2B2", .S, [.privileged, .branch]) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let mask = try cpu.load64(ea), address = try cpu.load64(ea &+ 8)
        cpu.loadPSW(PSW(mask: mask, address: address))
        throw Interruption.reevaluate
    },
    .init("SSM", "80", .S, .privileged) { cpu, raw throws(Interruption) in
        let byte = try cpu.load8(cpu.eaRS(raw))
        try cpu.setSystemMask(byte)
    },
    .init("STOSM", "AD", .SI, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        try cpu.store8(UInt8(truncatingIfNeeded: cpu.mask >> 56), ea)
        try cpu.setSystemMask(UInt8(truncatingIfNeeded: cpu.mask >> 56) | UInt8(i8at8(raw)))
    },
    .init("STNSM", "AC", .SI, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        try cpu.store8(UInt8(truncatingIfNeeded: cpu.mask >> 56), ea)
        try cpu.setSystemMask(UInt8(truncatingIfNeeded: cpu.mask >> 56) & UInt8(i8at8(raw)))
    },
    .init("IPM", "B222", .RRE, syntax: "R1") { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        let byte = UInt64(cpu.cc) << 4 | (cpu.mask >> 40) & 0xF
        cpu.r[r1] = (cpu.r[r1] & ~0xFF00_0000) | byte << 24
    },
    .init("SPM", "04", .RR, syntax: "R1") { cpu, raw throws(Interruption) in
        let v = cpu.r[f8(raw)]
        cpu.cc = UInt8((v >> 28) & 3)
        cpu.mask = (cpu.mask & ~PSW.programMask) | ((v >> 24) & 0xF) << 40
    },
    .init("EPSW", "B98D", .RRE) { cpu, raw throws(Interruption) in
        let psw = cpu.mask | UInt64(cpu.cc) << 44
        cpu.setLow(f24(raw), UInt32(truncatingIfNeeded: psw >> 32))
        let r2 = f28(raw)
        if r2 != 0 { cpu.setLow(r2, UInt32(truncatingIfNeeded: psw)) }
    },
    .init("SPKA", "B20A", .S) { cpu, raw throws(Interruption) in
        let key = (cpu.eaRS(raw) >> 4) & 0xF
        // Semiprivileged: in the problem state the key must be allowed by the PSW-key mask (CR3 bits 32-47).
        if cpu.problemState && cpu.cr[3] & (0x8000_0000 >> key) == 0 {
            throw Interruption.program(.privilegedOperation)
        }
        cpu.mask = (cpu.mask & ~PSW.keyMask) | key << 52
        cpu.flushTLB()
    },
    .init("IPK", "B20B", .S, syntax: "") { cpu, raw throws(Interruption) in
        if cpu.problemState && cpu.cr[0] & 0x0800_0000 == 0 { throw Interruption.program(.privilegedOperation) }
        cpu.r[2] = (cpu.r[2] & ~0xFF) | UInt64(cpu.pswKey) << 4
    },
    .init("SAC", "B219", .S) { cpu, raw throws(Interruption) in try cpu.setAddressSpaceControl(cpu.eaRS(raw)) },
    .init("SACF", "B279", .S) { cpu, raw throws(Interruption) in try cpu.setAddressSpaceControl(cpu.eaRS(raw)) },
    .init("TAM", "010B", .E) { cpu, raw throws(Interruption) in
        let ea = cpu.mask & PSW.extendedAddressing != 0, ba = cpu.mask & PSW.basicAddressing != 0
        cpu.cc = ea ? 3 : (ba ? 1 : 0)
    },

    // Control registers
    .init("LCTL", "B7", .RSa, .privileged, syntax: "C1,C3,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r3 = f12(raw), ea = cpu.eaRS(raw)
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try cpu.checkAccess(ea, length: (n + 1) * 4, .fetch)
        for k in 0...n {
            let v = try cpu.load32(cpu.wrap(ea &+ UInt64(k * 4)))
            let r = (r1 + k) & 15
            cpu.cr[r] = (cpu.cr[r] & 0xFFFF_FFFF_0000_0000) | UInt64(v)
        }
        cpu.controlRegistersChanged()
        throw Interruption.reevaluate
    },
    .init("LCTLG", "EB2F", .RSYa, .privileged, syntax: "C1,C3,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r3 = f12(raw), ea = cpu.eaRSY(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try cpu.checkAccess(ea, length: (n + 1) * 8, .fetch)
        for k in 0...n { cpu.cr[(r1 + k) & 15] = try cpu.load64(cpu.wrap(ea &+ UInt64(k * 8))) }
        cpu.controlRegistersChanged()
        throw Interruption.reevaluate
    },
    .init("STCTL", "B6", .RSa, .privileged, syntax: "C1,C3,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r3 = f12(raw), ea = cpu.eaRS(raw)
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try cpu.checkAccess(ea, length: (n + 1) * 4, .store)
        for k in 0...n { try cpu.store32(UInt32(truncatingIfNeeded: cpu.cr[(r1 + k) & 15]), cpu.wrap(ea &+ UInt64(k * 4))) }
    },
    .init("STCTG", "EB25", .RSYa, .privileged, syntax: "C1,C3,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r3 = f12(raw), ea = cpu.eaRSY(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try cpu.checkAccess(ea, length: (n + 1) * 8, .store)
        for k in 0...n { try cpu.store64(cpu.cr[(r1 + k) & 15], cpu.wrap(ea &+ UInt64(k * 8))) }
    },

    // Prefix and identification
    .init("SPX", "B210", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        let p = UInt64(try cpu.load32(ea)) & 0x7FFF_E000
        guard cpu.vm.memory.contains(p, length: 0x2000) else { throw Interruption.program(.addressing) }
        cpu.prefix = p
        cpu.flushTLB()
        throw Interruption.reevaluate
    },
    .init("STPX", "B211", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        try cpu.store32(UInt32(cpu.prefix), ea)
    },
    .init("STAP", "B212", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 1 != 0 { throw Interruption.program(.specification) }
        try cpu.store16(cpu.address, ea)
    },
    .init("STIDP", "B202", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        try cpu.store64(cpu.vm.model.cpuID(address: cpu.address), ea)
    },
    .init("STFL", "B2B1", .S, .privileged) { cpu, raw throws(Interruption) in
        let word = UInt32(truncatingIfNeeded: cpu.vm.model.facilities[0] >> 32)
        let abs = cpu.prefix &+ Lowcore.stfl
        cpu.vm.memory.store(word, at: abs)
        cpu.noteMonitorStore(abs, length: 4)
    },
    .init("STFLE", "B2B0", .S) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let have = cpu.vm.model.facilities.count
        let want = Int(cpu.r[0] & 0xFF) + 1
        let n = min(want, have)
        try cpu.checkAccess(ea, length: n * 8, .store)
        for k in 0..<n { try cpu.store64(cpu.vm.model.facilities[k], cpu.wrap(ea &+ UInt64(k * 8))) }
        cpu.r[0] = (cpu.r[0] & ~0xFF) | UInt64(have - 1)
        cpu.cc = want >= have ? 0 : 3
    },
    // TOD clock and timers
    .init("STCK", "B205", .S) { cpu, raw throws(Interruption) in
        try cpu.store64(cpu.guestTOD(), cpu.eaRS(raw))
        cpu.cc = 0
    },
    .init("STCKF", "B27C", .S) { cpu, raw throws(Interruption) in
        try cpu.store64(TOD.host() &+ cpu.epoch, cpu.eaRS(raw))
        cpu.cc = 0
    },
    .init("STCKE", "B278", .S) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        try cpu.checkAccess(ea, length: 16, .store)
        let t = cpu.guestTOD()
        // Epoch index 0, TOD bits 0-63, then zeros with a nonzero bit so the
        // value is unique, then the TOD programmable field.
        try cpu.store8(0, ea)
        try cpu.store64(t, cpu.wrap(ea &+ 1))
        try cpu.store32(0, cpu.wrap(ea &+ 9))
        try cpu.store8(1, cpu.wrap(ea &+ 13))
        try cpu.store16(UInt16(truncatingIfNeeded: cpu.todProgrammable), cpu.wrap(ea &+ 14))
        cpu.cc = 0
    },
    .init("SCK", "B204", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        let value = try cpu.load64(ea)
        // Setting the clock changes the epoch of every vCPU of the machine.
        let epoch = value &- TOD.host()
        for other in cpu.vm.cpus { other.epoch = epoch; other.timersChanged() }
        cpu.cc = 0
    },
    .init("SCKPF", "0107", .E, .privileged) { cpu, raw throws(Interruption) in
        if cpu.r[0] & 0xFFFF_0000 != 0 { throw Interruption.program(.specification) }
        cpu.todProgrammable = UInt32(cpu.r[0] & 0xFFFF)
    },
    .init("SCKC", "B206", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        cpu.clockComparator = try cpu.load64(ea)
        cpu.timersChanged()
        throw Interruption.reevaluate
    },
    .init("STCKC", "B207", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        try cpu.store64(cpu.clockComparator, ea)
    },
    .init("SPT", "B208", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        cpu.currentCPUTimer = Int64(bitPattern: try cpu.load64(ea))
        throw Interruption.reevaluate
    },
    .init("STPT", "B209", .S, .privileged) { cpu, raw throws(Interruption) in
        let ea = cpu.eaRS(raw)
        if ea & 7 != 0 { throw Interruption.program(.specification) }
        try cpu.store64(UInt64(bitPattern: cpu.currentCPUTimer), ea)
    },

    .init("STSI", "B27D", .S, .privileged) { cpu, raw throws(Interruption) in
        try cpu.storeSystemInformation(cpu.eaRS(raw))
    },
    .init("ECAG", "EB4C", .RSYa) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = ~0   // no cache topology information
    },
]

/// SIGNAL PROCESSOR. Sense, external call, emergency signal, conditional
/// emergency signal and sense running status between two vCPUs that are
/// both in interpretive execution complete here; every other case (state
/// orders, a target outside `sie()`, a CPU that does not exist) goes to
/// the monitor.
func signalProcessor(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    let order = UInt8(truncatingIfNeeded: cpu.reg0(f16(raw)) &+ d20(raw))
    let targetAddress = Int(cpu.r[r3] & 0xFFFF)
    let interpretable = order == SIGPOrder.sense || order == SIGPOrder.externalCall || order == SIGPOrder.emergencySignal
        || order == SIGPOrder.conditionalEmergencySignal || order == SIGPOrder.senseRunningStatus
    guard interpretable, targetAddress < 64, let target = cpu.vm.cpuByAddress[targetAddress],
          target.interpreting.load(ordering: .acquiring) else {
        try interceptToMonitor(cpu, raw)
        return
    }
    switch order {
    case SIGPOrder.sense:
        if target.externalCallPending {
            cpu.setLow(r1, SIGPStatus.externalCallPending)
            cpu.cc = 1
        } else {
            cpu.cc = 0
        }
    case SIGPOrder.externalCall:
        if target.injectExternalCall(from: cpu.address) {
            cpu.cc = 0
        } else {
            cpu.setLow(r1, SIGPStatus.externalCallPending)
            cpu.cc = 1
        }
    case SIGPOrder.senseRunningStatus:
        // A CPU asleep in an enabled wait is not running guest code (KVM
        // reports it the same way: its vCPU is not loaded while it waits).
        if target.isWaiting {
            cpu.setLow(r1, SIGPStatus.notRunning)
            cpu.cc = 1
        } else {
            cpu.cc = 0
        }
    default:
        // Emergency signal, and the conditional one: always generated.
        target.injectEmergencySignal(from: cpu.address)
        cpu.cc = 0
    }
}

/// SIGP order codes and status bits (PoP chapter 4).
public enum SIGPOrder {
    public static let sense: UInt8 = 0x01
    public static let externalCall: UInt8 = 0x02
    public static let emergencySignal: UInt8 = 0x03
    public static let start: UInt8 = 0x04
    public static let stop: UInt8 = 0x05
    public static let restart: UInt8 = 0x06
    public static let stopAndStoreStatus: UInt8 = 0x09
    public static let initialCPUReset: UInt8 = 0x0B
    public static let cpuReset: UInt8 = 0x0C
    public static let setPrefix: UInt8 = 0x0D
    public static let storeStatusAtAddress: UInt8 = 0x0E
    public static let setArchitecture: UInt8 = 0x12
    public static let conditionalEmergencySignal: UInt8 = 0x13
    public static let senseRunningStatus: UInt8 = 0x15
}

public enum SIGPStatus {
    public static let externalCallPending: UInt32 = 0x80
    public static let stopped: UInt32 = 0x40
    public static let invalidOrder: UInt32 = 0x02
    public static let invalidParameter: UInt32 = 0x100
    public static let incorrectState: UInt32 = 0x200
    public static let notRunning: UInt32 = 0x400
}

/// Instructions the monitor completes: leave `sie()` with IPA/IPB.
func interceptToMonitor(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    cpu.ipa = UInt16(truncatingIfNeeded: raw >> 32)
    cpu.ipb = UInt32(truncatingIfNeeded: raw)
    throw Interruption.intercept
}

extension VirtualCPU {
    /// SSM/STOSM/STNSM: bits 0-7 of the PSW. Reserved bits → specification.
    func setSystemMask(_ byte: UInt8) throws(Interruption) {
        if byte & 0xB8 != 0 { throw Interruption.program(.specification) }
        let newMask = (mask & ~(0xFF << 56)) | UInt64(byte) << 56
        if (newMask ^ mask) & PSW.dat != 0 { flushTLB() }
        mask = newMask
        throw Interruption.reevaluate
    }

    /// SAC/SACF: the address-space control (PSW bits 16-17) from bits 52-55
    /// of the operand address: 0 primary, 1 secondary, 3 home (2 = AR mode).
    /// Special operation whenever DAT is off or the secondary-space control
    /// (CR0 bit 37) is zero, whatever the mode named.
    func setAddressSpaceControl(_ operand: UInt64) throws(Interruption) {
        let code = (operand >> 8) & 0xF
        if mask & PSW.dat == 0 || cr[0] & ControlRegister0.secondarySpaceControl == 0 {
            throw Interruption.program(.specialOperation)
        }
        if code == 3 && problemState { throw Interruption.program(.privilegedOperation) }
        if code > 3 { throw Interruption.program(.specification) }
        let asc: UInt64 = code == 1 ? 2 : (code == 2 ? 1 : code)
        mask = (mask & ~PSW.asMask) | asc << 46
        flushTLB()
        endBlock = true
    }

    /// Control registers changed: translations and enablement may differ.
    func controlRegistersChanged() {
        flushTLB()
        timersChanged()
    }

    // MARK: Interfaces for the monitor

    /// After an instruction intercept: completes the instruction with a
    /// program interruption instead (e.g. a specification exception for a
    /// bad SCCB). The old PSW points past the instruction (suppression).
    public func injectProgramInterruption(_ code: ProgramCode) {
        deliverProgramInterruption(.program(code), instructionLength: Int((pc &- ia) & 0xF))
    }

    /// SIGP RESTART: a restart interruption at the next opportunity.
    public func injectRestart() {
        localPending.bitwiseOr(LocalInterrupt.restart, ordering: .acquiringAndReleasing)
        requestAttention()
        wake()
    }
}

extension VirtualCPU {
    /// STSI: describes the configuration as three levels: the machine
    /// (1.x.x), a logical partition (2.x.x) and this hypervisor (3.2.2).
    func storeSystemInformation(_ ea: UInt64) throws(Interruption) {
        let fc = (r[0] >> 28) & 0xF
        let sel1 = r[0] & 0xFF, sel2 = r[1] & 0xFFFF
        if r[0] & 0x0FFF_FF00 != 0 || r[1] & 0xFFFF_0000 != 0 { throw Interruption.program(.specification) }
        if fc == 0 {
            r[0] = (r[0] & ~0xF000_0000) | 3 << 28
            cc = 0
            return
        }
        let valid = (fc == 1 && sel1 == 1 && sel2 == 1) || (fc == 1 && sel1 == 2 && (sel2 == 1 || sel2 == 2))
            || (fc == 2 && sel1 == 2 && (sel2 == 1 || sel2 == 2)) || (fc == 3 && sel1 == 2 && sel2 == 2)
        guard valid else { cc = 3; return }
        if ea & 0xFFF != 0 { throw Interruption.program(.specification) }
        var block = [UInt8](repeating: 0, count: 4096)
        func put(_ text: String, _ at: Int, _ width: Int) {
            let e = EBCDICText.encode(text)
            for k in 0..<width { block[at + k] = k < e.count ? e[k] : 0x40 }
        }
        func put16(_ v: Int, _ at: Int) { block[at] = UInt8(v >> 8); block[at + 1] = UInt8(v & 0xFF) }
        func put32(_ v: UInt32, _ at: Int) { for k in 0..<4 { block[at + k] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(k))) } }
        let cpus = vm.cpus.count
        switch (fc, sel1, sel2) {
        case (1, 1, 1):
            put("IBM", 32, 16)
            put(String(vm.model.machineType, radix: 16), 48, 4)
            put("S390HOST", 64, 16)
            put("0000000000000001", 80, 16)
            put("SWFT", 96, 4)
            put("S390HOST", 100, 16)
        case (1, 2, 1), (2, 2, 1):
            put("0000000000000001", 80, 16)
            put("SWFT", 96, 4)
            put16(Int(address), 102)
        case (1, 2, 2):
            put32(0x100, 32)          // capability
            put16(cpus, 36); put16(cpus, 38)
        case (2, 2, 2):
            put16(1, 32)
            block[35] = 0x80          // dedicated
            put16(cpus, 36); put16(cpus, 38)
            put("S390HOST", 44, 8)
            put32(1000, 52)
        default:                      // 3.2.2
            block[31] = 1             // one level of virtual machine
            put16(cpus, 36); put16(cpus, 38)
            put("S390HOST", 44, 8)
            put32(1000, 52)
            // The control-program identifier "KVM/Linux" makes Linux treat
            // this as a KVM guest and prefer the VT220 console.
            put("KVM/Linux", 56, 16)
        }
        try checkAccess(ea, length: 4096, .store)
        var k = 0
        while k < 4096 {
            try store64(UInt64(block[k]) << 56 | UInt64(block[k + 1]) << 48 | UInt64(block[k + 2]) << 40 | UInt64(block[k + 3]) << 32
                        | UInt64(block[k + 4]) << 24 | UInt64(block[k + 5]) << 16 | UInt64(block[k + 6]) << 8 | UInt64(block[k + 7]), wrap(ea &+ UInt64(k)))
            k += 8
        }
        cc = 0
    }
}

/// ASCII text to EBCDIC for the few identifiers the machine reports.
enum EBCDICText {
    static func encode(_ s: String) -> [UInt8] {
        s.uppercased().utf8.map { c -> UInt8 in
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return 0xF0 + (c - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "I"): return 0xC1 + (c - UInt8(ascii: "A"))
            case UInt8(ascii: "J")...UInt8(ascii: "R"): return 0xD1 + (c - UInt8(ascii: "J"))
            case UInt8(ascii: "S")...UInt8(ascii: "Z"): return 0xE2 + (c - UInt8(ascii: "S"))
            case UInt8(ascii: "/"): return 0x61
            default: return 0x40
            }
        }
    }
}

extension ControlBlock {
    /// The condition code in the PSW (set by the monitor when it completes
    /// an intercepted instruction).
    public var conditionCode: UInt8 {
        get { cpu.cc }
        nonmutating set { cpu.cc = newValue & 3 }
    }
}
